package dev.xhsopenapi.upstream.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kind of source the simulator poses as, over the same dataset and the same fault draws: the
 * Xiaohongshu App itself, or one of the commercial vendors that resell its data. Each vendor
 * flavour serves that vendor's paths (the whole catalogue for SpiderHubs and TikHub; the user
 * notes, the note detail and the user search for JustOneAPI) with its auth, envelope and error
 * codes (see {@code SpiderHubsFlavor}, {@code TikHubFlavor}, {@code JustOneApiFlavor}); the App
 * path stays the App's.
 */
public enum SimFlavor {
  /** The App endpoint with {@code shield} signatures; no API key. */
  APP("app"),
  /** SpiderHubs: {@code Authorization: Bearer <key>} [S1–S7], envelope of SOURCES-FACTS B.2. */
  SPIDERHUBS("spiderhubs"),
  /** TikHub: {@code Authorization: Bearer <key>} [T1], envelope of SOURCES-FACTS A.2. */
  TIKHUB("tikhub"),
  /** JustOneAPI: the {@code token} query parameter [J5, J6], envelope of SOURCES-FACTS C.2. */
  JUSTONEAPI("justoneapi");

  private final String wireName;

  SimFlavor(String wireName) {
    this.wireName = wireName;
  }

  /** The name used by flags and settings: {@code app}, {@code spiderhubs}, … */
  public String wireName() {
    return wireName;
  }

  /** Whether this flavour is a vendor that takes an API key and bills calls. */
  public boolean isVendor() {
    return this != APP;
  }

  /**
   * The flavour with this wire name, case-insensitive.
   *
   * @throws IllegalArgumentException naming the names accepted
   */
  public static SimFlavor of(String wireName) {
    String wanted = wireName == null ? "" : wireName.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(flavor -> flavor.wireName.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the simulator flavour must be one of "
                        + Arrays.stream(values())
                            .map(SimFlavor::wireName)
                            .collect(Collectors.joining(", "))
                        + ", got '"
                        + wireName
                        + "'"));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
