package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.upstream.AnswerRule;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.SimulatedCreators;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code sim} provider: asks a {@link Simulator} in the same process for an answer to any
 * operation of the catalogue ({@link Simulator#call}), waits out the simulated latency within the
 * call's deadline, and reads the App body as a real client would: code 0 with a body that the
 * operation's {@link Operation#rule() rule} accepts is the answer, code {@value
 * SimProtocol#USER_NOT_FOUND_CODE} (an unknown user or note) is "not found". It is for demos, so
 * every fault is reported plainly: a reset or any other body (a soft block, a refused {@code
 * xsec_token}, a broken page) is {@link UpstreamException.Kind#UNUSABLE}, a call never answered is
 * a {@link UpstreamException.Kind#TIMEOUT} at the deadline.
 */
public final class SimProvider implements UpstreamProvider {

  /** The provider's name in configuration. */
  public static final String NAME = "sim";

  private static final int SHOWN_CHARS = 500;

  private final Simulator simulator;
  private final Clock clock;

  /** Creates the provider; the clock decides whether the latency fits before the deadline. */
  public SimProvider(Simulator simulator, Clock clock) {
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The creators of this provider's simulator: {@link SimulatedCreators#post} is {@link
   * Simulator#post}, so a post shows in every answer of this provider from then on.
   */
  public SimulatedCreators creators() {
    return simulator::post;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Every operation of the catalogue. */
  @Override
  public Set<Operation> operations() {
    return Set.copyOf(Operation.all());
  }

  @Override
  public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    long asked = System.nanoTime();
    SimOutcome outcome = simulator.call(request);
    return switch (outcome) {
      case SimOutcome.ConnectionReset reset ->
          throw new UpstreamException(UpstreamException.Kind.UNUSABLE, NAME, "connection reset");
      case SimOutcome.NoAnswer silence -> {
        // Like a silent upstream, the whole budget is spent waiting.
        sleepUntil(call.deadline());
        throw new UpstreamException(
            UpstreamException.Kind.TIMEOUT,
            NAME,
            "the simulator did not answer before the deadline " + call.deadline());
      }
      case SimResponse response -> {
        waitOut(response.delay(), asked, call.deadline());
        yield read(request, response);
      }
    };
  }

  /**
   * Sleeps until the answer's delay has passed since {@code askedNanos} ({@link System#nanoTime}
   * when the call came), or until the deadline and then fails if the delay is longer. The delay is
   * the time from the call to its answer, like a remote upstream's latency: the simulator's own
   * work to make the answer is part of it, not added to it.
   */
  private void waitOut(Duration delay, long askedNanos, Instant deadline)
      throws UpstreamException, InterruptedException {
    Duration rest = delay.minusNanos(System.nanoTime() - askedNanos);
    Duration left = Duration.between(clock.instant(), deadline);
    if (rest.compareTo(left) > 0) {
      // Like a slow upstream, the budget is spent waiting before the call gives up.
      sleepUntil(deadline);
      throw new UpstreamException(
          UpstreamException.Kind.TIMEOUT,
          NAME,
          "the simulator answers after "
              + delay.toMillis()
              + " ms but only "
              + Math.max(0, left.toMillis())
              + " ms were left");
    }
    if (rest.isPositive()) {
      Thread.sleep(rest);
    }
  }

  private void sleepUntil(Instant deadline) throws InterruptedException {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isPositive()) {
      Thread.sleep(left);
    }
  }

  private static UpstreamAnswer read(UpstreamRequest request, SimResponse response)
      throws UpstreamException {
    if (response.status() != 200) {
      throw unusable("HTTP " + response.status() + ": " + shown(response.bodyText()));
    }
    byte[] body = response.body();
    JsonNode root;
    try {
      root = SimJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UpstreamException(
          UpstreamException.Kind.UNUSABLE,
          NAME,
          "the simulator sent broken JSON: " + shown(response.bodyText()),
          e);
    }
    JsonNode code = root.path("code");
    if (code.isInt() && code.intValue() == 0) {
      Optional<AnswerRule.Refusal> refusal = request.operation().rule().refusal(request, body);
      if (refusal.isEmpty()) {
        return new UpstreamAnswer.Data(NAME, body);
      }
      throw unusable(
          "code 0, which the rule of "
              + request.operation()
              + " refuses ("
              + refusal.get().reason()
              + "): "
              + shown(response.bodyText()));
    }
    if (code.isInt()
        && (code.intValue() == SimProtocol.USER_NOT_FOUND_CODE
            || code.intValue() == SimProtocol.NOTE_NOT_FOUND_CODE)) {
      return new UpstreamAnswer.NotFound(NAME);
    }
    throw unusable("code " + code + ": " + shown(response.bodyText()));
  }

  /** The body as shown in a message: whole when short, else its start, so logs stay readable. */
  private static String shown(String body) {
    return body.length() <= SHOWN_CHARS ? body : body.substring(0, SHOWN_CHARS) + "…";
  }

  private static UpstreamException unusable(String what) {
    return new UpstreamException(
        UpstreamException.Kind.UNUSABLE, NAME, "the simulator answered " + what);
  }
}
