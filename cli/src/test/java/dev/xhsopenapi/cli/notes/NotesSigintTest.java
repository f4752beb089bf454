package dev.xhsopenapi.cli.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.server.testing.TestGateway;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C for real: {@code notes} in a JVM of its own gets SIGINT mid-walk, then resumes. */
class NotesSigintTest {
  private static final SimDataset DATASET = SimDataset.generate(1);

  /** 200 notes, 3 pinned: 21 pages, about 4 s at 200 ms each. */
  private static final String USER = DATASET.users().get(7).userId();

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void sigintMidWalk_exits130_andResumeWritesEveryNoteOnce_payingAtMostOnePageTwice()
      throws Exception {
    try (TestGateway gw =
        TestGateway.start(dir.resolve("data"), Map.of("upstream.sim.latency-ms", "200"))) {
      String account = gw.createAccount("ctrl-c", 1_000, 100_000);
      String key = gw.createKey(account);
      Path out = dir.resolve("notes.csv");
      Path checkpoint = dir.resolve("notes.csv.checkpoint");
      Path err = dir.resolve("stderr.txt");
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.xhsopenapi.cli.Main",
                  "notes",
                  USER,
                  "--base-url",
                  gw.baseUrl(),
                  "--key",
                  key,
                  "--format",
                  "csv",
                  "--out",
                  out.toString())
              .redirectError(err.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (NotesResumeTest.pagesIn(checkpoint) < 4 && System.nanoTime() < deadline) {
        assertThat(child.isAlive()).as("the child ended early: %s", Files.readString(err)).isTrue();
        Thread.sleep(20);
      }
      new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();

      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as(Files.readString(err)).isEqualTo(130);
      assertThat(Files.readString(err)).contains("interrupted").contains("--resume");
      long pagesBefore = NotesResumeTest.pagesIn(checkpoint);
      assertThat(pagesBefore).isBetween(4L, 20L);

      Cli.Result resumed =
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
              out.toString(),
              "--resume");

      assertThat(resumed.exit()).as(resumed.toString()).isZero();
      List<String> rows = Files.readAllLines(out, UTF_8);
      List<String> ids =
          rows.subList(1, rows.size()).stream().map(r -> r.substring(0, 24)).toList();
      assertThat(ids)
          .containsExactlyElementsOf(
              Dataset.notes(DATASET, USER).stream().map(n -> n.get("id").asText()).toList());
      int pages = Dataset.pageCount(DATASET, USER);
      assertThat(1_000 - gw.balance(account)).isBetween((long) pages, pages + 1L);
    }
  }
}
