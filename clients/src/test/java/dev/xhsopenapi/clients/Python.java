package dev.xhsopenapi.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Python 3 interpreter that can import what the generated Python client needs (pydantic 2,
 * urllib3, python-dateutil, typing_extensions), and a way to run a script with it.
 *
 * <p>The interpreter is {@code XHS_OPENAPI_PYTHON} when that is set, else the first of {@code
 * python3} on the PATH, {@code ~/.pyenv/shims/python3}, {@code /usr/local/bin/python3} and {@code
 * /usr/bin/python3} that has those packages.
 *
 * @param executable the interpreter's command
 */
record Python(String executable) {
  /** What the generated client imports, with pydantic's major version checked. */
  private static final String PROBE =
      "import pydantic, urllib3, dateutil, typing_extensions\n"
          + "assert pydantic.VERSION.startswith('2.'), 'pydantic ' + pydantic.VERSION + ', not 2'";

  private static final long TIMEOUT_SECONDS = 120;

  /**
   * Finds the interpreter.
   *
   * @throws AssertionError naming every interpreter tried and why it does not fit, with how to get
   *     one that does
   */
  static Python find() {
    Set<String> candidates = new LinkedHashSet<>();
    String chosen = System.getenv("XHS_OPENAPI_PYTHON");
    if (chosen != null && !chosen.isBlank()) {
      candidates.add(chosen);
    } else {
      candidates.add("python3");
      candidates.add(Path.of(System.getProperty("user.home"), ".pyenv/shims/python3").toString());
      candidates.add("/usr/local/bin/python3");
      candidates.add("/usr/bin/python3");
    }
    List<String> refusals = new ArrayList<>();
    for (String candidate : candidates) {
      Python python = new Python(candidate);
      try {
        Result probe = python.run(List.of("-c", PROBE), Map.of());
        if (probe.exitCode() == 0) {
          return python;
        }
        refusals.add(candidate + ": " + lastLine(probe.stderr()));
      } catch (IOException e) {
        refusals.add(candidate + ": " + e.getMessage());
      }
    }
    throw new AssertionError(
        "the generated Python client needs Python 3 with pydantic 2, urllib3, python-dateutil and"
            + " typing_extensions; install them (pip install 'pydantic>=2' urllib3 python-dateutil"
            + " typing-extensions) or set XHS_OPENAPI_PYTHON to an interpreter that has them."
            + " Tried: "
            + String.join("; ", refusals));
  }

  /**
   * Runs the interpreter with {@code args} and extra environment variables, waiting at most two
   * minutes.
   *
   * @throws IOException when the interpreter cannot be started
   * @throws AssertionError when it does not finish in time (it is then killed)
   */
  Result run(List<String> args, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(args);
    Path out = Files.createTempFile("python-out", ".txt");
    Path err = Files.createTempFile("python-err", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      try {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(
              String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + executable, e);
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n", -1);
    return lines[lines.length - 1];
  }

  /**
   * What a run printed.
   *
   * @param exitCode the process's exit code
   * @param stdout standard output, UTF-8
   * @param stderr standard error, UTF-8
   */
  record Result(int exitCode, String stdout, String stderr) {}
}
