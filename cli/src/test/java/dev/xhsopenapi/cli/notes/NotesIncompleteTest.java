package dev.xhsopenapi.cli.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.notes.ScriptedApi.Page;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that page as SpiderHubs documents but the simulator does not: {@code note_list} arrays,
 * and walks that cannot advance, which end "incomplete" (exit 6) and never "done".
 */
class NotesIncompleteTest {
  private static final String USER = "5efdeba4000000000101e7e6";

  @TempDir Path dir;
  private ScriptedApi api;
  private Path out;

  @BeforeEach
  void start() {
    api = new ScriptedApi();
    out = dir.resolve("notes.jsonl");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Cli.Result notes(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "notes",
                USER,
                "--base-url",
                api.baseUrl(),
                "--key",
                "sk_live_x",
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private List<String> ids() throws Exception {
    return Files.readAllLines(out, UTF_8).stream()
        .map(l -> Dataset.read(l).get("id").asText())
        .toList();
  }

  private JsonNode checkpoint() throws Exception {
    return Dataset.read(Files.readString(dir.resolve("notes.jsonl.checkpoint")));
  }

  private static String id(int n) {
    return String.format("%08x%016x", 0x66000000 - n, n);
  }

  @Test
  void noteListPages_areExportedLikeNotesPages() throws Exception {
    api.page("", new Page("note_list", List.of(id(1), id(2)), id(2), true))
        .page(id(2), new Page("note_list", List.of(id(3)), id(3), true))
        .page(id(3), new Page("notes", List.of(id(4)), "", false));

    Cli.Result r = notes();

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(ids()).containsExactly(id(1), id(2), id(3), id(4));
    assertThat(r.err()).contains("notes: done, 4 note(s)");
  }

  @Test
  void aRepeatedCursor_endsIncomplete_withOneLine_andResumeFinishesWithoutDuplicates()
      throws Exception {
    api.page("", new Page("notes", List.of(id(1), id(2)), id(2), true))
        .page(id(2), new Page("notes", List.of(id(3)), id(3), true))
        // The source loops back to page 2.
        .page(id(3), new Page("notes", List.of(id(2), id(4)), id(2), true));

    Cli.Result r = notes();

    assertThat(r.exit()).as(r.toString()).isEqualTo(6);
    String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last)
        .startsWith("notes: incomplete: user " + USER + ": ")
        .contains("a cursor this walk had already used")
        .contains("4 note(s) in " + out)
        .contains("run again later with --resume");
    assertThat(r.err()).doesNotContain("done");
    assertThat(ids()).containsExactly(id(1), id(2), id(3), id(4));
    assertThat(api.cursorsAsked()).containsExactly("", id(2), id(3));
    JsonNode cp = checkpoint();
    assertThat(cp.get("done").asBoolean()).isFalse();
    assertThat(cp.get("cursor").asText()).isEqualTo(id(3));

    // Later the source pages properly again.
    api.page(id(3), new Page("notes", List.of(id(4), id(5)), id(5), true))
        .page(id(5), new Page("notes", List.of(id(6)), "", false));
    Cli.Result resumed = notes("--resume");

    assertThat(resumed.exit()).as(resumed.toString()).isZero();
    assertThat(ids()).containsExactly(id(1), id(2), id(3), id(4), id(5), id(6));
    assertThat(api.cursorsAsked()).containsExactly("", id(2), id(3), id(3), id(5));
    assertThat(checkpoint().get("done").asBoolean()).isTrue();
  }

  @Test
  void moreClaimedWithoutACursor_endsIncomplete_andResumeAsksThatPageAgain_notPageOne()
      throws Exception {
    api.page("", new Page("notes", List.of(id(1)), id(1), true))
        .page(id(1), new Page("notes", List.of(id(2)), "", true));

    Cli.Result r = notes();

    assertThat(r.exit()).as(r.toString()).isEqualTo(6);
    assertThat(r.err()).contains("said more pages follow but sent no cursor").contains(USER);
    assertThat(ids()).containsExactly(id(1), id(2));
    assertThat(checkpoint().get("cursor").asText()).isEqualTo(id(1));

    api.page(id(1), new Page("notes", List.of(id(2), id(3)), "", false));
    Cli.Result resumed = notes("--resume");

    assertThat(resumed.exit()).as(resumed.toString()).isZero();
    assertThat(ids()).containsExactly(id(1), id(2), id(3));
    assertThat(api.cursorsAsked()).containsExactly("", id(1), id(1));
  }

  @Test
  void aPageBudgetEndingOnAPageWithoutCursor_keepsItsCursor_forResume() throws Exception {
    api.page("", new Page("notes", List.of(id(1)), id(1), true))
        .page(id(1), new Page("notes", List.of(id(2)), "", true));

    Cli.Result r = notes("--max-pages", "2");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).contains("stopped after 2 page(s)");
    assertThat(checkpoint().get("cursor").asText()).isEqualTo(id(1));
  }

  @Test
  void onlyEmptyPages_endIncomplete_andResumeAsksTheFirstEmptyPageAgain() throws Exception {
    api.page("", new Page("notes", List.of(id(1)), id(1), true))
        .page(id(1), new Page("notes", List.of(), id(11), true))
        .page(id(11), new Page("notes", List.of(), id(12), true))
        .page(id(12), new Page("notes", List.of(), id(13), true));

    Cli.Result r = notes();

    assertThat(r.exit()).as(r.toString()).isEqualTo(6);
    assertThat(r.err()).contains("only empty pages").contains("--resume");
    assertThat(api.cursorsAsked()).containsExactly("", id(1), id(11), id(12));
    assertThat(checkpoint().get("cursor").asText()).isEqualTo(id(1));

    api.page(id(1), new Page("notes", List.of(id(2)), "", false));
    Cli.Result resumed = notes("--resume");

    assertThat(resumed.exit()).as(resumed.toString()).isZero();
    assertThat(ids()).containsExactly(id(1), id(2));
  }

  @Test
  void toStandardOutput_anIncompleteWalkStillExits6() {
    api.page("", new Page("notes", List.of(id(1)), "", true));

    Cli.Result r = Cli.run("notes", USER, "--base-url", api.baseUrl(), "--key", "sk_live_x");

    assertThat(r.exit()).as(r.toString()).isEqualTo(6);
    assertThat(r.err()).contains("notes: incomplete: user " + USER).contains("run again later");
  }
}
