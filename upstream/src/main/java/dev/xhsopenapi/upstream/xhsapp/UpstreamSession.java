package dev.xhsopenapi.upstream.xhsapp;

import dev.xhsopenapi.upstream.SessionStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One upstream session's live state: whether it may be used, when it may next call (its pace), and
 * what it has been through. Guarded by the {@link SessionPool}'s lock.
 */
final class UpstreamSession {
  /** Where a session stands. */
  enum State {
    ACTIVE,
    COOLING,
    RETIRED
  }

  final SessionSpec spec;
  State state = State.ACTIVE;
  boolean busy;
  long nextCallAtMs;
  long coolUntilMs;
  long calls;
  long successes;
  final Map<FailureClass, Long> failures = new EnumMap<>(FailureClass.class);
  String lastError;
  long lastErrorAtMs;

  UpstreamSession(SessionSpec spec) {
    this.spec = spec;
  }

  /** Whether the session may take a call at {@code nowMs}. */
  boolean readyAt(long nowMs) {
    refresh(nowMs);
    return state == State.ACTIVE && !busy && nextCallAtMs <= nowMs;
  }

  /** Ends a cool-down that is over. */
  void refresh(long nowMs) {
    if (state == State.COOLING && coolUntilMs <= nowMs) {
      state = State.ACTIVE;
    }
  }

  /** The earliest time this session could take a call, or {@code Long.MAX_VALUE} if never. */
  long earliestCallAtMs() {
    return switch (state) {
      case RETIRED -> Long.MAX_VALUE;
      case COOLING -> Math.max(coolUntilMs, nextCallAtMs);
      case ACTIVE -> busy ? Long.MAX_VALUE : nextCallAtMs;
    };
  }

  void fail(FailureClass failure, String detail, long nowMs) {
    failures.merge(failure, 1L, Long::sum);
    lastError = failure.wire() + ": " + detail;
    lastErrorAtMs = nowMs;
  }

  /** The session as the admin API shows it (no secrets: the sid is cut to a prefix). */
  SessionStatus status() {
    Map<String, Long> byClass = new LinkedHashMap<>();
    failures.forEach((k, v) -> byClass.put(k.wire(), v));
    return new SessionStatus(
        spec.id(),
        spec.sid().substring(0, Math.min(12, spec.sid().length())),
        switch (state) {
          case ACTIVE -> SessionStatus.State.ACTIVE;
          case COOLING -> SessionStatus.State.COOLING;
          case RETIRED -> SessionStatus.State.RETIRED;
        },
        spec.proxy() == null ? null : spec.proxy().getHost() + ":" + spec.proxy().getPort(),
        calls,
        successes,
        byClass,
        state == State.COOLING ? Instant.ofEpochMilli(coolUntilMs) : null,
        lastError,
        lastError == null ? null : Instant.ofEpochMilli(lastErrorAtMs));
  }
}
