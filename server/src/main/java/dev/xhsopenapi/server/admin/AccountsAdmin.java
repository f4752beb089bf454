package dev.xhsopenapi.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.account.Limits;
import dev.xhsopenapi.server.account.SpendRules;
import dev.xhsopenapi.server.admin.AdminApi.Reply;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.Params;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.KeyRules;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.http.JsonBodies;
import io.helidon.webserver.http.ServerRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;

/**
 * The admin operations on accounts, their keys, credits and people: {@code /admin/v1/accounts…} and
 * {@code /admin/v1/keys/{key_id}}. Bodies are read into the records below (snake_case keys; other
 * keys are ignored) and answers are written from records, so the JSON names are the record
 * components in snake_case.
 */
final class AccountsAdmin {
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 500;
  private static final int MAX_AFTER_LENGTH = 200;

  private final AccountStore accounts;
  private final KeyStore keys;
  private final AccountActions actions;
  private final UserInvites invites;
  private static final int MAX_URL_LENGTH = 2048;

  private final int defaultRateLimit;

  AccountsAdmin(
      AccountStore accounts,
      KeyStore keys,
      AccountActions actions,
      UserInvites invites,
      int defaultRateLimit) {
    this.accounts = accounts;
    this.keys = keys;
    this.actions = actions;
    this.invites = invites;
    this.defaultRateLimit = defaultRateLimit;
  }

  /** {@code POST /admin/v1/accounts} body: {@code name} is required. */
  record NewAccount(String name, Long credits, Long rateLimitPerMinute) {}

  /**
   * {@code PATCH /admin/v1/accounts/{id}} body: at least one field. The spending fields are JSON
   * nodes so that an explicit {@code null} (remove the cap, threshold or webhook) differs from an
   * absent field (keep it).
   */
  record AccountChange(
      Long rateLimitPerMinute,
      String status,
      JsonNode dailyCreditCap,
      JsonNode lowBalanceThreshold,
      JsonNode webhookUrl) {}

  /**
   * {@code POST …/keys} body, every field optional: {@code expires_at} is an ISO-8601 instant,
   * {@code scopes} operation ids, {@code "mcp"} or {@code "watches"} (absent: all).
   */
  record NewKey(
      String name,
      List<String> scopes,
      String expiresAt,
      Long rateLimitPerMinute,
      Long dailyCreditCap) {}

  /**
   * {@code POST /admin/v1/keys/{key_id}/roll} body: how long the old key keeps working (0 to 7
   * days, default 0), and the new key's name and rules, each taken from the old key when absent.
   */
  record KeyRoll(
      Long expireOldInS,
      String name,
      List<String> scopes,
      String expiresAt,
      Long rateLimitPerMinute,
      Long dailyCreditCap) {}

  /** {@code POST …/credits} body: a non-zero {@code amount}, negative to remove. */
  record CreditChange(Long amount, String reason) {}

  /** {@code POST …/users} body. */
  record NewUser(String email) {}

  /**
   * An account as answered: {@code {"account_id","name","balance","rate_limit_per_minute",
   * "status","daily_credit_cap","low_balance_threshold","webhook_url"}} (the last three null when
   * unset); {@code webhook_secret} only in the answer that issued it.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  record AccountView(
      String accountId,
      String name,
      long balance,
      int rateLimitPerMinute,
      String status,
      @JsonInclude(JsonInclude.Include.ALWAYS) Long dailyCreditCap,
      @JsonInclude(JsonInclude.Include.ALWAYS) Long lowBalanceThreshold,
      @JsonInclude(JsonInclude.Include.ALWAYS) String webhookUrl,
      String webhookSecret) {
    static AccountView of(Account a) {
      return of(a, null);
    }

    static AccountView of(Account a, String issuedSecret) {
      return new AccountView(
          a.accountId(),
          a.name(),
          a.balance(),
          a.rateLimitPerMinute(),
          a.status().wire(),
          a.spending().dailyCreditCap(),
          a.spending().lowBalanceThreshold(),
          a.spending().webhookUrl(),
          issuedSecret);
    }
  }

  /** One account with its keys. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AccountDetail(
      String accountId,
      String name,
      long balance,
      int rateLimitPerMinute,
      String status,
      Long dailyCreditCap,
      Long lowBalanceThreshold,
      String webhookUrl,
      List<KeyView> keys) {}

  /**
   * A key as listed (never the key itself): times are ISO-8601 UTC, null when unset; {@code scopes}
   * null means every endpoint; a rolled key names its replacement and ends at {@code expires_at}.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record KeyView(
      String keyId,
      String prefix,
      String name,
      String status,
      String createdAt,
      String expiresAt,
      String lastUsedAt,
      List<String> scopes,
      Integer rateLimitPerMinute,
      Long dailyCreditCap,
      String replacedBy) {
    static KeyView of(ApiKey k) {
      return new KeyView(
          k.keyId(),
          k.prefix(),
          k.name(),
          k.status().wire(),
          Instant.ofEpochMilli(k.createdAtMs()).toString(),
          instant(k.expiresAtMs()),
          instant(k.lastUsedAtMs()),
          k.rules().scopes(),
          k.rules().rateLimitPerMinute(),
          k.rules().dailyCreditCap(),
          k.replacedBy());
    }
  }

  /** A page of accounts; {@code next} is the {@code after} of the next page, null on the last. */
  record AccountPage(List<AccountView> accounts, String next) {}

