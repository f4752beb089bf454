package dev.xhsopenapi.upstream.sim;

/**
 * A vendor flavour's answer and whether the vendor charges the caller for it.
 *
 * @param response what is sent
 * @param billed whether the vendor bills this call (counted in {@code /_sim/stats} as {@code
 *     billed})
 */
record VendorReply(SimResponse response, boolean billed) {

  /** An answer the vendor charges for. */
  static VendorReply billed(SimResponse response) {
    return new VendorReply(response, true);
  }

  /** An answer the vendor does not charge for. */
  static VendorReply free(SimResponse response) {
    return new VendorReply(response, false);
  }
}
