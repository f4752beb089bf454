package dev.xhsopenapi.server.auth;

/**
 * Who is calling, once authenticated: the key (by id and shown prefix) and its account.
 *
 * @param balanceSeen the account's balance in credits when it was last read with the key (up to a
 *     second ago): a hint of whether a call is likely covered, never what a charge is decided on
 */
public record Caller(
    String keyId, String keyPrefix, String accountId, int rateLimitPerMinute, long balanceSeen) {}
