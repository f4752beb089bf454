package dev.xhsopenapi.server.console;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.account.Limits;
import dev.xhsopenapi.server.account.SpendRules;
import dev.xhsopenapi.server.admin.AccountActions;
import dev.xhsopenapi.server.admin.UpstreamSessions;
import dev.xhsopenapi.server.admin.UserInvites;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.KeyStatus;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.console.Console.Access;
import dev.xhsopenapi.server.usage.Usage;
import dev.xhsopenapi.server.watch.AccountEvent;
import dev.xhsopenapi.server.watch.WatchStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's pages: accounts (list, search, one account with its keys and people), the changes
 * the admin API makes (top-up, rate limit, suspend/activate, key revocation, sign-in links) through
 * the same {@link AccountActions}, the account's creator watches and its webhook settings and own
 * webhook events with every delivery attempt (read-only), and the health of the upstream sessions.
 */
final class OperatorPages {
  private static final int MAX_ACCOUNTS_SHOWN = 100;

  /** The account's own webhook events shown on its page, the newest. */
  static final int ACCOUNT_EVENTS_SHOWN = 20;

  private static final Map<String, String> NOTICES =
      Map.of(
          "credits", "余额已调整 · Balance adjusted",
          "limit", "限流已修改 · Rate limit changed",
          "status", "状态已修改 · Status changed",
          "revoked", "密钥已撤销 · Key revoked");

  private final ConsoleStore store;
  private final AccountStore accounts;
  private final KeyStore keys;
  private final AccountActions actions;
  private final Usage usage;
  private final UpstreamSessions upstream;
  private final ConsoleUsers users;
  private final WatchStore watches;

  OperatorPages(
      ConsoleStore store,
      AccountStore accounts,
      KeyStore keys,
      AccountActions actions,
      Usage usage,
      UpstreamSessions upstream,
      ConsoleUsers users,
      WatchStore watches) {
    this.store = store;
    this.accounts = accounts;
    this.keys = keys;
    this.actions = actions;
    this.usage = usage;
    this.upstream = upstream;
    this.users = users;
    this.watches = watches;
  }

  void routes(Console.Routes r) {
    r.get("/console/operator", Access.OPERATOR, this::accounts);
    r.get("/console/operator/accounts/{account_id}", Access.OPERATOR, this::account);
    r.post("/console/operator/accounts/{account_id}/credits", Access.OPERATOR, this::credits);
    r.post("/console/operator/accounts/{account_id}/limit", Access.OPERATOR, this::limit);
    r.post("/console/operator/accounts/{account_id}/status", Access.OPERATOR, this::status);
    r.post("/console/operator/accounts/{account_id}/users", Access.OPERATOR, this::invite);
    r.post("/console/operator/keys/{key_id}/revoke", Access.OPERATOR, this::revokeKey);
    r.get("/console/operator/upstream", Access.OPERATOR, this::upstream);
  }

  private Outcome accounts(Visit v) {
    String q = v.form().text("q");
    if (q.length() > 100) {
      throw PageError.badRequest("搜索词过长 · The search is too long");
    }
    List<Account> found = store.searchAccounts(q.isEmpty() ? null : q, MAX_ACCOUNTS_SHOWN);
    Map<String, Object> m = page("accounts");
    m.put("q", q);
    m.put("accounts", found.stream().map(OperatorPages::accountRow).toList());
    m.put("empty", found.isEmpty());
    m.put("limit", MAX_ACCOUNTS_SHOWN);
    return Outcome.view("operator_accounts", m);
  }

  private Outcome account(Visit v) {
    return Outcome.view("operator_account", accountModel(v, account(v.param("account_id"))));
  }

  private Outcome credits(Visit v) {
    Account account = account(v.param("account_id"));
    long amount =
        whole(v.form().text("amount"), -Limits.MAX_CREDITS, Limits.MAX_CREDITS, "amount 金额");
    if (amount == 0) {
      throw PageError.badRequest("金额不能为 0 · The amount must not be 0");
    }
    String reason = v.form().text("reason");
    if (reason.length() > Limits.MAX_REASON_LENGTH) {
      throw PageError.badRequest(
          "备注最多 "
              + Limits.MAX_REASON_LENGTH
              + " 个字符 · The reason has at most "
              + Limits.MAX_REASON_LENGTH
              + " characters");
    }
    actions.adjustCredits(
        account.accountId(), v.requestId(), amount, reason.isEmpty() ? "console top-up" : reason);
    return back(account, "credits");
  }

