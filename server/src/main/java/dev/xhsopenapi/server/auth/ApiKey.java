package dev.xhsopenapi.server.auth;

/** What the store knows of an API key: never the key itself, only its hash and prefix. */
public record ApiKey(
    String keyId,
    String accountId,
    String prefix,
    String name,
    KeyStatus status,
    long createdAtMs,
    Long expiresAtMs,
    Long lastUsedAtMs) {}
