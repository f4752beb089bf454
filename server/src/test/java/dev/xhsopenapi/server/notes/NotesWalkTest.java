package dev.xhsopenapi.server.notes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.server.testing.Walk;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimNote;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walking simulator users through the public endpoint returns exactly their notes. */
class NotesWalkTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
  private final SimDataset dataset = SimDataset.generate(1);
  private TestGateway gw;
  private String account;
  private String key;

  @BeforeEach
  void start() {
    gw = TestGateway.start(dir, clock, Map.of());
    account = gw.createAccount("walker", 10_000, 100_000);
    key = gw.createKey(account);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  @Test
  void walk_ofEveryUser_returnsExactlyTheirNotes_pinnedFirst_chargingOnePerPage() {
    List<SimUser> users = dataset.users();
    assertThat(users).hasSizeGreaterThanOrEqualTo(40);
    for (SimUser user : users) {
      long before = gw.balance(account);
      Walk walk = Walk.of(gw, key, user.userId());
      assertThat(walk.ids()).as("notes of %s", user.userId()).doesNotHaveDuplicates();
      assertThat(new HashSet<>(walk.ids()))
          .isEqualTo(new HashSet<>(user.notes().stream().map(SimNote::id).toList()));
      int pinned = user.pinnedCount();
      assertThat(walk.sticky().subList(0, pinned)).allMatch(s -> s);
      assertThat(walk.sticky().subList(pinned, walk.sticky().size())).noneMatch(s -> s);
      List<String> rest = walk.ids().subList(pinned, walk.ids().size());
      assertThat(rest).isSortedAccordingTo(Comparator.reverseOrder());
      assertThat(before - gw.balance(account))
          .as("charges for %s", user.userId())
          .isEqualTo(walk.pages());
    }
  }

  @Test
  void page_passesTheUpstreamBodyThroughByteForByte() {
    SimUser user = dataset.users().get(0);
    Reply r = gw.notes(key, user.userId(), "");
    assertThat(r.status()).isEqualTo(200);
    String text = r.text();
    String head = "{\"code\":200,\"request_id\":\"" + r.header("X-Request-Id") + "\",\"data\":";
    assertThat(text).startsWith(head).endsWith("}");
    String data = text.substring(head.length(), text.length() - 1);
    assertThat(data).isEqualTo(dataset.page(user.userId(), "", 10).bodyText());
    JsonNode body = r.json().get("data");
    assertThat(body.get("code").asInt()).isZero();
    assertThat(body.get("data").get("notes")).hasSize(10);
  }

  @Test
  void secondRequest_isServedFromTheCache_andStillCharged() {
    SimUser user = dataset.users().get(0);
    long before = gw.balance(account);
    Reply first = gw.notes(key, user.userId(), "");
    Reply second = gw.notes(key, user.userId(), "");
    assertThat(first.header("X-Cache")).isEqualTo("MISS");
    assertThat(second.header("X-Cache")).isEqualTo("HIT");
    assertThat(second.json().get("data")).isEqualTo(first.json().get("data"));
    assertThat(before - gw.balance(account)).isEqualTo(2);
  }

  @Test
  void successHeaders_carryTheRateLimitState() {
    Reply r = gw.notes(key, dataset.users().get(0).userId(), "");
    assertThat(r.header("X-RateLimit-Limit")).isEqualTo("100000");
    assertThat(r.header("X-RateLimit-Remaining")).isEqualTo("99999");
    assertThat(r.header("X-RateLimit-Reset")).isEqualTo("60");
    assertThat(r.header("RateLimit-Policy")).isEqualTo("\"default\";q=100000;w=60");
    assertThat(r.header("RateLimit")).isEqualTo("\"default\";r=99999;t=60");
    assertThat(r.header("Retry-After")).isNull();
  }

  @Test
  void accountEndpoint_reportsBalanceAndTodaysUse_andIsFree() {
    SimUser user = dataset.users().get(0);
    gw.notes(key, user.userId(), "");
    gw.notes(key, "bad", "");
    Reply r = gw.get("/openapi/v1/account", "Bearer " + key);
    assertThat(r.status()).isEqualTo(200);
    JsonNode data = r.json().get("data");
    assertThat(data.get("account_id").asText()).isEqualTo(account);
    assertThat(data.get("balance").asLong()).isEqualTo(9_999);
    assertThat(data.get("rate_limit_per_minute").asInt()).isEqualTo(100_000);
    assertThat(data.get("calls_today").asLong()).isEqualTo(3);
    assertThat(data.get("charged_today").asLong()).isEqualTo(1);
    assertThat(gw.balance(account)).isEqualTo(9_999);
  }
}
