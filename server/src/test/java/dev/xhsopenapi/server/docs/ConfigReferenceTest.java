package dev.xhsopenapi.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/CONFIG.md} documents exactly the settings the server reads, each with its environment
 * variable and default, so the reference cannot drift from {@code ConfigLoader}.
 */
class ConfigReferenceTest {
  /** {@code | `name` | flag | `ENV` | default | meaning |}. */
  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z0-9.-]+)` \\|([^|]*)\\| `([A-Z0-9_]+)` \\|([^|]*)\\|(.*)\\|$");

  @Test
  void reference_documentsEverySetting_withItsEnvironmentNameAndDefault() throws IOException {
    Map<String, Row> rows = rows();
    List<String> problems = new ArrayList<>();
    ConfigLoader.settings()
        .forEach(
            (name, defaultValue) -> {
              Row row = rows.get(name);
              if (row == null) {
                problems.add(name + " is not in docs/CONFIG.md");
                return;
              }
              if (!row.env().equals(ConfigLoader.envName(name))) {
                problems.add(
                    name + ": environment " + row.env() + ", not " + ConfigLoader.envName(name));
              }
              String expected = defaultValue == null ? "none" : "`" + defaultValue + "`";
              if (!row.defaultValue().startsWith(expected)) {
                problems.add(name + ": default '" + row.defaultValue() + "', not " + expected);
              }
              if (row.meaning().isBlank()) {
                problems.add(name + " has no meaning written down");
              }
            });
    rows.keySet().stream()
        .filter(name -> !ConfigLoader.settings().containsKey(name))
        .forEach(name -> problems.add(name + " is documented but the server has no such setting"));
    assertThat(problems).isEmpty();
  }

  private static Map<String, Row> rows() throws IOException {
    // Tests run in the module's folder; the reference sits in the repository's docs/.
    Path doc = Path.of("..", "docs", "CONFIG.md");
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(doc)) {
      Matcher m = ROW.matcher(line.strip());
      if (m.matches()) {
        rows.put(m.group(1), new Row(m.group(3), m.group(4).strip(), m.group(5).strip()));
      }
    }
    return rows;
  }

  /** One setting's row of the reference. */
  private record Row(String env, String defaultValue, String meaning) {}
}
