package dev.xhsopenapi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Passing an upstream page through: the byte copy the gateway does, against parsing and
 * re-serialising it (what binding the page to classes would cost, and would lose fields).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EnvelopeBenchmarks {
  private final ObjectMapper json = new ObjectMapper();
  private byte[] page;
  private final byte[] head =
      "{\"code\":200,\"request_id\":\"757a860e-893b-42e5-9651-11b6f06f58cf\",\"data\":"
          .getBytes(StandardCharsets.US_ASCII);

  /** Takes page 1 of the sample user. */
  @Setup
  public void setUp() {
    SimDataset dataset = SimDataset.generate(1);
    page = dataset.page(dataset.users().get(0).userId(), "", 10).body();
  }

  /** The gateway's way: copy the bytes between a prefix and a closing brace. */
  @Benchmark
  public byte[] passThrough() {
    byte[] out = new byte[head.length + page.length + 1];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(page, 0, out, head.length, page.length);
    out[out.length - 1] = '}';
    return out;
  }

  /** The naive way: parse to a tree and write it again. */
  @Benchmark
  public byte[] parseAndWrite() throws IOException {
    JsonNode tree = json.readTree(page);
    return json.writeValueAsBytes(tree);
  }
}
