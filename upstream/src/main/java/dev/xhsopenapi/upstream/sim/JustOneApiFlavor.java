package dev.xhsopenapi.upstream.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.upstream.InvalidParamException;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The JustOneAPI flavour, for the operations JustOneAPI has an equivalent of [C.4, J1]: {@code GET
 * /api/xiaohongshu/get-user-note-list/v4} with {@code token}, {@code userId} and {@code
 * lastCursor}; {@code /api/xiaohongshu/get-note-detail/v1} with {@code noteId} ({@code
 * xhs-get-note-info}); {@code /api/xiaohongshu/search-user/v2} with {@code keyword} (singular) and
 * {@code page} ({@code xhs-search-users}). The key is the {@code token} parameter only [J5, J6].
 * Every answer is {@code {"code","message","data","recordTime","requestId"}} [J1, C.2], sent with
 * the HTTP status that {@link SimFaults#justOneApiHttpStatus()} picks. Code 0 carries the App
 * page's inner {@code data} without its {@code cursor}, as {@code {"has_more","notes","tags":[]}},
 * each note with {@code cursor} = its id [C.5]; the note detail's is the App note feed array {@code
 * [{note_list:[…],…}]}; the user search's is {@code {"filters":[],"users":[…]}}, each user in the
 * app search shape of C.5 ({@code id, name, image, red_id, desc, sub_title, link, …}) and no {@code
 * has_more}, as the example shows [C.5]. Billed: 0 with data and 201 (unknown user or note) [C.3];
 * a soft block is 0 with {@code data:{}}, not billed [J8]. Errors: 100 bad token, 301 collection
 * failed (the captcha wall), 302 too fast, 400 bad parameters, 500 internal error (the App's bare
 * rejection), 601 insufficient balance [C.3].
 */
final class JustOneApiFlavor implements VendorFlavor {

  /** The operations JustOneAPI has an equivalent of, and their paths [C.4, J1]. */
  private static final Map<Operation, String> PATHS =
      Map.of(
          Operation.USER_NOTES, "/api/xiaohongshu/get-user-note-list/v4",
          Operation.NOTE_INFO, "/api/xiaohongshu/get-note-detail/v1",
          Operation.SEARCH_USERS, "/api/xiaohongshu/search-user/v2");

  /** Our parameter name for each of JustOneAPI's, per operation [C.4]. */
  private static final Map<Operation, Map<String, String>> OURS =
      Map.of(
          Operation.NOTE_INFO, Map.of("note_id", "noteId"),
          Operation.SEARCH_USERS, Map.of("keywords", "keyword", "page", "page"));

  /** Reads App pages keeping every number as written, so that notes pass through unchanged. */
  private static final ObjectReader PAGE_READER =
      SimJson.MAPPER
          .reader()
          .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

  @Override
  public Optional<String> path(Operation operation) {
    return Optional.ofNullable(PATHS.get(operation));
  }

  /** The request, its parameters read by JustOneAPI's names ({@code noteId}, {@code keyword}). */
  @Override
  public Optional<UpstreamRequest> request(Operation operation, FormFields query) {
    Map<String, String> names = OURS.getOrDefault(operation, Map.of());
    try {
      return Optional.of(
          operation.request(
              ours -> names.containsKey(ours) ? query.get(names.get(ours)).orElse(null) : null));
    } catch (InvalidParamException e) {
      return Optional.empty();
    }
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
      case PAGE -> VendorReply.billed(envelope(call, 0, null, data(call.operation(), app)));
      // "Failed collection disguised as success": not billed [J8].
      case SOFT_BLOCK ->
          VendorReply.free(envelope(call, 0, null, SimJson.MAPPER.createObjectNode()));
      // "The resource does not exist", still billed [J6].
      case USER_NOT_FOUND, NOTE_NOT_FOUND ->
          VendorReply.billed(envelope(call, 201, "No Content Available", null));
      case BAD_PARAMETERS -> VendorReply.free(envelope(call, 400, "Invalid Parameters", null));
      case RATE_LIMITED -> VendorReply.free(envelope(call, 302, "Rate Limit Exceeded", null));
      case CAPTCHA, SESSION_EXPIRED ->
          VendorReply.free(envelope(call, 301, "Collection Failed. Please Retry.", null));
      // TOKEN_REFUSED cannot happen: JustOneAPI serves no web note detail.
      case GENERIC_ERROR, TOKEN_REFUSED ->
          VendorReply.free(envelope(call, 500, "Internal Server Error", null));
    };
  }

  /** The vendor's {@code data} for the App answer {@code app} of {@code operation}. */
  private static JsonNode data(Operation operation, SimResponse app) {
    JsonNode appData = read(app).path("data");
    if (operation == Operation.USER_NOTES) {
      return notesData(appData);
    }
    if (operation == Operation.SEARCH_USERS) {
      return usersData(appData);
    }
    return appData;
  }

  /**
   * The web search page's users as search-user v2 carries them [C.5]: {@code filters:[]} and the
   * users in the app search shape, without {@code has_more}.
   */
  private static ObjectNode usersData(JsonNode page) {
    ObjectNode data = SimJson.MAPPER.createObjectNode();
    data.putArray("filters");
    ArrayNode users = data.putArray("users");
    for (JsonNode found : page.path("users")) {
      String id = found.has("id") ? found.path("id").asText() : found.path("user_id").asText();
      String redId = found.path("red_id").asText();
      ObjectNode user = users.addObject();
      user.put("id", id);
      user.put(
          "name",
          found.has("name") ? found.path("name").asText() : found.path("nickname").asText());
      user.put("image", found.path("image").asText());
      user.put("red_id", redId);
      user.put("desc", "小红书号：" + redId);
      user.put("sub_title", "粉丝·" + found.path("fans").asText());
      user.put("link", "xhsdiscover://1/user/user." + id);
      user.put("followed", false);
      user.put("self", false);
      user.put("reason", "");
      user.put("red_official_verified", false);
      user.put("red_official_verify_type", 0);
      user.put("show_red_official_verify_icon", false);
    }
    return data;
  }

  /**
   * The App page's {@code data} as v4 carries it: {@code has_more}, the notes (each given {@code
   * cursor} = its {@code id} unless it has one), {@code tags:[]}; the page {@code cursor} dropped.
   */
  private static ObjectNode notesData(JsonNode page) {
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

  private static JsonNode read(SimResponse app) {
    try {
      return PAGE_READER.readTree(app.body());
    } catch (IOException e) {
      // The App answers are the simulator's own JSON.
      throw new UncheckedIOException("unreadable App answer", e);
    }
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
