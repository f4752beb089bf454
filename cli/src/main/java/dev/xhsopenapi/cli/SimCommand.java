package dev.xhsopenapi.cli;

import dev.xhsopenapi.upstream.sim.InvalidDatasetException;
import dev.xhsopenapi.upstream.sim.SimDataset;
import dev.xhsopenapi.upstream.sim.SimFaults;
import dev.xhsopenapi.upstream.sim.SimServer;
import dev.xhsopenapi.upstream.sim.SimSigner;
import dev.xhsopenapi.upstream.sim.SimUser;
import dev.xhsopenapi.upstream.sim.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xhs-openapi sim}: serves the Xiaohongshu App simulator over HTTP, or lists its users. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a protocol-faithful simulator of the Xiaohongshu App endpoint "
          + "GET /api/sns/v4/note/user/posted, with its own signer (POST /sign) and call "
          + "statistics (GET /_sim/stats), over a dataset generated from a seed or loaded "
          + "from a file."
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
      names = "--latency-ms",
      defaultValue = "0",
      description = "Delay before every App answer, in milliseconds (default: ${DEFAULT-VALUE}).")
  private long latencyMs;

  @Option(
      names = "--sign-secret",
      defaultValue = SimSigner.DEFAULT_SECRET,
      description = "Secret of the simulator's shield signatures (default: the built-in one).")
  private String signSecret;

  @Option(
      names = "--list-users",
      description = "Print user_id<TAB>notes<TAB>pinned for every user, then exit.")
  private boolean listUsers;

  @Override
  public Integer call() throws InterruptedException {
    if (latencyMs < 0) {
      throw new ParameterException(
          spec.commandLine(), "--latency-ms must be 0 or more, got " + latencyMs);
    }
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0…65535, got " + port);
    }
    if (signSecret.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--sign-secret must not be blank");
    }
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
    return serve(users, out);
  }

  private int serve(SimDataset users, PrintWriter out) throws InterruptedException {
    Simulator simulator =
        new Simulator(
            users, new SimSigner(signSecret), SimFaults.latencyMs(latencyMs), Clock.systemUTC());
    SimServer server = new SimServer(simulator, port).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  stopped.countDown();
                },
                "sim-shutdown"));
    String source = dataset == null ? "seed " + seed : dataset.toString();
    out.println(
        "xhs-openapi sim listening on http://localhost:"
            + server.port()
            + " with "
            + users.users().size()
            + " users ("
            + source
            + ", latency "
            + latencyMs
            + " ms); Ctrl-C stops it");
    out.flush();
    stopped.await();
    return 0;
  }
}
