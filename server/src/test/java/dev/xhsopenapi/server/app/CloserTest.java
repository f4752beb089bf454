package dev.xhsopenapi.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node closes what it opened last first, goes on past a part that fails, and only once. */
class CloserTest {
  private final List<String> closed = new ArrayList<>();

  @Test
  void closesInReverseOrder_pastAFailure_once() {
    Closer closer = new Closer();
    closer.add("store", () -> closed.add("store"));
    closer.add(
        "limiter",
        () -> {
          closed.add("limiter");
          throw new IllegalStateException("connection already gone");
        });
    closer.add("server", () -> closed.add("server"));
    closer.close();
    closer.close();
    assertThat(closed).containsExactly("server", "limiter", "store");
  }

  @Test
  void addsOnlyWhatCanBeClosed() {
    Closer closer = new Closer();
    Object plain = new Object();
    assertThat(closer.addIfCloseable("plain", plain)).isSameAs(plain);
    AutoCloseable closeable = () -> closed.add("closeable");
    assertThat(closer.addIfCloseable("closeable", closeable)).isSameAs(closeable);
    closer.close();
    assertThat(closed).containsExactly("closeable");
  }
}
