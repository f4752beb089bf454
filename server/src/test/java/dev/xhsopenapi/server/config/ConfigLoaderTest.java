package dev.xhsopenapi.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private static GatewayConfig load(Map<String, String> flags, Map<String, String> env, Path file) {
    return ConfigLoader.load(flags, env, file);
  }
}