  private Outcome limit(Visit v) {
    Account account = account(v.param("account_id"));
    int limit =
        (int)
            whole(
                v.form().text("limit"),
                Limits.MIN_RATE_LIMIT_PER_MINUTE,
                Limits.MAX_RATE_LIMIT_PER_MINUTE,
                "limit 限流");
    actions.updateAccount(account.accountId(), limit, null);
    return back(account, "limit");
  }

  private Outcome status(Visit v) {
    Account account = account(v.param("account_id"));
    AccountStatus status =
        AccountStatus.parse(v.form().text("status"))
            .orElseThrow(
                () -> PageError.badRequest("状态须为 active 或 suspended · active or suspended"));
    actions.updateAccount(account.accountId(), null, status);
    return back(account, "status");
  }

  private Outcome invite(Visit v) {
    Account account = account(v.param("account_id"));
    UserInvites.Invite invite = users.invite(account.accountId(), v.form().text("email"));
    Map<String, Object> m = accountModel(v, account);
    m.put(
        "invite",
        Map.of(
            "email", invite.email(),
            "link", v.baseUrl() + invite.loginPath(),
            "expires", Formats.time(invite.expiresAt().toEpochMilli())));
    return Outcome.view(201, "operator_account", m);
  }

  private Outcome revokeKey(Visit v) {
    ApiKey key =
        keys.find(v.param("key_id"))
            .orElseThrow(() -> PageError.notFound("没有这个密钥 · There is no such key"));
    actions.revokeKey(key.keyId());
    return back(account(key.accountId()), "revoked");
  }

