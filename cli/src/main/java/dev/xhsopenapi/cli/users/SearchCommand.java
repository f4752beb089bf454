package dev.xhsopenapi.cli.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.cli.ApiOptions;
import dev.xhsopenapi.cli.ExitCodes;
import dev.xhsopenapi.cli.notes.Csv;
import dev.xhsopenapi.sdk.Endpoint;
import dev.xhsopenapi.sdk.EventListener;
import dev.xhsopenapi.sdk.Page;
import dev.xhsopenapi.sdk.RateLimit;
import dev.xhsopenapi.sdk.User;
import dev.xhsopenapi.sdk.XhsOpenApiClient;
import dev.xhsopenapi.sdk.XhsOpenApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xhs-openapi users search}: every user a search finds, one record per user. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Searches Xiaohongshu users by name or red id (web_v2/fetch_search_users), page after page"
          + " until the API says no more follow (at most 100 pages, or --max-pages): one record"
          + " per user, each user once. Every page costs one credit.",
      "A one-line summary (users, pages, credits) goes to standard error."
    },
    footer = {
      "%nFormats: jsonl (default) writes each user's JSON exactly as the API returned it, one per"
          + " line; json writes them as one array; csv writes the columns"
          + " user_id,name,red_id,fans,note_count,xsec_token,image (fans as a number: \"3.9万\""
          + " is 39000) in UTF-8 with a byte-order mark, cells a spreadsheet would run as formulas"
          + " neutralised with a '.",
      "%nExit status: 0 done; 1 local failure (e.g. the output cannot be written); 2 usage error;"
          + " 3 key refused, out of credits or suspended (401/402/403); 5 server or upstream errors"
          + " after retries (5xx, network); 6 incomplete: the pages could not be followed to the end"
          + " (the users written stay); 130 interrupted.%n"
    })
public final class SearchCommand implements Callable<Integer> {
  /** The CSV header. */
  static final List<String> CSV_HEADER =
      List.of("user_id", "name", "red_id", "fans", "note_count", "xsec_token", "image");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Mixin private ApiOptions api;

  @Parameters(
      arity = "1..*",
      paramLabel = "KEYWORDS",
      description = "What to search for (words are joined by a space), 1 to 100 characters.")
  private List<String> keywords;

  @Option(
      names = "--max-pages",
      paramLabel = "N",
      description = "Stop after N pages (each one a credit).")
  private Integer maxPages;

  @Option(
      names = "--format",
      defaultValue = "jsonl",
      paramLabel = "jsonl|csv|json",
      description = "Record format (default: ${DEFAULT-VALUE}).")
  private String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write here instead of standard output.")
  private Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    String query = String.join(" ", keywords).strip();
    String fmt = format.strip().toLowerCase(Locale.ROOT);
    if (!List.of("jsonl", "csv", "json").contains(fmt)) {
      throw new ParameterException(
          spec.commandLine(), "--format must be jsonl, csv or json, got '" + format + "'");
    }
    if (query.isEmpty() || query.length() > 100) {
      throw new ParameterException(
          spec.commandLine(), "KEYWORDS must be 1 to 100 characters, got " + query.length());
    }
    if (maxPages != null && maxPages < 1) {
      throw new ParameterException(spec.commandLine(), "--max-pages must be 1 or more");
    }
    Counter counter = new Counter();
    int pages = 0;
    int written = 0;
    try (XhsOpenApiClient client = api.client(spec, counter);
        Writer w = out == null ? spec.commandLine().getOut() : writer(out)) {
      Set<String> seen = new HashSet<>();
      w.write(head(fmt));
      try {
        Iterator<Page<User>> walk = client.searchUsersPages(query).iterator();
        while ((maxPages == null || pages < maxPages) && walk.hasNext()) {
          Page<User> page = walk.next();
          pages++;
          for (User user : page.items()) {
            if (seen.add(user.id())) {
              w.write(record(fmt, user, written == 0));
              written++;
            }
          }
          w.flush();
        }
      } catch (XhsOpenApiException e) {
        w.write(tail(fmt));
        w.flush();
        err.println(
            "users search: "
                + ExitCodes.describe(e)
                + "; "
                + summary(written, pages, counter.credits));
        return ExitCodes.of(e);
      }
      w.write(tail(fmt));
      w.flush();
    } catch (IOException | UncheckedIOException e) {
      err.println("users search: cannot write " + (out == null ? "the output" : out) + ": " + e);
      return ExitCodes.FAILURE;
    }
    err.println("users search: done, " + summary(written, pages, counter.credits));
    return ExitCodes.OK;
  }

  private static Writer writer(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  private static String summary(int users, int pages, long credits) {
    return users + " user(s) from " + pages + " page(s), " + credits + " credit(s)";
  }

  private static String head(String fmt) {
    return switch (fmt) {
      case "csv" -> "\uFEFF" + Csv.record(CSV_HEADER);
      case "json" -> "[";
      default -> "";
    };
  }

  private static String tail(String fmt) {
    return "json".equals(fmt) ? "\n]\n" : "";
  }

  private static String record(String fmt, User user, boolean first) throws IOException {
    return switch (fmt) {
      case "csv" ->
          Csv.record(
              List.of(
                  user.id(),
                  user.name(),
                  user.redId().orElse(""),
                  count(user.fans()),
                  count(user.noteCount()),
                  user.xsecToken().orElse(""),
                  user.image().orElse("")));
      case "json" -> (first ? "\n" : ",\n") + json(user);
      default -> json(user) + "\n";
    };
  }

  private static String json(User user) throws JsonProcessingException {
    return MAPPER.writeValueAsString(user.raw());
  }

  private static String count(OptionalLong count) {
    return count.isPresent() ? Long.toString(count.getAsLong()) : "";
  }

  /** Counts the credits spent: the data calls answered 200. */
  private static final class Counter implements EventListener {
    private long credits;

    @Override
    public void answered(String path, int status, String requestId, RateLimit rateLimit) {
      if (status == 200 && path.startsWith(Endpoint.PREFIX)) {
        credits++;
      }
    }
  }
}
