package dev.xhsopenapi.server.billing;

import java.util.Map;

/**
 * What each endpoint costs, in credits per successful call, by SpiderHubs operation id (the
 * settings {@code prices.<op id>}, e.g. {@code prices.xhs-get-user-notes}).
 */
public record Prices(Map<String, Long> byOperation) {
  /** Creates the table; every price must be positive. */
  public Prices {
    byOperation = Map.copyOf(byOperation);
    byOperation.forEach(
        (op, price) -> {
          if (price < 1) {
            throw new IllegalArgumentException("the price of " + op + " must be at least 1");
          }
        });
  }

  /** The price of an operation; 1 when the table does not name it. */
  public long of(String operation) {
    return byOperation.getOrDefault(operation, 1L);
  }
}
