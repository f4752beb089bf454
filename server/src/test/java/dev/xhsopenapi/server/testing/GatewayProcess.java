package dev.xhsopenapi.server.testing;

import dev.xhsopenapi.server.app.Gateway;
import dev.xhsopenapi.server.app.Providers;
import dev.xhsopenapi.server.config.ConfigLoader;
import dev.xhsopenapi.server.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
    Gateway gateway = Gateway.start(config, clock, Providers.chain(config, clock));
    Path tmp = Path.of(args[1] + ".tmp");
    Files.writeString(tmp, Integer.toString(gateway.port()));
    Files.move(tmp, Path.of(args[1]));
    Thread.sleep(Long.MAX_VALUE);
  }
}