  /** A key just issued, shown this once. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record IssuedKeyView(String keyId, String key, String prefix) {}

  /** A key just issued by a roll, shown this once, with when the key it replaces stops working. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record RolledKeyView(String keyId, String key, String prefix, String oldKeyExpiresAt) {}

  /** A person invited to an account's console, with the path of their sign-in link. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record InviteView(
      String userId, String accountId, String email, String loginPath, String expiresAt) {}

  /** The balance after a credit change. */
  record Balance(long balance) {}

  Reply createAccount(ServerRequest req, String requestId) {
    NewAccount body = JsonBodies.read(req, NewAccount.class);
    String name = JsonBodies.requiredText(body.name(), "name", Limits.MAX_NAME_LENGTH);
    long credits = JsonBodies.bounded(body.credits(), "credits", 0, 0, Limits.MAX_CREDITS);
    int limit =
        (int)
            JsonBodies.bounded(
                body.rateLimitPerMinute(),
                "rate_limit_per_minute",
                defaultRateLimit,
                Limits.MIN_RATE_LIMIT_PER_MINUTE,
                Limits.MAX_RATE_LIMIT_PER_MINUTE);
    Account account = actions.createAccount(name, credits, limit, requestId);
    return new Reply(201, AccountView.of(account));
  }

  /**
   * {@code GET /admin/v1/accounts?limit=&after=}: one page of accounts in {@code account_id} order,
   * {@code {"accounts":[…],"next":…}}; {@code next} is the {@code after} of the following page, or
   * null on the last one.
   */
  Reply listAccounts(ServerRequest req, String requestId) {
    int limit = Params.pageLimit(Params.single(req.query(), "limit"), DEFAULT_PAGE, MAX_PAGE);
    String after = Params.single(req.query(), "after");
    if (after != null && after.isEmpty()) {
      after = null;
    }
    if (after != null && after.length() > MAX_AFTER_LENGTH) {
      throw ApiError.invalidParam(
          "after must be the last account_id of the previous page (at most "
              + MAX_AFTER_LENGTH
              + " characters)");
    }
    // One more than asked tells whether another page follows, without a count.
    List<Account> page = accounts.list(after, limit + 1);
    boolean more = page.size() > limit;
    List<Account> shown = more ? page.subList(0, limit) : page;
    return new Reply(
        200,
        new AccountPage(
            shown.stream().map(AccountView::of).toList(),
            more ? shown.get(shown.size() - 1).accountId() : null));
  }

  Reply showAccount(ServerRequest req, String requestId) {
    Account a = account(accounts, req);
    return new Reply(
        200,
        new AccountDetail(
            a.accountId(),
            a.name(),
            a.balance(),
            a.rateLimitPerMinute(),
            a.status().wire(),
            a.spending().dailyCreditCap(),
            a.spending().lowBalanceThreshold(),
            a.spending().webhookUrl(),
            keys.listForAccount(a.accountId()).stream().map(KeyView::of).toList()));
  }

  Reply patchAccount(ServerRequest req, String requestId) {
    String accountId = req.path().pathParameters().get("account_id");
    AccountChange body = JsonBodies.read(req, AccountChange.class);
    Integer limit = null;
    if (body.rateLimitPerMinute() != null) {
      limit =
          (int)
              JsonBodies.bounded(
                  body.rateLimitPerMinute(),
                  "rate_limit_per_minute",
                  0,
                  Limits.MIN_RATE_LIMIT_PER_MINUTE,
                  Limits.MAX_RATE_LIMIT_PER_MINUTE);
    }
    AccountStatus status = null;
    if (body.status() != null) {
      String wire = body.status();
      status =
          AccountStatus.parse(wire)
              .orElseThrow(
                  () ->
                      ApiError.invalidParam(
                          "status must be \"active\" or \"suspended\", got \""
                              + Params.shown(wire)
                              + "\" (at $.status)"));
    }
    boolean spending =
        body.dailyCreditCap() != null
            || body.lowBalanceThreshold() != null
            || body.webhookUrl() != null;
    if (limit == null && status == null && !spending) {
      throw ApiError.invalidParam(
          "give rate_limit_per_minute, status, daily_credit_cap, low_balance_threshold and/or"
              + " webhook_url to change");
    }
    Account account =
        accounts.find(accountId).orElseThrow(() -> AccountActions.noAccount(accountId));
    String issuedSecret = null;
    if (spending) {
      SpendRules now = account.spending();
      SpendRules asked =
          new SpendRules(
              credits(body.dailyCreditCap(), "daily_credit_cap", 1, now.dailyCreditCap()),
              credits(
                  body.lowBalanceThreshold(),
                  "low_balance_threshold",
                  1,
                  now.lowBalanceThreshold()),
              webhookUrl(body.webhookUrl(), now.webhookUrl()),
              null);
      AccountActions.SpendingChanged changed = actions.setSpending(accountId, asked);
      account = changed.account();
      issuedSecret = changed.webhookSecret();
    }
    if (limit != null || status != null) {
      account = actions.updateAccount(accountId, limit, status);
    }
    return new Reply(200, AccountView.of(account, issuedSecret));
  }

