package dev.xhsopenapi.server.admin;

import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.api.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The operator's bearer token, compared in constant time. */
public final class AdminToken {
  private final byte[] expectedDigest;

  /** Creates the check for a non-empty token. */
  public AdminToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the admin token must not be empty");
    }
    this.expectedDigest = digest(token);
  }

  /**
   * Lets the request in when its {@code Authorization} header is {@code Bearer <token>}.
   *
   * @throws ApiError 401 otherwise
   */
  void check(String authorization) {
    String given = "";
    if (authorization != null) {
      String v = authorization.strip();
      int space = v.indexOf(' ');
      if (space > 0 && v.substring(0, space).equalsIgnoreCase("Bearer")) {
        given = v.substring(space + 1).strip();
      }
    }
    if (!matches(given)) {
      throw new ApiError(
          ErrorCode.ADMIN_UNAUTHORIZED,
          "the admin API needs 'Authorization: Bearer <admin token>' with the server's admin"
              + " token");
    }
  }

  /** Whether {@code candidate} is the token (as typed into the console's operator sign-in). */
  public boolean matches(String candidate) {
    // Comparing digests keeps the time independent of where the strings differ and of length.
    return MessageDigest.isEqual(digest(candidate == null ? "" : candidate), expectedDigest);
  }

  /**
   * A short value that changes when the token changes and does not reveal it: operator console
   * sessions carry it, so that a new token ends the sessions signed in with the old one.
   */
  public String fingerprint() {
    return HexFormat.of()
        .formatHex(digest("console-session:" + HexFormat.of().formatHex(expectedDigest)), 0, 16);
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
