package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.Param;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The TikHub flavour: every operation of the catalogue at {@code GET /api/v1/xiaohongshu/<suffix>}
 * with the operation's own parameters (e.g. {@code app/get_user_notes} with {@code user_id} and
 * {@code cursor}), {@code Authorization: Bearer <key>} [T1, A.1, A.4]. A 200 is the full 15-field
 * envelope of A.2 (a GUESS that the shortened samples are abbreviations) with {@code router} = the
 * path, {@code params} = the query echoed as strings [T4, A.6] and {@code data} = the App body; it
 * is billed even when {@code data} says failure, an unknown user included [A.3, T5], a missing note
 * and a refused {@code xsec_token} too. Errors are FastAPI's {@code {"detail":{…}}} [T6, T9] and
 * never billed: 400 "Request failed. Please retry" for the captcha wall, 401 for a wrong key
 * ({@code {"detail":"Not authenticated"}} for a missing one), 402 for an empty balance [T10, T11],
 * 422 for a missing required parameter (e.g. {@code user_id}), 429 with {@code Retry-After} [T2].
 * The bodies of 401, 402 and 429 are GUESSes (A.3).
 */
final class TikHubFlavor implements VendorFlavor {

  /** The path prefix of every TikHub Xiaohongshu endpoint [A.4]. */
  static final String PREFIX = "/api/v1/xiaohongshu/";

  private static final String DOCS =
      "https://api.tikhub.io/#/Xiaohongshu-App-API/"
          + "get_user_notes_api_v1_xiaohongshu_app_get_user_notes_get";
  private static final String SUPPORT = "Discord: https://discord.gg/aMEAS8Xsvz";
  private static final ZoneId TIME_ZONE = ZoneId.of("America/Los_Angeles");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String CACHE_MESSAGE =
      "This request will be cached. You can access the cached result directly using the URL"
          + " below, valid for 24 hours. Accessing the cache will not incur additional charges.";
  private static final String CACHE_MESSAGE_ZH =
      "本次请求将被缓存，你可以使用下面的 URL 直接访问缓存结果，有效期为 24 小时，访问缓存不会产生额外费用。";

  /** Every operation, at the TikHub prefix and its suffix [A.4]. */
  @Override
  public Optional<String> path(Operation operation) {
    return Optional.of(PREFIX + operation.suffix());
  }

  @Override
  public SimResponse keyRefused(VendorCall call, boolean missing) {
    if (missing) {
      // FastAPI's stock HTTPBearer answer (401 on current FastAPI) [A.3].
      return SimResponse.json(401, "{\"detail\":\"Not authenticated\"}".getBytes(UTF_8))
          .withHeader("WWW-Authenticate", "Bearer");
    }
    return detail(
        call,
        401,
        "Invalid API token. Please check your Authorization header.",
        "无效的 API Token，请检查 Authorization 请求头。");
  }

  @Override
  public SimResponse outOfCredit(VendorCall call) {
    return detail(
        call,
        402,
        "Insufficient balance. Please top up your account. This request will not be charged.",
        "余额不足，请充值。本次请求不会被扣费。");
  }

  @Override
  public VendorReply reply(VendorCall call, Rung rung, SimResponse app) {
    return switch (rung) {
      // TikHub wraps whatever Xiaohongshu answered, failures too, and charges for it [A.3].
      case PAGE,
          USER_NOT_FOUND,
          NOTE_NOT_FOUND,
          TOKEN_REFUSED,
          SOFT_BLOCK,
          GENERIC_ERROR,
          SESSION_EXPIRED ->
          VendorReply.billed(envelope(call, app));
      case BAD_PARAMETERS ->
          missingRequired(call)
              .map(name -> VendorReply.free(missing(name)))
              // Parameters that are there but wrong reach Xiaohongshu, whose rejection is wrapped.
              .orElseGet(() -> VendorReply.billed(envelope(call, app)));
      case RATE_LIMITED ->
          VendorReply.free(
              detail(
                      call,
                      429,
                      "Rate limit exceeded. Please slow down. This request will not be charged.",
                      "请求频率超出限制，请降低请求频率。本次请求不会被扣费。")
                  .withHeader("Retry-After", call.retryAfterSeconds()));
      case CAPTCHA ->
          VendorReply.free(
              detail(
                  call,
                  400,
                  "Request failed. Please retry. This request will not be charged.",
                  "请求失败，请重试。本次请求不会被扣费。"));
    };
  }

  private static SimResponse envelope(VendorCall call, SimResponse app) {
    byte[] data = app.body();
    String requestId = call.requestId().toString();
    return SimResponse.json(
        200,
        SimJson.write(
            1024 + data.length,
            json -> {
              json.writeStartObject();
              json.writeNumberField("code", 200);
              json.writeStringField("request_id", requestId);
              json.writeStringField(
                  "message", "Request successful. This request will incur a charge.");
              json.writeStringField("message_zh", "请求成功，本次请求将被计费。");
              json.writeStringField("support", SUPPORT);
              json.writeStringField("time", TIME.format(call.at().atZone(TIME_ZONE)));
              json.writeNumberField("time_stamp", call.at().getEpochSecond());
              json.writeStringField("time_zone", TIME_ZONE.getId());
              json.writeStringField("docs", DOCS);
              json.writeStringField("cache_message", CACHE_MESSAGE);
              json.writeStringField("cache_message_zh", CACHE_MESSAGE_ZH);
              json.writeStringField(
                  "cache_url",
                  "https://cache.tikhub.io/api/v1/cache/public/"
                      + requestId
                      + "?sign="
                      + sign(requestId));
              json.writeStringField("router", call.path());
              writeParams(json, call.params());
              json.writeFieldName("data");
              json.writeRawValue(new String(data, UTF_8));
              json.writeEndObject();
            }));
  }

  /** A business error: {@code {"detail":{code,message,message_zh,request_id,router,params}}}. */
  private static SimResponse detail(VendorCall call, int status, String message, String zh) {
    return SimResponse.json(
        status,
        SimJson.write(
            384,
            json -> {
              json.writeStartObject();
              json.writeObjectFieldStart("detail");
              json.writeNumberField("code", status);
              json.writeStringField("message", message);
              json.writeStringField("message_zh", zh);
              json.writeStringField("request_id", call.requestId().toString());
              json.writeStringField("router", call.path());
              writeParams(json, call.params());
              json.writeEndObject();
              json.writeEndObject();
            }));
  }

  /** The first required parameter of the call's operation that the query lacks. */
  private static Optional<String> missingRequired(VendorCall call) {
    return call.operation().params().stream()
        .filter(Param::required)
        .map(Param::name)
        .filter(name -> !call.params().containsKey(name))
        .findFirst();
  }

  /** FastAPI's validation answer for a missing required parameter [T1, A.3]. */
  private static SimResponse missing(String name) {
    return SimResponse.json(
        422,
        ("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"query\",\""
                + name
                + "\"],\"msg\":\"Field required\",\"input\":null}]}")
            .getBytes(UTF_8));
  }

  private static void writeParams(JsonGenerator json, Map<String, String> params)
      throws IOException {
    json.writeObjectFieldStart("params");
    for (Map.Entry<String, String> param : params.entrySet()) {
      json.writeStringField(param.getKey(), param.getValue());
    }
    json.writeEndObject();
  }

  /**
   * The 64-hex {@code sign} of a cache URL, as observed [T3, T4]: here the request id's SHA-256.
   */
  private static String sign(String requestId) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform has SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
