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

  /** Deletes rows older than the given epoch ms; returns how many. */
  int deleteBefore(long epochMs);

  /** Calls and errors of one day. */
  record DayCount(long calls, long errors, long upstreamSpend) {}
}
