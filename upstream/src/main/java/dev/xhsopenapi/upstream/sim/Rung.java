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
  /** A malformed or missing user id or cursor: 400, code -1 参数错误. */
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
