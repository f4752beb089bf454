package dev.xhsopenapi.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders every response body of the gateway: the success envelope around the upstream's bytes,
 * JSON objects, and the one error shape. Handlers never build error JSON themselves.
 */
public final class Responses {
  private static final Header JSON =
      HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
  private static final byte[] ENVELOPE_HEAD =
      "{\"code\":200,\"request_id\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENVELOPE_DATA = "\",\"data\":".getBytes(StandardCharsets.US_ASCII);

  private final ObjectMapper json;

  /** Creates the renderer. */
  public Responses(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Sends {@code {"code":200,"request_id":…,"data":<body>}} with the upstream body copied byte for
   * byte, so that nothing in it is lost or reordered.
   */
  public void envelope(ServerResponse res, String requestId, byte[] upstreamBody) {
    byte[] id = requestId.getBytes(StandardCharsets.US_ASCII);
    byte[] out =
        new byte[ENVELOPE_HEAD.length + id.length + ENVELOPE_DATA.length + upstreamBody.length + 1];
    int at = 0;
    System.arraycopy(ENVELOPE_HEAD, 0, out, at, ENVELOPE_HEAD.length);
    at += ENVELOPE_HEAD.length;
    System.arraycopy(id, 0, out, at, id.length);
    at += id.length;
    System.arraycopy(ENVELOPE_DATA, 0, out, at, ENVELOPE_DATA.length);
    at += ENVELOPE_DATA.length;
    System.arraycopy(upstreamBody, 0, out, at, upstreamBody.length);
    out[out.length - 1] = '}';
    res.status(Status.OK_200).header(JSON).send(out);
  }

  /** Sends {@code {"code":200,"request_id":…,"data":<data>}}. */
  public void envelope(ServerResponse res, String requestId, Object data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", 200);
    body.put("request_id", requestId);
    body.put("data", data);
    send(res, 200, body);
  }

  /** Sends {@code {"code":<status>,"request_id":…,"data":<data>}} with that HTTP status. */
  public void envelope(ServerResponse res, int status, String requestId, Object data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status);
    body.put("request_id", requestId);
    body.put("data", data);
    send(res, status, body);
  }

  /** Sends a JSON body with the given status. */
  public void send(ServerResponse res, int status, Object body) {
    try {
      res.status(Status.create(status)).header(JSON).send(json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a response body", e);
    }
  }

  /** Sends the error shape: {@code {"code","request_id","error","message","data":null}}. */
  public void error(ServerResponse res, String requestId, ApiError error) {
    res.status(Status.create(error.code().status())).header(JSON).send(errorBody(requestId, error));
  }

  /**
   * The error shape {@code {"code","request_id","error","message","data":null}} as UTF-8 JSON, for
   * answers written outside a {@link ServerResponse} (requests refused before routing).
   */
  public byte[] errorBody(String requestId, ApiError error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", error.code().status());
    body.put("request_id", requestId);
    body.put("error", error.code().wire());
    body.put("message", error.getMessage());
    body.put("data", null);
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render an error body", e);
    }
  }

  /** The {@code Content-Type} of every JSON answer. */
  public static Header jsonContentType() {
    return JSON;
  }
}
