package dev.xhsopenapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.app.Gateway;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.KeyStatus;
import dev.xhsopenapi.server.config.ConfigLoader;
import dev.xhsopenapi.server.config.GatewayConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --demo} over the same data, started again: the demo account is reused, the key of
 * the previous start is revoked, and the new one is issued through the audited account actions, so
 * one demo key is active at a time.
 */
class DemoTest {
  private static final Pattern KEY = Pattern.compile("API key {5}: (sk_live_\\w{32})");

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> audit = new ListAppender<>();
  private final Logger auditLogger = (Logger) LoggerFactory.getLogger("audit");
  private Level auditLevel;

  @BeforeEach
  void listen() {
    auditLevel = auditLogger.getLevel();
    auditLogger.setLevel(Level.INFO);
    audit.start();
    auditLogger.addAppender(audit);
  }

  @AfterEach
  void stopListening() {
    auditLogger.detachAppender(audit);
    auditLogger.setLevel(auditLevel);
  }

  @Test
  void eachStart_revokesThePreviousDemoKey_andLeavesExactlyOneActive() throws Exception {
    String first = start("first");
    assertThat(first).doesNotContain("was revoked");
    String firstKey = key(first);

    String second = start("second");
    String secondKey = key(second);
    assertThat(secondKey).isNotEqualTo(firstKey);
    assertThat(second)
        .contains("the previous demo key " + firstKey.substring(0, 12) + "… was revoked");

    Demo demo = new Demo();
    GatewayConfig config = demo.withAdminToken(config());
    try (Gateway gateway = Gateway.start(config, Clock.systemUTC())) {
      Account account = gateway.accounts().findByName(Demo.ACCOUNT_NAME).orElseThrow();
      assertThat(account.balance()).isEqualTo(Demo.CREDITS);
      List<ApiKey> keys = gateway.keys().listForAccount(account.accountId());
      assertThat(keys).hasSize(2);
      assertThat(keys.stream().filter(k -> k.status() == KeyStatus.ACTIVE))
          .singleElement()
          .extracting(ApiKey::prefix)
          .isEqualTo(secondKey.substring(0, 12));
      assertThat(accountStatus(gateway, firstKey)).isEqualTo(401);
      assertThat(accountStatus(gateway, secondKey)).isEqualTo(200);
    }

    // Every change went through the audited actions: one account, two keys, one revocation.
    List<String> actions =
        audit.list.stream()
            .map(
                e ->
                    e.getKeyValuePairs().stream()
                        .filter(kv -> kv.key.equals("action"))
                        .map(kv -> Objects.toString(kv.value))
                        .findFirst()
                        .orElse(""))
            .toList();
    assertThat(actions).containsExactly("account.create", "key.create", "key.revoke", "key.create");
  }

  @Test
  void theBanner_namesTheAddressTheServerListensOn() throws Exception {
    assertThat(start("loopback")).contains("serving on http://127.0.0.1:");
    assertThat(Demo.reachable("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(Demo.reachable("::")).isEqualTo("127.0.0.1");
    assertThat(Demo.reachable("::1")).isEqualTo("[::1]");
    assertThat(Demo.reachable("10.1.2.3")).isEqualTo("10.1.2.3");
  }

  /** One demo start over the shared data folder: the banner it prints. */
  private String start(String label) {
    Demo demo = new Demo();
    GatewayConfig config = demo.withAdminToken(config());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Gateway gateway = Gateway.start(config, Clock.systemUTC());
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      demo.announce(gateway, out);
    }
    String banner = printed.toString(StandardCharsets.UTF_8);
    assertThat(banner).as(label).contains("API key");
    return banner;
  }

  private GatewayConfig config() {
    return ConfigLoader.load(
        Map.of("demo", "true", "port", "0", "data", dir.resolve("data").toString()),
        Map.of(),
        null);
  }

  private static String key(String banner) {
    Matcher m = KEY.matcher(banner);
    assertThat(m.find()).as(banner).isTrue();
    return m.group(1);
  }

  private static int accountStatus(Gateway gateway, String key) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + gateway.port() + "/openapi/v1/account"))
              .header("Authorization", "Bearer " + key)
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }
}
