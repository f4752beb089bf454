package dev.xhsopenapi.server.admin;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.account.SpendRules;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.ApiKeys;
import dev.xhsopenapi.server.auth.Authenticator;
import dev.xhsopenapi.server.auth.KeyRules;
import dev.xhsopenapi.server.auth.KeyStatus;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.ops.logging.Audit;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The changes made to accounts, keys and credits, shared by the admin API and the web console so
 * that both take one path: the store's change, the audit line, and dropping what the {@link
 * Authenticator} of this node cached so that the change holds from the next request on.
 */
public final class AccountActions {
  private final AccountStore accounts;
  private final KeyStore keys;
  private final CreditLedger ledger;
  private final Authenticator authenticator;
  private final RandomIds ids;
  private final Clock clock;

  /** Creates the actions over the stores they change. */
  public AccountActions(
      AccountStore accounts,
      KeyStore keys,
      CreditLedger ledger,
      Authenticator authenticator,
      RandomIds ids,
      Clock clock) {
    this.accounts = accounts;
    this.keys = keys;
    this.ledger = ledger;
    this.authenticator = authenticator;
    this.ids = ids;
    this.clock = clock;
  }

  /** Opens an account with its first credits (keyed in the ledger by {@code requestId}). */
  public Account createAccount(
      String name, long credits, int rateLimitPerMinute, String requestId) {
    Account account = accounts.create(name, credits, rateLimitPerMinute, requestId);
    Audit.of("account.create")
        .account(account.accountId())
        .log(
            "created account {} '{}' with {} credits, limit {}/min",
            account.accountId(),
            name,
            credits,
            rateLimitPerMinute);
    return account;
  }

  /**
   * Changes an account's rate limit and/or status (null keeps the value).
   *
   * @throws ApiError 404 when there is no such account
   */
  public Account updateAccount(String accountId, Integer rateLimitPerMinute, AccountStatus status) {
    Account account =
        accounts
            .update(accountId, rateLimitPerMinute, status)
            .orElseThrow(() -> noAccount(accountId));
    // Cached lookups carry the account's status and limit; drop them all on this node (other
    // nodes see the change when their sub-second cache expires).
    authenticator.forgetAll();
    Audit.of("account.update")
        .account(accountId)
        .log("changed account {}: limit {}, status {}", accountId, rateLimitPerMinute, status);
    return account;
  }

  /**
   * Issues a key for an existing account.
   *
   * @param rules its scopes, expiry and own limits (checked by {@link KeyRuleInput})
   */
  public IssuedKey issueKey(String accountId, String name, KeyRules rules) {
    String key = ApiKeys.generate(ids);
    ApiKey created =
        keys.create(ids.keyId(), accountId, ApiKeys.hash(key), ApiKeys.prefix(key), name, rules);
    Audit.of("key.create")
        .account(accountId)
        .key(created.keyId())
        .log("created key {} ({}…) for account {}", created.keyId(), created.prefix(), accountId);
    return new IssuedKey(created, key);
  }

  /**
   * Rolls a key over: issues its replacement (with the key's name and rules unless others are
   * given) and lets the old key work for {@code overlapSeconds} more, after which it is refused
   * with 401 as replaced.
   *
   * @param change the rules asked for the new key, each null one taken from the old key
   * @param expectedAccountId the account the key must belong to, or null for any (operator)
   * @throws ApiError 404 when there is no such key (of that account), 400 when it is not active
   */
  public RolledKey rollKey(
      String keyId, String expectedAccountId, String name, RuleChange change, long overlapSeconds) {
    ApiKey old =
        keys.find(keyId)
            .filter(k -> expectedAccountId == null || k.accountId().equals(expectedAccountId))
            .orElseThrow(() -> ApiError.notFound("there is no key " + keyId));
    if (old.status() != KeyStatus.ACTIVE) {
      throw ApiError.invalidParam(
          "key " + keyId + " is " + old.status().wire() + "; only an active key can be rolled");
    }
    long now = clock.millis();
    KeyRules rules =
        KeyRuleInput.rules(
            change.scopes(),
            change.expiresAt(),
            change.rateLimitPerMinute(),
            change.dailyCreditCap(),
            old.rules());
    long oldEndsAt = now + overlapSeconds * 1000;
    String key = ApiKeys.generate(ids);
    KeyStore.Rolled rolled =
        keys.roll(
                keyId,
                ids.keyId(),
                ApiKeys.hash(key),
                ApiKeys.prefix(key),
                name == null ? old.name() : name,
                rules,
                oldEndsAt)
            .orElseThrow(
                () -> ApiError.invalidParam("key " + keyId + " was revoked meanwhile; not rolled"));
    authenticator.forgetKey(rolled.oldKeyHash());
    long ends = old.expiresAtMs() == null ? oldEndsAt : Math.min(old.expiresAtMs(), oldEndsAt);
    Audit.of("key.roll")
        .account(old.accountId())
        .key(keyId)
        .log(
            "rolled key {} to {} ({}…); the old key works until {}",
            keyId,
            rolled.created().keyId(),
            rolled.created().prefix(),
            Instant.ofEpochMilli(ends));
    return new RolledKey(new IssuedKey(rolled.created(), key), ends);
  }

