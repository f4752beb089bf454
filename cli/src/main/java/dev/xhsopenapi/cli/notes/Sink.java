package dev.xhsopenapi.cli.notes;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Where records go: a file that knows its length and can be synced, or standard output. */
abstract class Sink implements AutoCloseable {

  /** Appends bytes. */
  abstract void write(byte[] bytes) throws IOException;

  /** Makes what was written so far durable before a checkpoint claims it. */
  abstract void commit() throws IOException;

  /** Bytes in the output so far. */
  abstract long length();

  @Override
  public abstract void close() throws IOException;

  /**
   * The file, cut back to its first {@code keep} bytes (0 for a fresh one).
   *
   * @throws IOException when it cannot be opened, or is shorter than {@code keep}
   */
  static Sink file(Path path, long keep) throws IOException {
    // RandomAccessFile, not a channel: an interrupt must not close the file in mid-write.
    RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
    try {
      if (file.length() < keep) {
        throw new IOException(
            path
                + " has "
                + file.length()
                + " bytes but its checkpoint says "
                + keep
                + " were written; it was changed since, so start over without --resume");
      }
      file.setLength(keep);
      file.seek(keep);
    } catch (IOException e) {
      file.close();
      throw e;
    }
    return new FileSink(file);
  }

  /** Standard output, flushed at every commit and never closed. */
  static Sink stream(OutputStream out) {
    return new StreamSink(out);
  }

  /** A file on disk. */
  private static final class FileSink extends Sink {
    private final RandomAccessFile file;
    private long length;

    FileSink(RandomAccessFile file) throws IOException {
      this.file = file;
      this.length = file.length();
    }

    @Override
    void write(byte[] bytes) throws IOException {
      file.write(bytes);
      length += bytes.length;
    }

    @Override
    void commit() throws IOException {
      file.getFD().sync();
    }

    @Override
    long length() {
      return length;
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  /** A stream such as standard output. */
  private static final class StreamSink extends Sink {
    private final OutputStream out;
    private long length;

    StreamSink(OutputStream out) {
      this.out = out;
    }

    @Override
    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      length += bytes.length;
    }

    @Override
    void commit() throws IOException {
      out.flush();
    }

    @Override
    long length() {
      return length;
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
