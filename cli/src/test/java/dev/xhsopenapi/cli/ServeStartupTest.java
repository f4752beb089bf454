package dev.xhsopenapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xhsopenapi.server.app.Gateway;
import dev.xhsopenapi.server.config.ConfigLoader;
import dev.xhsopenapi.server.config.GatewayConfig;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} that cannot start ends at once: a port that cannot be bound, a store that cannot be
 * opened, a setting that cannot work. The process prints one line that names the cause and exits
 * non-zero, and issues nothing. Each case runs the real command line in a child JVM, with the
 * production logging (the test logging configuration is left off its class path).
 */
class ServeStartupTest {
  @TempDir Path dir;

  @Test
  void demoOnATakenPort_exitsAtOnce_withOneLineNamingThePort_andIssuesNoKey() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      Path data = dir.resolve("data");

      Run run = serve("--demo", "--port", Integer.toString(port), "--data", data.toString());

      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(run.errLines()).as(run.toString()).hasSize(1);
      assertThat(run.errLines().get(0))
          .startsWith("xhs-openapi serve: cannot listen on 127.0.0.1:" + port + ": ")
          .contains("port " + port + " is already in use");
      assertThat(run.out()).doesNotContain("sk_live_").doesNotContain("serving on");
      // The store was opened and closed again; no demo account or key was made in it.
      assertThat(demoAccountExists(data)).isFalse();
    }
  }

  @Test
  void dataThatIsAFile_exitsAtOnce_namingThePath() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

    Run run = serve("--port", "0", "--upstream", "sim", "--data", file.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.errLines()).as(run.toString()).hasSize(1);
    assertThat(run.errLines().get(0))
        .isEqualTo(
            "xhs-openapi serve: cannot open the store under --data "
                + file
                + ": it is a file, not a folder");
  }

  @Test
  void dataUnderAFile_exitsAtOnce_namingThePath() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path under = file.resolve("data");

    Run run = serve("--port", "0", "--upstream", "sim", "--data", under.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.errLines()).as(run.toString()).hasSize(1);
    assertThat(run.errLines().get(0))
        .startsWith("xhs-openapi serve: cannot open the store under --data " + under + ": ");
  }

  @Test
  void aPostgresThatCannotBeReached_exitsAtOnce_namingIt() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/none?user=nobody";

    Run run = serve("--port", "0", "--upstream", "sim", "--db", url);

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.errLines()).as(run.toString()).hasSize(1);
    assertThat(run.errLines().get(0))
        .startsWith("xhs-openapi serve: cannot open the store: ")
        .contains("127.0.0.1:" + closedPort);
  }

  @Test
  void badSettings_exitWith2_namingTheSetting() throws Exception {
    Run notPostgres = serve("--port", "0", "--upstream", "sim", "--db", "jdbc:mysql://127.0.0.1/x");
    assertThat(notPostgres.exit()).as(notPostgres.toString()).isEqualTo(2);
    assertThat(notPostgres.errLines()).hasSize(1);
    assertThat(notPostgres.errLines().get(0)).contains("--db must be a jdbc:postgresql:// URL");

    Run badPort = serve("--port", "70000");
    assertThat(badPort.exit()).as(badPort.toString()).isEqualTo(2);
    assertThat(badPort.errLines())
        .containsExactly("xhs-openapi serve: port must be from 0 to 65535, got 70000");

    Path config = Files.writeString(dir.resolve("x.yaml"), "prot: 8080\n");
    Run badFile = serve("--config", config.toString());
    assertThat(badFile.exit()).as(badFile.toString()).isEqualTo(2);
    assertThat(badFile.errLines()).hasSize(1);
    assertThat(badFile.errLines().get(0)).contains("unknown setting 'prot'");

    Run badHost = serve("--port", "0", "--host", "not a host");
    assertThat(badHost.exit()).as(badHost.toString()).isEqualTo(2);
    assertThat(badHost.errLines().get(0)).contains("host must be");
  }

  @Test
  void aHostThatIsNotThisMachines_exitsAtOnce_namingIt() throws Exception {
    // 192.0.2.0/24 is reserved for documentation: no interface of a test machine has it.
    Run run =
        serve(
            "--port",
            "0",
            "--upstream",
            "sim",
            "--data",
            dir.resolve("d").toString(),
            "--host",
            "192.0.2.7");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.errLines()).as(run.toString()).hasSize(1);
    assertThat(run.errLines().get(0))
        .startsWith("xhs-openapi serve: cannot listen on 192.0.2.7:0: ");
  }

  private boolean demoAccountExists(Path data) {
    GatewayConfig config =
        ConfigLoader.load(
            Map.of("port", "0", "data", data.toString(), "upstream.chain", "sim"), Map.of(), null);
    try (Gateway gateway = Gateway.start(config, Clock.systemUTC())) {
      return gateway.accounts().findByName(Demo.ACCOUNT_NAME).isPresent();
    }
  }

  /** What a finished child printed, and its exit status. */
  private record Run(int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  /**
   * Runs {@code xhs-openapi serve args…} in a child JVM and waits for it to end; a child still
   * running after 10 s fails the test (and is killed).
   */
  private Run serve(String... args) throws IOException, InterruptedException {
    // The production logging: without the test resources, whose logback-test.xml would win.
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes"))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // As the jar's manifest says (SQLite loads its native library).
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classPath,
                Main.class.getName(),
                "serve"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // Settings from the environment of the build must not leak into the child.
    builder.environment().keySet().removeIf(name -> name.startsWith("XHS_OPENAPI_"));
    Process process = builder.start();
    boolean ended = process.waitFor(10, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    Run run =
        new Run(
            ended ? process.exitValue() : -1,
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    assertThat(ended).as("serve still running after 10 s:\n%s", run).isTrue();
    return run;
  }
}
