package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * The JSON bodies the simulator answers with: the App's wrapper ({@code code}, {@code success},
 * {@code msg}, {@code data}) for the App endpoint, and plain objects for its own endpoints.
 */
final class SimBodies {

  static final byte[] USER_NOT_FOUND =
      withEmptyData(SimProtocol.USER_NOT_FOUND_CODE, false, "用户不存在");

  /** A note the dataset lacks: code {@value SimProtocol#NOTE_NOT_FOUND_CODE} 笔记不存在. */
  static final byte[] NOTE_NOT_FOUND =
      withEmptyData(SimProtocol.NOTE_NOT_FOUND_CODE, false, "笔记不存在");

  /** A web note detail asked with a wrong {@code xsec_token}: code 300031 当前笔记暂时无法浏览. */
  static final byte[] TOKEN_REFUSED =
      withEmptyData(SimProtocol.TOKEN_REFUSED_CODE, false, "当前笔记暂时无法浏览");

  static final byte[] BAD_PARAMETERS = rejection("参数错误");

  static final byte[] SIGNATURE_REJECTED = rejection("签名校验失败");

  /** The expired session's answer, {@code errCode} beside {@code code} as the App sends it. */
  static final byte[] SESSION_EXPIRED =
      SimJson.write(
          96,
          json -> {
            json.writeStartObject();
            json.writeNumberField("code", SimProtocol.SESSION_EXPIRED_CODE);
            json.writeNumberField("errCode", SimProtocol.SESSION_EXPIRED_CODE);
            json.writeBooleanField("success", false);
            json.writeStringField("msg", "登录已过期");
            json.writeEndObject();
          });

  static final byte[] RATE_LIMITED =
      withEmptyData(SimProtocol.RATE_LIMITED_CODE, false, "访问频次异常，请勿频繁操作或重启试试");

  /** The success wrapper around nothing: a soft block, and the body of a captcha answer. */
  static final byte[] EMPTY_SUCCESS = withEmptyData(0, true, "成功");

  /** The App's bare rejection, without even a {@code msg}. */
  static final byte[] GENERIC_REJECTION =
      SimJson.write(
          32,
          json -> {
            json.writeStartObject();
            json.writeNumberField("code", SimProtocol.REJECTED_CODE);
            json.writeBooleanField("success", false);
            json.writeEndObject();
          });

  private SimBodies() {}

  /** A page of notes in the App's success wrapper, {@code data} keys in a fixed order. */
  static byte[] page(SimUser author, Timeline.Page page) {
    return SimJson.write(
        512 + 2048 * page.notes().size(),
        json -> {
          appWrapper(json, 0, true, "成功");
          json.writeObjectFieldStart("data");
          json.writeStringField("cursor", page.cursor());
          json.writeBooleanField("has_more", page.hasMore());
          json.writeArrayFieldStart("notes");
          for (SimNote note : page.notes()) {
            writeNote(json, author, note);
          }
          json.writeEndArray();
          json.writeEndObject();
          json.writeEndObject();
        });
  }

  /** Writes one note object as the App sends it. */
  static void writeNote(JsonGenerator json, SimUser author, SimNote note) throws IOException {
    switch (note) {
      case GeneratedNote generated -> NoteComposer.write(json, author, generated);
      case LoadedNote loaded -> json.writeRawValue(loaded.json());
    }
  }

  /**
   * {@code {"sids":{"<sid>":{"calls":N,"at_ms":[…]}},"keys":{"<key hint>":{…}},"billed":N}}: the
   * App calls per session, the vendor calls per API key, and the calls a vendor billed.
   */
  static byte[] stats(Map<String, SidStats> bySid, Map<String, SidStats> byKey, long billed) {
    return SimJson.write(
        256,
        json -> {
          json.writeStartObject();
          writeCalls(json, "sids", bySid);
          writeCalls(json, "keys", byKey);
          json.writeNumberField("billed", billed);
          json.writeEndObject();
        });
  }

  private static void writeCalls(JsonGenerator json, String field, Map<String, SidStats> calls)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (Map.Entry<String, SidStats> entry : calls.entrySet()) {
      json.writeObjectFieldStart(entry.getKey());
      json.writeNumberField("calls", entry.getValue().calls());
      json.writeArrayFieldStart("at_ms");
      for (long at : entry.getValue().atMs()) {
        json.writeNumber(at);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  /** {@code {"users":[{"user_id","nickname","notes","pinned"}…]}}. */
  static byte[] users(SimDataset dataset) {
    return SimJson.write(
        128 * dataset.users().size(),
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("users");
          for (SimUser user : dataset.users()) {
            json.writeStartObject();
            json.writeStringField("user_id", user.userId());
            json.writeStringField("nickname", user.nickname());
            json.writeNumberField("notes", user.notes().size());
            json.writeNumberField("pinned", user.pinnedCount());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /** The signing service's answer: {@code {"headers":{"shield":"…"}}}. */
  static byte[] signed(String shield) {
    return SimJson.write(
        128,
        json -> {
          json.writeStartObject();
          json.writeObjectFieldStart("headers");
          json.writeStringField(SimProtocol.SHIELD_HEADER, shield);
          json.writeEndObject();
          json.writeEndObject();
        });
  }

  /** An error of the simulator's own endpoints: {@code {"error":…,"message":…}}. */
  static byte[] error(String error, String message) {
    return SimJson.write(
        128,
        json -> {
          json.writeStartObject();
          json.writeStringField("error", error);
          json.writeStringField("message", message);
          json.writeEndObject();
        });
  }

  private static byte[] withEmptyData(int code, boolean success, String msg) {
    return SimJson.write(
        128,
        json -> {
          appWrapper(json, code, success, msg);
          json.writeObjectFieldStart("data");
          json.writeEndObject();
          json.writeEndObject();
        });
  }

  private static byte[] rejection(String message) {
    return SimJson.write(
        64,
        json -> {
          appWrapper(json, SimProtocol.REJECTED_CODE, false, message);
          json.writeEndObject();
        });
  }

  /** Opens the App wrapper object and writes its first three keys. */
  static void appWrapper(JsonGenerator json, int code, boolean success, String msg)
      throws IOException {
    json.writeStartObject();
    json.writeNumberField("code", code);
    json.writeBooleanField("success", success);
    json.writeStringField("msg", msg);
  }
}
