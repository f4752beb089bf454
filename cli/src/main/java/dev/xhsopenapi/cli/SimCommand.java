package dev.xhsopenapi.cli;

import dev.xhsopenapi.upstream.sim.InvalidDatasetException;
import dev.xhsopenapi.upstream.sim.InvalidFaultsException;
import dev.xhsopenapi.upstream.sim.JustOneApiHttpStatus;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimFlavor;
import dev.xhsopenapi.upstream.sim.SimServer;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.sim.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code xhs-openapi sim}: serves the Xiaohongshu App simulator over HTTP, as the App itself or as
 * one of the vendors that resell its data ({@code --flavor}), or lists its users.
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a protocol-faithful simulator of the Xiaohongshu App endpoint "
          + "GET /api/sns/v4/note/user/posted, with its own signer (POST /sign) and call "
          + "statistics (GET /_sim/stats, POST /_sim/reset), over a dataset generated from a "
          + "seed or loaded from a file.",
      "With --flavor spiderhubs|tikhub|justoneapi it serves the same notes as that vendor "
          + "instead: GET /openapi/v1/contentcreator/xiaohongshu/app/get_user_notes "
          + "(spiderhubs), GET /api/v1/xiaohongshu/app/get_user_notes (tikhub), each with "
          + "Authorization: Bearer KEY, or GET /api/xiaohongshu/get-user-note-list/v4?token=KEY "
          + "(justoneapi), with the vendor's envelope and error codes; --api-key sets the one "
          + "key it accepts. GET /_sim/stats then also counts the calls per key and the calls "
          + "the vendor billed.",
      "Faults are set by the flags below and changed while it runs with POST /_sim/faults "
          + "and a JSON object of the keys to change, e.g. {\"captcha_rate\":0.1}; "
          + "GET /_sim/faults shows them all. The six rates are shares of calls, "
          + "0.0 to 1.0, and add up to at most 1; a vendor flavour answers each fault "
          + "the way that vendor fails.",
      "Users post new notes with --post-every or POST /_sim/users/USER_ID/notes; "
          + "POST /_sim/reset forgets the posts."
    })
