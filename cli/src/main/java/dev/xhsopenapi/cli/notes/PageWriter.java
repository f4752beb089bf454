package dev.xhsopenapi.cli.notes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes an export's records and the checkpoint that claims them on a thread of its own, so that
 * the next page is asked for while the last one is made durable.
 *
 * <p>One hand-over at a time: {@link #submit} first waits until the previous one is done, so at
 * most one page is in flight and the order on disk stays the sequential one: each hand-over's bytes
 * are written and synced, then its checkpoint is saved, before the next hand-over's bytes are
 * written. A checkpoint therefore never claims records that are not durably in the output, whenever
 * the process dies.
 *
 * <p>Used by one thread (the walk); the writing thread is never interrupted, so a Ctrl-C that
 * interrupts the walk does not cut a write or a checkpoint short.
 */
final class PageWriter implements AutoCloseable {
  private final Sink sink;
  private final CheckpointFile checkpoints;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread t = new Thread(task, "notes-writer");
            // Never keeps the JVM alive: every path out of an export waits for it first.
            t.setDaemon(true);
            return t;
          });
  private Future<?> pending;
  private long length;

  /**
   * A writer appending to {@code sink}.
   *
   * @param checkpoints where each hand-over's checkpoint is saved, or null when there is none
   *     (standard output)
   */
  PageWriter(Sink sink, CheckpointFile checkpoints) {
    this.sink = sink;
    this.checkpoints = checkpoints;
    this.length = sink.length();
  }

  /**
   * The output's length in bytes once everything handed over is written: the length a checkpoint
   * handed over next, with no bytes of its own, claims.
   */
  long length() {
    return length;
  }

  /**
   * Waits until the previous hand-over is durable, then starts writing {@code bytes} (possibly
   * none), syncing them, and saving {@code checkpoint}, and returns without waiting for that.
   *
   * @param checkpoint the state once {@code bytes} are written: its {@code outBytes} must be {@link
   *     #length()} plus {@code bytes.length}
   * @throws IOException when the previous hand-over could not be written or saved (a full disk);
   *     nothing more is written then
   */
  void submit(byte[] bytes, Checkpoint checkpoint) throws IOException {
    await();
    length += bytes.length;
    pending =
        thread.submit(
            () -> {
              try {
                if (bytes.length > 0) {
                  sink.write(bytes);
                  sink.commit();
                }
                if (checkpoints != null) {
                  checkpoints.save(checkpoint);
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /**
   * Waits until everything handed over is durable. Not cut short by an interrupt, which is kept for
   * the caller to see.
   *
   * @throws IOException when the last hand-over could not be written or saved
   */
  void await() throws IOException {
    Future<?> last = pending;
    if (last == null) {
      return;
    }
    pending = null;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          last.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw rethrown(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits until everything handed over is durable, then ends the writing thread.
   *
   * @throws IOException when the last hand-over could not be written or saved
   */
  @Override
  public void close() throws IOException {
    try {
      await();
    } finally {
      thread.shutdown();
    }
  }

  private static IOException rethrown(Throwable cause) {
    if (cause instanceof UncheckedIOException e) {
      return e.getCause();
    }
    if (cause instanceof RuntimeException e) {
      throw e;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new IOException(cause);
  }
}
