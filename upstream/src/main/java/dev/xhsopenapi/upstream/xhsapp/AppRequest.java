package dev.xhsopenapi.upstream.xhsapp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One App request before signing: the path, the raw query exactly as it goes on the wire (the
 * signature covers these bytes), and the device headers of the session making it.
 */
record AppRequest(
    String path, String query, String commonParams, String platformInfo, String traceId) {
  static final String USER_POSTED_PATH = "/api/sns/v4/note/user/posted";

  /** The "notes posted by a user" request for one page, as the Android app sends it. */
  static AppRequest userPosted(
      String userId,
      String cursor,
      SessionSpec session,
      Map<String, String> defaults,
      long nowSeconds,
      RandomGenerator random) {
    String query =
        "user_id="
            + encode(userId)
            + "&sub_tag_id=&cursor="
            + encode(cursor)
            + "&num=10&use_cursor=true&pin_note_id=&pin_note_ids=";
    Map<String, String> params = new LinkedHashMap<>();
    params.put("deviceId", session.deviceId());
    params.putAll(defaults);
    params.put("fid", session.fid());
    params.put("device_fingerprint", session.deviceId());
    params.put("sid", session.sid());
    params.put("t", Long.toString(nowSeconds));
    params.putAll(session.commonParams());
    String platformInfo =
        "platform="
            + encode(params.getOrDefault("platform", "android"))
            + "&build="
            + encode(params.getOrDefault("build", ""))
            + "&deviceId="
            + encode(session.deviceId());
    return new AppRequest(USER_POSTED_PATH, query, form(params), platformInfo, traceId(random));
  }

  private static String form(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (!out.isEmpty()) {
            out.append('&');
          }
          out.append(encode(k)).append('=').append(encode(v));
        });
    return out.toString();
  }

  private static String traceId(RandomGenerator random) {
    return String.format("%016x", random.nextLong());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
