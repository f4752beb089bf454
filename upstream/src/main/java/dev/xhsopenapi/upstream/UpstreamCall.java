package dev.xhsopenapi.upstream;

import java.time.Instant;
import java.util.Objects;

/**
 * The context of one customer request as the providers see it: who asks (so that waiting can be
 * fair across accounts), the request id (for logs and trace headers), the instant by which an
 * answer must be in hand, and what the sources billed for it so far.
 *
 * @param requestId the customer request's id
 * @param accountId the account that asks
 * @param deadline when the request's upstream time budget runs out
 * @param spend what the commercial sources billed for this request (each billed call's {@code
 *     cost}), added as the calls are made
 */
public record UpstreamCall(String requestId, String accountId, Instant deadline, Spend spend) {

  /** Creates a call context. */
  public UpstreamCall {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(spend, "spend");
  }

  /** Creates a call context with nothing spent yet. */
  public UpstreamCall(String requestId, String accountId, Instant deadline) {
    this(requestId, accountId, deadline, new Spend());
  }
}
