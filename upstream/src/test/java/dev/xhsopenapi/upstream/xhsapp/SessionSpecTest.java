package dev.xhsopenapi.upstream.xhsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static SessionSpec parse(String json) throws Exception {
    return SessionSpec.parse(JSON.readTree(json));
  }

  @Test
  void parse_bindsTheSnakeCaseKeys_andIgnoresOthers() throws Exception {
    SessionSpec spec =
        parse(
            "{\"id\":\"s1\",\"sid\":\"session.1\",\"device_id\":\"d\",\"fid\":\"f\","
                + "\"proxy\":\"http://10.0.0.1:3128\",\"common_params\":{\"versionName\":\"8.50.0\","
                + "\"build\":8500},\"note\":\"ignored\"}");
    assertThat(spec)
        .isEqualTo(
            new SessionSpec(
                "s1",
                "session.1",
                "d",
                "f",
                URI.create("http://10.0.0.1:3128"),
                Map.of("versionName", "8.50.0", "build", "8500")));
    assertThat(parse("{\"id\":\"s\",\"sid\":\"x\"}").deviceId()).isEmpty();
  }

  @Test
  void parse_refusesNamingTheKey() {
    List<List<String>> cases =
        List.of(
            List.of("{\"sid\":\"x\"}", "id is required (at $.id)"),
            List.of("{\"id\":\"s\",\"sid\":\" \"}", "sid must be a non-empty string (at $.sid)"),
            List.of("{\"id\":\"s\",\"sid\":5}", "sid must be a string (at $.sid)"),
            List.of(
                "{\"id\":\"s\",\"sid\":\"x\",\"proxy\":\"socks://h:1\"}",
                "proxy must look like http://host:port, got 'socks://h:1' (at $.proxy)"),
            List.of(
                "{\"id\":\"s\",\"sid\":\"x\",\"common_params\":[]}",
                "common_params must be a JSON object (at $.common_params)"),
            List.of("[1]", "a session must be a JSON object"));
    for (List<String> c : cases) {
      assertThatThrownBy(() -> parse(c.get(0)))
          .as(c.get(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(c.get(1));
    }
  }

  @Test
  void load_namesTheEntryThatIsWrong() throws Exception {
    Path file = dir.resolve("sessions.json");
    Files.writeString(file, "[{\"id\":\"a\",\"sid\":\"x\"},{\"id\":\"b\"}]");
    assertThatThrownBy(() -> SessionSpec.load(file, JSON))
        .hasMessage(file + " [1]: sid is required (at $.sid)");
    Files.writeString(file, "{}");
    assertThatThrownBy(() -> SessionSpec.load(file, JSON)).hasMessageContaining("JSON list");
    Files.writeString(file, "[{\"id\":\"a\",\"sid\":\"x\"}]");
    assertThat(SessionSpec.load(file, JSON)).extracting(SessionSpec::id).containsExactly("a");
  }
}
