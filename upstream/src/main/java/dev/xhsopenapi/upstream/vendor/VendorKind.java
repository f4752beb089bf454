package dev.xhsopenapi.upstream.vendor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The commercial APIs the gateway can use as sources, by the {@code kind} an operator writes under
 * {@code upstream.sources.<name>} (DESIGN §4). Their paths, auth, envelopes and codes are in {@code
 * docs/SOURCES.md}.
 */
public enum VendorKind {
  /** SpiderHubs: {@code /openapi/v1/contentcreator/xiaohongshu/<series>/<op>}, Bearer key. */
  SPIDERHUBS,
  /** TikHub: {@code /api/v1/xiaohongshu/<series>/<op>}, Bearer key; bills every HTTP 200. */
  TIKHUB,
  /** JustOneAPI: its own paths and parameter names, {@code token} in the query. */
  JUSTONEAPI;

  /** The kind as written in configuration, e.g. {@code tikhub}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind written {@code wire} in configuration, if there is one. */
  public static Optional<VendorKind> of(String wire) {
    return Arrays.stream(values()).filter(k -> k.wire().equals(wire)).findFirst();
  }
}
