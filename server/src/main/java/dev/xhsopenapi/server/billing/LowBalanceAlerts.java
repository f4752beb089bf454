package dev.xhsopenapi.server.billing;

/** Where the news goes that a debit took an account's balance under its low-balance threshold. */
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
