package dev.xhsopenapi.server.console;

/**
 * A person who signs in to the console for one account.
 *
 * @param passwordHash the Argon2id hash in PHC form, or null until the user sets a password
 */
public record ConsoleUser(
    String userId,
    String accountId,
    String email,
    String passwordHash,
    long createdAtMs,
    Long passwordSetAtMs) {}
