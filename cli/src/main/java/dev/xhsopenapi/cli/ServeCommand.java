package dev.xhsopenapi.cli;

import dev.xhsopenapi.server.app.Gateway;
import dev.xhsopenapi.server.app.GatewayStartException;
import dev.xhsopenapi.server.config.ConfigLoader;
import dev.xhsopenapi.server.config.GatewayConfig;
import dev.xhsopenapi.server.ops.logging.LogSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: runs a gateway node until it is stopped. A node that cannot start (a setting that
 * cannot work, a store, Redis or port that cannot be opened) prints one line naming the cause and
 * exits with 2 (settings) or 1 (the rest) before anything is served or issued.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the gateway (the public API and the admin API).")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", description = "HTTP port (default 8080; 0 picks a free one).")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "Address to bind (default 0.0.0.0, every interface; 127.0.0.1 with --demo; or env"
              + " XHS_OPENAPI_HOST).")
  String host;

  @Option(names = "--data", description = "Folder of the embedded store (default ./data).")
  Path data;

  @Option(names = "--db", description = "JDBC URL of an external store (cluster mode).")
  String db;

  @Option(names = "--redis", description = "Redis URL of the shared state (cluster mode).")
  String redis;

  @Option(
      names = "--upstream",
      description = "The provider chain, comma-separated, e.g. sim or xhs-app,relay.")
  String upstream;

  @Option(
      names = "--admin-token",
      description = "Token of the admin API (or env XHS_OPENAPI_ADMIN_TOKEN).")
  String adminToken;

  @Option(
      names = "--demo",
      description =
          "Self-contained demo: embedded store, built-in simulator, a demo account and key.")
  boolean demo;

  @Option(names = "--config", description = "YAML configuration file.")
  Path config;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    put(flags, "port", port);
    put(flags, "host", host);
    put(flags, "data", data);
    put(flags, "db", db);
    put(flags, "redis", redis);
    put(flags, "upstream.chain", upstream);
    put(flags, "admin-token", adminToken);
    if (demo) {
      flags.put("demo", "true");
    }
    GatewayConfig settings;
    try {
      settings = ConfigLoader.load(flags, System.getenv(), config);
    } catch (IllegalArgumentException e) {
      System.err.println("xhs-openapi serve: " + e.getMessage());
      return 2;
    }
    LogSetup.apply(settings.ops().logFormat());
    Demo demoRun = settings.demo() ? new Demo() : null;
    if (demoRun != null) {
      settings = demoRun.withAdminToken(settings);
    }
    Gateway gateway;
    try {
      Clock clock = Clock.systemUTC();
      gateway = Gateway.start(settings, clock);
    } catch (IllegalArgumentException e) {
      System.err.println("xhs-openapi serve: " + e.getMessage());
      return 2;
    } catch (GatewayStartException e) {
      // The store, Redis or port: one line that names it, and nothing left running.
      System.err.println("xhs-openapi serve: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  stopped.countDown();
                },
                "shutdown"));
    if (demoRun != null) {
      demoRun.announce(gateway);
    }
    stopped.await();
    return 0;
  }

  private static void put(Map<String, String> flags, String name, Object value) {
    if (value != null) {
      flags.put(name, value.toString());
    }
  }
}
