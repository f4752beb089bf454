package dev.xhsopenapi.upstream.sim;

import java.util.Optional;

/**
 * A valid request for one page of a user's notes: a 24-hex user id, an empty or 24-hex cursor, and
 * a page size already clamped to what the simulator serves.
 */
record PageQuery(String userId, String cursor, int num) {

  /** The query, if {@code userId} and {@code cursor} are well-formed; {@code num} is clamped. */
  static Optional<PageQuery> of(String userId, String cursor, int num) {
    if (!SimProtocol.isId(userId)) {
      return Optional.empty();
    }
    String after = cursor == null ? "" : cursor;
    if (!after.isEmpty() && !SimProtocol.isId(after)) {
      return Optional.empty();
    }
    return Optional.of(new PageQuery(userId, after, Math.clamp(num, 1, SimProtocol.MAX_PAGE_SIZE)));
  }

  /** The query carried by an App request's query string. */
  static Optional<PageQuery> of(FormFields query) {
    return of(
        query.get("user_id").orElse(null),
        query.get("cursor").orElse(""),
        query.get("num").map(PageQuery::size).orElse(SimProtocol.DEFAULT_PAGE_SIZE));
  }

  /** A page size from text; anything but an integer means the App's default. */
  private static int size(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return SimProtocol.DEFAULT_PAGE_SIZE;
    }
  }
}
