package dev.xhsopenapi.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.ErrorCode;
import dev.xhsopenapi.server.api.Responses;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.ops.logging.Audit;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestLogStore;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import dev.xhsopenapi.server.store.StoreException;
import dev.xhsopenapi.server.usage.Usage;
import dev.xhsopenapi.upstream.AppSessions;
import dev.xhsopenapi.upstream.SessionStatus;
import dev.xhsopenapi.upstream.xhsapp.SessionSpec;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The operator's API under {@code /admin/v1}: accounts, keys, credits, usage, request lookup. Every
 * refusal is the error envelope; a store outage is 503 {@code service_unavailable}, as on the
 * public API.
 */
public final class AdminApi {
  private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
  private static final int MAX_RATE_LIMIT = 1_000_000;
  private static final int MAX_USAGE_DAYS = 366;
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 500;

  private final AdminToken token;
  private final AccountStore accounts;
  private final KeyStore keys;
  private final AccountActions actions;
  private final UserInvites invites;
  private final Usage usage;
  private final RequestLog requestLog;
  private final RequestLogStore requests;
  private final int defaultRateLimit;
  private final ObjectMapper json;
  private final Responses responses;
  private final UpstreamSessions upstream;

  /** Creates the admin API. */
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
    this.accounts = accounts;
    this.keys = keys;
    this.actions = actions;
    this.invites = invites;
    this.usage = usage;
    this.requestLog = requestLog;
    this.requests = requests;
    this.defaultRateLimit = defaultRateLimit;
    this.json = json;
    this.responses = responses;
    this.upstream = upstream;
  }

  /** Registers the routes. */
  public void routes(HttpRules rules) {
    rules
        .post("/admin/v1/accounts", (req, res) -> serve(req, res, this::createAccount))
        .get("/admin/v1/accounts", (req, res) -> serve(req, res, this::listAccounts))
        .get("/admin/v1/accounts/{account_id}", (req, res) -> serve(req, res, this::showAccount))
        .patch("/admin/v1/accounts/{account_id}", (req, res) -> serve(req, res, this::patchAccount))
        .post(
            "/admin/v1/accounts/{account_id}/keys", (req, res) -> serve(req, res, this::createKey))
        .post(
            "/admin/v1/accounts/{account_id}/credits",
            (req, res) -> serve(req, res, this::addCredits))
        .get("/admin/v1/accounts/{account_id}/usage", (req, res) -> serve(req, res, this::usage))
        .post(
            "/admin/v1/accounts/{account_id}/users",
            (req, res) -> serve(req, res, this::createUser))
        .delete("/admin/v1/keys/{key_id}", (req, res) -> serve(req, res, this::revokeKey))
        .get("/admin/v1/requests/{request_id}", (req, res) -> serve(req, res, this::request))
        .get("/admin/v1/upstream/sessions", (req, res) -> serve(req, res, this::sessions))
        .post("/admin/v1/upstream/sessions", (req, res) -> serve(req, res, this::addSession))
        .delete(
            "/admin/v1/upstream/sessions/{session_id}",
            (req, res) -> serve(req, res, this::removeSession));
  }

  private Reply sessions(ServerRequest req, String requestId) {
    return new Reply(200, upstream.view());
  }

  private Reply addSession(ServerRequest req, String requestId) {
    AppSessions sessions = upstream.requireSessions();
    SessionSpec spec;
    SessionStatus added;
    try {
      spec = SessionSpec.parse(body(req));
      added = sessions.add(spec);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParam(e.getMessage());
    }
    Audit.of("session.add").session(spec.id()).log("added upstream session {}", spec.id());
    return new Reply(201, UpstreamSessions.view(added));
  }

  private Reply removeSession(ServerRequest req, String requestId) {
    String id = req.path().pathParameters().get("session_id");
    if (!upstream.requireSessions().retire(id)) {
      throw ApiError.notFound("there is no upstream session " + id);
    }
    Audit.of("session.remove").session(id).log("removed upstream session {}", id);
    return new Reply(204, null);
  }

  private Reply createAccount(ServerRequest req, String requestId) {
    JsonNode body = body(req);
    String name = requiredText(body, "name");
    long credits = optionalLong(body, "credits", 0, 0, Long.MAX_VALUE / 4);
    int limit =
        (int) optionalLong(body, "rate_limit_per_minute", defaultRateLimit, 1, MAX_RATE_LIMIT);
    Account account = actions.createAccount(name, credits, limit, requestId);
    return new Reply(201, accountJson(account));
  }

  /**
   * {@code GET /admin/v1/accounts?limit=&after=}: one page of accounts in {@code account_id} order,
   * {@code {"accounts":[…],"next":…}}; {@code next} is the {@code after} of the following page, or
   * null on the last one.
   */
  private Reply listAccounts(ServerRequest req, String requestId) {
    int limit = DEFAULT_PAGE;
    String limitText = single(req, "limit");
    if (limitText != null && !limitText.isEmpty()) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_PAGE) {
        throw ApiError.invalidParam(
            "limit must be a whole number from 1 to "
                + MAX_PAGE
                + ", got '"
                + shown(limitText)
                + "'");
      }
    }
    String after = single(req, "after");
    if (after != null && after.isEmpty()) {
      after = null;
    }
    if (after != null && after.length() > 200) {
      throw ApiError.invalidParam(
          "after must be the last account_id of the previous page (at most 200 characters)");
    }
    // One more than asked tells whether another page follows, without a count.
    List<Account> page = accounts.list(after, limit + 1);
    boolean more = page.size() > limit;
    List<Account> shown = more ? page.subList(0, limit) : page;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accounts", shown.stream().map(AdminApi::accountJson).toList());
    out.put("next", more ? shown.get(shown.size() - 1).accountId() : null);
    return new Reply(200, out);
  }

  private static String single(ServerRequest req, String name) {
    List<String> values;
    try {
      values = req.query().all(name, List::of);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParam(name + " is not validly URL-encoded");
    }
    if (values.size() > 1) {
      throw ApiError.invalidParam(name + " is given " + values.size() + " times; give it once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static String shown(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }

  private Reply showAccount(ServerRequest req, String requestId) {
    Account account = account(req);
    Map<String, Object> out = accountJson(account);
    out.put(
        "keys", keys.listForAccount(account.accountId()).stream().map(AdminApi::keyJson).toList());
    return new Reply(200, out);
  }

  private Reply patchAccount(ServerRequest req, String requestId) {
    String accountId = req.path().pathParameters().get("account_id");
    JsonNode body = body(req);
    Integer limit = null;
    if (body.has("rate_limit_per_minute")) {
      limit = (int) optionalLong(body, "rate_limit_per_minute", 0, 1, MAX_RATE_LIMIT);
    }
    AccountStatus status = null;
    if (body.has("status")) {
      String wire = body.get("status").asText("");
      status =
          AccountStatus.parse(wire)
              .orElseThrow(
                  () ->
                      ApiError.invalidParam(
                          "status must be \"active\" or \"suspended\", got \"" + wire + "\""));
    }
    if (limit == null && status == null) {
      throw ApiError.invalidParam("give rate_limit_per_minute and/or status to change");
    }
    Account account = actions.updateAccount(accountId, limit, status);
    return new Reply(200, accountJson(account));
  }

  private Reply createKey(ServerRequest req, String requestId) {
    Account account = account(req);
    JsonNode body = bodyOrEmpty(req);
    String name = body.hasNonNull("name") ? body.get("name").asText() : null;
    Long expiresAt = null;
    if (body.hasNonNull("expires_at")) {
      String text = body.get("expires_at").asText();
      try {
        expiresAt = Instant.parse(text).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw ApiError.invalidParam(
            "expires_at must be an ISO-8601 UTC instant such as 2027-01-01T00:00:00Z, got '"
                + text
                + "'");
      }
    }
    AccountActions.IssuedKey issued = actions.issueKey(account.accountId(), name, expiresAt);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key_id", issued.record().keyId());
    out.put("key", issued.key());
    out.put("prefix", issued.record().prefix());
    return new Reply(201, out);
  }

  private Reply revokeKey(ServerRequest req, String requestId) {
    String keyId = req.path().pathParameters().get("key_id");
    actions.revokeKey(keyId);
    return new Reply(204, null);
  }

  private Reply createUser(ServerRequest req, String requestId) {
    Account account = account(req);
    UserInvites.Invite invite =
        invites.invite(account.accountId(), requiredText(body(req), "email"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user_id", invite.userId());
    out.put("account_id", invite.accountId());
    out.put("email", invite.email());
    out.put("login_path", invite.loginPath());
    out.put("expires_at", invite.expiresAt().toString());
    return new Reply(invite.created() ? 201 : 200, out);
  }

  private Reply addCredits(ServerRequest req, String requestId) {
    Account account = account(req);
    JsonNode body = body(req);
    if (!body.has("amount")
        || !body.get("amount").canConvertToLong()
        || !body.get("amount").isIntegralNumber()) {
      throw ApiError.invalidParam("amount must be a whole number of credits (negative to remove)");
    }
    long amount = body.get("amount").asLong();
    if (amount == 0 || Math.abs(amount) > Long.MAX_VALUE / 4) {
      throw ApiError.invalidParam("amount must not be 0");
    }
    String reason = body.hasNonNull("reason") ? body.get("reason").asText() : null;
    long balance = actions.adjustCredits(account.accountId(), requestId, amount, reason);
    return new Reply(200, Map.of("balance", balance));
  }

  private Reply usage(ServerRequest req, String requestId) {
    Account account = account(req);
    LocalDate today = usage.today();
    LocalDate from = day(req, "from", today);
    LocalDate to = day(req, "to", req.query().contains("from") ? today : from);
    if (to.isBefore(from)) {
      throw ApiError.invalidParam("to (" + to + ") is before from (" + from + ")");
    }
    if (from.plusDays(MAX_USAGE_DAYS).isBefore(to)) {
      throw ApiError.invalidParam("ask for at most " + MAX_USAGE_DAYS + " days at a time");
    }
    Usage.Report report = usage.report(account.accountId(), from, to);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("calls", report.calls());
    out.put("charged", report.charged());
    out.put(
        "by_day",
        report.byDay().stream()
            .map(
                d -> {
                  Map<String, Object> day = new LinkedHashMap<>();
                  day.put("day", d.day().toString());
                  day.put("calls", d.calls());
                  day.put("charged", d.charged());
                  day.put("errors", d.errors());
                  return day;
                })
            .toList());
    out.put("by_status", report.byStatus());
    return new Reply(200, out);
  }

  private Reply request(ServerRequest req, String requestId) {
    String id = req.path().pathParameters().get("request_id");
    requestLog.flush();
    RequestRecord r =
        requests
            .find(id)
            .orElseThrow(() -> ApiError.notFound("no request " + id + " is on record"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("request_id", r.requestId());
    out.put("account_id", r.accountId());
    out.put("key_prefix", r.keyPrefix());
    out.put("path", r.path());
    out.put("user_id", r.userId());
    out.put("cursor", r.cursor());
    out.put("status", r.status());
    out.put("charged", r.charged());
    out.put("cache", r.cache());
    out.put("upstream_ms", r.upstreamMs());
    out.put("total_ms", r.totalMs());
    out.put("at", Instant.ofEpochMilli(r.atMs()).toString());
    return new Reply(200, out);
  }

  private Account account(ServerRequest req) {
    String accountId = req.path().pathParameters().get("account_id");
    return accounts.find(accountId).orElseThrow(() -> AccountActions.noAccount(accountId));
  }

  private static Map<String, Object> accountJson(Account a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("account_id", a.accountId());
    out.put("name", a.name());
    out.put("balance", a.balance());
    out.put("rate_limit_per_minute", a.rateLimitPerMinute());
    out.put("status", a.status().wire());
    return out;
  }

  private static Map<String, Object> keyJson(ApiKey k) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key_id", k.keyId());
    out.put("prefix", k.prefix());
    out.put("name", k.name());
    out.put("status", k.status().wire());
    out.put("created_at", Instant.ofEpochMilli(k.createdAtMs()).toString());
    out.put(
        "expires_at",
        k.expiresAtMs() == null ? null : Instant.ofEpochMilli(k.expiresAtMs()).toString());
    out.put(
        "last_used_at",
        k.lastUsedAtMs() == null ? null : Instant.ofEpochMilli(k.lastUsedAtMs()).toString());
    return out;
  }

  private static LocalDate day(ServerRequest req, String name, LocalDate fallback) {
    List<String> values = req.query().all(name, List::of);
    if (values.isEmpty() || values.get(0).isEmpty()) {
      return fallback;
    }
    try {
      return LocalDate.parse(values.get(0));
    } catch (DateTimeParseException e) {
      throw ApiError.invalidParam(
          name + " must be a UTC day as YYYY-MM-DD, got '" + values.get(0) + "'");
    }
  }

  private JsonNode body(ServerRequest req) {
    JsonNode node = bodyOrEmpty(req);
    if (!node.isObject()) {
      throw ApiError.invalidParam("the request body must be a JSON object");
    }
    return node;
  }

  private JsonNode bodyOrEmpty(ServerRequest req) {
    byte[] bytes = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
    if (bytes.length == 0) {
      return json.createObjectNode();
    }
    try {
      JsonNode node = json.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw ApiError.invalidParam("the request body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiError.invalidParam("the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ApiError.invalidParam("the request body could not be read: " + e.getMessage());
    }
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw ApiError.invalidParam(field + " is required and must be a non-empty string");
    }
    if (v.asText().length() > 200) {
      throw ApiError.invalidParam(field + " must be at most 200 characters");
    }
    return v.asText().strip();
  }

  private static long optionalLong(JsonNode body, String field, long fallback, long min, long max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw ApiError.invalidParam(field + " must be a whole number from " + min + " to " + max);
    }
    return v.asLong();
  }

  /** A successful admin answer: a status and a JSON body (none for 204). */
  private record Reply(int status, Object body) {}

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