  private Outcome upstream(Visit v) {
    Map<String, Object> view = upstream.view();
    Map<String, Object> m = page("upstream");
    List<Map<String, Object>> sources = new ArrayList<>();
    for (Map<String, Object> source : upstream.sources()) {
      Map<String, Object> s = new HashMap<>(source);
      s.put("failureList", failures(source.get("failures")));
      sources.add(s);
    }
    m.put("sources", sources);
    List<Map<String, Object>> sessions = new ArrayList<>();
    Map<String, Integer> byState = new HashMap<>();
    for (Object o : (List<?>) view.get("sessions")) {
      Map<String, Object> s = new HashMap<>();
      ((Map<?, ?>) o).forEach((k, val) -> s.put(String.valueOf(k), val));
      String state = String.valueOf(s.get("state"));
      byState.merge(state, 1, Integer::sum);
      s.put("healthy", "active".equals(state));
      s.put("failureList", failures(s.get("failures")));
      sessions.add(s);
    }
    m.put("sessions", sessions);
    m.put("noSessions", sessions.isEmpty());
    m.put(
        "states",
        byState.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> Map.of("state", e.getKey(), "count", e.getValue()))
            .toList());
    return Outcome.view("operator_upstream", m);
  }

  private Map<String, Object> accountModel(Visit v, Account account) {
    Map<String, Object> m = page("accounts");
    m.put("account", accountRow(account));
    LocalDate today = usage.today();
    Usage.Report report = usage.report(account.accountId(), today, today);
    m.put("callsToday", Formats.number(report.calls()));
    m.put("chargedToday", Formats.number(report.charged()));
    m.put(
        "keys",
        keys.listForAccount(account.accountId()).reversed().stream()
            .map(
                k ->
                    Map.<String, Object>of(
                        "keyId", k.keyId(),
                        "name", k.name() == null ? "—" : k.name(),
                        "prefix", k.prefix(),
                        "status", k.status().wire(),
                        "active", k.status() == KeyStatus.ACTIVE,
                        "lastUsed", Formats.time(k.lastUsedAtMs())))
            .toList());
    m.put(
        "users",
        users.usersOf(account.accountId()).stream()
            .map(
                u ->
                    Map.<String, Object>of(
                        "email", u.email(),
                        "passwordSet", u.passwordHash() != null,
                        "created", Formats.time(u.createdAtMs())))
            .toList());
    List<Map<String, Object>> watchRows =
        watches.list(account.accountId()).stream().map(WatchPages::row).toList();
    m.put("watches", watchRows);
    m.put("noWatches", watchRows.isEmpty());
    m.put("notice", NOTICES.get(v.form().text("done")));
    SpendRules spending = account.spending();
    Map<String, Object> webhook = new HashMap<>();
    webhook.put("url", spending.webhookUrl());
    webhook.put("threshold", amount(spending.lowBalanceThreshold()));
    webhook.put("cap", amount(spending.dailyCreditCap()));
    m.put("webhook", webhook);
    List<Map<String, Object>> events =
        watches.latestAccountEvents(account.accountId(), ACCOUNT_EVENTS_SHOWN).stream()
            .map(OperatorPages::eventRow)
            .toList();
    m.put("accountEvents", events);
    m.put("hasAccountEvents", !events.isEmpty());
    m.put("noWebhookUrl", spending.webhookUrl() == null);
    m.put("noAccountEvents", events.isEmpty() && spending.webhookUrl() != null);
    m.put("accountEventsShown", ACCOUNT_EVENTS_SHOWN);
    return m;
  }

  /**
   * An account's own event as a row: its delivery, the last attempt's HTTP status or error, and
   * every attempt ({@link WatchPages#attemptRow}).
   */
  private static Map<String, Object> eventRow(AccountEvent e) {
    Map<String, Object> row = new HashMap<>();
    row.put("eventId", e.eventId());
    row.put("type", e.type());
    row.put("created", Formats.time(e.createdAtMs()));
    row.put("delivery", e.status().wire());
    row.put("attempts", e.attempts());
    row.put("nextAttempt", e.nextAttemptAtMs() == null ? null : Formats.time(e.nextAttemptAtMs()));
    List<Map<String, Object>> history = e.history().stream().map(WatchPages::attemptRow).toList();
    row.put("history", history);
    row.put("hasHistory", !history.isEmpty());
    row.put("last", history.isEmpty() ? null : history.getLast());
    return row;
  }

  /** Credits with separators, or a dash when unset. */
  private static String amount(Long credits) {
    return credits == null ? "—" : Formats.number(credits);
  }

  private static Map<String, Object> accountRow(Account a) {
    Map<String, Object> row = new HashMap<>();
    row.put("accountId", a.accountId());
    row.put("name", a.name());
    row.put("status", a.status().wire());
    row.put("suspended", a.status() == AccountStatus.SUSPENDED);
    row.put("balance", Formats.number(a.balance()));
    row.put("rateLimit", a.rateLimitPerMinute());
    row.put("created", Formats.time(a.createdAtMs()));
    return row;
  }

  private static List<Map<String, Object>> failures(Object byClass) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (byClass instanceof Map<?, ?> map) {
      map.forEach((k, n) -> out.add(Map.of("kind", String.valueOf(k), "count", n)));
    }
    return out;
  }

  private Account account(String accountId) {
    return accounts
        .find(accountId)
        .orElseThrow(() -> PageError.notFound("没有这个账户 · There is no account " + accountId));
  }

  private static Map<String, Object> page(String page) {
    Map<String, Object> m = new HashMap<>();
    m.put("nav", Map.of(page, true));
    return m;
  }

  private static Outcome back(Account account, String done) {
    return Outcome.redirect(
        "/console/operator/accounts/"
            + URLEncoder.encode(account.accountId(), StandardCharsets.UTF_8)
            + "?done="
            + done);
  }

  private static long whole(String text, long min, long max, String field) {
    try {
      long n = Long.parseLong(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw PageError.badRequest(
        field
            + " 须为 "
            + min
            + " 到 "
            + max
            + " 的整数 · must be a whole number from "
            + min
            + " to "
            + max);
  }
}
