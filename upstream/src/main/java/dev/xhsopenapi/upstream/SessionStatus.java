package dev.xhsopenapi.upstream;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One upstream session of the {@code xhs-app} provider as operators see it, without secrets.
 *
 * @param id the session's configured id
 * @param sidPrefix the first 12 characters of its {@code sid}, to recognise it
 * @param state where it stands
 * @param proxy its proxy as {@code host:port}, or null when it calls directly
 * @param calls calls it has made
 * @param successes calls that got a definitive answer (a page or "no such user")
 * @param failures failed calls by failure class ({@code captcha}, {@code soft_block}, {@code
 *     timeout}…), in a fixed order
 * @param coolDownUntil when its cool-down ends, or null when it is not cooling down
 * @param lastError the class and detail of its last failure, or null when it has not failed
 * @param lastErrorAt when it last failed, or null
 */
public record SessionStatus(
    String id,
    String sidPrefix,
    State state,
    String proxy,
    long calls,
    long successes,
    Map<String, Long> failures,
    Instant coolDownUntil,
    String lastError,
    Instant lastErrorAt) {

  /** Checks the required parts and keeps the failures' order. */
  public SessionStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sidPrefix, "sidPrefix");
    Objects.requireNonNull(state, "state");
    failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }

  /** Where a session stands. */
  public enum State {
    /** It takes calls, at its pace. */
    ACTIVE,
    /** It rests after a refusal until {@link SessionStatus#coolDownUntil()}. */
    COOLING,
    /** It is out of service for good. */
    RETIRED;

    /** The lower-case name shown in the admin API and metrics ({@code cooling}). */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
