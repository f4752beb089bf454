package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The JustOneAPI flavour: {@code GET /api/xiaohongshu/get-user-note-list/v4} with {@code token},
 * {@code userId} and {@code lastCursor} [J1, C.4]; the key is the {@code token} parameter only [J5,
 * J6]. Every answer is {@code {"code","message","data","recordTime","requestId"}} [J1, C.2], sent
 * with the HTTP status that {@link SimFaults#justOneApiHttpStatus()} picks. Code 0 carries the App
 * page's inner {@code data} without its {@code cursor}, as {@code {"has_more","notes","tags":[]}},
 * each note with {@code cursor} = its id [C.5]. Billed: 0 with notes and 201 (unknown user) [C.3];
 * a soft block is 0 with {@code data:{}}, not billed [J8]. Errors: 100 bad token, 301 collection
 * failed (the captcha wall), 302 too fast, 400 bad parameters, 500 internal error (the App's bare
 * rejection), 601 insufficient balance [C.3].
 */
final class JustOneApiFlavor implements VendorFlavor {

  /** The user-notes path [J1]. */
  static final String USER_NOTES_PATH = "/api/xiaohongshu/get-user-note-list/v4";

  /** Reads App pages keeping every number as written, so that notes pass through unchanged. */
  private static final ObjectReader PAGE_READER =
      SimJson.MAPPER
          .reader()
          .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

  @Override
  public String userNotesPath() {
    return USER_NOTES_PATH;
  }

  @Override
  public Optional<String> presentedKey(SimRequest request, FormFields query) {
    return query.get("token").filter(token -> !token.isEmpty());
  }

  @Override
  public Optional<PageQuery> pageQuery(FormFields query) {
    return PageQuery.of(
        query.get("userId").orElse(null),
        query.get("lastCursor").orElse(""),
        SimProtocol.DEFAULT_PAGE_SIZE);
  }

  @Override
  public SimResponse keyRefused(VendorCall call, boolean missing) {
    return envelope(call, 100, "Invalid or Inactive Token", null);
  }

  @Override
  public SimResponse outOfCredit(VendorCall call) {
    return envelope(call, 601, "Insufficient Balance", null);
  }

  @Override
  public VendorReply reply(VendorCall call, Rung rung, SimResponse app) {
    return switch (rung) {
      case PAGE -> VendorReply.billed(envelope(call, 0, null, notesData(app)));
      // "Failed collection disguised as success": not billed [J8].
      case SOFT_BLOCK ->
          VendorReply.free(envelope(call, 0, null, SimJson.MAPPER.createObjectNode()));
      // "The resource does not exist", still billed [J6].
      case USER_NOT_FOUND -> VendorReply.billed(envelope(call, 201, "No Content Available", null));
      case BAD_PARAMETERS -> VendorReply.free(envelope(call, 400, "Invalid Parameters", null));
      case RATE_LIMITED -> VendorReply.free(envelope(call, 302, "Rate Limit Exceeded", null));
      case CAPTCHA, SESSION_EXPIRED ->
          VendorReply.free(envelope(call, 301, "Collection Failed. Please Retry.", null));
      case GENERIC_ERROR -> VendorReply.free(envelope(call, 500, "Internal Server Error", null));
    };
  }

  /**
   * The App page's {@code data} as v4 carries it: {@code has_more}, the notes (each given {@code
   * cursor} = its {@code id} unless it has one), {@code tags:[]}; the page {@code cursor} dropped.
   */
  private static ObjectNode notesData(SimResponse app) {
    JsonNode page;
    try {
      page = PAGE_READER.readTree(app.body()).path("data");
    } catch (IOException e) {
      // The App pages are the simulator's own JSON.
      throw new UncheckedIOException("unreadable App page", e);
    }
    ObjectNode data = SimJson.MAPPER.createObjectNode();
    data.put("has_more", page.path("has_more").asBoolean());
    ArrayNode notes = data.putArray("notes");
    for (JsonNode note : page.path("notes")) {
      ObjectNode copy = ((ObjectNode) note).deepCopy();
      if (!copy.has("cursor")) {
        copy.put("cursor", copy.path("id").asText());
      }
      notes.add(copy);
    }
    data.putArray("tags");
    return data;
  }

  private static SimResponse envelope(VendorCall call, int code, String message, JsonNode data) {
    return SimResponse.json(
        call.faults().justOneApiHttpStatus().status(code),
        SimJson.write(
            256,
            json -> {
              json.writeStartObject();
              json.writeNumberField("code", code);
              json.writeStringField("message", message);
              json.writeFieldName("data");
              if (data == null) {
                json.writeNull();
              } else {
                json.writeTree(data);
              }
              json.writeNullField("recordTime");
              json.writeStringField("requestId", call.requestId().toString());
              json.writeEndObject();
            }));
  }
}
