package dev.xhsopenapi.server.account;

/**
 * A customer account: the unit that owns keys, credits and a rate limit.
 *
 * @param spending its daily credit cap and low-balance warning ({@link SpendRules#NONE} for none)
 */
public record Account(
    String accountId,
    String name,
    AccountStatus status,
    int rateLimitPerMinute,
    long balance,
    long createdAtMs,
    SpendRules spending) {}
