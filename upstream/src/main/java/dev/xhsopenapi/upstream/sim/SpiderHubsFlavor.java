package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.xhsopenapi.upstream.Operation;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SpiderHubs flavour: every operation of the catalogue at {@code
 * /openapi/v1/contentcreator/xiaohongshu/<suffix>} with the operation's own parameters (e.g. {@code
 * app/get_user_notes} with {@code user_id} and {@code cursor}), {@code Authorization: Bearer <key>}
 * [S1–S7, B.1]. A 200 is {@code {"code":200,"request_id":"<uuid>","data":<App body>}} [B.2] and is
 * billed, whatever the App body says (soft block, inner rejection). Errors are a GUESS (B.2, no
 * error is documented): {@code {"code":<status>,"request_id","error","message","data":null}} with
 * the HTTP status equal to {@code code}, never billed: 401 {@code invalid_api_key}, 402 {@code
 * insufficient_credits}, 404 {@code user_not_found} (as this gateway answers it; {@code
 * note_not_found} for a note), 400 {@code invalid_param}, 429 {@code rate_limited} with {@code
 * Retry-After}, 502 {@code upstream_error} for the captcha wall.
 */
final class SpiderHubsFlavor implements VendorFlavor {

  /** Every operation, at the SpiderHubs prefix and its suffix [B.1, B.3]. */
  @Override
  public Optional<String> path(Operation operation) {
    return Optional.of(Operation.PATH_PREFIX + operation.suffix());
  }

  @Override
  public SimResponse keyRefused(VendorCall call, boolean missing) {
    return error(
        call,
        401,
        "invalid_api_key",
        missing
            ? "send the API key as Authorization: Bearer <key>"
            : "the API key is unknown or revoked");
  }

  @Override
  public SimResponse outOfCredit(VendorCall call) {
    return error(call, 402, "insufficient_credits", "the account has no credits left");
  }

  @Override
  public VendorReply reply(VendorCall call, Rung rung, SimResponse app) {
    return switch (rung) {
      // What Xiaohongshu answered is passed on as it is, and charged.
      case PAGE, SOFT_BLOCK, GENERIC_ERROR, SESSION_EXPIRED, TOKEN_REFUSED ->
          VendorReply.billed(envelope(call, app));
      case USER_NOT_FOUND ->
          VendorReply.free(error(call, 404, "user_not_found", "the user does not exist"));
      case NOTE_NOT_FOUND ->
          VendorReply.free(error(call, 404, "note_not_found", "the note does not exist"));
      case BAD_PARAMETERS -> VendorReply.free(error(call, 400, "invalid_param", badParams(call)));
      case RATE_LIMITED ->
          VendorReply.free(
              error(call, 429, "rate_limited", "too many requests for this API key")
                  .withHeader("Retry-After", call.retryAfterSeconds()));
      case CAPTCHA ->
          VendorReply.free(
              error(call, 502, "upstream_error", "the upstream failed; retry the request"));
    };
  }

  /** What the parameters of the call's operation must be. */
  private static String badParams(VendorCall call) {
    if (call.operation() == Operation.USER_NOTES) {
      return "user_id must be a user id (24 hex characters) and cursor empty or a note id";
    }
    return "the parameters are missing or malformed; "
        + call.operation().id()
        + " takes "
        + call.operation().params().stream()
            .map(p -> p.name() + (p.required() ? " (required)" : ""))
            .collect(Collectors.joining(", "));
  }

  private static SimResponse envelope(VendorCall call, SimResponse app) {
    byte[] data = app.body();
    return SimResponse.json(
        200,
        SimJson.write(
            96 + data.length,
            json -> {
              json.writeStartObject();
              json.writeNumberField("code", 200);
              json.writeStringField("request_id", call.requestId().toString());
              json.writeFieldName("data");
              json.writeRawValue(new String(data, UTF_8));
              json.writeEndObject();
            }));
  }

  private static SimResponse error(VendorCall call, int status, String error, String message) {
    return SimResponse.json(
        status,
        SimJson.write(
            160,
            json -> {
              json.writeStartObject();
              json.writeNumberField("code", status);
              json.writeStringField("request_id", call.requestId().toString());
              json.writeStringField("error", error);
              json.writeStringField("message", message);
              json.writeNullField("data");
              json.writeEndObject();
            }));
  }
}
