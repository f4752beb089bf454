package dev.xhsopenapi.upstream.sim;

import dev.xhsopenapi.upstream.Operation;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One request to a vendor flavour, as its answers quote it.
 *
 * @param path the path that served it, e.g. TikHub's {@code router}
 * @param operation the operation the path serves
 * @param params the decoded query parameters in the order sent, e.g. TikHub's {@code params}
 * @param requestId the vendor's id of this request
 * @param at when the request arrived, e.g. TikHub's {@code time} and {@code time_stamp}
 * @param faults the fault setting in force for this call
 */
record VendorCall(
    String path,
    Operation operation,
    Map<String, String> params,
    UUID requestId,
    Instant at,
    SimFaults faults) {

  /**
   * The {@code Retry-After} of a rate-limit answer, whole seconds: the length of the limit's
   * window, after which a key that stops calling is always under its limit again.
   */
  String retryAfterSeconds() {
    return Long.toString(faults.rateLimitWindow().toSeconds());
  }
}
