package dev.xhsopenapi.server.admin;

import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.Responses;
import dev.xhsopenapi.server.http.ErrorMapper;
import dev.xhsopenapi.server.http.JsonBodies;
import dev.xhsopenapi.server.http.Platform;
import dev.xhsopenapi.server.http.RequestIds;
import dev.xhsopenapi.server.watch.WatchStore;
import dev.xhsopenapi.upstream.SimulatedCreators;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operator's API under {@code /admin/v1}: accounts, keys, credits, usage, accounts' webhook
 * events, request lookup, upstream sessions, simulated creators. This class holds the route table
 * and the wrapper every operation runs in (admin token, request id, error envelope); the operations
 * are in {@link AccountsAdmin}, {@link ReportsAdmin}, {@link AccountEventsAdmin} and {@link
 * SessionsAdmin}, their bodies read by {@link JsonBodies}. Every refusal is the error envelope; a
 * store outage is 503 {@code service_unavailable}, as on the public API.
 */
public final class AdminApi implements HttpService {

  private final AdminToken token;
  private final Responses responses;
  private final ErrorMapper errors;
  private final AccountsAdmin accounts;
  private final ReportsAdmin reports;
  private final AccountEventsAdmin events;
  private final SessionsAdmin sessions;
  private final SimAdmin sim;

  /**
   * Creates the admin API.
   *
   * @param platform the node's shared collaborators (accounts, keys, actions, usage, request log…)
   * @param watches the watch store, which holds the accounts' own webhook events and deliveries
   * @param token the admin token every request must carry as {@code Authorization: Bearer …}
   * @param invites where {@code POST …/users} invites console users
   * @param defaultRateLimit the calls per minute of an account created without one
   * @param upstream the upstream's session pool, for the session endpoints
   * @param simulatedCreators the in-process simulator's creators, when the chain runs one
   * @param creatorPosted told the user id of each simulated creator who posted (the answer cache
   *     forgets that user's pages)
   */
  public AdminApi(
      Platform platform,
      WatchStore watches,
      AdminToken token,
      UserInvites invites,
      int defaultRateLimit,
      UpstreamSessions upstream,
      Optional<SimulatedCreators> simulatedCreators,
      Consumer<String> creatorPosted) {
    this.token = token;
    this.responses = platform.responses();
    this.errors = platform.errors();
    this.accounts =
        new AccountsAdmin(
            platform.accounts(), platform.keys(), platform.actions(), invites, defaultRateLimit);
    this.reports =
        new ReportsAdmin(
            platform.accounts(),
            platform.usage(),
            platform.requestLog(),
            platform.requestLogStore());
    this.events = new AccountEventsAdmin(platform.accounts(), watches, platform.json());
    this.sessions = new SessionsAdmin(upstream);
    this.sim = new SimAdmin(simulatedCreators, creatorPosted);
  }

  /** Registers the routes under {@code /admin/v1}. */
  @Override
  public void routing(HttpRules rules) {
    rules
        .post("/admin/v1/accounts", (req, res) -> serve(req, res, accounts::createAccount))
        .get("/admin/v1/accounts", (req, res) -> serve(req, res, accounts::listAccounts))
        .get(
            "/admin/v1/accounts/{account_id}", (req, res) -> serve(req, res, accounts::showAccount))
        .patch(
            "/admin/v1/accounts/{account_id}",
            (req, res) -> serve(req, res, accounts::patchAccount))
        .post(
            "/admin/v1/accounts/{account_id}/keys",
            (req, res) -> serve(req, res, accounts::createKey))
        .post(
            "/admin/v1/accounts/{account_id}/credits",
            (req, res) -> serve(req, res, accounts::addCredits))
        .get("/admin/v1/accounts/{account_id}/usage", (req, res) -> serve(req, res, reports::usage))
        .get(
            "/admin/v1/accounts/{account_id}/events", (req, res) -> serve(req, res, events::events))
        .post(
            "/admin/v1/accounts/{account_id}/users",
            (req, res) -> serve(req, res, accounts::createUser))
        .delete("/admin/v1/keys/{key_id}", (req, res) -> serve(req, res, accounts::revokeKey))
        .post("/admin/v1/keys/{key_id}/roll", (req, res) -> serve(req, res, accounts::rollKey))
        .get("/admin/v1/requests/{request_id}", (req, res) -> serve(req, res, reports::request))
        .get("/admin/v1/upstream/sources", (req, res) -> serve(req, res, sessions::sources))
        .get("/admin/v1/upstream/sessions", (req, res) -> serve(req, res, sessions::sessions))
        .post("/admin/v1/upstream/sessions", (req, res) -> serve(req, res, sessions::addSession))
        .delete(
            "/admin/v1/upstream/sessions/{session_id}",
            (req, res) -> serve(req, res, sessions::removeSession))
        .post("/admin/v1/sim/users/{user_id}/notes", (req, res) -> serve(req, res, sim::post));
  }

  /** A successful admin answer: a status and a JSON body (none for 204). */
  record Reply(int status, Object body) {}

  /** One admin operation. */
  @FunctionalInterface
  private interface Operation {
    Reply run(ServerRequest req, String requestId);
  }

  private void serve(ServerRequest req, ServerResponse res, Operation op) {
    String requestId = RequestIds.of(res);
    try {
      token.check(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
      Reply reply = op.run(req, requestId);
      if (reply.body() == null) {
        res.status(reply.status()).send();
      } else {
        responses.send(res, reply.status(), reply.body());
      }
    } catch (NoSuchElementException e) {
      responses.error(res, requestId, ApiError.notFound("not found: " + e.getMessage()));
    } catch (RequestException e) {
      // A refusal of the HTTP layer while the body was read (e.g. past http.max-body-bytes): the
      // server answers it in the error envelope with its own status (413 …).
      throw e;
    } catch (RuntimeException e) {
      responses.error(res, requestId, errors.map(req, requestId, e));
    }
  }
}
