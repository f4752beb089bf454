package dev.xhsopenapi.sdk;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The calling account's usage over a range of UTC days, as {@code GET /openapi/v1/usage} exports
 * it: one row per day, endpoint and key that saw calls.
 *
 * @param from the first UTC day of the range
 * @param to the last UTC day of the range, inclusive
 * @param calls the calls made over the range
 * @param charged the credits charged over the range, summed from the credit ledger, so it adds up
 *     to what the balance lost
 * @param rows the rows, in the server's order; immutable
 * @param requestId the id of the request that read it, or null
 */
public record Usage(
    LocalDate from, LocalDate to, long calls, long charged, List<Row> rows, String requestId) {
  /** Copies the rows. */
  public Usage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    rows = List.copyOf(rows);
  }

  /**
   * One day's calls of one endpoint with one key.
   *
   * @param day the UTC day
   * @param endpoint the operation id of a data call (such as {@code xhs-get-user-notes}, over REST,
   *     MCP or a watch's poll), else the request's path
   * @param keyId the key that made the calls, or empty for calls made without a key (watch polls)
   * @param calls the calls made
   * @param charged the credits they were charged
   */
  public record Row(
      LocalDate day, String endpoint, Optional<String> keyId, long calls, long charged) {
    /** Checks the row. */
    public Row {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(endpoint, "endpoint");
      keyId = keyId == null ? Optional.empty() : keyId;
    }
  }
}
