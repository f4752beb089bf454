package dev.xhsopenapi.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xhsopenapi.cli.ExitCodes;

/** An admin request the server refused, with its {@code error}, message and request id. */
final class AdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String requestId;

  private AdminException(int status, String error, String message, String requestId) {
    super(message);
    this.status = status;
    this.error = error;
    this.requestId = requestId;
  }

  /** The exception for an answer, from its error body when it has one. */
  static AdminException of(int status, JsonNode json, String body, String headerRequestId) {
    String error = json == null ? "" : json.path("error").asText("");
    String message = json == null ? "" : json.path("message").asText("");
    String requestId =
        json != null && json.path("request_id").isTextual()
            ? json.get("request_id").asText()
            : headerRequestId;
    if (message.isEmpty()) {
      String text = body == null ? "" : body.strip();
      message = "HTTP " + status + (text.isEmpty() ? "" : ": " + text);
    }
    return new AdminException(
        status, error.isEmpty() ? "http_" + status : error, message, requestId);
  }

  int status() {
    return status;
  }

  /** The exit status this refusal leads to. */
  int exitCode() {
    return switch (status) {
      case 400, 405 -> ExitCodes.USAGE;
      case 401, 402, 403 -> ExitCodes.AUTH;
      case 404 -> ExitCodes.NOT_FOUND;
      default -> status >= 500 ? ExitCodes.SERVER : ExitCodes.FAILURE;
    };
  }

  /** The refusal in one line: the server's message, its error code and request id. */
  String describe() {
    return getMessage()
        + " (HTTP "
        + status
        + " "
        + error
        + (requestId == null ? "" : ", request_id " + requestId)
        + ")";
  }
}
