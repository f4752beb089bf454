package dev.xhsopenapi.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.ErrorCode;
import dev.xhsopenapi.server.api.Responses;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestLogStore;
import dev.xhsopenapi.server.store.StoreException;
import dev.xhsopenapi.server.usage.Usage;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The operator's API under {@code /admin/v1}: accounts, keys, credits, usage, request lookup,
 * upstream sessions. This class holds the route table and the wrapper every operation runs in
 * (admin token, request id, error envelope); the operations are in {@link AccountsAdmin}, {@link
 * ReportsAdmin} and {@link SessionsAdmin}, their bodies read by {@link AdminBodies}. Every refusal
 * is the error envelope; a store outage is 503 {@code service_unavailable}, as on the public API.
 */
public final class AdminApi {
  private static final Logger log = LoggerFactory.getLogger(AdminApi.class);

  private final AdminToken token;
  private final Responses responses;
  private final AccountsAdmin accounts;
  private final ReportsAdmin reports;
  private final SessionsAdmin sessions;

  /**
   * Creates the admin API.
   *
   * @param defaultRateLimit the rate limit of a new account that states none, requests per minute
   * @param json unused: bodies are bound by {@link AdminBodies} with its own strict mapper, answers
   *     are written by {@code responses}; the parameter stays so that the wiring is unchanged
   */
  public AdminApi(
      AdminToken token,
      AccountStore accounts,
      KeyStore keys,
      AccountActions actions,
      UserInvites invites,
      Usage usage,
      RequestLog requestLog,
      RequestLogStore requests,
      int defaultRateLimit,
      ObjectMapper json,
      Responses responses,
      UpstreamSessions upstream) {
    this.token = token;
    this.responses = responses;
    this.accounts = new AccountsAdmin(accounts, keys, actions, invites, defaultRateLimit);
    this.reports = new ReportsAdmin(accounts, usage, requestLog, requests);
    this.sessions = new SessionsAdmin(upstream);
  }

  /** Registers the routes. */
  public void routes(HttpRules rules) {
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
        .post(
            "/admin/v1/accounts/{account_id}/users",
            (req, res) -> serve(req, res, accounts::createUser))
        .delete("/admin/v1/keys/{key_id}", (req, res) -> serve(req, res, accounts::revokeKey))
        .get("/admin/v1/requests/{request_id}", (req, res) -> serve(req, res, reports::request))
        .get("/admin/v1/upstream/sessions", (req, res) -> serve(req, res, sessions::sessions))
        .post("/admin/v1/upstream/sessions", (req, res) -> serve(req, res, sessions::addSession))
        .delete(
            "/admin/v1/upstream/sessions/{session_id}",
            (req, res) -> serve(req, res, sessions::removeSession));
  }

  /** A successful admin answer: a status and a JSON body (none for 204). */
  record Reply(int status, Object body) {}

  /** One admin operation. */
  @FunctionalInterface
  private interface Operation {
    Reply run(ServerRequest req, String requestId);
  }

  private void serve(ServerRequest req, ServerResponse res, Operation op) {
    String requestId = UUID.randomUUID().toString();
    MDC.put("request_id", requestId);
    res.header(Responses.REQUEST_ID, requestId);
    try {
      token.check(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
      Reply reply = op.run(req, requestId);
      if (reply.body() == null) {
        res.status(reply.status()).send();
      } else {
        responses.send(res, reply.status(), reply.body());
      }
    } catch (ApiError e) {
      responses.error(res, requestId, e);
    } catch (NoSuchElementException e) {
      responses.error(res, requestId, ApiError.notFound("not found: " + e.getMessage()));
    } catch (RequestException e) {
      // A refusal of the HTTP layer while the body was read (e.g. past http.max-body-bytes): the
      // server answers it in the error envelope with its own status (413 …).
      throw e;
    } catch (StoreException e) {
      log.error("admin request failed: store unavailable", e);
      responses.error(
          res,
          requestId,
          new ApiError(
              ErrorCode.SERVICE_UNAVAILABLE, "the gateway's store is unavailable; retry later"));
    } catch (RuntimeException e) {
      log.error("admin request failed", e);
      responses.error(
          res,
          requestId,
          new ApiError(
              ErrorCode.INTERNAL_ERROR, "the server failed; see its log for " + requestId));
    } finally {
      MDC.clear();
    }
  }
}
