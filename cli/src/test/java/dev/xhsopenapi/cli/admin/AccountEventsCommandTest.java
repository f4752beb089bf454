package dev.xhsopenapi.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.server.testing.WatchClient;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code admin account events} against a real gateway: the table, --json, paging, refusals. */
class AccountEventsCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  final GatewayExtension gw =
      GatewayExtension.builder()
          .withoutAccount()
          .settings(WatchClient.quickSettings(Map.of()))
          .build();

  private Cli.Result admin(String... args) {
    List<String> all = new ArrayList<>(List.of("admin"));
    all.addAll(List.of(args));
    all.addAll(List.of("--base-url", gw.baseUrl(), "--admin-token", gw.adminToken()));
    return Cli.run(all.toArray(String[]::new));
  }

  private JsonNode json(String... args) {
    Cli.Result r = admin(args);
    assertThat(r.exit()).as(r.toString()).isZero();
    return Dataset.read(r.out());
  }

  @Test
  void events_listTheDeliveries_asATable_orTheServersJson() {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(500);
      String account = gw.createAccount("low", 5, 300);
      gw.adminOk(
          "PATCH",
          "/admin/v1/accounts/" + account,
          Map.of("low_balance_threshold", 3, "webhook_url", receiver.url("/hook")));
      String key = gw.createKey(account);
      for (int i = 0; i < 3; i++) {
        assertThat(gw.gateway().notes(key, gw.sampleUser().userId(), "").status()).isEqualTo(200);
      }
      JsonNode page =
          Eventually.until(
              "the delivered attempt recorded",
              WAIT,
              () -> json("account", "events", account, "--json"),
              p -> p.at("/events/0/delivery/status").asText().equals("delivered"));
      String eventId = page.at("/events/0/event_id").asText();
      assertThat(page.at("/events/0/delivery/history"))
          .extracting(a -> a.get("http_status").asInt())
          .containsExactly(500, 200);
      assertThat(page.get("next").isNull()).isTrue();

      Cli.Result table = admin("account", "events", account);
      assertThat(table.exit()).as(table.toString()).isZero();
      assertThat(table.out())
          .containsPattern("(?m)^EVENT_ID +TYPE +CREATED_AT +STATUS +ATTEMPTS +LAST$")
          .containsPattern(
              "(?m)^"
                  + eventId
                  + " +account\\.low_balance +\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z +delivered +2 +HTTP"
                  + " 200$")
          .doesNotContain("more may follow");

      // A full page says where the next one starts; after the last event there is none yet.
      Cli.Result one = admin("account", "events", account, "--limit", "1");
      assertThat(one.exit()).as(one.toString()).isZero();
      assertThat(one.out()).contains("continue with --after " + eventId);
      Cli.Result rest = admin("account", "events", account, "--after", eventId);
      assertThat(rest.exit()).as(rest.toString()).isZero();
      assertThat(rest.out()).isEqualTo("no events" + System.lineSeparator());
    }
  }

  @Test
  void events_refusals_sayWhyAndExitNonZero() {
    String account = gw.createAccount("quiet", 0, 300);
    Cli.Result none = admin("account", "events", account);
    assertThat(none.exit()).as(none.toString()).isZero();
    assertThat(none.out()).contains("no events");

    Cli.Result tooMany = admin("account", "events", account, "--limit", "101");
    assertThat(tooMany.exit()).isEqualTo(2);
    assertThat(tooMany.err())
        .contains("limit must be a whole number from 1 to 100, got '101'")
        .containsPattern("request_id [0-9a-f-]{36}");

    Cli.Result badAfter = admin("account", "events", account, "--after", "evt_nothing");
    assertThat(badAfter.exit()).isEqualTo(2);
    assertThat(badAfter.err()).contains("after must be the id of an event of account " + account);

    Cli.Result missing = admin("account", "events", "acc_nobody");
    assertThat(missing.exit()).isEqualTo(4);
    assertThat(missing.err()).contains("there is no account acc_nobody");
  }
}
