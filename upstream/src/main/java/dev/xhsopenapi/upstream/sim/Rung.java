package dev.xhsopenapi.upstream.sim;

/**
 * The rung of the simulator's fault ladder that decided one call, as the App side answers it. The
 * App flavour sends the App answer as it is; a vendor flavour turns the rung into its own answer
 * (see {@link VendorFlavor#reply}). The connection faults (reset, timeout) and a vendor's empty
 * balance are not rungs: the first send nothing, the second has no App answer.
 */
enum Rung {
  /** A page of notes: HTTP 200 with the App's success wrapper. */
  PAGE,
  /** A well-formed user id the dataset does not hold: 200, code -10000. */
  USER_NOT_FOUND,
  /**
   * A well-formed note id the dataset does not hold: 200, code -10000 笔记不存在 (the simulator's
   * choice, the same code as a missing user; see {@link SimProtocol#NOTE_NOT_FOUND_CODE}).
   */
  NOTE_NOT_FOUND,
  /**
   * A web note detail asked with an {@code xsec_token} that is not the note's: 200, code {@value
   * SimProtocol#TOKEN_REFUSED_CODE} 当前笔记暂时无法浏览 (see {@link SimProtocol#TOKEN_REFUSED_CODE}).
   */
  TOKEN_REFUSED,
  /** A malformed or missing parameter: 400, code -1 参数错误. */
  BAD_PARAMETERS,
  /** A session whose login has expired: 200, code -100 (App sessions only). */
  SESSION_EXPIRED,
  /** A session or API key over its call limit: 200, code 300013. */
  RATE_LIMITED,
  /** The captcha wall: 461 with {@code Verifytype}. */
  CAPTCHA,
  /** A soft block: 200, the success wrapper around {@code data:{}}. */
  SOFT_BLOCK,
  /** The App's bare rejection: 200, {@code {"code":-1,"success":false}}. */
  GENERIC_ERROR
}
