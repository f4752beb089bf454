package dev.xhsopenapi.upstream.sim;

import java.util.Optional;

/**
 * Which HTTP status the JustOneAPI flavour sends with its envelope. The vendor's sources disagree
 * (SOURCES-FACTS C.2): the usage guide says every answer is HTTP 200 whatever the business code
 * [J6], while the OpenAPI document declares 400/401/403/429/500/503, each carrying the same
 * envelope [J1, J3]; so the simulator can speak either. Set with the {@code /_sim/faults} key
 * {@code justoneapi_http_status}; the other flavours ignore it.
 */
public enum JustOneApiHttpStatus {
  /** Every answer is HTTP 200; only the envelope's {@code code} tells what happened [J6]. */
  ALWAYS_200("always_200"),
  /**
   * The status follows the code, as J1 and the SDK's tests pair them: 100→401, 400→400, 600→403,
   * 302 and 303→429, 500→500, 503→503, every other code 200.
   */
  MAPPED("mapped");

  private final String wireName;

  JustOneApiHttpStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The name in {@code /_sim/faults}: {@code always_200} or {@code mapped}. */
  public String wireName() {
    return wireName;
  }

  /** The mode with this wire name, if there is one (exact spelling). */
  public static Optional<JustOneApiHttpStatus> of(String wireName) {
    for (JustOneApiHttpStatus mode : values()) {
      if (mode.wireName.equals(wireName)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  /** The HTTP status that goes with the JustOneAPI business {@code code} in this mode. */
  int status(int code) {
    if (this == ALWAYS_200) {
      return 200;
    }
    return switch (code) {
      case 100 -> 401;
      case 400 -> 400;
      case 600 -> 403;
      case 302, 303 -> 429;
      case 500 -> 500;
      case 503 -> 503;
      default -> 200;
    };
  }

  @Override
  public String toString() {
    return wireName;
  }
}
