package dev.xhsopenapi.server.auth;

import dev.xhsopenapi.server.account.AccountStatus;

/**
 * A key together with the state of its account: everything a request needs to be let in.
 *
 * @param balance the account's balance in credits when the key was looked up
 */
public record KeyOwner(
    String keyId,
    String prefix,
    KeyStatus keyStatus,
    Long keyExpiresAtMs,
    String accountId,
    AccountStatus accountStatus,
    int rateLimitPerMinute,
    long balance) {}
