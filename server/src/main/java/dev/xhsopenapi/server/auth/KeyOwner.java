package dev.xhsopenapi.server.auth;

import dev.xhsopenapi.server.account.AccountStatus;

/** A key together with the state of its account: everything a request needs to be let in. */
public record KeyOwner(
    String keyId,
    String prefix,
    KeyStatus keyStatus,
    Long keyExpiresAtMs,
    String accountId,
    AccountStatus accountStatus,
    int rateLimitPerMinute) {}
