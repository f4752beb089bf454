package dev.xhsopenapi.upstream.sim;

/**
 * A random fault of one App call, in the order in which a draw's range is split between them: each
 * takes its {@code *_rate} share of {@code [0, 1)}.
 */
enum SimFault {
  /**
   * HTTP 461 with {@code Verifytype: 102}, a {@code Verifyuuid} and a success-shaped empty body.
   */
  CAPTCHA,
  /** HTTP 200 with the success wrapper around {@code data:{}}. */
  SOFT_BLOCK,
  /** HTTP 200 with {@code {"code":-1,"success":false}}. */
  GENERIC_ERROR,
  /** HTTP 200 with the real page cut in half. */
  MALFORMED,
  /** The connection closed without any response. */
  RESET,
  /** No answer at all until the client gives up. */
  TIMEOUT
}
