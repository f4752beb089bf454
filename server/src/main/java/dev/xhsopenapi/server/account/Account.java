package dev.xhsopenapi.server.account;

/** A customer account: the unit that owns keys, credits and a rate limit. */
public record Account(
    String accountId,
    String name,
    AccountStatus status,
    int rateLimitPerMinute,
    long balance,
    long createdAtMs) {}
