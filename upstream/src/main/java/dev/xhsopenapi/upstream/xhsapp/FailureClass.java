package dev.xhsopenapi.upstream.xhsapp;

import java.util.Locale;

/** What went wrong with one App call, as counted per session and shown to the operator. */
public enum FailureClass {
  /** HTTP 461/471 with {@code Verifytype}: a captcha wall on the session. */
  CAPTCHA,
  /** A success-shaped answer without notes ({@code data:{}}): the session is blocked quietly. */
  SOFT_BLOCK,
  /** {@code 300013}: the session called too often. */
  RATE_LIMITED,
  /** {@code 300012}: the session's IP (proxy) is blocked. */
  IP_BLOCKED,
  /** {@code 300011}: the account behind the session is restricted. */
  ACCOUNT_RESTRICTED,
  /** {@code -100}: the session's login expired. */
  EXPIRED,
  /** HTTP 406 or {@code 300015}: the signature was refused; the signer is at fault. */
  SIGNATURE,
  /** The signer could not be reached or answered nonsense. */
  SIGNER_DOWN,
  /** {@code {"code":-1}} or another unexplained refusal. */
  GENERIC,
  /** Not JSON, or JSON without the expected shape. */
  MALFORMED,
  /** HTTP 5xx or another unexpected status. */
  HTTP_ERROR,
  /** The connection failed or was reset. */
  NETWORK,
  /** No answer within the per-call timeout. */
  TIMEOUT;

  /** The lowercase name used in JSON. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
