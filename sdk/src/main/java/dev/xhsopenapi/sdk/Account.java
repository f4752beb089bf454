package dev.xhsopenapi.sdk;

/**
 * The calling key's account, as {@code GET /openapi/v1/account} reports it.
 *
 * @param accountId the account's id
 * @param name the account's name
 * @param balance credits left
 * @param rateLimitPerMinute accepted requests allowed in any 60 s
 * @param callsToday requests made today (UTC), this one included
 * @param chargedToday credits charged today (UTC)
 * @param requestId the id of the request that read it
 */
public record Account(
    String accountId,
    String name,
    long balance,
    int rateLimitPerMinute,
    long callsToday,
    long chargedToday,
    String requestId) {}