  /** A credits field of a PATCH: absent keeps {@code current}, null removes it. */
  private static Long credits(JsonNode node, String field, long min, Long current) {
    if (node == null) {
      return current;
    }
    if (node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw ApiError.invalidParam(
          field + " must be a whole number of credits, or null to remove it (at $." + field + ")");
    }
    return JsonBodies.bounded(node.asLong(), field, 0, min, Limits.MAX_CREDITS);
  }

  /** The webhook URL of a PATCH: absent keeps {@code current}, null removes it. */
  private static String webhookUrl(JsonNode node, String current) {
    if (node == null) {
      return current;
    }
    if (node.isNull()) {
      return null;
    }
    String url = node.isTextual() ? node.asText() : "";
    try {
      URI uri = new URI(url);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null
          || url.length() > MAX_URL_LENGTH) {
        throw new URISyntaxException(url, "not an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw ApiError.invalidParam(
          "webhook_url must be an absolute http:// or https:// URL of at most "
              + MAX_URL_LENGTH
              + " characters, or null to remove it (at $.webhook_url)");
    }
    return url;
  }

  Reply createKey(ServerRequest req, String requestId) {
    Account account = account(accounts, req);
    NewKey body = JsonBodies.read(req, NewKey.class);
    String name = JsonBodies.optionalText(body.name(), "name", Limits.MAX_NAME_LENGTH);
    KeyRules rules =
        KeyRuleInput.rules(
            body.scopes(),
            body.expiresAt(),
            body.rateLimitPerMinute(),
            body.dailyCreditCap(),
            KeyRules.NONE);
    AccountActions.IssuedKey issued = actions.issueKey(account.accountId(), name, rules);
    return new Reply(
        201, new IssuedKeyView(issued.record().keyId(), issued.key(), issued.record().prefix()));
  }

  Reply rollKey(ServerRequest req, String requestId) {
    String keyId = req.path().pathParameters().get("key_id");
    KeyRoll body = JsonBodies.read(req, KeyRoll.class);
    long overlap = KeyRuleInput.overlapSeconds(body.expireOldInS());
    String name = JsonBodies.optionalText(body.name(), "name", Limits.MAX_NAME_LENGTH);
    AccountActions.RolledKey rolled =
        actions.rollKey(
            keyId,
            null,
            name,
            new AccountActions.RuleChange(
                body.scopes(), body.expiresAt(), body.rateLimitPerMinute(), body.dailyCreditCap()),
            overlap);
    AccountActions.IssuedKey issued = rolled.replacement();
    return new Reply(
        201,
        new RolledKeyView(
            issued.record().keyId(),
            issued.key(),
            issued.record().prefix(),
            Instant.ofEpochMilli(rolled.oldKeyEndsAtMs()).toString()));
  }

  Reply revokeKey(ServerRequest req, String requestId) {
    actions.revokeKey(req.path().pathParameters().get("key_id"));
    return new Reply(204, null);
  }

  Reply createUser(ServerRequest req, String requestId) {
    Account account = account(accounts, req);
    NewUser body = JsonBodies.read(req, NewUser.class);
    String email = JsonBodies.requiredText(body.email(), "email", Limits.MAX_NAME_LENGTH);
    UserInvites.Invite invite = invites.invite(account.accountId(), email);
    return new Reply(
        invite.created() ? 201 : 200,
        new InviteView(
            invite.userId(),
            invite.accountId(),
            invite.email(),
            invite.loginPath(),
            invite.expiresAt().toString()));
  }

  Reply addCredits(ServerRequest req, String requestId) {
    Account account = account(accounts, req);
    CreditChange body = JsonBodies.read(req, CreditChange.class);
    if (body.amount() == null) {
      throw ApiError.invalidParam(
          "amount is required: a whole number of credits, negative to remove (at $.amount)");
    }
    long amount = body.amount();
    if (!Limits.isCreditChange(amount)) {
      throw ApiError.invalidParam(
          amount == 0
              ? "amount must not be 0 (at $.amount)"
              : "amount must be at most " + Limits.MAX_CREDITS + " either way (at $.amount)");
    }
    String reason = JsonBodies.optionalText(body.reason(), "reason", Limits.MAX_REASON_LENGTH);
    return new Reply(
        200, new Balance(actions.adjustCredits(account.accountId(), requestId, amount, reason)));
  }

  /** The account named by the path's {@code account_id}; 404 when there is none. */
  static Account account(AccountStore accounts, ServerRequest req) {
    String accountId = req.path().pathParameters().get("account_id");
    return accounts.find(accountId).orElseThrow(() -> AccountActions.noAccount(accountId));
  }

  private static String instant(Long epochMs) {
    return epochMs == null ? null : Instant.ofEpochMilli(epochMs).toString();
  }
}
