package dev.xhsopenapi.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.server.testing.TestGateway.Reply;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gateway A relays to gateway B, which serves the simulator. */
class RelayChainTest {
  @TempDir Path dir;

  @Test
  void relayedPages_areByteIdentical_andErrorsMap() {
    SimDataset dataset = SimDataset.generate(1);
    String user = dataset.users().get(0).userId();
    try (TestGateway b = TestGateway.start(dir.resolve("b"), Clock.systemUTC(), Map.of())) {
      String bAccount = b.createAccount("relay-customer", 1000, 100_000);
      String bKey = b.createKey(bAccount);
      try (TestGateway a =
          TestGateway.start(
              dir.resolve("a"),
              Clock.systemUTC(),
              Map.of(
                  "upstream.chain",
                  "relay",
                  "upstream.relay.base-url",
                  b.baseUrl(),
                  "upstream.relay.api-key",
                  bKey))) {
        String aAccount = a.createAccount("end-customer", 100, 300);
        String aKey = a.createKey(aAccount);
        String cursor = "";
        for (int page = 0; page < 3; page++) {
          Reply viaA = a.notes(aKey, user, cursor);
          Reply direct = b.notes(bKey, user, cursor);
          assertThat(viaA.status()).isEqualTo(200);
          assertThat(data(viaA)).isEqualTo(data(direct));
          cursor = direct.json().get("data").get("data").get("cursor").asText();
        }
        assertThat(a.balance(aAccount)).isEqualTo(97);
        assertThat(b.balance(bAccount)).isEqualTo(1000 - 6);

        Reply missing = a.notes(aKey, "0".repeat(24), "");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("user_not_found");

        b.admin("PATCH", "/admin/v1/accounts/" + bAccount, Map.of("status", "suspended"));
        Reply refused = a.notes(aKey, dataset.users().get(3).userId(), "");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(a.balance(aAccount)).isEqualTo(97);
      }
    }
  }

  /** The {@code data} value of an envelope, as raw text. */
  private static String data(Reply r) {
    String text = r.text();
    int start = text.indexOf("\"data\":") + "\"data\":".length();
    return text.substring(start, text.length() - 1);
  }
}
