package dev.xhsopenapi.cli.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.CsvReader;
import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.server.testing.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV cells that a spreadsheet would run as formulas are neutralised, and a note id without a time
 * gives an empty {@code created_at}; JSON records stay exactly as the API sent them.
 */
class NotesCsvFormulaTest {
  private static final String USER = "5efdeba4000000000101e7e6";
  private static final List<String> TITLES =
      List.of("=HYPERLINK(\"http://x\",\"y\")", "+cmd", "-1+1", "@user", "\tx", "2024 好物");
  private static final List<String> CELLS =
      List.of("'=HYPERLINK(\"http://x\",\"y\")", "'+cmd", "'-1+1", "'@user", "'\tx", "2024 好物");
  private static final String TIMELESS = "000000000000000000000001";

  @TempDir Path dir;

  @Test
  void formulaTitlesAndNicknames_getAQuoteInFront_andATimelessIdAnEmptyCreatedAt()
      throws Exception {
    Path datasetFile = dir.resolve("dataset.json");
    new ObjectMapper().writeValue(datasetFile.toFile(), dataset());
    try (TestGateway gw =
        TestGateway.start(
            dir.resolve("data"), Map.of("upstream.sim.dataset", datasetFile.toString()))) {
      String key = gw.createKey(gw.createAccount("formulas", 100, 300));
      Path csv = dir.resolve("titles.csv");
      Path jsonl = dir.resolve("titles.jsonl");

      Cli.Result r = export(gw, key, csv, "csv");
      Cli.Result j = export(gw, key, jsonl, "jsonl");

      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(j.exit()).as(j.toString()).isZero();
      byte[] bytes = Files.readAllBytes(csv);
      String text = new String(bytes, 3, bytes.length - 3, UTF_8);
      assertThat(text).contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",");
      List<List<String>> rows = CsvReader.read(text);
      assertThat(rows).hasSize(TITLES.size() + 2);
      for (int i = 0; i < TITLES.size(); i++) {
        List<String> row = rows.get(i + 1);
        assertThat(row.get(0)).isEqualTo(id(i));
        assertThat(row.get(2)).as("title %s", TITLES.get(i)).isEqualTo(CELLS.get(i));
        assertThat(row.get(6)).isNotEmpty().endsWith("Z");
        assertThat(row.get(8)).isEqualTo("'=nick");
      }
      List<String> timeless = rows.get(TITLES.size() + 1);
      assertThat(timeless.get(0)).isEqualTo(TIMELESS);
      assertThat(timeless.get(6)).isEmpty();
      List<String> titles =
          Files.readAllLines(jsonl, UTF_8).stream()
              .map(l -> Dataset.read(l).get("display_title").asText())
              .toList();
      assertThat(titles.subList(0, TITLES.size())).containsExactlyElementsOf(TITLES);
    }
  }

  private static Cli.Result export(TestGateway gw, String key, Path out, String format) {
    return Cli.run(
        "notes",
        USER,
        "--base-url",
        gw.baseUrl(),
        "--key",
        key,
        "--format",
        format,
        "--out",
        out.toString());
  }

  /** Note ids newest first, so the file order is the served order. */
  private static String id(int i) {
    return String.format("%08x%016x", 0x66000000 - i * 3600, i + 1);
  }

  private static Map<String, Object> dataset() {
    List<Object> notes = new ArrayList<>();
    for (int i = 0; i <= TITLES.size(); i++) {
      Map<String, Object> note = new LinkedHashMap<>();
      note.put("id", i < TITLES.size() ? id(i) : TIMELESS);
      note.put("type", "normal");
      note.put("display_title", i < TITLES.size() ? TITLES.get(i) : "no time");
      note.put("sticky", false);
      note.put("liked_count", i);
      note.put("user", Map.of("userid", USER, "nickname", "=nick"));
      notes.add(note);
    }
    return Map.of("users", List.of(Map.of("user_id", USER, "nickname", "=nick", "notes", notes)));
  }
}
