package dev.xhsopenapi.server.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.account.AccountStore;
import dev.xhsopenapi.server.admin.AdminApi.Reply;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestLogStore;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import dev.xhsopenapi.server.usage.Usage;
import io.helidon.webserver.http.ServerRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The admin reports: an account's usage by UTC day ({@code GET /admin/v1/accounts/{id}/usage}) and
 * one request from the request log ({@code GET /admin/v1/requests/{request_id}}).
 */
final class ReportsAdmin {
  private static final int MAX_USAGE_DAYS = 366;

  private final AccountStore accounts;
  private final Usage usage;
  private final RequestLog requestLog;
  private final RequestLogStore requests;

  ReportsAdmin(
      AccountStore accounts, Usage usage, RequestLog requestLog, RequestLogStore requests) {
    this.accounts = accounts;
    this.usage = usage;
    this.requestLog = requestLog;
    this.requests = requests;
  }

  /** Usage over days: totals, one row per day ({@code YYYY-MM-DD}), calls by HTTP status. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record UsageView(
      long calls,
      long charged,
      BigDecimal spend,
      List<DayView> byDay,
      Map<String, Long> byStatus) {}

  /** One UTC day of usage; {@code spend} is the upstream's, in the unit of the sources' cost. */
  record DayView(String day, long calls, long charged, long errors, BigDecimal spend) {}

  /** One request as logged; {@code at} is ISO-8601 UTC, durations in milliseconds. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record RequestView(
      String requestId,
      String accountId,
      String keyPrefix,
      String path,
      String userId,
      String cursor,
      int status,
      long charged,
      String cache,
      Long upstreamMs,
      long totalMs,
      String at) {}

  Reply usage(ServerRequest req, String requestId) {
    Account account = AccountsAdmin.account(accounts, req);
    LocalDate today = usage.today();
    LocalDate from = day(req, "from", today);
    LocalDate to = day(req, "to", req.query().contains("from") ? today : from);
    if (to.isBefore(from)) {
      throw ApiError.invalidParam("to (" + to + ") is before from (" + from + ")");
    }
    if (from.plusDays(MAX_USAGE_DAYS).isBefore(to)) {
      throw ApiError.invalidParam("ask for at most " + MAX_USAGE_DAYS + " days at a time");
    }
    Usage.Report report = usage.report(account.accountId(), from, to);
    return new Reply(
        200,
        new UsageView(
            report.calls(),
            report.charged(),
            report.spend(),
            report.byDay().stream()
                .map(
                    d ->
                        new DayView(
                            d.day().toString(), d.calls(), d.charged(), d.errors(), d.spend()))
                .toList(),
            report.byStatus()));
  }

  Reply request(ServerRequest req, String requestId) {
    String id = req.path().pathParameters().get("request_id");
    requestLog.flush();
    RequestRecord r =
        requests
            .find(id)
            .orElseThrow(() -> ApiError.notFound("no request " + id + " is on record"));
    return new Reply(
        200,
        new RequestView(
            r.requestId(),
            r.accountId(),
            r.keyPrefix(),
            r.path(),
            r.userId(),
            r.cursor(),
            r.status(),
            r.charged(),
            r.cache(),
            r.upstreamMs(),
            r.totalMs(),
            Instant.ofEpochMilli(r.atMs()).toString()));
  }

  private static LocalDate day(ServerRequest req, String name, LocalDate fallback) {
    List<String> values = req.query().all(name, List::of);
    if (values.isEmpty() || values.get(0).isEmpty()) {
      return fallback;
    }
    try {
      return LocalDate.parse(values.get(0));
    } catch (DateTimeParseException e) {
      throw ApiError.invalidParam(
          name + " must be a UTC day as YYYY-MM-DD, got '" + values.get(0) + "'");
    }
  }
}
