package dev.xhsopenapi.server.console;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.account.Limits;
import dev.xhsopenapi.server.admin.AccountActions;
import dev.xhsopenapi.server.admin.KeyRuleInput;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.KeyRules;
import dev.xhsopenapi.server.auth.KeyStatus;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.console.Console.Access;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import dev.xhsopenapi.server.usage.Usage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer's pages: overview (balance, calls, usage chart, example call), keys, and recent
 * requests. Every page shows the signed-in user's own account only: ids in paths are checked
 * against it, and one of another account is answered as if it did not exist.
 */
final class CustomerPages {
  /** Days in the overview's chart. */
  static final int CHART_DAYS = 14;

  /** Active keys an account may hold. */
  static final int MAX_ACTIVE_KEYS = 50;

  private static final int MAX_REQUESTS_SHOWN = 100;
  private static final Pattern REQUEST_ID_PART = Pattern.compile("[0-9a-f-]{1,36}");
  private static final Pattern STATUS = Pattern.compile("[1-5][0-9][0-9]");
  // A user of the built-in simulator's dataset; any 24-hex Xiaohongshu user id works.
  private static final String SAMPLE_USER_ID = "6587d26000000001658eec67";
  private static final Logger audit = LoggerFactory.getLogger("audit");

  private final ConsoleStore store;
  private final AccountStore accounts;
  private final KeyStore keys;
  private final AccountActions actions;
  private final Usage usage;
  private final RequestLog requestLog;
  private final ConsoleUsers users;

  CustomerPages(
      ConsoleStore store,
      AccountStore accounts,
      KeyStore keys,
      AccountActions actions,
      Usage usage,
      RequestLog requestLog,
      ConsoleUsers users) {
    this.store = store;
    this.accounts = accounts;
    this.keys = keys;
    this.actions = actions;
    this.usage = usage;
    this.requestLog = requestLog;
    this.users = users;
  }

  void routes(Console.Routes r) {
    r.get("/console", Access.CUSTOMER, this::overview);
    r.get("/console/keys", Access.CUSTOMER, this::keys);
    r.post("/console/keys", Access.CUSTOMER, this::createKey);
    r.post("/console/keys/{key_id}/revoke", Access.CUSTOMER, this::revokeKey);
    r.post("/console/keys/{key_id}/roll", Access.CUSTOMER, this::rollKey);
    r.get("/console/requests", Access.CUSTOMER, this::requests);
  }

  private Outcome overview(Visit v) {
    Account account = account(v);
    LocalDate today = usage.today();
    Usage.Report report = usage.report(account.accountId(), today.minusDays(CHART_DAYS - 1), today);
    Usage.Day todayUsage = report.byDay().get(report.byDay().size() - 1);
    Map<String, Object> m = page(v, account, "overview");
    m.put("balance", Formats.number(account.balance()));
    m.put("callsToday", Formats.number(todayUsage.calls()));
    m.put("chargedToday", Formats.number(todayUsage.charged()));
    m.put("rateLimit", Formats.number(account.rateLimitPerMinute()));
    m.put("chart", UsageChart.of(report.byDay()));
    List<Map<String, Object>> days = new ArrayList<>();
    for (Usage.Day d : report.byDay().reversed()) {
      days.add(
          Map.of(
              "day", d.day().toString(),
              "calls", Formats.number(d.calls()),
              "charged", Formats.number(d.charged()),
              "errors", Formats.number(d.errors())));
    }
    m.put("days", days);
    String prefix =
        keys.listForAccount(account.accountId()).stream()
            .filter(k -> k.status() == KeyStatus.ACTIVE)
            .map(ApiKey::prefix)
            .reduce((first, second) -> second)
            .orElse("sk_live_");
    m.put(
        "curl",
        "curl -s '"
            + v.baseUrl()
            + "/openapi/v1/contentcreator/xiaohongshu/app/get_user_notes?user_id="
            + SAMPLE_USER_ID
            + "&cursor=' \\\n  -H 'Authorization: Bearer "
            + prefix
            + "…'");
    return Outcome.view("overview", m);
  }

  private Outcome keys(Visit v) {
    return Outcome.view("keys", keysModel(v, account(v)));
  }

