package dev.xhsopenapi.server.requestlog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the request log is kept. */
public interface RequestLogStore {

  /** Inserts a batch of rows in one transaction (rows already present are skipped). */
  void append(List<RequestRecord> batch);

  /** The row of one request, if it was logged. */
  Optional<RequestRecord> find(String requestId);

  /** Per UTC day in {@code [from, to]}: calls and error responses (status ≥ 400). */
  Map<LocalDate, DayCount> countByDay(String accountId, LocalDate from, LocalDate to);

  /** Calls per HTTP status in {@code [from, to]}. */
  Map<Integer, Long> countByStatus(String accountId, LocalDate from, LocalDate to);

  /**
   * Calls per UTC day in {@code [from, to]}, path, MCP tool and key, ordered by day; the key is
   * null for calls made without one (watch polls, requests refused before authentication).
   */
  List<CallCount> countByKey(String accountId, LocalDate from, LocalDate to);

  /** Deletes rows older than the given epoch ms; returns how many. */
  int deleteBefore(long epochMs);

  /** The calls of one day to one path (and MCP tool) through one key. */
  record CallCount(LocalDate day, String path, String tool, String keyId, long calls) {}

  /** Calls and errors of one day. */
  record DayCount(long calls, long errors, long upstreamSpend) {}
}
