package dev.xhsopenapi.upstream.sim;

/**
 * What the App side answers a call when no fault gets in the way: the rung of the fault ladder it
 * stands for and the App response, which a flavour's {@link Wire} then puts on its own wire.
 *
 * @param rung {@link Rung#PAGE} for data, else the kind of refusal
 * @param response the App's answer
 */
record AppAnswer(Rung rung, SimResponse response) {

  /** A 200 answer with {@code body}. */
  static AppAnswer of(Rung rung, byte[] body) {
    return new AppAnswer(rung, SimResponse.json(200, body));
  }

  /** The App's answer to missing or malformed parameters: 400, code -1 参数错误. */
  static AppAnswer badParameters() {
    return new AppAnswer(Rung.BAD_PARAMETERS, SimResponse.json(400, SimBodies.BAD_PARAMETERS));
  }
}
