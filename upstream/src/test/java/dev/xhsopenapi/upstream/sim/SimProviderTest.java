package dev.xhsopenapi.upstream.sim;

import static dev.xhsopenapi.upstream.sim.Outcomes.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.upstream.ProviderChain;
import dev.xhsopenapi.upstream.Requests;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The in-process {@code sim} provider: answers, not-found, deadlines, and faults. */
class SimProviderTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String USER = DATASET.sampleUser().orElseThrow().userId();
  private static final Clock CLOCK = Clock.systemUTC();

  private final Simulator simulator =
      new Simulator(DATASET, SimSigner.withDefaultSecret(), SimFaults.NONE, CLOCK);
  private final SimProvider provider = new SimProvider(simulator, CLOCK);

  @Test
  void userNotes_forKnownUser_answersThePageBodyVerbatim() throws Exception {
    UpstreamAnswer answer = provider.fetch(Requests.notes(USER, ""), call(Duration.ofSeconds(5)));

    assertThat(provider.name()).isEqualTo("sim");
    assertThat(answer).isInstanceOf(UpstreamAnswer.Data.class);
    assertThat(((UpstreamAnswer.Data) answer).body())
        .isEqualTo(response(simulator.userPosted(USER, "", 10)).body());
    assertThat(answer.provider()).isEqualTo("sim");
  }

  @Test
  void userNotes_withCursor_answersTheNextPage() throws Exception {
    String cursor = PageWalk.parse(response(simulator.userPosted(USER, "", 10)).body()).cursor();

    UpstreamAnswer answer =
        provider.fetch(Requests.notes(USER, cursor), call(Duration.ofSeconds(5)));

    assertThat(((UpstreamAnswer.Data) answer).body())
        .isEqualTo(response(simulator.userPosted(USER, cursor, 10)).body());
  }

  @Test
  void userNotes_forUnknownUser_answersUserNotFound() throws Exception {
    UpstreamAnswer answer =
        provider.fetch(Requests.notes("0123456789abcdef01234567", ""), call(Duration.ofSeconds(5)));

    assertThat(answer).isEqualTo(new UpstreamAnswer.NotFound("sim"));
  }

  @Test
  void userNotes_withMalformedUserId_failsAsUnusable() {
    assertThatThrownBy(() -> provider.fetch(Requests.notes("xyz", ""), call(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNUSABLE))
        .hasMessageContaining("HTTP 400");
  }

  @Test
  void userNotes_whenLatencyPassesTheDeadline_timesOutAtTheDeadline() {
    Simulator slow =
        new Simulator(DATASET, SimSigner.withDefaultSecret(), SimFaults.latencyMs(10_000), CLOCK);
    SimProvider slowProvider = new SimProvider(slow, CLOCK);

    long start = System.nanoTime();
    assertThatThrownBy(
            () -> slowProvider.fetch(Requests.notes(USER, ""), call(Duration.ofMillis(100))))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isBetween(Duration.ofMillis(50), Duration.ofSeconds(3));
  }

  @Test
  void userNotes_withLatencyWithinTheDeadline_waitsThenAnswers() throws Exception {
    SimProvider slowProvider =
        new SimProvider(
            new Simulator(DATASET, SimSigner.withDefaultSecret(), SimFaults.latencyMs(150), CLOCK),
            CLOCK);

    long start = System.nanoTime();
    UpstreamAnswer answer =
        slowProvider.fetch(Requests.notes(USER, ""), call(Duration.ofSeconds(5)));

    assertThat(answer).isInstanceOf(UpstreamAnswer.Data.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void providerChain_withSimAlone_answersThroughTheChain() throws Exception {
    ProviderChain chain = new ProviderChain(List.of(provider), CLOCK);

    UpstreamAnswer answer = chain.fetch(Requests.notes(USER, ""), call(Duration.ofSeconds(5)));

    assertThat(chain.names()).containsExactly("sim");
    assertThat(answer).isInstanceOf(UpstreamAnswer.Data.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "captcha_rate|the simulator answered HTTP 461: {\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{}}",
        "soft_block_rate|the simulator answered code 0, which the rule of xhs-get-user-notes refuses (the page's data is empty",
        "generic_error_rate|the simulator answered code -1: {\"code\":-1,\"success\":false}",
        "malformed_rate|the simulator sent broken JSON: {\"code\":0,\"success\":true,",
        "reset_rate|connection reset"
      })
  void userNotes_withAFaultAtRate1_failsAsUnusableShowingTheBody(String rate, String message) {
    SimProvider faulty = provider("{\"" + rate + "\":1}");

    assertThatThrownBy(() -> faulty.fetch(Requests.notes(USER, ""), call(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNUSABLE))
        .hasMessageStartingWith(message);
  }

  @Test
  void userNotes_withMalformedPage_showsOnlyTheStartOfTheBody() {
    SimProvider faulty = provider("{\"malformed_rate\":1}");

    assertThatThrownBy(() -> faulty.fetch(Requests.notes(USER, ""), call(Duration.ofSeconds(5))))
        .hasMessageEndingWith("…")
        .message()
        .hasSizeLessThan(600);
  }

  @Test
  void userNotes_whenTheSimulatorNeverAnswers_timesOutAtTheDeadline() {
    SimProvider silent = provider("{\"timeout_rate\":1}");

    long start = System.nanoTime();
    assertThatThrownBy(() -> silent.fetch(Requests.notes(USER, ""), call(Duration.ofMillis(300))))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT))
        .hasMessageContaining("did not answer before the deadline");

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
  }

  private static SimProvider provider(String faults) {
    return new SimProvider(
        new Simulator(DATASET, SimSigner.withDefaultSecret(), SimFaults.NONE.merge(faults), CLOCK),
        CLOCK);
  }

  private static UpstreamCall call(Duration budget) {
    return new UpstreamCall("req-1", "acct-1", Instant.now(CLOCK).plus(budget));
  }
}
