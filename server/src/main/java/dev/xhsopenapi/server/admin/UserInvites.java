package dev.xhsopenapi.server.admin;

import java.time.Instant;

/**
 * Sign-in links for the people of an account, issued by the operator; the web console implements it
 * (the admin API only needs to ask for one).
 */
public interface UserInvites {

  /**
   * Makes {@code email} a console user of the account (or finds the one it is) and issues a
   * one-time link that lets them set a password and sign in; earlier unused links of that user stop
   * working.
   *
   * @throws dev.xhsopenapi.server.api.ApiError 400 for a malformed email or one that belongs to
   *     another account, 404 when the account does not exist
   */
  Invite invite(String accountId, String email);

  /**
   * An issued link.
   *
   * @param loginPath the path and query of the link (the server does not know the host customers
   *     reach it by)
   * @param created whether the user was new
   */
  record Invite(
      String userId,
      String accountId,
      String email,
      String loginPath,
      Instant expiresAt,
      boolean created) {}
}
