package dev.xhsopenapi.sdk;

import java.util.List;
import java.util.stream.Collectors;

/** JSON bodies shaped like the gateway's, for scripted servers. */
final class Bodies {
  private Bodies() {}

  /** A success envelope holding one page of the App body. */
  static String page(String requestId, String cursor, boolean hasMore, List<String> noteIds) {
    String notes =
        noteIds.stream()
            .map(id -> "{\"id\":\"" + id + "\",\"type\":\"normal\",\"sticky\":false}")
            .collect(Collectors.joining(","));
    return "{\"code\":200,\"request_id\":\""
        + requestId
        + "\",\"data\":{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\"cursor\":\""
        + cursor
        + "\",\"has_more\":"
        + hasMore
        + ",\"notes\":["
        + notes
        + "]}}}";
  }

  /** The gateway's error shape. */
  static String error(int code, String requestId, String error, String message) {
    return "{\"code\":"
        + code
        + ",\"request_id\":\""
        + requestId
        + "\",\"error\":\""
        + error
        + "\",\"message\":\""
        + message
        + "\",\"data\":null}";
  }

  /** A note id whose first 8 hex digits are {@code seconds}. */
  static String id(long seconds, int n) {
    return String.format("%08x%016x", seconds, n);
  }
}
