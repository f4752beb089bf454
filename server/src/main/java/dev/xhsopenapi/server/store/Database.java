package dev.xhsopenapi.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Transactions over the gateway's relational store. Every store of the gateway is written against
 * this, so SQLite and PostgreSQL differ only in how a connection is had.
 */
public interface Database extends Transactions, AutoCloseable {

  /**
   * Runs {@code work} in one transaction of its own: committed when it returns, rolled back when it
   * throws.
   *
   * @throws StoreException when the database fails; {@code doing} names the operation
   */
  @Override
  <T> T transaction(String doing, SqlWork<T> work);

  /** A short name of the engine, for logs and health ({@code sqlite}, {@code postgresql}). */
  String engine();

  /**
   * Whether other nodes may share this store. A shared store's open credit reservations may belong
   * to live nodes, so only old ones are released as abandoned.
   */
  boolean shared();

  /**
   * What ends a {@code SELECT} that claims rows for this node, so that nodes sharing the store
   * claim different rows without waiting for each other: {@code " FOR UPDATE SKIP LOCKED"} on
   * PostgreSQL; nothing where one writer at a time is all the store allows.
   */
  default String claimRows() {
    return "";
  }

  /**
   * Takes the lock that keeps two nodes from migrating the schema at once, for the rest of the
   * transaction on {@code connection}. A store only one process opens needs none.
   */
  default void lockForMigration(Connection connection) throws SQLException {}

  @Override
  void close();
}
