package dev.xhsopenapi.upstream.vendor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamEvents;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What SpiderHubs and TikHub have in common: the whole SpiderHubs catalogue at {@code prefix +
 * Operation.suffix()} with the operation's own parameter names [B.1, A.4], a Bearer key [S1–S7,
 * A.1], and an HTTP 200 envelope {@code {"code":200,…,"data":<App body>}} [B.2, A.2] whose {@code
 * data} is cut out byte for byte. Every HTTP 200 is billed, inner failures and broken bodies
 * included [A.3]; error statuses are not, and are read by the vendor's own {@link ErrorReader}.
 * Thread-safe.
 */
final class BearerVendor implements AutoCloseable {
  /**
   * The App API {@code code}s that say the user does not exist, as the {@code data} of an HTTP 200
   * carries them: {@code -10000}, what the simulator's App body says ({@code
   * SimProtocol.USER_NOT_FOUND_CODE}); the live App's code is not documented [DESIGN,
   * docs/SOURCES.md].
   */
  static final Set<Integer> APP_NOT_FOUND_CODES = Set.of(-10000);

  /** Reads a vendor's error answer into "not found" or a classified failure. */
  @FunctionalInterface
  interface ErrorReader {
    /**
     * Reads an error.
     *
     * @param status the error status: the HTTP status, or the envelope's {@code code} when an HTTP
     *     200 carries an error status in it
     * @param heading the status in words for the message, e.g. {@code HTTP 402}
     * @param body the body as received
     * @param retryAfter the {@code Retry-After} header, when there is one
     * @return a "not found" answer when the error says so
     * @throws UpstreamException for any other error
     */
    UpstreamAnswer read(int status, String heading, byte[] body, Optional<String> retryAfter)
        throws UpstreamException;
  }

  private final VendorSettings settings;
  private final VendorHttp http;
  private final UpstreamEvents events;
  private final String prefix;
  private final ErrorReader errors;

  BearerVendor(
      VendorSettings settings,
      Clock clock,
      UpstreamEvents events,
      String prefix,
      ErrorReader errors) {
    this.settings = settings;
    this.http = new VendorHttp(settings, clock);
    this.events = events;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** Every operation of the catalogue. */
  Set<Operation> operations() {
    return Set.copyOf(Operation.all());
  }

  /** The operation's path: the configured one for its id, else {@code prefix + suffix}. */
  String path(Operation operation) {
    return settings.paths().getOrDefault(operation.id(), prefix + operation.suffix());
  }

  /** Asks the vendor; see {@link dev.xhsopenapi.upstream.UpstreamProvider#fetch}. */
  UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    Operation operation = request.operation();
    List<VendorHttp.QueryParam> query = new ArrayList<>();
    for (int i = 0; i < operation.params().size(); i++) {
      String value = request.values().get(i);
      if (!value.isEmpty()) {
        query.add(new VendorHttp.QueryParam(operation.params().get(i).name(), value));
      }
    }
    VendorHttp.Reply reply = http.get(path(operation), query, true, call);
    if (reply.status() != 200) {
      return errors.read(
          reply.status(), "HTTP " + reply.status(), reply.body(), reply.retryAfter());
    }
    return ok(reply, call);
  }

  private UpstreamAnswer ok(VendorHttp.Reply reply, UpstreamCall call) throws UpstreamException {
    String source = settings.name();
    JsonTop top = new JsonTop();
    try {
      top.read(reply.body());
    } catch (IOException e) {
      events.billed(source, call);
      throw Failure.UNUSABLE.at(
          source,
          "HTTP 200 whose body is not one JSON object:" + Failure.quoted(said(e), settings.key()));
    }
    // An error status inside a 200 envelope: a GUESS for SpiderHubs [B.2], read as that status.
    if (top.codeInt != null && top.codeInt >= 400 && top.codeInt <= 599) {
      return errors.read(
          top.codeInt,
          "HTTP 200 with envelope code " + top.codeInt,
          reply.body(),
          reply.retryAfter());
    }
    events.billed(source, call);
    if (top.codeInt == null || top.codeInt != 200) {
      throw Failure.UNUSABLE.at(
          source,
          "HTTP 200 whose envelope code is "
              + (top.code == null ? "absent" : top.codeText)
              + ", not 200");
    }
    if (top.data != JsonToken.START_OBJECT) {
      throw Failure.UNUSABLE.at(
          source, "HTTP 200 whose data is " + top.dataWords() + ", not the App body");
    }
    JsonTop app = new JsonTop();
    try {
      app.read(top.dataBytes);
    } catch (IOException e) {
      // Cannot happen: the bytes were just parsed as an object.
      throw Failure.UNUSABLE.at(source, "HTTP 200 whose data cannot be read", e);
    }
    if (app.codeInt != null && APP_NOT_FOUND_CODES.contains(app.codeInt)) {
      return new UpstreamAnswer.NotFound(source);
    }
    boolean codeFails =
        app.code != null && (app.code != JsonToken.VALUE_NUMBER_INT || !isZero(app.codeInt));
    if (codeFails || app.success == JsonToken.VALUE_FALSE) {
      throw Failure.UNUSABLE.at(
          source,
          "HTTP 200 whose data reports a failure: code "
              + (app.code == null ? "absent" : app.codeText)
              + (app.success == JsonToken.VALUE_FALSE ? ", success false" : "")
              + Failure.quoted(app.message, settings.key()));
    }
    return new UpstreamAnswer.Data(source, top.dataBytes);
  }

  private static boolean isZero(Integer code) {
    return code != null && code == 0;
  }

  /** A parse error in words, without the body. */
  static String said(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
  }

  /** {@code " (Retry-After: 7)"}, or {@code ""} without the header. */
  static String retryAfter(Optional<String> retryAfter) {
    return retryAfter.map(s -> " (Retry-After: " + s + ")").orElse("");
  }

  /** Stops the HTTP client. */
  @Override
  public void close() {
    http.close();
  }
}
