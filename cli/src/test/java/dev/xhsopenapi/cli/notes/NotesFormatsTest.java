package dev.xhsopenapi.cli.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.CsvReader;
import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.sdk.Note;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code notes} writes exactly the user's notes in each format. */
class NotesFormatsTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String USER = DATASET.users().get(0).userId();

  @TempDir Path dir;

  @RegisterExtension
  final GatewayExtension gw =
      GatewayExtension.builder()
          .accountName("export")
          .credits(10_000)
          .ratePerMinute(100_000)
          .build();

  private String account;
  private String key;

  @BeforeEach
  void start() {
    account = gw.accountId();
    key = gw.key();
  }

  private Cli.Result notes(Path out, String format) {
    return Cli.run(
        "notes",
        USER,
        "--base-url",
        gw.baseUrl(),
        "--key",
        key,
        "--out",
        out.toString(),
        "--format",
        format);
  }

  @Test
  void jsonl_isEachRawNoteOnALine_exactlyTheDataset_atOneCreditPerPage() throws Exception {
    Path out = dir.resolve("notes.jsonl");

    Cli.Result r = notes(out, "jsonl");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Files.readAllLines(out, UTF_8))
        .containsExactlyElementsOf(Dataset.noteLines(DATASET, USER));
    assertThat(10_000 - gw.balance(account)).isEqualTo(Dataset.pageCount(DATASET, USER));
    assertThat(r.err()).contains("notes: done, 57 note(s)");
  }

  @Test
  void json_isOneArrayOfTheRawNotes() throws Exception {
    Path out = dir.resolve("notes.json");

    Cli.Result r = notes(out, "json");

    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode array = Dataset.read(Files.readString(out, UTF_8));
    List<String> lines = new ArrayList<>();
    array.forEach(n -> lines.add(Dataset.write(n)));
    assertThat(lines).containsExactlyElementsOf(Dataset.noteLines(DATASET, USER));
  }

  @Test
  void csv_hasABomAHeaderAndOneRowPerNote_readByTheTypedView() throws Exception {
    Path out = dir.resolve("notes.csv");

    Cli.Result r = notes(out, "csv");

    assertThat(r.exit()).as(r.toString()).isZero();
    byte[] bytes = Files.readAllBytes(out);
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    List<List<String>> rows = CsvReader.read(new String(bytes, 3, bytes.length - 3, UTF_8));
    assertThat(rows.get(0)).containsExactlyElementsOf(RecordFormat.CSV_HEADER);
    List<JsonNode> expected = Dataset.notes(DATASET, USER);
    assertThat(rows).hasSize(expected.size() + 1);
    for (int i = 0; i < expected.size(); i++) {
      Note note = Note.of(expected.get(i));
      assertThat(rows.get(i + 1))
          .containsExactly(
              note.id(),
              note.type(),
              note.title(),
              Long.toString(note.likedCount().orElseThrow()),
              Boolean.toString(note.pinned()),
              note.coverUrl().orElseThrow(),
              note.createdAt().orElseThrow().toString(),
              USER,
              DATASET.users().get(0).nickname());
    }
  }

  @Test
  void stdout_getsTheRecords_whenNoOutIsGiven() {
    Cli.Result r =
        Cli.run("notes", USER, "--base-url", gw.baseUrl(), "--key", key, "--max-pages", "1");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).contains("stopped after 1 page(s)");
  }
}
