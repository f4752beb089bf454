package dev.xhsopenapi.server.api;

import dev.xhsopenapi.server.auth.Caller;
import dev.xhsopenapi.server.http.Platform;
import dev.xhsopenapi.server.usage.Usage;
import dev.xhsopenapi.server.usage.UsageExport;
import dev.xhsopenapi.upstream.InvalidParamException;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamRequest;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer-facing API: one data endpoint per {@link Operation} of the catalogue (at its
 * SpiderHubs path, with its parameters, priced {@code prices.<op id>}) and the account endpoint.
 * Every data endpoint runs the contract's checks in order: authenticate → validate → rate limit →
 * reserve credit → fetch (cache, then the provider chain) → commit or release. Exactly the answers
 * with data are charged; a "not found", an error or a crash costs nothing.
 */
public final class PublicApi implements HttpService {
  /** The seed endpoint's path ({@link Operation#USER_NOTES}). */
  public static final String NOTES_PATH = Operation.USER_NOTES.path();

  /** The account endpoint's path. */
  public static final String ACCOUNT_PATH = "/openapi/v1/account";

  /** The usage export's path. */
  public static final String USAGE_PATH = "/openapi/v1/usage";

  /** The most days one usage export covers. */
  static final int MAX_USAGE_DAYS = 92;

  private final ApiRequests requests;
  private final DataCalls calls;
  private final List<Operation> operations;
  private final AccountView account;
  private final Responses responses;
  private final Usage usage;
  private final UsageExport export;

  /**
   * Creates the API.
   *
   * @param platform the node's shared collaborators (accounts, usage, responses…)
   * @param requests authentication, rate limit, error rendering and the log row of each request
   * @param calls the charged data path
   * @param operations the data endpoints to serve, e.g. {@link Operation#all()}
   */
  public PublicApi(
      Platform platform, ApiRequests requests, DataCalls calls, List<Operation> operations) {
    this.requests = requests;
    this.calls = calls;
    this.operations = List.copyOf(operations);
    this.account = new AccountView(platform.accounts(), platform.usage());
    this.responses = platform.responses();
    this.usage = platform.usage();
    this.export =
        new UsageExport(platform.ledger(), platform.requestLogStore(), platform.requestLog());
  }

  /** Registers {@code GET} on each operation's path and on {@link #ACCOUNT_PATH}. */
  @Override
  public void routing(HttpRules rules) {
    for (Operation operation : operations) {
      rules.get(
          operation.path(),
          (req, res) ->
              requests.serve(req, res, operation.path(), x -> data(operation, req, res, x)));
    }
    rules.get(ACCOUNT_PATH, this::account);
    rules.get(USAGE_PATH, this::usage);
  }

  private void data(Operation operation, ServerRequest req, ServerResponse res, Exchange x)
      throws InterruptedException {
    Caller caller = requests.authenticate(req, x);
    ApiRequests.requireScope(caller, operation.id());
    UpstreamRequest request;
    try {
      request = operation.request(name -> Params.single(req.query(), name));
    } catch (InvalidParamException e) {
      throw ApiError.invalidParam(e.getMessage());
    }
    DataCalls.Served served = calls.call(caller, request, x);
    x.writeRateHeaders(res);
    x.writeCreditHeaders(res);
    res.header("X-Cache", served.cache().name());
    responses.envelope(res, x.requestId(), served.data().body());
  }

  /**
   * {@code GET /openapi/v1/usage?from=&to=&format=json|csv}: the caller's own usage by UTC day,
   * endpoint and key (free; counts against the limit like the account endpoint). Days are {@code
   * YYYY-MM-DD}, both default today, at most {@link #MAX_USAGE_DAYS} days.
   */
  private void usage(ServerRequest req, ServerResponse res) {
    requests.serve(
        req,
        res,
        USAGE_PATH,
        x -> {
          Caller caller = requests.authenticate(req, x);
          String format = Params.single(req.query(), "format");
          if (format != null
              && !format.isEmpty()
              && !format.equals("json")
              && !format.equals("csv")) {
            throw ApiError.invalidParam(
                "format must be json or csv, got '" + Params.shown(format) + "'");
          }
          LocalDate today = usage.today();
          LocalDate from = day(req, "from", today);
          LocalDate to = day(req, "to", today);
          if (to.isBefore(from)) {
            throw ApiError.invalidParam("to (" + to + ") is before from (" + from + ")");
          }
          if (from.plusDays(MAX_USAGE_DAYS).isBefore(to)) {
            throw ApiError.invalidParam("ask for at most " + MAX_USAGE_DAYS + " days at a time");
          }
          requests.admit(caller, x);
          List<UsageExport.Row> rows = export.rows(caller.accountId(), from, to);
          x.ended(200, null);
          x.writeRateHeaders(res);
          if ("csv".equals(format)) {
            res.status(200)
                .header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8")
                .header(
                    HeaderNames.CONTENT_DISPOSITION,
                    "attachment; filename=\"usage-" + from + "-" + to + ".csv\"")
                .send(UsageExport.csv(rows).getBytes(StandardCharsets.UTF_8));
            return;
          }
          long calls = 0;
          long charged = 0;
          List<Map<String, Object>> out = new ArrayList<>();
          for (UsageExport.Row r : rows) {
            calls += r.calls();
            charged += r.charged();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", r.day().toString());
            row.put("endpoint", r.endpoint());
            row.put("key_id", r.keyId());
            row.put("calls", r.calls());
            row.put("charged", r.charged());
            out.add(row);
          }
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("from", from.toString());
          data.put("to", to.toString());
          data.put("calls", calls);
          data.put("charged", charged);
          data.put("rows", out);
          responses.envelope(res, x.requestId(), (Object) data);
        });
  }

  private static LocalDate day(ServerRequest req, String name, LocalDate fallback) {
    String text = Params.single(req.query(), name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.invalidParam(
          name
              + " must be a UTC day as YYYY-MM-DD, such as 2026-11-30, got '"
              + Params.shown(text)
              + "'");
    }
  }

  private void account(ServerRequest req, ServerResponse res) {
    requests.serve(
        req,
        res,
        ACCOUNT_PATH,
        x -> {
          Caller caller = requests.authenticate(req, x);
          requests.admit(caller, x);
          Map<String, Object> data = account.of(caller.accountId());
          x.ended(200, null);
          x.writeRateHeaders(res);
          responses.envelope(res, x.requestId(), (Object) data);
        });
  }
}