public final class SimCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "9090",
      description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the generated dataset (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(
      names = "--dataset",
      paramLabel = "FILE",
      description =
          "Load users from this JSON file instead of generating them: "
              + "{\"users\":[{\"user_id\",\"nickname\",\"avatar\",\"notes\":[…]}]}.")
  private Path dataset;

  @Option(
      names = "--flavor",
      paramLabel = "KIND",
      defaultValue = "app",
      description =
          "The source to pose as: app, spiderhubs, tikhub or justoneapi "
              + "(default: ${DEFAULT-VALUE}).")
  private String flavor;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "The API key a vendor flavour accepts (required for spiderhubs, tikhub and "
              + "justoneapi; not taken by app). Printed only as its first 4 characters.")
  private String apiKey;

  @Option(
      names = "--latency-ms",
      paramLabel = "MS",
      defaultValue = "0",
      description = "Delay before every notes answer, in milliseconds (default: ${DEFAULT-VALUE}).")
  private long latencyMs;

  @Option(
      names = "--jitter-ms",
      paramLabel = "MS",
      defaultValue = "0",
      description = "Extra delay of 0 to N ms, drawn per notes answer (default: ${DEFAULT-VALUE}).")
  private long jitterMs;

  @Option(
      names = "--captcha-rate",
      paramLabel = "RATE",
      defaultValue = "0",
      description = "Share of App calls answered HTTP 461 with Verifytype/Verifyuuid.")
  private double captchaRate;

  @Option(
      names = "--soft-block-rate",
      paramLabel = "RATE",
      defaultValue = "0",
      description = "Share answered 200 {\"code\":0,\"success\":true,…,\"data\":{}}.")
  private double softBlockRate;

  @Option(
      names = "--generic-error-rate",
      paramLabel = "RATE",
      defaultValue = "0",
      description = "Share answered 200 {\"code\":-1,\"success\":false}.")
  private double genericErrorRate;

  @Option(
      names = "--malformed-rate",
      paramLabel = "RATE",
      defaultValue = "0",
      description = "Share answered 200 with the page cut in half (broken JSON).")
  private double malformedRate;

  @Option(
      names = "--reset-rate",
      paramLabel = "RATE",
      defaultValue = "0",
      description = "Share whose connection is closed without a response.")
  private double resetRate;

  @Option(
      names = "--timeout-rate",
      paramLabel = "RATE",
      defaultValue = "0",
      description =
          "Share never answered: held until the client gives up (at most "
              + "60 s, or until the simulator stops).")
  private double timeoutRate;

  @Option(
      names = "--expired-sids",
      split = ",",
      paramLabel = "SID",
      description = "Sessions answered -100 登录已过期, comma-separated.")
  private List<String> expiredSids;

  @Option(
      names = "--rate-limit-calls",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Calls a sid (app) or the API key (vendor flavours) may make per window before it "
              + "is answered 300013 (app) or the vendor's rate-limit error, 0 for no limit "
              + "(default: ${DEFAULT-VALUE}).")
  private int rateLimitCalls;

  @Option(
      names = "--rate-limit-window-s",
      paramLabel = "S",
      defaultValue = "60",
      description = "The window of --rate-limit-calls, in seconds (default: ${DEFAULT-VALUE}).")
  private long rateLimitWindowS;

  @Option(
      names = "--out-of-credit",
      description =
          "Answer every vendor call with the vendor's balance error (402, JustOneAPI 601); "
              + "no effect on app.")
  private boolean outOfCredit;

  @Option(
      names = "--justoneapi-http-status",
      paramLabel = "MODE",
      defaultValue = "always_200",
      description =
          "HTTP status of the justoneapi flavour: always_200, or mapped (100→401, 400→400, "
              + "600→403, 302/303→429, 500→500, 503→503) (default: ${DEFAULT-VALUE}).")
  private String justOneApiHttpStatus;

  @Option(
      names = "--fault-seed",
      paramLabel = "N",
      description =
          "Seed of the fault draws, so that a run is reproducible (default: derived from --seed).")
  private Long faultSeed;

  @Option(
      names = "--sign-secret",
      defaultValue = SimSigner.DEFAULT_SECRET,
      description = "Secret of the simulator's shield signatures (default: the built-in one).")
  private String signSecret;

  @Option(
      names = "--post-every",
      paramLabel = "S",
      description =
          "Every S seconds (a decimal such as 0.5 is fine), a user picked at random posts a "
              + "note: the newest after its pins, with a made-up title. Any time, "
              + "POST /_sim/users/USER_ID/notes with an optional {\"title\":\"…\"} makes "
              + "one user post.")
  private Double postEvery;

  @Option(
      names = "--list-users",
      description = "Print user_id<TAB>notes<TAB>pinned for every user, then exit.")
  private boolean listUsers;

  @Override
  public Integer call() {
    SimFaults faults = faults();
    SimFlavor kind = flavor();
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0…65535, got " + port);
    }
    if (signSecret.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--sign-secret must not be blank");
    }
    Optional<Duration> postPeriod = postPeriod();
    SimDataset users;
    try {
      users = dataset == null ? SimDataset.generate(seed) : SimDataset.load(dataset);
    } catch (InvalidDatasetException e) {
      spec.commandLine().getErr().println("sim: unusable dataset " + e.getMessage());
      return 1;
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println(
              "sim: cannot read the dataset "
                  + dataset
                  + " ("
                  + e.getClass().getSimpleName()
                  + ")");
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (listUsers) {
      for (SimUser user : users.users()) {
        out.println(user.userId() + "\t" + user.notes().size() + "\t" + user.pinnedCount());
      }
      out.flush();
      return 0;
    }
    return serve(users, faults, kind, postPeriod, out);
  }

  /** The period of {@code --post-every}, when given, refused when it is not a usable one. */
  private Optional<Duration> postPeriod() {
    if (postEvery == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SimPoster.period(postEvery));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--post-every " + e.getMessage());
    }
  }

  /** The flavour and its key, refused with what is missing or wrong (never the key itself). */
  private SimFlavor flavor() {
    SimFlavor kind;
    try {
      kind = SimFlavor.of(flavor);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--flavor: " + e.getMessage());
    }
    if (kind.isVendor() && (apiKey == null || apiKey.isBlank())) {
      throw new ParameterException(
          spec.commandLine(),
          "--api-key KEY is required with --flavor "
              + kind
              + ": the simulator accepts only calls that present that key");
    }
    if (!kind.isVendor() && apiKey != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--api-key is for the vendor flavours (spiderhubs, tikhub, justoneapi); "
              + "the app flavour checks shield signatures instead");
    }
    return kind;
  }

  /** The fault flags as one setting, refused with the rule that a value breaks. */
  private SimFaults faults() {
    try {
      return new SimFaults(
          Duration.ofMillis(latencyMs),
          Duration.ofMillis(jitterMs),
          captchaRate,
          softBlockRate,
          genericErrorRate,
          malformedRate,
          resetRate,
          timeoutRate,
          expiredSids == null ? Set.of() : new LinkedHashSet<>(expiredSids),
          rateLimitCalls,
          Duration.ofSeconds(rateLimitWindowS),
          outOfCredit,
          JustOneApiHttpStatus.of(justOneApiHttpStatus)
              .orElseThrow(
                  () ->
                      new InvalidFaultsException(
                          "justoneapi_http_status must be always_200 or mapped, got "
                              + justOneApiHttpStatus)));
    } catch (InvalidFaultsException e) {
      // The rule names the JSON key; each flag is that key with dashes.
      throw new ParameterException(spec.commandLine(), "invalid fault flags: " + e.getMessage());
    }
  }

  private int serve(
      SimDataset users,
      SimFaults faults,
      SimFlavor kind,
      Optional<Duration> postPeriod,
      PrintWriter out) {
    long seedOfFaults = faultSeed != null ? faultSeed : Simulator.faultSeedFor(seed);
    Simulator simulator =
        new Simulator(
            users,
            new SimSigner(signSecret),
            faults,
            seedOfFaults,
            Clock.systemUTC(),
            kind,
            kind.isVendor() ? apiKey : null);
    SimServer server = new SimServer(simulator, port).start();
    Optional<SimPoster> poster = postPeriod.map(period -> SimPoster.start(simulator, period));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown =
        new Thread(
            () -> {
              poster.ifPresent(SimPoster::close);
              server.stop();
              stopped.countDown();
            },
            "sim-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    String source = dataset == null ? "seed " + seed : dataset.toString();
    String as =
        kind.isVendor() ? " as " + kind + " (API key " + Simulator.keyHint(apiKey) + ")" : "";
    out.println(
        "xhs-openapi sim"
            + as
            + " listening on http://localhost:"
            + server.port()
            + " with "
            + users.users().size()
            + " users ("
            + source
            + ", fault seed "
            + seedOfFaults
            + "); Ctrl-C stops it");
    out.println("faults " + faults.toJson());
    postPeriod.ifPresent(
        period ->
            out.println(
                "a random user posts a note every "
                    + BigDecimal.valueOf(period.toNanos(), 9).stripTrailingZeros().toPlainString()
                    + " s"));
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from inside the process (an embedding caller, a test): stop like Ctrl-C does.
      Runtime.getRuntime().removeShutdownHook(shutdown);
      poster.ifPresent(SimPoster::close);
      server.stop();
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
