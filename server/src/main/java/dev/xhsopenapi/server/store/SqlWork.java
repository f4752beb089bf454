package dev.xhsopenapi.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {

  /** Does the work; throwing rolls the transaction back. */
  T run(Connection connection) throws SQLException;
}
