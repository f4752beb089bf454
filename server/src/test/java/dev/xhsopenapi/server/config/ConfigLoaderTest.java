package dev.xhsopenapi.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the bind address and the body limit come from: flag > env > file > default. */
class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void host_defaultsToEveryInterface_butToLoopbackForTheDemo() {
    assertThat(load(Map.of(), Map.of(), null).host()).isEqualTo("0.0.0.0");
    assertThat(load(Map.of("demo", "true"), Map.of(), null).host()).isEqualTo("127.0.0.1");
  }

  @Test
  void host_flagBeatsEnvironment_whichBeatsTheFile_forTheDemoToo() throws IOException {
    Path file = Files.writeString(dir.resolve("c.yaml"), "host: 10.0.0.1\n");
    assertThat(load(Map.of("demo", "true"), Map.of(), file).host()).isEqualTo("10.0.0.1");
    assertThat(load(Map.of("demo", "true"), Map.of("XHS_OPENAPI_HOST", "0.0.0.0"), file).host())
        .isEqualTo("0.0.0.0");
    assertThat(
            load(
                    Map.of("demo", "true", "host", "192.168.1.5"),
                    Map.of("XHS_OPENAPI_HOST", "0.0.0.0"),
                    file)
                .host())
        .isEqualTo("192.168.1.5");
    assertThat(load(Map.of("host", "::1"), Map.of(), null).host()).isEqualTo("::1");
    assertThat(load(Map.of("host", "[::1]"), Map.of(), null).host()).isEqualTo("::1");
    assertThat(load(Map.of("host", "gateway.internal"), Map.of(), null).host())
        .isEqualTo("gateway.internal");
  }

  @Test
  void host_thatCannotBeAnAddress_isRefusedWithItsName() {
    assertThatThrownBy(() -> load(Map.of("host", "a b"), Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host must be")
        .hasMessageContaining("'a b'");
    assertThatThrownBy(() -> load(Map.of("host", "http://x/"), Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxBodyBytes_defaultsTo1MiB_andIsBounded() throws IOException {
    assertThat(load(Map.of(), Map.of(), null).maxBodyBytes()).isEqualTo(1_048_576);
    Path file = Files.writeString(dir.resolve("c.yaml"), "http:\n  max-body-bytes: 4096\n");
    assertThat(load(Map.of(), Map.of(), file).maxBodyBytes()).isEqualTo(4096);
    assertThat(
            load(Map.of(), Map.of("XHS_OPENAPI_HTTP_MAX_BODY_BYTES", "65536"), file).maxBodyBytes())
        .isEqualTo(65536);
    assertThatThrownBy(() -> load(Map.of("http.max-body-bytes", "0"), Map.of(), null))
        .hasMessageContaining("http.max-body-bytes must be from 1 to 1073741824");
    assertThatThrownBy(() -> load(Map.of("http.max-body-bytes", "1MB"), Map.of(), null))
        .hasMessageContaining("http.max-body-bytes must be a whole number");
  }

  @Test
  void webhookRetention_defaultsTo30Days_andIsBounded() {
    assertThat(load(Map.of(), Map.of(), null).watches().retention()).isEqualTo(Duration.ofDays(30));
    assertThat(
            load(Map.of(), Map.of("XHS_OPENAPI_WEBHOOKS_RETENTION_DAYS", "7"), null)
                .watches()
                .retention())
        .isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> load(Map.of("webhooks.retention-days", "0"), Map.of(), null))
        .hasMessageContaining("webhooks.retention-days must be from 1 to 3650");
    assertThatThrownBy(() -> load(Map.of("webhooks.retention-days", "3651"), Map.of(), null))
        .hasMessageContaining("webhooks.retention-days must be from 1 to 3650");
  }

  @Test
  void everySetting_isReadFromTheFile_andABadValueNamesTheSetting() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("c.yaml"),
            """
            rate-limit:
              default-per-minute: 60
            upstream:
              chain: [sim]
              xhs-app:
                user-not-found-codes: [-1, -2]
                pace-jitter: 0.5
            """);
    GatewayConfig config = load(Map.of(), Map.of(), file);
    assertThat(config.defaultRateLimit()).isEqualTo(60);
    assertThat(config.upstreamSettings().chain()).containsExactly("sim");
    assertThat(config.upstreamSettings().xhsApp().userNotFoundCodes()).containsExactly(-1, -2);
    assertThat(config.upstreamSettings().xhsApp().paceJitter()).isEqualTo(0.5);
    assertThat(
            load(Map.of(), Map.of("XHS_OPENAPI_RATE_LIMIT_DEFAULT_PER_MINUTE", "7"), file)
                .defaultRateLimit())
        .isEqualTo(7);
    assertThatThrownBy(
            () -> load(Map.of("rate-limit.default-per-minute", "1000001"), Map.of(), null))
        .hasMessage("rate-limit.default-per-minute must be from 1 to 1000000, got 1000001");
    assertThatThrownBy(() -> load(Map.of("upstream.xhs-app.pace-jitter", "x"), Map.of(), null))
        .hasMessage("upstream.xhs-app.pace-jitter must be a number from 0 to 10, got 'x'");
    assertThatThrownBy(() -> load(Map.of("demo", "maybe"), Map.of(), null))
        .hasMessage("demo must be true or false, got 'maybe'");
    assertThatThrownBy(
            () -> load(Map.of("upstream.xhs-app.user-not-found-codes", "1,a"), Map.of(), null))
        .hasMessage("upstream.xhs-app.user-not-found-codes must list whole numbers, got 'a'");
    assertThatThrownBy(() -> load(Map.of("data", " "), Map.of(), null))
        .hasMessage("data must not be empty");
    Path unknown = Files.writeString(dir.resolve("u.yaml"), "prot: 1\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of(), unknown))
        .hasMessageStartingWith("unknown setting 'prot' in " + unknown);
    assertThatThrownBy(() -> load(Map.of("prot", "1"), Map.of(), null))
        .hasMessage("unknown setting prot");
  }

  @Test
  void upstreamSettings_areBuiltFromEverySource_inTheirUnits_readyForUpstreamOpen()
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("c.yaml"),
            """
            upstream:
              chain: [relay, sim]
              budget-ms: 4000
              cache:
                ttl-s: 5
                max-mb: 2
              breaker:
                open-s: 7
              xhs-app:
                pace-ms: 1500
                cool-down:
                  captcha-s: 11
              relay:
                base-url: https://relay.example
                api-key: file-key
              sim:
                seed: 42
                dataset: sim.json
            """);
    GatewayConfig config =
        load(
            Map.of("upstream.sim.latency-ms", "3"),
            Map.of(
                "XHS_OPENAPI_UPSTREAM_RELAY_API_KEY", "env-key",
                "XHS_OPENAPI_UPSTREAM_XHS_APP_ATTEMPTS", "5"),
            file);
    UpstreamSettings u = config.upstreamSettings();
    assertThat(u.chain()).containsExactly("relay", "sim");
    assertThat(u.budget()).isEqualTo(Duration.ofSeconds(4));
    assertThat(u.breakerOpenFor()).isEqualTo(Duration.ofSeconds(7));
    assertThat(u.xhsApp().pace()).isEqualTo(Duration.ofMillis(1500));
    assertThat(u.xhsApp().attempts()).isEqualTo(5);
    assertThat(u.xhsApp().captchaCoolDown()).isEqualTo(Duration.ofSeconds(11));
    assertThat(u.xhsApp().softBlockCoolDown()).isEqualTo(Duration.ofMinutes(5));
    assertThat(u.xhsApp().sessionsFile()).isEqualTo(Path.of("sessions.json"));
    assertThat(u.relay().baseUrl()).isEqualTo("https://relay.example");
    assertThat(u.relay().apiKey()).isEqualTo("env-key");
    assertThat(u.relay().toString()).doesNotContain("env-key");
    assertThat(u.relay().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(u.sim())
        .isEqualTo(new UpstreamSettings.Sim(42, Path.of("sim.json"), Duration.ofMillis(3)));
    assertThat(config.upstream().cacheTtl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.upstream().cacheStale()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.upstream().cacheMaxBytes()).isEqualTo(2L << 20);

    UpstreamSettings defaults = load(Map.of(), Map.of(), null).upstreamSettings();
    assertThat(defaults.chain()).containsExactly("xhs-app", "relay");
    assertThat(defaults.relay().baseUrl()).isNull();
    assertThat(defaults.sim().dataset()).isNull();
    assertThat(load(Map.of("demo", "true"), Map.of(), null).upstreamSettings().chain())
        .containsExactly("sim");
  }

  @Test
  void cacheTimes_defaultToEachOperationsOwn_andAreSetPerOperation() throws IOException {
    Map<String, Duration> defaults =
        load(Map.of(), Map.of(), null).upstream().cacheTtlByOperation();
    assertThat(defaults)
        .containsEntry(Operation.NOTE_INFO.id(), Operation.NOTE_INFO.cacheTtl().orElseThrow())
        .doesNotContainKey(Operation.USER_NOTES.id());
    Path file =
        Files.writeString(
            dir.resolve("c.yaml"), "cache-ttl-s:\n  " + Operation.NOTE_INFO.id() + ": 3600\n");
    assertThat(load(Map.of(), Map.of(), file).upstream().cacheTtlByOperation())
        .containsEntry(Operation.NOTE_INFO.id(), Duration.ofHours(1));
    String env = ConfigLoader.envName("cache-ttl-s." + Operation.NOTE_INFO.id());
    assertThat(env).isEqualTo("XHS_OPENAPI_CACHE_TTL_S_XHS_GET_NOTE_INFO");
    assertThat(load(Map.of(), Map.of(env, "0"), file).upstream().cacheTtlByOperation())
        .containsEntry(Operation.NOTE_INFO.id(), Duration.ZERO);
    assertThatThrownBy(
            () -> load(Map.of("cache-ttl-s." + Operation.NOTE_INFO.id(), "86401"), Map.of(), null))
        .hasMessage("cache-ttl-s.xhs-get-note-info must be from 0 to 86400, got 86401");
    // The notes walks follow upstream.cache.ttl-s; a time of their own is no setting.
    assertThatThrownBy(
            () -> load(Map.of("cache-ttl-s." + Operation.USER_NOTES.id(), "5"), Map.of(), null))
        .hasMessage("unknown setting cache-ttl-s.xhs-get-user-notes");
  }

  @Test
  void whenSeveralUpstreamSettingsAreWrong_oneIsReported_inAFixedOrder() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "upstream.relay.timeout-ms", "0",
                        "upstream.xhs-app.attempts", "0",
                        "upstream.sim.latency-ms", "-1",
                        "upstream.breaker.open-s", "0"),
                    Map.of(),
                    null))
        .hasMessageStartingWith("upstream.breaker.open-s must be from 1 to 3600");
    assertThatThrownBy(
            () ->
                load(
                    Map.of("upstream.relay.timeout-ms", "0", "upstream.xhs-app.attempts", "0"),
                    Map.of(),
                    null))
        .hasMessageStartingWith("upstream.xhs-app.attempts must be from 1 to 20");
    assertThatThrownBy(
            () ->
                load(
                    Map.of("upstream.xhs-app.attempts", "0", "upstream.sim.latency-ms", "-1"),
                    Map.of(),
                    null))
        .hasMessageStartingWith("upstream.sim.latency-ms must be from 0 to 600000");
    assertThatThrownBy(() -> load(Map.of("upstream.budget-ms", "0"), Map.of(), null))
        .hasMessageStartingWith("upstream.budget-ms must be from 1 to 600000");
  }

  @Test
  void namedSources_areReadFromTheFile_andTheEnvironment_keysNeverPrinted() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("s.yaml"),
            """
            upstream:
              chain: [tikhub, jo-backup]
              breaker: {exhausted-open-s: 120}
              sources:
                tikhub: {kind: tikhub, base-url: "https://api.tikhub.io", api-key: k-file, cost: 0.001}
                jo-backup: {kind: justoneapi, token: t-file, timeout-ms: 9000}
            """);
    GatewayConfig config =
        load(
            Map.of(),
            Map.of(
                "XHS_OPENAPI_UPSTREAM_SOURCES_TIKHUB_API_KEY", "k-env",
                "XHS_OPENAPI_UPSTREAM_SOURCES_JO_BACKUP_COST", "0.002",
                "XHS_OPENAPI_UPSTREAM_SOURCES_SPARE_KIND", "spiderhubs"),
            file);
    UpstreamSettings upstream = config.upstreamSettings();
    assertThat(upstream.chain()).containsExactly("tikhub", "jo-backup");
    assertThat(upstream.exhaustedOpenFor()).isEqualTo(Duration.ofMinutes(2));
    assertThat(upstream.sources())
        .extracting(UpstreamSettings.Source::name)
        .containsExactly("tikhub", "jo-backup", "spare");
    UpstreamSettings.Source tikhub = upstream.sources().get(0);
    assertThat(tikhub.kind()).isEqualTo("tikhub");
    assertThat(tikhub.baseUrl()).isEqualTo("https://api.tikhub.io");
    assertThat(tikhub.key()).isEqualTo("k-env");
    assertThat(tikhub.cost()).isEqualByComparingTo("0.001");
    assertThat(tikhub.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(tikhub.toString()).doesNotContain("k-env");
    UpstreamSettings.Source backup = upstream.sources().get(1);
    assertThat(backup.key()).isEqualTo("t-file");
    assertThat(backup.cost()).isEqualByComparingTo("0.002");
    assertThat(backup.timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(upstream.sources().get(2).kind()).isEqualTo("spiderhubs");
  }

  @Test
  void aWrongSourceSetting_isRefusedWithItsName() throws IOException {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of(),
                    Files.writeString(
                        dir.resolve("a.yaml"),
                        "upstream: {sources: {t: {kind: tikhub, keyy: x}}}")))
        .hasMessageStartingWith("unknown field 'keyy' of source t; a source has kind, base-url,");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of(),
                    Files.writeString(
                        dir.resolve("b.yaml"), "upstream: {sources: {Big: {kind: tikhub}}}")))
        .hasMessageStartingWith("source name 'Big' in upstream.sources.Big.kind must be lowercase");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of(),
                    Files.writeString(
                        dir.resolve("c.yaml"), "upstream: {sources: {t: {api-key: x}}}")))
        .hasMessageStartingWith("upstream.sources.t.kind is required");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of("XHS_OPENAPI_UPSTREAM_SOURCES_T_KIND", "tikhub"),
                    Files.writeString(
                        dir.resolve("d.yaml"), "upstream: {sources: {t: {cost: -1}}}")))
        .hasMessageStartingWith(
            "upstream.sources.t.cost must be a decimal number from 0 to 1000000 (e.g. 0.001),"
                + " got '-1'");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(),
                    Map.of(
                        "XHS_OPENAPI_UPSTREAM_SOURCES_T_KIND", "justoneapi",
                        "XHS_OPENAPI_UPSTREAM_SOURCES_T_API_KEY", "a",
                        "XHS_OPENAPI_UPSTREAM_SOURCES_T_TOKEN", "b"),
                    null))
        .hasMessage("source t has both api-key and token; they are the same, give one");
  }

  private static GatewayConfig load(Map<String, String> flags, Map<String, String> env, Path file) {
    return ConfigLoader.load(flags, env, file);
  }
}
