package dev.xhsopenapi.cli.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.server.testing.GatewayExtension;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints and {@code --resume}: every note exactly once, no page paid twice but the last. */
class NotesResumeTest {
  private static final SimDataset DATASET = SimDataset.generate(1);
  private static final String USER = DATASET.users().get(0).userId();
  private static final int PAGES = Dataset.pageCount(DATASET, USER);

  @TempDir Path dir;

  @RegisterExtension
  final GatewayExtension gw =
      GatewayExtension.builder()
          .setting("upstream.sim.latency-ms", "100")
          .accountName("resume")
          .credits(1_000)
          .ratePerMinute(100_000)
          .build();

  private String account;
  private String key;
  private Path out;

  @BeforeEach
  void start() {
    account = gw.accountId();
    key = gw.key();
    out = dir.resolve("notes.jsonl");
  }

  private Cli.Result notes(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "notes", USER, "--base-url", gw.baseUrl(), "--key", key, "--out", out.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private long spent() {
    return 1_000 - gw.balance(account);
  }

  @Test
  void maxPagesThenResume_writesEveryNoteOnce_payingEachPageOnce() throws Exception {
    assertThat(notes("--max-pages", "2").exit()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(20);
    assertThat(notes("--resume", "--max-pages", "2").exit()).isZero();

    Cli.Result last = notes("--resume");

    assertThat(last.exit()).as(last.toString()).isZero();
    assertThat(last.err()).contains("resuming after 4 page(s) and 40 note(s)");
    assertThat(Files.readAllLines(out, UTF_8))
        .containsExactlyElementsOf(Dataset.noteLines(DATASET, USER));
    assertThat(spent()).isEqualTo(PAGES);
  }

  @Test
  void recordsWrittenAfterTheLastCheckpoint_areCutOffAndWrittenAgain() throws Exception {
    assertThat(notes("--max-pages", "2").exit()).isZero();
    // As if the process died after writing part of page 3 and before its checkpoint.
    Files.writeString(out, "{\"id\":\"half a rec", StandardOpenOption.APPEND);

    Cli.Result r = notes("--resume");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Files.readAllLines(out, UTF_8))
        .containsExactlyElementsOf(Dataset.noteLines(DATASET, USER));
    assertThat(spent()).isEqualTo(PAGES);
  }

  @Test
  void resume_ofACompleteExport_changesNothingAndCostsNothing() throws Exception {
    assertThat(notes().exit()).isZero();
    byte[] before = Files.readAllBytes(out);

    Cli.Result again = notes("--resume");

    assertThat(again.exit()).isZero();
    assertThat(again.err()).contains("already complete");
    assertThat(Files.readAllBytes(out)).isEqualTo(before);
    assertThat(spent()).isEqualTo(PAGES);
  }

  @Test
  void resume_withOtherArguments_isAUsageError() {
    assertThat(notes("--max-pages", "1").exit()).isZero();

    Cli.Result r = notes("--resume", "--format", "csv");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--format jsonl, not csv");
  }

  @Test
  void aSecondRunWithoutResumeOrForce_isRefusedBeforeAnyCall_andPaysNothing() throws Exception {
    assertThat(notes("--max-pages", "1").exit()).isZero();
    byte[] before = Files.readAllBytes(out);
    byte[] checkpoint = Files.readAllBytes(dir.resolve("notes.jsonl.checkpoint"));

    // Nothing listens on port 9: a run that called anything would fail with exit 5.
    Cli.Result again =
        Cli.run(
            "notes",
            USER,
            "--base-url",
            "http://127.0.0.1:9",
            "--key",
            key,
            "--out",
            out.toString());

    assertThat(again.exit()).as(again.toString()).isEqualTo(2);
    assertThat(again.err().strip().lines()).hasSize(1);
    assertThat(again.err())
        .contains(dir.resolve("notes.jsonl.checkpoint") + " exists")
        .contains("--resume to continue")
        .contains("--force to start over")
        .doesNotContain("Usage:");
    assertThat(Files.readAllBytes(out)).isEqualTo(before);
    assertThat(Files.readAllBytes(dir.resolve("notes.jsonl.checkpoint"))).isEqualTo(checkpoint);
    assertThat(spent()).isEqualTo(1);
  }

  @Test
  void aCompleteExport_isAlsoRefusedWithoutAFlag_soThatNothingIsPaidTwice() throws Exception {
    assertThat(notes().exit()).isZero();

    Cli.Result again = notes();

    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("--resume").contains("--force");
    assertThat(spent()).isEqualTo(PAGES);
  }

  @Test
  void force_startsOver_overwritingTheOutput_andPayingEveryPageAgain() throws Exception {
    assertThat(notes("--max-pages", "2").exit()).isZero();

    Cli.Result forced = notes("--force");

    assertThat(forced.exit()).as(forced.toString()).isZero();
    assertThat(forced.err()).contains("starting over");
    assertThat(Files.readAllLines(out, UTF_8))
        .containsExactlyElementsOf(Dataset.noteLines(DATASET, USER));
    assertThat(spent()).isEqualTo(2 + PAGES);
    JsonNode checkpoint = Dataset.read(Files.readString(dir.resolve("notes.jsonl.checkpoint")));
    assertThat(checkpoint.get("done").asBoolean()).isTrue();
  }

  @Test
  void creditsRunningOut_exits3_andAResumeAfterATopUpFinishes() throws Exception {
    gw.adminOk("POST", "/admin/v1/accounts/" + account + "/credits", Map.of("amount", -997));

    Cli.Result broke = notes();

    assertThat(broke.exit()).as(broke.toString()).isEqualTo(3);
    assertThat(broke.err())
        .contains("insufficient_credits")
        .contains("request_id")
        .contains("--resume");
    assertThat(Files.readAllLines(out)).hasSize(30);
    gw.adminOk("POST", "/admin/v1/accounts/" + account + "/credits", Map.of("amount", 100));

    Cli.Result resumed = notes("--resume");

    assertThat(resumed.exit()).as(resumed.toString()).isZero();
    assertThat(Files.readAllLines(out, UTF_8))
        .containsExactlyElementsOf(Dataset.noteLines(DATASET, USER));
    assertThat(gw.balance(account)).isEqualTo(100 - (PAGES - 3));
  }

  @Test
  void interruptingTheWalk_exits130_andResumeFinishesWithAtMostOnePagePaidTwice() throws Exception {
    AtomicReference<Cli.Result> first = new AtomicReference<>();
    Thread walker = Thread.ofPlatform().start(() -> first.set(notes()));
    Path checkpoint = dir.resolve("notes.jsonl.checkpoint");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (pagesIn(checkpoint) < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    walker.interrupt();
    walker.join(Duration.ofSeconds(30));

    assertThat(first.get().exit()).as(first.get().toString()).isEqualTo(130);
    assertThat(first.get().err()).contains("interrupted");
    Cli.Result resumed = notes("--resume");
    assertThat(resumed.exit()).as(resumed.toString()).isZero();
    assertThat(Files.readAllLines(out, UTF_8))
        .containsExactlyElementsOf(Dataset.noteLines(DATASET, USER));
    assertThat(spent()).isBetween((long) PAGES, PAGES + 1L);
  }

  /** The pages a checkpoint file records, 0 while there is none. */
  static long pagesIn(Path checkpoint) {
    try {
      return Dataset.read(Files.readString(checkpoint)).path("pages").asLong();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }
}