  private Outcome createKey(Visit v) {
    Account account = account(v);
    String name = v.form().text("name");
    if (name.isEmpty() || name.length() > Limits.MAX_NAME_LENGTH) {
      Map<String, Object> m = keysModel(v, account);
      m.put(
          "error",
          "请给密钥起一个 1 到 "
              + Limits.MAX_NAME_LENGTH
              + " 个字符的名字 · Name the key (1 to "
              + Limits.MAX_NAME_LENGTH
              + " characters)");
      return Outcome.view(400, "keys", m);
    }
    long active =
        keys.listForAccount(account.accountId()).stream()
            .filter(k -> k.status() == KeyStatus.ACTIVE)
            .count();
    if (active >= MAX_ACTIVE_KEYS) {
      throw PageError.badRequest(
          "有效密钥已达 "
              + MAX_ACTIVE_KEYS
              + " 个,请先撤销不用的 · An account holds at most "
              + MAX_ACTIVE_KEYS
              + " active keys; revoke unused ones first");
    }
    String expires = v.form().text("expires_at");
    List<String> scopes = v.form().all("scopes");
    KeyRules rules;
    try {
      rules =
          KeyRuleInput.rules(
              // No box ticked leaves the key unscoped: it may call every endpoint.
              scopes.isEmpty() ? null : scopes,
              expires.isEmpty() ? null : expiry(expires),
              wholeNumber(v, "rate_limit_per_minute"),
              wholeNumber(v, "daily_credit_cap"),
              KeyRules.NONE);
    } catch (ApiError e) {
      Map<String, Object> m = keysModel(v, account);
      m.put("error", "密钥设置无效 · " + e.getMessage());
      m.put("scopeChoices", scopeChoices(scopes));
      return Outcome.view(400, "keys", m);
    }
    AccountActions.IssuedKey issued = actions.issueKey(account.accountId(), name, rules);
    audit.info("console user {} created key {}", v.session().subject(), issued.record().keyId());
    Map<String, Object> m = keysModel(v, account);
    m.put("created", Map.of("key", issued.key(), "name", name));
    return Outcome.view(201, "keys", m);
  }

  private Outcome revokeKey(Visit v) {
    Account account = account(v);
    String keyId = v.param("key_id");
    ApiKey key =
        keys.find(keyId)
            .filter(k -> k.accountId().equals(account.accountId()))
            .orElseThrow(() -> PageError.notFound("没有这个密钥 · There is no such key"));
    actions.revokeKey(key.keyId());
    audit.info("console user {} revoked key {}", v.session().subject(), key.keyId());
    return Outcome.redirect("/console/keys?revoked=" + key.prefix());
  }

  /**
   * Rolls one of the account's keys: its replacement is shown once, and the old key keeps working
   * for the chosen overlap ({@code expire_old_in_s}: 0 to 7 days).
   */
  private Outcome rollKey(Visit v) {
    Account account = account(v);
    String keyId = v.param("key_id");
    long overlap;
    try {
      overlap = KeyRuleInput.overlapSeconds(Long.parseLong(v.form().text("expire_old_in_s")));
    } catch (NumberFormatException | ApiError e) {
      throw PageError.badRequest("重叠时间须为 0 到 604800 秒 · The overlap must be 0 to 604800 seconds");
    }
    AccountActions.RolledKey rolled;
    try {
      rolled =
          actions.rollKey(
              keyId,
              account.accountId(),
              null,
              new AccountActions.RuleChange(null, null, null, null),
              overlap);
    } catch (ApiError e) {
      throw e.code().status() == 404
          ? PageError.notFound("没有这个密钥 · There is no such key")
          : PageError.badRequest("只能轮换有效的密钥 · Only an active key can be rolled");
    }
    audit.info(
        "console user {} rolled key {} to {}",
        v.session().subject(),
        keyId,
        rolled.replacement().record().keyId());
    Map<String, Object> m = keysModel(v, account);
    m.put(
        "created",
        Map.of(
            "key",
            rolled.replacement().key(),
            "name",
            rolled.replacement().record().name() == null
                ? rolled.replacement().record().prefix()
                : rolled.replacement().record().name(),
            "oldEnds",
            Formats.time(rolled.oldKeyEndsAtMs())));
    return Outcome.view(201, "keys", m);
  }

  /**
   * A whole number typed in the key form, or null when left empty.
   *
   * @throws ApiError 400 {@code invalid_param} naming the field when it is not a whole number
   */
  private static Long wholeNumber(Visit v, String field) {
    String typed = v.form().text(field);
    if (typed.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(typed);
    } catch (NumberFormatException e) {
      throw ApiError.invalidParam(
          field
              + " must be a whole number, got '"
              + (typed.length() > 40 ? typed.substring(0, 40) + "…" : typed)
              + "' (at $."
              + field
              + ")");
    }
  }

