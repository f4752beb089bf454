package dev.xhsopenapi.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CircuitBreakingProviderTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final UpstreamCall CALL =
      new UpstreamCall("r1", "acc", Instant.parse("2030-01-01T00:00:00Z"));

  /** Answers whatever body it is given, counting its calls. */
  private static final class Canned implements UpstreamProvider {
    final String name;
    Set<Operation> serves = Set.of(Operation.USER_NOTES);
    final AtomicReference<UpstreamAnswer> next = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();

    Canned(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<Operation> operations() {
      return serves;
    }

    @Override
    public UpstreamAnswer fetch(UpstreamRequest query, UpstreamCall call) {
      calls.incrementAndGet();
      return next.get();
    }

    void page(String body) {
      next.set(new UpstreamAnswer.Data(name(), body.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private final Canned canned = new Canned("canned");
  private final CircuitBreakingProvider breaker =
      new CircuitBreakingProvider(canned, Duration.ofMinutes(1));

  @Test
  void usablePages_andUserNotFound_passUntouched() throws Exception {
    canned.page("{\"code\":0,\"success\":true,\"data\":{\"notes\":[],\"has_more\":false}}");
    assertThat(breaker.fetch(Requests.notes(USER, ""), CALL)).isSameAs(canned.next.get());
    canned.next.set(new UpstreamAnswer.NotFound("canned"));
    assertThat(breaker.fetch(Requests.notes(USER, ""), CALL)).isSameAs(canned.next.get());
  }

  @Test
  void anUnusablePage_isAFailureOfThatProvider_thatOpensItsCircuit() {
    canned.page("{\"code\":0,\"success\":true,\"data\":{}}");
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> breaker.fetch(Requests.notes(USER, ""), CALL))
          .isInstanceOfSatisfying(
              UpstreamException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNUSABLE);
                assertThat(e.provider()).isEqualTo("canned");
                assertThat(e.getMessage())
                    .isEqualTo(
                        "canned answered unusable data for xhs-get-user-notes: the page's data is"
                            + " empty (data:{}), with no notes array: a soft block (answer:"
                            + " {\"code\":0,\"success\":true,\"data\":{}})");
              });
    }
    assertThat(breaker.state()).isEqualTo("OPEN");
    assertThatThrownBy(() -> breaker.fetch(Requests.notes(USER, ""), CALL))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE));
    assertThat(canned.calls.get()).isEqualTo(10);
  }

  @Test
  void theRequestedCursor_isWhatTheNextCursorIsComparedWith() throws Exception {
    String cursor = "64b0c0de0000000012345678";
    canned.page(
        "{\"code\":0,\"success\":true,\"data\":{\"notes\":[{}],\"has_more\":true,\"cursor\":\""
            + cursor
            + "\"}}");
    assertThat(breaker.fetch(Requests.notes(USER, ""), CALL)).isSameAs(canned.next.get());
    assertThatThrownBy(() -> breaker.fetch(Requests.notes(USER, cursor), CALL))
        .hasMessageContaining("the walk cannot advance");
  }

  @Test
  void aChainMovesPastAProviderWhosePageIsUnusable() throws Exception {
    canned.page("{\"code\":0,\"success\":true,\"data\":{\"has_more\":true}}");
    Canned good = new Canned("good");
    good.page("{\"code\":0,\"success\":true,\"data\":{\"note_list\":[{\"id\":\"a\"}]}}");
    ProviderChain chain =
        new ProviderChain(
            List.of(breaker, new CircuitBreakingProvider(good, Duration.ofMinutes(1))),
            Clock.fixed(Instant.parse("2029-01-01T00:00:00Z"), ZoneOffset.UTC));
    assertThat(chain.fetch(Requests.notes(USER, ""), CALL)).isSameAs(good.next.get());
    assertThat(canned.calls.get()).isEqualTo(1);

    good.page("{\"code\":0,\"success\":true,\"data\":{}}");
    assertThatThrownBy(() -> chain.fetch(Requests.notes(USER, ""), CALL))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNUSABLE));
  }

  @Test
  void aChainAsksOnlyTheProvidersThatServeTheOperation() throws Exception {
    canned.serves = Set.of();
    Canned good = new Canned("good");
    good.page("{\"code\":0,\"success\":true,\"data\":{\"notes\":[]}}");
    Clock clock = Clock.fixed(Instant.parse("2029-01-01T00:00:00Z"), ZoneOffset.UTC);
    ProviderChain chain =
        new ProviderChain(
            List.of(breaker, new CircuitBreakingProvider(good, Duration.ofMinutes(1))), clock);
    assertThat(chain.serves(Operation.USER_NOTES)).isTrue();
    assertThat(chain.fetch(Requests.notes(USER, ""), CALL)).isSameAs(good.next.get());
    assertThat(canned.calls.get()).isZero();

    ProviderChain none = new ProviderChain(List.of(breaker), clock);
    assertThat(none.serves(Operation.USER_NOTES)).isFalse();
    assertThatThrownBy(() -> none.fetch(Requests.notes(USER, ""), CALL))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
              assertThat(e.getMessage())
                  .isEqualTo("no source of the chain [canned] serves xhs-get-user-notes");
            });
    assertThat(canned.calls.get()).isZero();
  }

  @Test
  void anExhaustedSource_hasItsCircuitOpenedAtOnce_forTheLongerTime() throws Exception {
    UpstreamProvider broke =
        new UpstreamProvider() {
          @Override
          public String name() {
            return "broke";
          }

          @Override
          public Set<Operation> operations() {
            return Set.of(Operation.USER_NOTES);
          }

          @Override
          public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
              throws UpstreamException {
            throw new UpstreamException(
                UpstreamException.Kind.UNAVAILABLE,
                "out_of_credit",
                true,
                "broke",
                "balance exhausted",
                null);
          }
        };
    CircuitBreakingProvider wrapped =
        new CircuitBreakingProvider(broke, Duration.ofSeconds(30), Duration.ofMinutes(10));
    assertThatThrownBy(() -> wrapped.fetch(Requests.notes(USER, ""), CALL))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.failureClass()).isEqualTo("out_of_credit"));
    assertThat(wrapped.state()).isEqualTo("OPEN");
    assertThatThrownBy(() -> wrapped.fetch(Requests.notes(USER, ""), CALL))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.failureClass()).isEqualTo("circuit_open"));
  }
}
