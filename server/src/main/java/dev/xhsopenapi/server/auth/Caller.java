package dev.xhsopenapi.server.auth;

/** Who is calling, once authenticated: the key (by id and shown prefix) and its account. */
public record Caller(String keyId, String keyPrefix, String accountId, int rateLimitPerMinute) {}
