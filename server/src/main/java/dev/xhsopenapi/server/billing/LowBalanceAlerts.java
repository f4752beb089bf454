package dev.xhsopenapi.server.billing;

/**
 * Told when a debit took an account's balance under its low-balance threshold. The ledger has
 * already stored the {@code account.low_balance} delivery in the debit's transaction (durable,
 * retried like watch webhooks); this only hurries its sending.
 */
@FunctionalInterface
public interface LowBalanceAlerts {
  /** Alerts that drop the news. */
  LowBalanceAlerts NONE = (accountId, balance) -> {};

  /**
   * Tells the account, once per crossing ({@link Debit#lowBalanceCrossed()}); must not block the
   * request that crossed.
   *
   * @param balance the balance right after the crossing debit
   */
  void crossed(String accountId, long balance);
}
