package dev.xhsopenapi.server.ops.logging;

import dev.xhsopenapi.server.requestlog.RequestRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one log line written per public API request (logger {@code request}), with the fields an
 * operator filters on as key-value pairs. It names the key by its prefix only, never in full.
 */
public final class RequestLines {
  private static final Logger log = LoggerFactory.getLogger("request");

  private RequestLines() {}

  /** Writes the line of a request that has been answered. */
  public static void served(String method, RequestRecord r) {
    if (!log.isInfoEnabled()) {
      return;
    }
    LoggingEventBuilder line = log.atInfo();
    line = put(line, "request_id", r.requestId());
    line = put(line, "account", r.accountId());
    line = put(line, "key_prefix", r.keyPrefix());
    line = put(line, "path", r.path());
    line = put(line, "user_id", r.userId());
    line = put(line, "watch_id", r.watchId());
    line = put(line, "tool", r.tool());
    line = put(line, "status", r.status());
    line = put(line, "error", r.error());
    line = put(line, "charged", r.charged());
    line = put(line, "cache", r.cache());
    line = put(line, "upstream_ms", r.upstreamMs());
    line = put(line, "total_ms", r.totalMs());
    line.log("{} {} -> {} in {} ms", method, r.path(), r.status(), r.totalMs());
  }

  private static LoggingEventBuilder put(LoggingEventBuilder line, String key, Object value) {
    // An absent field is left out rather than written as the string "null".
    return value == null ? line : line.addKeyValue(key, value);
  }
}
