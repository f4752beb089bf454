package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The simulator's answer to one request: status, headers, body, and how long the transport waits
 * before sending it (the latency the simulator was told to add).
 */
public final class SimResponse implements SimOutcome {
  private static final Map<String, String> JSON_HEADERS =
      Map.of("content-type", "application/json; charset=utf-8");

  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;
  private final Duration delay;

  private SimResponse(int status, Map<String, String> headers, byte[] body, Duration delay) {
    this.status = status;
    TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.putAll(headers);
    this.headers = Collections.unmodifiableMap(caseless);
    this.body = body;
    this.delay = Objects.requireNonNull(delay, "delay");
  }

  /** A JSON answer sent without delay; the body array is owned by the response from now on. */
  static SimResponse json(int status, byte[] body) {
    return new SimResponse(status, JSON_HEADERS, body, Duration.ZERO);
  }

  /** This answer, sent after {@code delay}. */
  SimResponse delayedBy(Duration delay) {
    return new SimResponse(status, headers, body, delay);
  }

  /** This answer with one more header. */
  SimResponse withHeader(String name, String value) {
    TreeMap<String, String> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    more.putAll(headers);
    more.put(name, value);
    return new SimResponse(status, more, body, delay);
  }

  /** This answer with HTTP 200 and only the first half of its body, as a cut-off transfer. */
  SimResponse cutInHalf() {
    return new SimResponse(200, headers, Arrays.copyOf(body, body.length / 2), delay);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /**
   * The response headers, found whatever the case of the name asked for and sent with the case they
   * were written in, such as {@code content-type} and {@code Verifytype}.
   */
  public Map<String, String> headers() {
    return headers;
  }

  /** A copy of the body bytes. */
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, UTF_8);
  }

  /** How long the transport waits before sending this answer. */
  public Duration delay() {
    return delay;
  }

  @Override
  public String toString() {
    return "SimResponse[" + status + ", " + body.length + " bytes, delay " + delay + "]";
  }
}
