package dev.xhsopenapi.server.account;

import java.util.List;
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

  /**
   * One page of every account, in {@code account_id} order.
   *
   * @param after the last account id of the previous page, or null for the first page; need not
   *     exist
   * @param limit the most accounts to return (1 or more)
   * @return up to {@code limit} accounts whose id sorts after {@code after}
   */
  List<Account> list(String after, int limit);

  /** The account with this exact name, if one exists (the oldest when several share it). */
  Optional<Account> findByName(String name);

  /**
   * Changes the rate limit and/or status; a null argument keeps the current value.
   *
   * @return the updated account, or empty if it does not exist
   */
  Optional<Account> update(String accountId, Integer rateLimitPerMinute, AccountStatus status);

  /**
   * Replaces the account's spending rules. A new low-balance threshold re-arms the warning: the
   * next charge that leaves the balance under it warns again.
   *
   * @return the updated account, or empty if it does not exist
   */
  Optional<Account> setSpending(String accountId, SpendRules spending);
}
