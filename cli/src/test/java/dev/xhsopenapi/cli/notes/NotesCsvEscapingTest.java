package dev.xhsopenapi.cli.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.CsvReader;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV of titles that need quoting, served from a dataset file written here: commas, quotes, line
 * breaks, emoji, Chinese, and like counts as the App shows them.
 */
class NotesCsvEscapingTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final String NICKNAME = "Ann, \"the\" 厨师";
  private static final List<String> TITLES =
      List.of(
          "plain title",
          "red, white, and blue",
          "she said \"wow\"",
          "two\nlines",
          "windows\r\nbreak",
          "emoji 😀🎉 and 中文，标点",
          "\"quoted\", then, commas",
          "");

  @TempDir Path dir;

  @Test
  void titlesThatNeedQuoting_roundTripThroughASpreadsheetReader() throws Exception {
    Path datasetFile = dir.resolve("dataset.json");
    new ObjectMapper().writeValue(datasetFile.toFile(), dataset());
    assertThat(SimDataset.load(datasetFile).users()).hasSize(1);
    try (TestGateway gw =
        TestGateway.start(
            dir.resolve("data"), Map.of("upstream.sim.dataset", datasetFile.toString()))) {
      String key = gw.createKey(gw.createAccount("csv", 100, 300));
      Path out = dir.resolve("titles.csv");

      Cli.Result r =
          Cli.run(
              "notes",
              USER,
              "--base-url",
              gw.baseUrl(),
              "--key",
              key,
              "--format",
              "csv",
              "--out",
              out.toString());

      assertThat(r.exit()).as(r.toString()).isZero();
      byte[] bytes = Files.readAllBytes(out);
      String text = new String(bytes, 3, bytes.length - 3, UTF_8);
      assertThat(text)
          .contains("\"red, white, and blue\"")
          .contains("\"she said \"\"wow\"\"\"")
          .contains("\"two\nlines\"")
          .contains(",emoji 😀🎉 and 中文，标点,")
          .contains("\"Ann, \"\"the\"\" 厨师\"");
      List<List<String>> rows = CsvReader.read(text);
      assertThat(rows).hasSize(TITLES.size() + 1);
      for (int i = 0; i < TITLES.size(); i++) {
        List<String> row = rows.get(i + 1);
        assertThat(row).hasSize(RecordFormat.CSV_HEADER.size());
        assertThat(row.get(0)).isEqualTo(id(i));
        assertThat(row.get(2)).isEqualTo(TITLES.get(i).isEmpty() ? "fallback" : TITLES.get(i));
        assertThat(row.get(3)).isEqualTo(i == 1 ? "97000" : Integer.toString(i));
        assertThat(row.get(8)).isEqualTo(NICKNAME);
      }
    }
  }

  /** Note ids newest first, so the file order is the served order. */
  private static String id(int i) {
    return String.format("%08x%016x", 0x66000000 - i * 3600, i);
  }

  private static Map<String, Object> dataset() {
    List<Object> notes = new ArrayList<>();
    for (int i = 0; i < TITLES.size(); i++) {
      Map<String, Object> note = new LinkedHashMap<>();
      note.put("id", id(i));
      note.put("type", "normal");
      note.put("display_title", TITLES.get(i));
      if (TITLES.get(i).isEmpty()) {
        note.put("title", "fallback");
      }
      note.put("sticky", false);
      note.put("liked_count", i == 1 ? "9.7万" : i);
      note.put("user", Map.of("userid", USER, "nickname", NICKNAME));
      note.put("cover", Map.of("url_default", "http://c/" + i));
      notes.add(note);
    }
    return Map.of("users", List.of(Map.of("user_id", USER, "nickname", NICKNAME, "notes", notes)));
  }
}
