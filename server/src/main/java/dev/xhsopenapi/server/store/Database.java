package dev.xhsopenapi.server.store;

/**
 * Transactions over the gateway's relational store. Every store of the gateway is written against
 * this, so SQLite and PostgreSQL differ only in how a connection is had.
 */
public interface Database extends AutoCloseable {

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   *
   * @throws StoreException when the database fails; {@code doing} names the operation
   */
  <T> T transaction(String doing, SqlWork<T> work);

  /** A short name of the engine, for logs and health ({@code sqlite}, {@code postgresql}). */
  String engine();

  @Override
  void close();
}