  /** The scope checkboxes of the key form: every known scope, ticked when among {@code ticked}. */
  private static List<Map<String, Object>> scopeChoices(List<String> ticked) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String scope : KeyRuleInput.knownScopes()) {
      out.add(Map.of("scope", scope, "checked", ticked.contains(scope)));
    }
    return out;
  }

  /** An expiry typed in the form: an ISO-8601 instant, or a UTC day (the key ends as it starts). */
  private static String expiry(String typed) {
    return typed.length() == 10 ? typed + "T00:00:00Z" : typed;
  }

  private Outcome requests(Visit v) {
    Account account = account(v);
    String status = v.form().text("status");
    int[] range = statusRange(status);
    String q = v.form().text("q").toLowerCase(java.util.Locale.ROOT);
    if (!q.isEmpty() && !REQUEST_ID_PART.matcher(q).matches()) {
      throw PageError.badRequest(
          "request_id 只含 0-9、a-f 和 - · A request_id has only 0-9, a-f and -");
    }
    // Rows still queued on this node would be missing from a page the visitor just used.
    requestLog.flush();
    List<RequestRecord> rows =
        store.recentRequests(
            account.accountId(), range[0], range[1], q.isEmpty() ? null : q, MAX_REQUESTS_SHOWN);
    Map<String, Object> m = page(v, account, "requests");
    m.put("q", q);
    m.put("statuses", statusOptions(status));
    m.put("rows", rows.stream().map(CustomerPages::requestRow).toList());
    m.put("empty", rows.isEmpty());
    m.put("limit", MAX_REQUESTS_SHOWN);
    return Outcome.view("requests", m);
  }

  private Map<String, Object> keysModel(Visit v, Account account) {
    // "Last used" comes with the request log rows; write this node's queued ones first.
    requestLog.flush();
    Map<String, Object> m = page(v, account, "keys");
    m.put("maxName", Limits.MAX_NAME_LENGTH);
    m.put("scopeChoices", scopeChoices(List.of()));
    m.put("maxRate", Limits.MAX_RATE_LIMIT_PER_MINUTE);
    m.put("maxCap", Limits.MAX_CREDITS);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ApiKey k : keys.listForAccount(account.accountId()).reversed()) {
      Map<String, Object> row = new HashMap<>();
      row.put("keyId", k.keyId());
      row.put("name", k.name() == null ? "—" : k.name());
      row.put("prefix", k.prefix());
      row.put("status", k.status().wire());
      row.put("active", k.status() == KeyStatus.ACTIVE);
      row.put("created", Formats.time(k.createdAtMs()));
      row.put("lastUsed", Formats.time(k.lastUsedAtMs()));
      row.put("expires", Formats.time(k.expiresAtMs()));
      row.put("scopes", k.rules().scopes() == null ? "" : String.join(" ", k.rules().scopes()));
      rows.add(row);
    }
    m.put("keys", rows);
    m.put("noKeys", rows.isEmpty());
    String revoked = v.form().text("revoked");
    m.put("revoked", revoked.isEmpty() ? null : revoked);
    return m;
  }

  /**
   * The model every customer page starts from: the nav entry {@code page} marked current, the
   * account's id, name and suspension, and the signed-in user's email ({@code who}).
   */
  Map<String, Object> page(Visit v, Account account, String page) {
    Map<String, Object> m = new HashMap<>();
    m.put("nav", Map.of(page, true));
    m.put("accountId", account.accountId());
    m.put("accountName", account.name());
    m.put("suspended", account.status() == AccountStatus.SUSPENDED);
    if (account.spending().isLow(account.balance())) {
      m.put(
          "lowBalance",
          Map.of(
              "balance",
              Formats.number(account.balance()),
              "threshold",
              Formats.number(account.spending().lowBalanceThreshold())));
    }
    users.user(v.session().subject()).ifPresent(u -> m.put("who", u.email()));
    return m;
  }

  /** The signed-in customer's account, or the console's 404 when it no longer exists. */
  Account account(Visit v) {
    return accounts
        .find(v.session().accountId())
        .orElseThrow(() -> PageError.notFound("账户不存在 · The account no longer exists"));
  }

  /** The lowest and highest status a filter value stands for. */
  static int[] statusRange(String filter) {
    return switch (filter) {
      case "" -> new int[] {0, 999};
      case "2xx" -> new int[] {200, 299};
      case "4xx" -> new int[] {400, 499};
      case "5xx" -> new int[] {500, 599};
      default -> {
        if (!STATUS.matcher(filter).matches()) {
          throw PageError.badRequest(
              "状态须为 2xx、4xx、5xx 或三位状态码 · status must be 2xx, 4xx, 5xx or a code such as" + " 429");
        }
        int code = Integer.parseInt(filter);
        yield new int[] {code, code};
      }
    };
  }

  private static List<Map<String, Object>> statusOptions(String selected) {
    List<Map<String, Object>> out = new ArrayList<>();
    String[][] options = {
      {"", "全部 All"},
      {"2xx", "成功 2xx"},
      {"4xx", "客户端错误 4xx"},
      {"5xx", "服务端错误 5xx"},
      {"401", "401"},
      {"402", "402"},
      {"403", "403"},
      {"429", "429"}
    };
    for (String[] o : options) {
      out.add(Map.of("value", o[0], "label", o[1], "selected", o[0].equals(selected)));
    }
    return out;
  }

  private static Map<String, Object> requestRow(RequestRecord r) {
    Map<String, Object> row = new HashMap<>();
    row.put("at", Formats.time(r.atMs()));
    row.put("requestId", r.requestId());
    row.put("key", r.keyPrefix() == null ? "—" : r.keyPrefix() + "…");
    row.put("endpoint", r.path().substring(r.path().lastIndexOf('/') + 1));
    row.put("userId", r.userId() == null ? "" : r.userId());
    row.put("status", r.status());
    row.put("error", r.error() == null ? "" : r.error());
    row.put("charged", r.charged());
    row.put("cache", r.cache() == null ? "" : r.cache());
    row.put("ms", r.totalMs());
    row.put("ok", r.status() < 400);
    return row;
  }
}
