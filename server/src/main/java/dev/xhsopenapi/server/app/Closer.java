package dev.xhsopenapi.server.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node opened, closed in the reverse order of opening: the server stops before the executors
 * it uses, and those before the store. A part that fails to close is logged and the others are
 * still closed. Not thread-safe: the node opens and closes from one thread.
 */
final class Closer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Closer.class);

  private final Deque<Part> parts = new ArrayDeque<>();

  /** A part and the words naming it in a log line. */
  private record Part(String name, AutoCloseable closeable) {}

  /**
   * Adds {@code closeable}, to be closed before everything added earlier.
   *
   * @param name what it is, for the log line when closing it fails
   * @return {@code closeable}
   */
  <T extends AutoCloseable> T add(String name, T closeable) {
    parts.push(new Part(name, closeable));
    return closeable;
  }

  /**
   * Adds {@code part} if it is {@link AutoCloseable} (a limiter holding a connection, say).
   *
   * @return {@code part}
   */
  <T> T addIfCloseable(String name, T part) {
    if (part instanceof AutoCloseable closeable) {
      add(name, closeable);
    }
    return part;
  }

  /** Closes every part added, last first; each at most once. */
  @Override
  public void close() {
    for (Part part = parts.poll(); part != null; part = parts.poll()) {
      try {
        part.closeable().close();
      } catch (Exception e) {
        log.warn("closing the {} failed", part.name(), e);
      }
    }
  }
}
