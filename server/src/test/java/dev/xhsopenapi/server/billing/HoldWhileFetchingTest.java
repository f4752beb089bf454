package dev.xhsopenapi.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.ScriptedProvider;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A miss holds its credits while the upstream is asked: whichever of the two settles first, a
 * refused hold costs nothing and is answered 402, and a failed fetch gives the hold back.
 */
class HoldWhileFetchingTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String NEXT_PAGE = "6a4f6a19000000005ce2ce14";
  private static final String THIRD_PAGE = "6a4f6a19000000005ce2ce15";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));

  @Test
  void holdRefusedWhileTheUpstreamIsAsked_is402_chargesNothing_andKeepsTheAnswer() {
    ScriptedProvider slow = ScriptedProvider.slow(Duration.ofMillis(200));
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of(), List.of(slow))) {
      String account = gw.createAccount("one", 1, 300);
      String key = gw.createKey(account);
      assertThat(gw.notes(key, USER, "").status()).isEqualTo(200);
      assertThat(gw.balance(account)).isZero();

      // The key's lookup, still cached, saw one credit: the hold and the fetch start together,
      // and the hold is refused.
      Reply refused = gw.notes(key, USER, NEXT_PAGE);
      assertThat(refused.status()).isEqualTo(402);
      assertThat(refused.json().get("error").asText()).isEqualTo("insufficient_credits");
      assertThat(gw.balance(account)).isZero();
      assertThat(slow.calls()).isEqualTo(2);
      // Its answer serves whoever pays.
      String rich = gw.createAccount("rich", 5, 300);
      Reply paid = gw.notes(gw.createKey(rich), USER, NEXT_PAGE);
      assertThat(paid.status()).isEqualTo(200);
      assertThat(paid.header("X-Cache")).isEqualTo("HIT");
      assertThat(gw.balance(rich)).isEqualTo(4);

      // Refused once, the account holds before it asks: its next miss never reaches the upstream.
      assertThat(gw.notes(key, USER, THIRD_PAGE).status()).isEqualTo(402);
      assertThat(slow.calls()).isEqualTo(2);
      assertThat(gw.balance(account)).isZero();

      // Topped up, it is served and charged for the page it had been refused.
      gw.adminOk("POST", "/admin/v1/accounts/" + account + "/credits", Map.of("amount", 3));
      Reply served = gw.notes(key, USER, THIRD_PAGE);
      assertThat(served.status()).isEqualTo(200);
      assertThat(served.header("X-Cache")).isEqualTo("MISS");
      assertThat(slow.calls()).isEqualTo(3);
      assertThat(gw.balance(account)).isEqualTo(2);
    }
  }

  @Test
  void anAccountSeenWithoutCredits_neverReachesTheUpstream() {
    ScriptedProvider slow = ScriptedProvider.slow(Duration.ZERO);
    try (TestGateway gw = TestGateway.start(dir, clock, Map.of(), List.of(slow))) {
      String key = gw.createKey(gw.createAccount("poor", 0, 300));
      assertThat(gw.notes(key, USER, "").status()).isEqualTo(402);
      assertThat(gw.notes(key, USER, NEXT_PAGE).status()).isEqualTo(402);
      assertThat(slow.calls()).isZero();
    }
  }

  @Test
  void upstreamFailure_givesTheHoldBack_everyTime() {
    for (UpstreamException.Kind kind : UpstreamException.Kind.values()) {
      ScriptedProvider failing = ScriptedProvider.failing(kind);
      try (TestGateway gw =
          TestGateway.start(dir.resolve(kind.name()), clock, Map.of(), List.of(failing))) {
        String account = gw.createAccount("a", 3, 300);
        String key = gw.createKey(account);
        for (int i = 0; i < 5; i++) {
          assertThat(gw.notes(key, USER, "").status()).as("%s", kind).isGreaterThanOrEqualTo(500);
        }
        assertThat(failing.calls()).isEqualTo(5);
        // Each hold of 1 credit (of 3) was given back: a held credit would show as missing.
        assertThat(gw.balance(account)).isEqualTo(3);
      }
    }
  }
}
