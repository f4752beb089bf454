package dev.xhsopenapi.upstream.xhsapp;

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
  Map<String, Object> view() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", spec.id());
    out.put("sid_prefix", spec.sid().substring(0, Math.min(12, spec.sid().length())));
    out.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
    out.put(
        "proxy",
        spec.proxy() == null ? null : spec.proxy().getHost() + ":" + spec.proxy().getPort());
    out.put("calls", calls);
    out.put("successes", successes);
    Map<String, Long> byClass = new LinkedHashMap<>();
    failures.forEach((k, v) -> byClass.put(k.wire(), v));
    out.put("failures", byClass);
    out.put(
        "cool_down_until",
        state == State.COOLING ? Instant.ofEpochMilli(coolUntilMs).toString() : null);
    out.put("last_error", lastError);
    out.put(
        "last_error_at", lastError == null ? null : Instant.ofEpochMilli(lastErrorAtMs).toString());
    return out;
  }
}
