package dev.xhsopenapi.server.usage;

import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestLogStore;
import dev.xhsopenapi.server.requestlog.RequestLogStore.DayCount;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's usage by UTC day. Charges are summed from the credit ledger, so they always agree
 * with the balance; calls and statuses come from the request log.
 */
public final class Usage {
  private final CreditLedger ledger;
  private final RequestLogStore requests;
  private final RequestLog requestLog;
  private final Clock clock;

  /** Creates the report builder. */
  public Usage(CreditLedger ledger, RequestLogStore requests, RequestLog requestLog, Clock clock) {
    this.ledger = ledger;
    this.requests = requests;
    this.requestLog = requestLog;
    this.clock = clock;
  }

  /** Today's UTC date. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  /** The usage over {@code [from, to]} (UTC days). */
  public Report report(String accountId, LocalDate from, LocalDate to) {
    requestLog.flush();
    Map<LocalDate, Long> charged = ledger.chargedByDay(accountId, from, to);
    Map<LocalDate, DayCount> calls = requests.countByDay(accountId, from, to);
    List<Day> days = new ArrayList<>();
    long totalCalls = 0;
    long totalCharged = 0;
    long totalSpend = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      DayCount count = calls.getOrDefault(d, new DayCount(0, 0, 0));
      long c = charged.getOrDefault(d, 0L);
      days.add(new Day(d, count.calls(), c, count.errors(), micros(count.upstreamSpend())));
      totalCalls += count.calls();
      totalCharged += c;
      totalSpend += count.upstreamSpend();
    }
    Map<String, Long> byStatus = new LinkedHashMap<>();
    requests.countByStatus(accountId, from, to).forEach((s, n) -> byStatus.put(s.toString(), n));
    return new Report(totalCalls, totalCharged, micros(totalSpend), days, byStatus);
  }

  private static BigDecimal micros(long micros) {
    return BigDecimal.valueOf(micros, 6);
  }

  /**
   * Usage over a range of days.
   *
   * @param calls requests logged
   * @param charged credits charged (from the credit ledger)
   * @param spend what the commercial sources billed the operator for these requests, in the unit of
   *     their configured {@code cost}, six decimals
   * @param byDay one entry per UTC day of the range
   * @param byStatus requests by HTTP status
   */
  public record Report(
      long calls, long charged, BigDecimal spend, List<Day> byDay, Map<String, Long> byStatus) {}

  /**
   * Usage of one UTC day.
   *
   * @param day the day
   * @param calls requests logged
   * @param charged credits charged
   * @param errors requests answered 4xx or 5xx
   * @param spend what the sources billed for the day's requests, in their cost's unit
   */
  public record Day(LocalDate day, long calls, long charged, long errors, BigDecimal spend) {}
}
