package dev.xhsopenapi.upstream.sim;

import static org.assertj.core.api.Assertions.assertThat;

/** Unwraps the simulator's outcomes in tests that expect an HTTP answer. */
final class Outcomes {
  private Outcomes() {}

  /** The response of {@code outcome}, failing the test if the simulator dropped the call. */
  static SimResponse response(SimOutcome outcome) {
    assertThat(outcome).isInstanceOf(SimResponse.class);
    return (SimResponse) outcome;
  }
}
