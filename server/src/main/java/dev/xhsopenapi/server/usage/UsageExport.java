package dev.xhsopenapi.server.usage;

import dev.xhsopenapi.server.billing.CreditLedger;
import dev.xhsopenapi.server.requestlog.RequestLog;
import dev.xhsopenapi.server.requestlog.RequestLogStore;
import dev.xhsopenapi.upstream.Operation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer's usage by UTC day, endpoint and key ({@code GET /openapi/v1/usage}, DESIGN §14):
 * credits from the credit ledger, so that they add up to what the balance lost, and calls from the
 * request log.
 *
 * <p>The endpoint of a row is the operation id for data calls, whether made over REST, over MCP
 * (the tool's operation) or by a watch's poll; other requests are named by their path ({@code
 * /openapi/v1/account}, {@code /mcp} for MCP's own messages).
 */
public final class UsageExport {
  private final CreditLedger ledger;
  private final RequestLogStore requests;
  private final RequestLog requestLog;
  private final Map<String, String> operationByPath = new HashMap<>();
  private final Map<String, String> operationByTool = new HashMap<>();

  /** Creates the export over the ledger and the request log. */
  public UsageExport(CreditLedger ledger, RequestLogStore requests, RequestLog requestLog) {
    this.ledger = ledger;
    this.requests = requests;
    this.requestLog = requestLog;
    for (Operation o : Operation.all()) {
      operationByPath.put(o.path(), o.id());
      operationByTool.put(o.id().replace('-', '_'), o.id());
    }
  }

  /**
   * One row of the export.
   *
   * @param endpoint the operation id, or the path of a request that is not a data call
   * @param keyId the key, or null for calls made without one (watch polls)
   * @param calls requests logged
   * @param charged credits charged (from the ledger)
   */
  public record Row(LocalDate day, String endpoint, String keyId, long calls, long charged) {}

  /** The rows of {@code [from, to]}, by day, endpoint and key (nulls first). */
  public List<Row> rows(String accountId, LocalDate from, LocalDate to) {
    requestLog.flush();
    Map<List<Object>, long[]> cells = new TreeMap<>(UsageExport::compareKeys);
    for (RequestLogStore.CallCount c : requests.countByKey(accountId, from, to)) {
      cells.computeIfAbsent(List.of(c.day(), endpoint(c), key(c.keyId())), k -> new long[2])[0] +=
          c.calls();
    }
    for (CreditLedger.Charged c : ledger.chargedBy(accountId, from, to)) {
      String endpoint = c.operation() == null ? "" : c.operation();
      cells.computeIfAbsent(List.of(c.day(), endpoint, key(c.keyId())), k -> new long[2])[1] +=
          c.credits();
    }
    List<Row> out = new ArrayList<>();
    cells.forEach(
        (k, v) -> {
          String keyId = (String) k.get(2);
          out.add(
              new Row(
                  (LocalDate) k.get(0),
                  (String) k.get(1),
                  keyId.isEmpty() ? null : keyId,
                  v[0],
                  v[1]));
        });
    return out;
  }

  /** The rows as CSV: a header line, then {@code day,endpoint,key_id,calls,charged} per row. */
  public static String csv(List<Row> rows) {
    StringBuilder out = new StringBuilder("day,endpoint,key_id,calls,charged\n");
    for (Row r : rows) {
      // Every value is a date, an operation id, a path, a key id or a number: nothing to quote.
      out.append(r.day())
          .append(',')
          .append(r.endpoint())
          .append(',')
          .append(r.keyId() == null ? "" : r.keyId())
          .append(',')
          .append(r.calls())
          .append(',')
          .append(r.charged())
          .append('\n');
    }
    return out.toString();
  }

  private String endpoint(RequestLogStore.CallCount c) {
    if (c.tool() != null && operationByTool.containsKey(c.tool())) {
      return operationByTool.get(c.tool());
    }
    return operationByPath.getOrDefault(c.path(), c.path());
  }

  private static String key(String keyId) {
    return keyId == null ? "" : keyId;
  }

  private static int compareKeys(List<Object> a, List<Object> b) {
    int byDay = ((LocalDate) a.get(0)).compareTo((LocalDate) b.get(0));
    if (byDay != 0) {
      return byDay;
    }
    int byEndpoint = ((String) a.get(1)).compareTo((String) b.get(1));
    return byEndpoint != 0 ? byEndpoint : ((String) a.get(2)).compareTo((String) b.get(2));
  }
}
