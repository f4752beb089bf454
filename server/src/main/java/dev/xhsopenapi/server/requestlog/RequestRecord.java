package dev.xhsopenapi.server.requestlog;

/**
 * One row of the request log: what was asked, by whom, and how it ended. Null fields were not known
 * (an unauthenticated request has no account). {@code upstreamSpend} is what the commercial sources
 * billed the operator for the request, in millionths of their cost's unit (0 when none did). {@code
 * watchId} names the creator watch whose poll made the request, null for a customer's own call;
 * {@code tool} the MCP tool called, for requests over {@code /mcp} (else null).
 */
public record RequestRecord(
    String requestId,
    String accountId,
    String keyId,
    String keyPrefix,
    String path,
    String userId,
    String cursor,
    int status,
    String error,
    long charged,
    String cache,
    Long upstreamMs,
    long totalMs,
    long atMs,
    long upstreamSpend,
    String watchId,
    String tool) {}
