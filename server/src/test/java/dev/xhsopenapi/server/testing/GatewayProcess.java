package dev.xhsopenapi.server.testing;

import dev.xhsopenapi.server.app.Gateway;
import dev.xhsopenapi.server.config.ConfigLoader;
import dev.xhsopenapi.server.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gateway in a process of its own, for tests that kill it: {@code GatewayProcess DATA_DIR
 * PORT_FILE SIM_LATENCY_MS [SETTING=VALUE…]}. Writes its port to PORT_FILE once it serves.
 */
public final class GatewayProcess {
  private GatewayProcess() {}

  /** Starts the gateway and serves until killed. */
  public static void main(String[] args) throws Exception {
    GatewayConfig config =
        ConfigLoader.load(
            Map.of(
                "port",
                "0",
                "data",
                args[0],
                "admin-token",
                TestGateway.ADMIN_TOKEN,
                "upstream.chain",
                "sim",
                "upstream.cache.ttl-s",
                "0",
                "upstream.sim.latency-ms",
                args[2]),
            Map.of(),
            null);
    Clock clock = Clock.systemUTC();
    Gateway gateway = Gateway.start(config, clock);
    Path tmp = Path.of(args[1] + ".tmp");
    Files.writeString(tmp, Integer.toString(gateway.port()));
    Files.move(tmp, Path.of(args[1]));
    Thread.sleep(Long.MAX_VALUE);
  }

  /**
   * Starts a gateway in a child JVM on the test classpath and waits until it serves.
   *
   * @param data the child's store folder
   * @param work where its port file and {@code child.log} go
   * @param settings extra {@code SETTING=VALUE} settings
   */
  public static Child spawn(Path data, Path work, int simLatencyMs, String... settings)
      throws IOException, InterruptedException {
    Path portFile = work.resolve("port");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GatewayProcess.class.getName(),
                data.toString(),
                portFile.toString(),
                Integer.toString(simLatencyMs)));
    command.addAll(List.of(settings));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("child.log").toFile())
            .start();
    Child child = new Child(process, portFile);
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.exists(portFile)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the child gateway died; see " + work.resolve("child.log"));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the child gateway did not start within 60 s");
        }
        Thread.sleep(50);
      }
      return child;
    } catch (RuntimeException | InterruptedException e) {
      child.close();
      throw e;
    }
  }

  /** A gateway running in a child JVM; closing it kills it with SIGKILL. */
  public static final class Child implements AutoCloseable {
    private final Process process;
    private final Path portFile;

    private Child(Process process, Path portFile) {
      this.process = process;
      this.portFile = portFile;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() throws IOException {
      return "http://127.0.0.1:" + Files.readString(portFile).strip();
    }

    /** Kills the child as {@code kill -9} does and waits for it to be gone. */
    public void kill() throws InterruptedException {
      process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
