package dev.xhsopenapi.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
   * Sends {@code {"code":200,"request_id":…,"data":<body>}} with the upstream body byte for byte,
   * so that nothing in it is lost or reordered. The pieces are written in turn with the length
   * given up front, never joined into one array: {@code send(byte[])} would have Helidon copy the
   * whole body into a buffer of its own again, and on the cache-hit path those two copies of a ~20
   * KiB page cost more than the rest of the request (bench/RESULTS.md, 2026-11-30: 13 % more hits a
   * second this way).
   */
  public void envelope(ServerResponse res, String requestId, byte[] upstreamBody) {
    byte[] id = requestId.getBytes(StandardCharsets.US_ASCII);
    long length =
        (long) ENVELOPE_HEAD.length + id.length + ENVELOPE_DATA.length + upstreamBody.length + 1;
    res.status(Status.OK_200)
        .header(JSON)
        .header(HeaderNames.CONTENT_LENGTH, Long.toString(length));
    try (OutputStream out = res.outputStream()) {
      out.write(ENVELOPE_HEAD);
      out.write(id);
      out.write(ENVELOPE_DATA);
      out.write(upstreamBody);
      out.write('}');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
