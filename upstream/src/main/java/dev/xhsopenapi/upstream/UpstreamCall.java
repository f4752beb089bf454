package dev.xhsopenapi.upstream;

import java.time.Instant;
import java.util.Objects;

/**
 * The context of one customer request as the providers see it: who asks (so that waiting can be
 * fair across accounts), the request id (for logs and trace headers) and the instant by which an
 * answer must be in hand.
 */
public record UpstreamCall(String requestId, String accountId, Instant deadline) {

  /** Creates a call context. */
  public UpstreamCall {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(deadline, "deadline");
  }
}
