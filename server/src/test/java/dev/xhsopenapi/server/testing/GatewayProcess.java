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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway in a process of its own, for tests that kill it: {@code GatewayProcess DATA_DIR
 * PORT_FILE SIM_LATENCY_MS [SETTING=VALUE…]}. Writes its port to PORT_FILE once it serves.
 */
public final class GatewayProcess {
  private GatewayProcess() {}

  /**
   * Starts the gateway and serves until killed. Its settings are port 0, the data folder, {@link
   * TestGateway#ADMIN_TOKEN}, chain {@code sim} with the given latency and no answer cache, then
   * each {@code SETTING=VALUE} argument in order, which overrides them.
   *
   * @throws IllegalArgumentException when an extra argument is not {@code SETTING=VALUE}, or the
   *     configuration is refused
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("port", "0");
    flags.put("data", args[0]);
    flags.put("admin-token", TestGateway.ADMIN_TOKEN);
    flags.put("upstream.chain", "sim");
    flags.put("upstream.cache.ttl-s", "0");
    flags.put("upstream.sim.latency-ms", args[2]);
    for (int i = 3; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected SETTING=VALUE, got '" + args[i] + "'");
      }
      flags.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    GatewayConfig config = ConfigLoader.load(flags, Map.of(), null);
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
   * @param settings extra {@code SETTING=VALUE} settings, applied over the child's own (see {@link
   *     #main})
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

    /** The child's process id (part of its watch worker's node name). */
    public long pid() {
      return process.pid();
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
