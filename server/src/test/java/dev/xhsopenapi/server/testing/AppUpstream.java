package dev.xhsopenapi.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimServer;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.Simulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The standalone simulator over HTTP as the App API upstream, and the gateway settings that point
 * the {@code xhs-app} provider at it (its {@code /sign} as the signer).
 */
public final class AppUpstream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimDataset dataset;
  private final Simulator simulator;
  private final SimServer server;

  /** Starts a simulator of the seed-1 dataset on a free port. */
  public AppUpstream(SimDataset dataset) {
    this.dataset = dataset;
    this.simulator =
        new Simulator(dataset, SimSigner.withDefaultSecret(), SimFaults.NONE, Clock.systemUTC());
    this.server = new SimServer(simulator, 0).start();
  }

  /** The dataset served. */
  public SimDataset dataset() {
    return dataset;
  }

  /** The simulator, to set faults in-process. */
  public Simulator simulator() {
    return simulator;
  }

  /** The simulator's base URI. */
  public URI uri() {
    return server.uri();
  }

  /** The simulator's sign service. */
  public String signUrl() {
    return server.uri().resolve("/sign").toString();
  }

  /** {@code GET /_sim/stats} as JSON. */
  public JsonNode stats() throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.uri().resolve("/_sim/stats")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    return JSON.readTree(r.body());
  }

  /**
   * Gateway settings whose chain is the App client over {@code sessions} sessions ({@code s1}…,
   * sids {@code session.1}…), written to a sessions file under {@code dir}.
   */
  public Map<String, String> settings(Path dir, int sessions, int paceMs) throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 1; i <= sessions; i++) {
      json.append(i > 1 ? "," : "")
          .append("{\"id\":\"s")
          .append(i)
          .append("\",\"sid\":\"session.")
          .append(i)
          .append("\",\"device_id\":\"dev-")
          .append(i)
          .append("\",\"fid\":\"fid-")
          .append(i)
          .append("\"}");
    }
    Files.createDirectories(dir);
    Path file = dir.resolve("sessions-" + sessions + ".json");
    Files.writeString(file, json.append("]").toString());
    Map<String, String> s = new HashMap<>();
    s.put("upstream.chain", "xhs-app");
    s.put("upstream.xhs-app.base-url", server.uri().toString());
    s.put("upstream.xhs-app.signer-url", signUrl());
    s.put("upstream.xhs-app.sessions-file", file.toString());
    s.put("upstream.xhs-app.pace-ms", Integer.toString(paceMs));
    s.put("upstream.xhs-app.timeout-ms", "2000");
    s.put("upstream.xhs-app.attempts", "5");
    s.put("upstream.budget-ms", "20000");
    return s;
  }

  @Override
  public void close() {
    server.close();
  }
}
