package dev.xhsopenapi.server.store;

/**
 * Runs work in a transaction: the {@link Database} itself, or the credit ledger's writer, which
 * runs it on its next batch (see {@link BatchingCreditLedger#alongside}).
 */
public interface Transactions {

  /**
   * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws.
   *
   * @throws StoreException when the database fails; {@code doing} names the operation
   */
  <T> T transaction(String doing, SqlWork<T> work);
}
