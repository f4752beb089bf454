package dev.xhsopenapi.server.admin;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStatus;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.auth.ApiKey;
import dev.xhsopenapi.server.auth.ApiKeys;
import dev.xhsopenapi.server.auth.Authenticator;
import dev.xhsopenapi.server.auth.KeyStore;
import dev.xhsopenapi.server.auth.RandomIds;
import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.ops.logging.Audit;

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

  /** Creates the actions over the stores they change. */
  public AccountActions(
      AccountStore accounts,
      KeyStore keys,
      CreditLedger ledger,
      Authenticator authenticator,
      RandomIds ids) {
    this.accounts = accounts;
    this.keys = keys;
    this.ledger = ledger;
    this.authenticator = authenticator;
    this.ids = ids;
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
   * @param expiresAtMs when the key stops working, or null for never
   */
  public IssuedKey issueKey(String accountId, String name, Long expiresAtMs) {
    String key = ApiKeys.generate(ids);
    ApiKey created =
        keys.create(
            ids.keyId(), accountId, ApiKeys.hash(key), ApiKeys.prefix(key), name, expiresAtMs);
    Audit.of("key.create")
        .account(accountId)
        .key(created.keyId())
        .log("created key {} ({}…) for account {}", created.keyId(), created.prefix(), accountId);
    return new IssuedKey(created, key);
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
}
