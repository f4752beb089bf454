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

  private static GatewayConfig load(Map<String, String> flags, Map<String, String> env, Path file) {
    return ConfigLoader.load(flags, env, file);
  }
}
