package dev.xhsopenapi.server.ratelimit;

/**
 * The limiter's answer for one request, with what the rate-limit headers report.
 *
 * @param allowed whether the request was accepted (and now counts against the window)
 * @param limit the account's limit per window
 * @param remaining how many more requests the window accepts right now
 * @param resetSeconds whole seconds until the oldest accepted request leaves the window (a slot
 *     frees); 0 when the window is empty
 * @param retryAfterSeconds when refused, whole seconds to wait before a slot is free (never 0)
 */
public record RateLimitDecision(
    boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {}
