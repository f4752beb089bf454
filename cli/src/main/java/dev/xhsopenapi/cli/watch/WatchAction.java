package dev.xhsopenapi.cli.watch;

import dev.xhsopenapi.cli.ApiOptions;
import dev.xhsopenapi.cli.ExitCodes;
import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.Watches;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.sdk.XhsOpenApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One {@code watch} command: runs its calls with a client of {@link ApiOptions} and turns failures
 * into one line on standard error and the exit status of {@link ExitCodes}: a value the SDK refuses
 * (a watch id without {@code wch_}, an interval below 60 s) is a usage error, before any call.
 */
abstract class WatchAction implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ApiOptions api;

  /**
   * Runs the command.
   *
   * @param watches the calls
   * @param out standard output
   * @param err standard error
   * @return the exit status
   * @throws IOException when the output cannot be written
   * @throws InterruptedException when interrupted while waiting
   */
  abstract int run(Watches watches, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (XhsOpenApiClient client = api.client(spec, EventListener.NONE)) {
      return run(client.watches(), out, err);
    } catch (XhsOpenApiException e) {
      err.println(name() + ": " + ExitCodes.describe(e));
      return ExitCodes.of(e);
    } catch (IllegalArgumentException e) {
      err.println(name() + ": " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      err.println(name() + ": cannot write the output: " + e);
      return ExitCodes.FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERRUPTED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command's name for messages, such as {@code watch add}. */
  final String name() {
    return "watch " + spec.name();
  }
}
