package dev.xhsopenapi.upstream.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds App requests the way the gateway's xhs-app provider sends them, signed or not. */
final class AppRequests {
  static final String PLATFORM_INFO = "platform=android&build=6950211&deviceId=5a1c0e3f-sim";

  private AppRequests() {}

  /** The App's device and session parameters for a session {@code sid}. */
  static String commonParams(String sid) {
    return "deviceId=5a1c0e3f-sim&identifier_flag=0&tz=Asia%2FShanghai&fid=1700000000-sim"
        + "&app_id=ECFAAF01&versionName=6.95.0&platform=android&sid="
        + sid
        + "&t=1764355200&build=6950211&lang=zh-Hans";
  }

  /** The raw query of a page request, parameters in the App's order. */
  static String query(String userId, String cursor) {
    return "user_id="
        + userId
        + "&sub_tag_id=&cursor="
        + cursor
        + "&num=10&use_cursor=true&pin_note_id=&pin_note_ids=";
  }

  /** The headers of a request signed by {@code signer}. */
  static Map<String, String> signedHeaders(SimSigner signer, String query, String sid) {
    String common = commonParams(sid);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("xy-common-params", common);
    headers.put("xy-platform-info", PLATFORM_INFO);
    headers.put(
        "shield",
        signer.shield(SignInput.get(SimProtocol.USER_POSTED_PATH, query, common, PLATFORM_INFO)));
    headers.put("X-B3-TraceId", "0123456789abcdef");
    return headers;
  }

  /** A signed page request. */
  static SimRequest signed(SimSigner signer, String sid, String userId, String cursor) {
    String query = query(userId, cursor);
    return SimRequest.get(SimProtocol.USER_POSTED_PATH, query, signedHeaders(signer, query, sid));
  }
}
