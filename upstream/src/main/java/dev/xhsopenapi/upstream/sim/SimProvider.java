package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.upstream.NotesAnswer;
import dev.xhsopenapi.upstream.NotesQuery;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code sim} provider: asks a {@link Simulator} in the same process for a page, waits out the
 * simulated latency within the call's deadline, and reads the App body as a real client would.
 */
public final class SimProvider implements UpstreamProvider {

  /** The provider's name in configuration. */
  public static final String NAME = "sim";

  private final Simulator simulator;
  private final Clock clock;

  /** Creates the provider; the clock decides whether the latency fits before the deadline. */
  public SimProvider(Simulator simulator, Clock clock) {
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public NotesAnswer userNotes(NotesQuery query, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    SimResponse response =
        simulator.userPosted(query.userId(), query.cursor(), SimProtocol.DEFAULT_PAGE_SIZE);
    Duration left = Duration.between(clock.instant(), call.deadline());
    if (response.delay().compareTo(left) > 0) {
      // Like a slow upstream, the budget is spent waiting before the call gives up.
      if (left.isPositive()) {
        Thread.sleep(left);
      }
      throw new UpstreamException(
          UpstreamException.Kind.TIMEOUT,
          NAME,
          "the simulator answers after "
              + response.delay().toMillis()
              + " ms but only "
              + Math.max(0, left.toMillis())
              + " ms were left");
    }
    if (response.delay().isPositive()) {
      Thread.sleep(response.delay());
    }
    return read(response);
  }

  private static NotesAnswer read(SimResponse response) throws UpstreamException {
    if (response.status() != 200) {
      throw unusable("HTTP " + response.status() + ": " + response.bodyText());
    }
    byte[] body = response.body();
    JsonNode root;
    try {
      root = SimJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UpstreamException(
          UpstreamException.Kind.UNUSABLE, NAME, "the simulator sent broken JSON", e);
    }
    JsonNode code = root.path("code");
    if (code.isInt() && code.intValue() == 0 && root.path("data").path("notes").isArray()) {
      return new NotesAnswer.Page(NAME, body);
    }
    if (code.isInt() && code.intValue() == SimProtocol.USER_NOT_FOUND_CODE) {
      return new NotesAnswer.UserNotFound(NAME);
    }
    throw unusable("code " + code + ": " + response.bodyText());
  }

  private static UpstreamException unusable(String what) {
    return new UpstreamException(
        UpstreamException.Kind.UNUSABLE, NAME, "the simulator answered " + what);
  }
}
