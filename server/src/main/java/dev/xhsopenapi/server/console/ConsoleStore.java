package dev.xhsopenapi.server.console;

import dev.xhsopenapi.server.account.Account;
import dev.xhsopenapi.server.requestlog.RequestRecord;
import java.util.List;
import java.util.Optional;

/**
 * What the web console keeps and reads in the gateway's store: its users, one-time links, sessions
 * and failed sign-ins, plus the lists its pages show. Kept in the shared store so that any node of
 * a cluster can serve any visitor.
 */
public interface ConsoleStore {

  /** Creates a user without a password; fails if the email is taken. */
  void createUser(ConsoleUser user);

  /** The user with this (lower-cased) email, if any. */
  Optional<ConsoleUser> userByEmail(String email);

  /** The user, if it exists. */
  Optional<ConsoleUser> user(String userId);

  /** The account's users, oldest first. */
  List<ConsoleUser> usersOf(String accountId);

  /** Sets a user's password hash. */
  void setPassword(String userId, String passwordHash, long atMs);

  /** Stores a link for the user, deleting the user's earlier links. */
  void replaceLinks(String userId, String tokenHash, long expiresAtMs);

  /** The user a link is for, while the link is unused and not expired. */
  Optional<String> linkUser(String tokenHash, long nowMs);

  /**
   * Uses a link up: deletes it and returns its user, if it was still valid. Of two concurrent uses
   * at most one succeeds.
   */
  Optional<String> consumeLink(String tokenHash, long nowMs);

  /** Stores a new session. */
  void createSession(ConsoleSession session);

  /** The session with this hash, if it exists (expired or not). */
  Optional<ConsoleSession> session(String sessionHash);

  /** Records that the session was used at {@code atMs}. */
  void touchSession(String sessionHash, long atMs);

  /** Deletes a session; returns whether it existed. */
  boolean deleteSession(String sessionHash);

  /** Deletes every session of a subject (a user id), e.g. after its password changed. */
  int deleteSessionsOf(String subject);

  /** Deletes sessions last used before {@code epochMs}; returns how many. */
  int deleteSessionsIdleSince(long epochMs);

  /**
   * Counts a failed sign-in of a subject within a window that starts at its first failure.
   *
   * @return the failures in the current window, this one included
   */
  int recordFailure(String subject, long nowMs, long windowMs);

  /** Refuses sign-ins of the subject until {@code untilMs}. */
  void lock(String subject, long untilMs);

  /** Until when the subject is locked out (0 when it is not). */
  long lockedUntil(String subject);

  /** Forgets the subject's failures (after a successful sign-in). */
  void clearFailures(String subject);

  /** Deletes failure rows whose window and lockout both ended before {@code epochMs}. */
  int deleteFailuresBefore(long epochMs);

  /**
   * The account's latest logged requests, newest first.
   *
   * @param statusFrom lowest status to include
   * @param statusTo highest status to include
   * @param requestIdPrefix only requests whose id starts with this (null: all)
   */
  List<RequestRecord> recentRequests(
      String accountId, int statusFrom, int statusTo, String requestIdPrefix, int limit);

  /**
   * Accounts, newest first: all of them when {@code query} is null, else those whose id starts with
   * it, whose name contains it, or that have a user whose email contains it (ignoring case).
   */
  List<Account> searchAccounts(String query, int limit);
}
