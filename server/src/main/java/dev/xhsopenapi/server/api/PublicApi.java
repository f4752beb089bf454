package dev.xhsopenapi.server.api;

import dev.xhsopenapi.server.auth.Caller;
import dev.xhsopenapi.server.http.Platform;
import dev.xhsopenapi.upstream.InvalidParamException;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamRequest;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
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

  private final ApiRequests requests;
  private final DataCalls calls;
  private final List<Operation> operations;
  private final AccountView account;
  private final Responses responses;

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
  }

  private void data(Operation operation, ServerRequest req, ServerResponse res, Exchange x)
      throws InterruptedException {
    Caller caller = requests.authenticate(req, x);
    UpstreamRequest request;
    try {
      request = operation.request(name -> Params.single(req.query(), name));
    } catch (InvalidParamException e) {
      throw ApiError.invalidParam(e.getMessage());
    }
    DataCalls.Served served = calls.call(caller, request, x);
    x.writeRateHeaders(res);
    res.header("X-Cache", served.cache().name());
    responses.envelope(res, x.requestId(), served.data().body());
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
