package dev.xhsopenapi.upstream.xhsapp;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the App client behaves.
 *
 * @param baseUrl the App API host, e.g. {@code https://edith.xiaohongshu.com}
 * @param signerUrl the sign service that produces {@code shield}
 * @param pace the least time between two calls of one session
 * @param paceJitter the extra random fraction of {@code pace} (0.25: up to +25 %)
 * @param timeout the longest wait for one App answer
 * @param attempts how many sessions one request may try
 * @param coolDowns how long sessions rest after refusals
 * @param userNotFoundCodes App {@code code}s that mean "no such user (for us)"
 * @param commonParams default {@code xy-common-params} fields; sessions override them
 */
public record XhsAppSettings(
    URI baseUrl,
    URI signerUrl,
    Duration pace,
    double paceJitter,
    Duration timeout,
    int attempts,
    CoolDowns coolDowns,
    Set<Integer> userNotFoundCodes,
    Map<String, String> commonParams) {

  /** The App's {@code xy-common-params} fields other than the session's own, as of app 6.95. */
  public static final Map<String, String> DEFAULT_COMMON_PARAMS =
      Map.of(
          "identifier_flag", "0",
          "tz", "Asia/Shanghai",
          "app_id", "ECFAAF01",
          "versionName", "6.95.0",
          "platform", "android",
          "build", "6950211",
          "lang", "zh-Hans",
          "channel", "YingYongBao");

  /** Validates the settings. */
  public XhsAppSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(signerUrl, "signerUrl");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    userNotFoundCodes = Set.copyOf(userNotFoundCodes);
    commonParams = Map.copyOf(commonParams);
  }
}