  /**
   * Changes an account's daily credit cap, low-balance threshold and webhook URL. A new webhook URL
   * gets a new signing secret, returned this once.
   *
   * @return the account and the new secret (null unless the URL changed)
   * @throws ApiError 404 when there is no such account
   */
  public SpendingChanged setSpending(String accountId, SpendRules asked) {
    Account account = accounts.find(accountId).orElseThrow(() -> noAccount(accountId));
    String secret = account.spending().webhookSecret();
    String issued = null;
    if (asked.webhookUrl() == null) {
      secret = null;
    } else if (!asked.webhookUrl().equals(account.spending().webhookUrl()) || secret == null) {
      issued = "whsec_" + ids.base62(32);
      secret = issued;
    }
    SpendRules rules =
        new SpendRules(
            asked.dailyCreditCap(), asked.lowBalanceThreshold(), asked.webhookUrl(), secret);
    Account updated =
        accounts.setSpending(accountId, rules).orElseThrow(() -> noAccount(accountId));
    authenticator.forgetAll();
    Audit.of("account.spending")
        .account(accountId)
        .log(
            "changed account {}: daily cap {}, low-balance threshold {}, webhook {}",
            accountId,
            rules.dailyCreditCap(),
            rules.lowBalanceThreshold(),
            rules.webhookUrl());
    return new SpendingChanged(updated, issued);
  }

  /**
   * Revokes a key; it fails with 401 from the next request on.
   *
   * @throws ApiError 404 when there is no such key
   */
  public void revokeKey(String keyId) {
    String hash =
        keys.revoke(keyId).orElseThrow(() -> ApiError.notFound("there is no key " + keyId));
    authenticator.forgetKey(hash);
    Audit.of("key.revoke").key(keyId).log("revoked key {}", keyId);
  }

  /**
   * Adds (or, when negative, removes) credits of an existing account.
   *
   * @param requestId keys the movement in the ledger
   * @return the new balance
   * @throws ApiError 400 when a removal would make the balance negative
   */
  public long adjustCredits(String accountId, String requestId, long amount, String reason) {
    long balance;
    try {
      balance = ledger.adjust(accountId, requestId, amount, reason);
    } catch (CreditLedger.InsufficientBalanceException e) {
      throw ApiError.invalidParam(
          "cannot remove " + Math.abs(amount) + " credits: " + e.getMessage());
    }
    Audit.of("credits.adjust")
        .account(accountId)
        .log("credits {} for account {} ({}), balance {}", amount, accountId, reason, balance);
    return balance;
  }

  static ApiError noAccount(String accountId) {
    return ApiError.notFound("there is no account " + accountId);
  }

  /** A key just issued: its stored record and the key itself, which is shown this once. */
  public record IssuedKey(ApiKey record, String key) {}

  /** A key rolled over: its replacement, and when the old key stops working (epoch ms). */
  public record RolledKey(IssuedKey replacement, long oldKeyEndsAtMs) {}

  /**
   * The rules asked for a rolled key, as given; each null one is taken from the old key.
   *
   * @param expiresAt an ISO-8601 instant
   */
  public record RuleChange(
      List<String> scopes, String expiresAt, Long rateLimitPerMinute, Long dailyCreditCap) {}

  /** An account whose spending rules changed, with its new webhook secret (null if unchanged). */
  public record SpendingChanged(Account account, String webhookSecret) {}
}
