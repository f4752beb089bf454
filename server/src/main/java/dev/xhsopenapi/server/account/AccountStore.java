package dev.xhsopenapi.server.account;

import java.util.Optional;

/** Where accounts are kept. */
public interface AccountStore {

  /**
   * Creates an account and credits its opening balance in the same transaction.
   *
   * @param requestId the id of the admin request, which keys the opening top-up in the ledger
   */
  Account create(String name, long credits, int rateLimitPerMinute, String requestId);

  /** The account, if it exists. */
  Optional<Account> find(String accountId);

  /** The account with this exact name, if one exists (the oldest when several share it). */
  Optional<Account> findByName(String name);

  /**
   * Changes the rate limit and/or status; a null argument keeps the current value.
   *
   * @return the updated account, or empty if it does not exist
   */
  Optional<Account> update(String accountId, Integer rateLimitPerMinute, AccountStatus status);
}
