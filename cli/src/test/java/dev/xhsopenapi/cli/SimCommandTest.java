package dev.xhsopenapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.cli.testing.Cli;
import dev.xhsopenapi.upstream.sim.SimDataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code sim --flavor/--api-key}, the vendor fault flags and {@code --post-every}: what is refused,
 * what is served.
 */
class SimCommandTest {
  private static final String KEY = "sk_live_cli_flavour_key_987654321";
  private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+) ");

  @Test
  void vendorFlavour_withoutApiKey_isAUsageError() {
    Cli.Result r = Cli.run("sim", "--flavor", "tikhub", "--port", "0");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--api-key KEY is required with --flavor tikhub");
  }

  @Test
  void unknownFlavour_isAUsageErrorNamingTheFlavours() {
    Cli.Result r = Cli.run("sim", "--flavor", "xhs", "--api-key", KEY);

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("app, spiderhubs, tikhub, justoneapi, got 'xhs'");
    assertThat(r.err()).doesNotContain(KEY);
  }

  @Test
  void appFlavour_withAnApiKey_isAUsageError_thatDoesNotShowTheKey() {
    Cli.Result r = Cli.run("sim", "--api-key", KEY, "--list-users");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--api-key is for the vendor flavours");
    assertThat(r.err()).doesNotContain(KEY);
  }

  @Test
  void badJustOneApiHttpStatus_isAUsageError() {
    Cli.Result r =
        Cli.run(
            "sim",
            "--flavor",
            "justoneapi",
            "--api-key",
            KEY,
            "--justoneapi-http-status",
            "sometimes");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("justoneapi_http_status must be always_200 or mapped");
  }

  @Test
  void help_documentsTheFlavourFlags() {
    Cli.Result r = Cli.run("sim", "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("--flavor", "--api-key", "--out-of-credit", "--justoneapi-http-status");
  }

  @Test
  void justOneApiFlavour_servesWithTheKey_printsOnlyItsHint_andHonoursTheFaultFlags()
      throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread sim =
        new Thread(
            () ->
                exit.set(
                    cmd.execute(
                        "sim",
                        "--port",
                        "0",
                        "--flavor",
                        "justoneapi",
                        "--api-key",
                        KEY,
                        "--out-of-credit",
                        "--justoneapi-http-status",
                        "mapped")),
            "sim-under-test");
    sim.start();
    try {
      int port = port(out);
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      String user = "5efdeba4000000000101e7e6";

      HttpResponse<String> broke =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          base
                              + "/api/xiaohongshu/get-user-note-list/v4?token="
                              + KEY
                              + "&userId="
                              + user))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> badToken =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          base + "/api/xiaohongshu/get-user-note-list/v4?token=x&userId=" + user))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode faults =
          new ObjectMapper()
              .readTree(
                  http.send(
                          HttpRequest.newBuilder(URI.create(base + "/_sim/faults")).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body());

      assertThat(out.toString())
          .contains("xhs-openapi sim as justoneapi (API key sk_l…) listening on")
          .doesNotContain(KEY.substring(4));
      assertThat(new ObjectMapper().readTree(broke.body()).path("code").asInt()).isEqualTo(601);
      assertThat(badToken.statusCode()).isEqualTo(401);
      assertThat(faults.path("out_of_credit").asBoolean()).isTrue();
      assertThat(faults.path("justoneapi_http_status").asText()).isEqualTo("mapped");
    } finally {
      sim.interrupt();
      sim.join(30_000);
    }
    assertThat(sim.isAlive()).isFalse();
    assertThat(exit.get()).as(err.toString()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "0.0001", "NaN", "Infinity", "31536001"})
  void postEvery_outsideItsRange_isAUsageError(String seconds) {
    Cli.Result r = Cli.run("sim", "--port", "0", "--post-every", seconds);

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--post-every must be a number of seconds from 0.001 to 31536000");
  }

  @Test
  void postEvery_notANumber_isAUsageError() {
    Cli.Result r = Cli.run("sim", "--port", "0", "--post-every", "often");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--post-every").contains("often");
  }

  @Test
  void postEvery_makesUsersPost_untilTheSimulatorStops() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread sim =
        new Thread(
            () -> exit.set(cmd.execute("sim", "--port", "0", "--post-every", "0.02")),
            "sim-under-test");
    int generated = SimDataset.generate(1).noteCount();
    sim.start();
    try {
      String base = "http://127.0.0.1:" + port(out);
      HttpClient http = HttpClient.newHttpClient();

      int notes = generated;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (notes < generated + 3 && System.nanoTime() < deadline) {
        notes = noteCount(http, base);
        Thread.sleep(20);
      }

      assertThat(notes).isGreaterThanOrEqualTo(generated + 3);
      assertThat(out.toString())
          .contains("a random user posts a note every 0.02 s")
          .hasLineCount(3);
    } finally {
      sim.interrupt();
      sim.join(30_000);
    }
    assertThat(sim.isAlive()).isFalse();
    assertThat(exit.get()).as(err.toString()).isZero();
  }

  /** The notes of every user together, as {@code GET /_sim/users} counts them. */
  private static int noteCount(HttpClient http, String base) throws Exception {
    JsonNode users =
        new ObjectMapper()
            .readTree(
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/_sim/users")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .path("users");
    int notes = 0;
    for (JsonNode user : users) {
      notes += user.path("notes").asInt();
    }
    return notes;
  }

  /** The port of the start-up line, once it is printed. */
  private static int port(StringWriter out) throws InterruptedException {
    for (int tries = 0; tries < 3000; tries++) {
      Matcher m = LISTENING.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(10);
    }
    throw new AssertionError("sim did not start: " + out);
  }
}
