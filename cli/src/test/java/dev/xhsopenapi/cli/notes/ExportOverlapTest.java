package dev.xhsopenapi.cli.notes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xhsopenapi.cli.testing.Dataset;
import dev.xhsopenapi.sdk.RetryPolicy;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.server.testing.Eventually;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The next page is asked for while the last one is written, one page in flight at most, and the
 * checkpoint never claims records that are not durably written.
 */
@Timeout(60)
class ExportOverlapTest {
  private static final String USER = "5c6a662000000001ddf978da";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private ScriptedApi api;
  private XhsOpenApiClient client;
  private Path out;
  private CheckpointFile checkpoints;
  private HeldSink sink;
  private final AtomicBoolean stop = new AtomicBoolean();

  @BeforeEach
  void start() throws IOException {
    api = new ScriptedApi();
    // Four pages: 2 + 1 + 1 + 1 notes.
    api.page("", new ScriptedApi.Page("notes", List.of(id(1), id(2)), "c1", true))
        .page("c1", new ScriptedApi.Page("notes", List.of(id(3)), "c2", true))
        .page("c2", new ScriptedApi.Page("notes", List.of(id(4)), "c3", true))
        .page("c3", new ScriptedApi.Page("notes", List.of(id(5)), "", false));
    client =
        XhsOpenApiClient.builder()
            .baseUrl(api.baseUrl())
            .apiKey("sk_live_x")
            .retryPolicy(RetryPolicy.NONE)
            .build();
    out = dir.resolve("notes.jsonl");
    checkpoints = new CheckpointFile(out);
    sink = new HeldSink(Sink.file(out, 0));
  }

  @AfterEach
  void stopAll() throws IOException {
    sink.hold = false;
    sink.proceed.release(100);
    client.close();
    api.close();
    sink.close();
  }

  @Test
  void theNextPageIsAskedForWhileTheLastIsWritten_andNoFurther() throws Exception {
    CompletableFuture<Export.Result> run = runInBackground();

    assertThat(sink.entered.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("page 1 is being synced")
        .isTrue();
    Eventually.until("page 2 asked for", WAIT, api::cursorsAsked, c -> c.contains("c1"));
    assertThat(checkpoints.load().orElseThrow().pages())
        .as("page 1 is not claimed before it is synced")
        .isZero();
    assertThat(api.cursorsAsked()).as("one page in flight at most").containsExactly("", "c1");

    sink.proceed.release();
    assertThat(sink.entered.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("page 2 is being synced")
        .isTrue();
    Eventually.until("page 3 asked for", WAIT, api::cursorsAsked, c -> c.contains("c2"));
    Checkpoint whilePage2IsSynced = checkpoints.load().orElseThrow();
    assertThat(whilePage2IsSynced.pages()).isEqualTo(1);
    assertThat(whilePage2IsSynced.cursor()).isEqualTo("c1");
    assertThat(whilePage2IsSynced.records()).isEqualTo(2);

    sink.hold = false;
    sink.proceed.release(100);
    Export.Result result = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(result.end()).isEqualTo(Export.End.DONE);
    assertThat(ids()).containsExactly(id(1), id(2), id(3), id(4), id(5));
    Checkpoint saved = checkpoints.load().orElseThrow();
    assertThat(saved).isEqualTo(result.checkpoint());
    assertThat(saved.done()).isTrue();
    assertThat(saved.records()).isEqualTo(5);
    assertThat(saved.outBytes()).isEqualTo(Files.size(out));
    assertThat(sink.overclaims).isEmpty();
  }

  @Test
  void aFullDisk_stopsTheWalkWithItsError_andTheCheckpointClaimsOnlyWhatWasWritten()
      throws Exception {
    sink.hold = false;
    sink.failAtWrite = 2;

    assertThatThrownBy(() -> export().run(fresh()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("No space left on device");

    Checkpoint saved = checkpoints.load().orElseThrow();
    assertThat(saved.pages()).isEqualTo(1);
    assertThat(saved.records()).isEqualTo(2);
    assertThat(saved.cursor()).isEqualTo("c1");
    assertThat(saved.outBytes()).isEqualTo(Files.size(out));
    // Page 3 was asked for while page 2 was being written; nothing after the failure was.
    assertThat(api.cursorsAsked()).containsExactly("", "c1", "c2");
    assertThat(sink.overclaims).isEmpty();
  }

  @Test
  void aStopWhileAPageIsWritten_savesItAndThePageAlreadyHad() throws Exception {
    CompletableFuture<Export.Result> run = runInBackground();
    assertThat(sink.entered.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Eventually.until("page 2 asked for", WAIT, api::cursorsAsked, c -> c.contains("c1"));

    stop.set(true);
    sink.hold = false;
    sink.proceed.release(100);
    Export.Result result = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(result.end()).isEqualTo(Export.End.STOPPED);
    Checkpoint saved = checkpoints.load().orElseThrow();
    assertThat(saved).isEqualTo(result.checkpoint());
    assertThat(saved.pages()).isEqualTo(2);
    assertThat(saved.cursor()).isEqualTo("c2");
    assertThat(ids()).containsExactly(id(1), id(2), id(3));
    assertThat(api.cursorsAsked()).containsExactly("", "c1");
  }

  private CompletableFuture<Export.Result> runInBackground() throws IOException {
    Checkpoint first = fresh();
    Export export = export();
    CompletableFuture<Export.Result> run = new CompletableFuture<>();
    Thread walker =
        new Thread(
            () -> {
              try {
                run.complete(export.run(first));
              } catch (IOException | RuntimeException e) {
                run.completeExceptionally(e);
              }
            },
            "test-walk");
    walker.start();
    return run;
  }

  private Checkpoint fresh() throws IOException {
    Checkpoint first = Checkpoint.start("jsonl", null, List.of(USER), 0, "app", false);
    checkpoints.save(first);
    return first;
  }

  private Export export() {
    return new Export(
        client,
        sink,
        RecordFormat.JSONL,
        checkpoints,
        new Progress(new PrintWriter(new StringWriter()), false, System::nanoTime),
        null,
        0,
        false,
        Series.APP,
        false,
        stop::get);
  }

  private List<String> ids() throws IOException {
    return Files.readAllLines(out, UTF_8).stream()
        .map(l -> Dataset.read(l).get("id").asText())
        .toList();
  }

  private static String id(int n) {
    return String.format("%08x%016x", 0x66000000 - n, n);
  }

  /**
   * The output file, with syncs that can be held until released, an optional failing write, and a
   * check before every write that the saved checkpoint claims no more than was synced.
   */
  private final class HeldSink extends Sink {
    private final Sink file;
    final Semaphore entered = new Semaphore(0);
    final Semaphore proceed = new Semaphore(0);
    final List<String> overclaims = new CopyOnWriteArrayList<>();
    volatile boolean hold = true;
    volatile int failAtWrite;
    private int writes;
    private volatile long synced;

    HeldSink(Sink file) {
      this.file = file;
    }

    @Override
    void write(byte[] bytes) throws IOException {
      checkClaim();
      if (++writes == failAtWrite) {
        throw new IOException("No space left on device");
      }
      file.write(bytes);
    }

    @Override
    void commit() throws IOException {
      if (hold) {
        entered.release();
        proceed.acquireUninterruptibly();
      }
      file.commit();
      synced = file.length();
    }

    @Override
    long length() {
      return file.length();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }

    private void checkClaim() throws IOException {
      Checkpoint cp = checkpoints.load().orElseThrow();
      if (cp.outBytes() > synced) {
        overclaims.add(cp + " with " + synced + " bytes synced");
      }
    }
  }
}
