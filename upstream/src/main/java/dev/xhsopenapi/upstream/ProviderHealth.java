package dev.xhsopenapi.upstream;

import java.util.Locale;
import java.util.Objects;

/**
 * How one provider of the chain stands, read at one moment.
 *
 * @param name the provider's name in the chain ({@code xhs-app}, {@code relay}, {@code sim}, or a
 *     provider's own name when the chain was given as providers)
 * @param kind what it is: {@code xhs-app}, {@code relay}, {@code sim}, or {@code custom} for a
 *     provider given as such
 * @param circuit the state of its circuit breaker
 * @param sessions its upstream sessions by state, or null for a provider without sessions (all but
 *     {@code xhs-app})
 */
public record ProviderHealth(String name, String kind, Circuit circuit, SessionCounts sessions) {

  /** Checks the required parts. */
  public ProviderHealth {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(circuit, "circuit");
  }

  /**
   * Whether the provider can take calls: its circuit is not open and, when it has sessions, at
   * least one is not retired.
   */
  public boolean up() {
    return circuit != Circuit.OPEN && (sessions == null || sessions.usable() > 0);
  }

  /** The states of a provider's circuit breaker. */
  public enum Circuit {
    /** Calls go through; failures are counted. */
    CLOSED,
    /** Most recent calls failed: calls are refused at once until the open time has passed. */
    OPEN,
    /** A few trial calls go through to decide whether to close or open again. */
    HALF_OPEN;

    /** The lower-case name shown in the admin API, health and metrics ({@code half_open}). */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A provider's upstream sessions by state.
   *
   * @param active sessions that take calls (at their pace)
   * @param cooling sessions resting after a refusal, back in service when it ends
   * @param retired sessions out of service for good (expired, banned)
   */
  public record SessionCounts(int active, int cooling, int retired) {

    /** Sessions that can take calls now or after their cool-down: active and cooling. */
    public int usable() {
      return active + cooling;
    }
  }
}
