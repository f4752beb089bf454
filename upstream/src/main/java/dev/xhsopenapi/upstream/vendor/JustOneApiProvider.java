package dev.xhsopenapi.upstream.vendor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamEvents;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JustOneAPI as a source, for the operations it has an equivalent of ({@link #ROUTES}) [C.4, J1]:
 * {@link Operation#USER_NOTES} → {@code /api/xiaohongshu/get-user-note-list/v4} with {@code userId}
 * and {@code lastCursor}; {@link Operation#NOTE_INFO} → {@code /api/xiaohongshu/get-note-detail/v1}
 * with {@code noteId}; {@link Operation#SEARCH_USERS} → {@code /api/xiaohongshu/search-user/v2}
 * with {@code keyword} (singular, for our {@code keywords}) and {@code page}. It has no equivalent
 * of the web notes, the web note detail (no {@code xsec_token} parameter), the home feed or the hot
 * inspiration feed, and does not declare them.
 *
 * <ul>
 *   <li>Request: {@code GET {base}{path}?token=<key>&<params>}: the key is the {@code token} query
 *       parameter, sent first, and nowhere else [C.1, J3, J5]; empty parameters are left out (the
 *       first page has no {@code lastCursor}). Because the URI holds the key, it is never logged
 *       nor put in a message. A {@link VendorSettings#paths()} entry for the operation id replaces
 *       the path.
 *   <li>Envelope {@code {"code":<int>,"message":…,"data":…,"recordTime":…,"requestId":…}} [C.2,
 *       J1], read from any HTTP status (200-always [J6] or mapped statuses [J1, J3]): only the
 *       integer {@code code} decides [J3, J8]. A body without one falls back on the HTTP status.
 *   <li>Codes [C.3]: 0 with data is the answer (billed); 0 with empty data ({@code null}, {@code
 *       {}}, {@code []}, {@code ""}) is a failed collection disguised as success [J8]: {@code
 *       unusable}, not billed; 201 "does not exist" is "not found" (billed [J6]); 100 and 600
 *       {@code auth}, 601 and 602 {@code out_of_credit}, 303 {@code quota} (all exhausted); 301
 *       {@code retry}; 302 {@code rate_limited}; 400 {@code bad_request}; 500 and 503 {@code
 *       server_error}; any other code {@code unusable}. Only 0 and 201 are billed, also when the
 *       body breaks off after such a code (GUESS: the vendor bills by code).
 * </ul>
 *
 * <p><b>Normalisation.</b> The gateway promises the App body, so code 0's {@code data} (the App
 * body's inner data, without its wrapper [C.5]) is wrapped as {@code
 * {"code":0,"success":true,"msg":"成功","data":<data>}}, its bytes kept as sent. For an operation
 * that pages, when {@code data.has_more} is {@code true} and {@code data} has no {@code cursor},
 * one is added at its end: the {@code cursor} of the last note in {@code notes} (or {@code
 * note_list}), else its {@code id} [C.5: "pass the last item's cursor as lastCursor"]. Without such
 * a note nothing is added, and the operation's rule refuses the page downstream.
 *
 * <p>The note detail's {@code data} is the App note feed array {@code [{"note_list":[…],…}]} [C.5]:
 * wrapped as above it is the body {@link Operation#NOTE_INFO} expects, unchanged. The user search's
 * {@code data} is {@code {"filters":[…],"users":[…]}} without {@code has_more} [C.5]: wrapped, it
 * passes {@link Operation#SEARCH_USERS}'s rule as it is (no {@code has_more} reads as the last
 * page); nothing is added, since the adapter cannot know whether more pages exist.
 *
 * <p>Thread-safe.
 */
public final class JustOneApiProvider implements VendorProvider {
  /** What a JustOneAPI equivalent of an operation is called and how its parameters are named. */
  private record Route(String path, List<Rename> params) {}

  /** A parameter's JustOneAPI name for one of the operation's own parameters. */
  private record Rename(String vendor, String ours) {}

  /** What a business code means. */
  private record Meaning(Failure failure, String words) {}

  /** The operations JustOneAPI serves, one entry each [C.4]. */
  private static final Map<Operation, Route> ROUTES =
      Map.of(
          Operation.USER_NOTES,
          new Route(
              "/api/xiaohongshu/get-user-note-list/v4",
              List.of(new Rename("userId", "user_id"), new Rename("lastCursor", "cursor"))),
          Operation.NOTE_INFO,
          new Route(
              "/api/xiaohongshu/get-note-detail/v1", List.of(new Rename("noteId", "note_id"))),
          Operation.SEARCH_USERS,
          new Route(
              "/api/xiaohongshu/search-user/v2",
              List.of(new Rename("keyword", "keywords"), new Rename("page", "page"))));

  /** The failure codes [C.3, J5–J7, J4]. */
  private static final Map<Integer, Meaning> CODES =
      Map.of(
          100, new Meaning(Failure.AUTH, "invalid or inactive token"),
          301, new Meaning(Failure.RETRY, "collection failed, please retry"),
          302, new Meaning(Failure.RATE_LIMITED, "rate limit exceeded"),
          303, new Meaning(Failure.QUOTA, "daily quota exceeded"),
          400, new Meaning(Failure.BAD_REQUEST, "invalid parameters"),
          500, new Meaning(Failure.SERVER_ERROR, "internal server error"),
          503, new Meaning(Failure.SERVER_ERROR, "service temporarily unavailable"),
          600, new Meaning(Failure.AUTH, "permission denied"),
          601, new Meaning(Failure.OUT_OF_CREDIT, "insufficient balance"),
          602, new Meaning(Failure.OUT_OF_CREDIT, "token spending limit reached"));

  private static final int OK = 0;
  private static final int DOES_NOT_EXIST = 201;
  private static final byte[] APP_WRAPPER =
      "{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":".getBytes(StandardCharsets.UTF_8);

  private final VendorSettings settings;
  private final ObjectMapper json;
  private final UpstreamEvents events;
  private final VendorHttp http;

  /**
   * Creates the provider and its HTTP client.
   *
   * @param settings the source as configured; its name is this provider's name, its key the {@code
   *     token}
   * @param json the mapper that writes the added cursor
   * @param clock the clock the call deadlines are measured by
   * @param events where billed calls are reported
   */
  public JustOneApiProvider(
      VendorSettings settings, ObjectMapper json, Clock clock, UpstreamEvents events) {
    this.settings = settings;
    this.json = json;
    this.events = events;
    this.http = new VendorHttp(settings, clock);
  }

  @Override
  public String name() {
    return settings.name();
  }

  /** The operations with a JustOneAPI equivalent. */
  @Override
  public Set<Operation> operations() {
    return ROUTES.keySet();
  }

  @Override
  public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call)
      throws UpstreamException, InterruptedException {
    Operation operation = request.operation();
    Route route = ROUTES.get(operation);
    if (route == null) {
      throw new IllegalArgumentException(settings.name() + " does not serve " + operation);
    }
    List<VendorHttp.QueryParam> query = new ArrayList<>();
    query.add(new VendorHttp.QueryParam("token", settings.key()));
    for (Rename param : route.params()) {
      String value = request.text(param.ours());
      if (!value.isEmpty()) {
        query.add(new VendorHttp.QueryParam(param.vendor(), value));
      }
    }
    String path = settings.paths().getOrDefault(operation.id(), route.path());
    VendorHttp.Reply reply = http.get(path, query, false, call);
    return read(operation, reply, call);
  }

  private UpstreamAnswer read(Operation operation, VendorHttp.Reply reply, UpstreamCall call)
      throws UpstreamException {
    String source = settings.name();
    int status = reply.status();
    JsonTop top = new JsonTop();
    try {
      top.read(reply.body());
    } catch (IOException e) {
      if (top.codeInt != null && (top.codeInt == OK || top.codeInt == DOES_NOT_EXIST)) {
        events.billed(source, call);
      }
      if (top.codeInt == null && status != 200) {
        throw Failure.ofStatus(status).at(source, "HTTP " + status + " without its envelope");
      }
      throw Failure.UNUSABLE.at(
          source,
          heading(top, status)
              + " whose body is not one JSON object:"
              + Failure.quoted(BearerVendor.said(e), settings.key()));
    }
    if (top.codeInt == null) {
      if (status != 200) {
        throw Failure.ofStatus(status)
            .at(source, "HTTP " + status + Failure.quoted(top.message, settings.key()));
      }
      throw Failure.UNUSABLE.at(
          source,
          "HTTP 200 whose envelope code is "
              + (top.code == null ? "absent" : top.codeText + ", not an integer"));
    }
    int code = top.codeInt;
    if (code == OK) {
      if (top.dataEmpty()) {
        throw Failure.UNUSABLE.at(
            source,
            heading(top, status)
                + " with empty data ("
                + emptyData(top)
                + "): a failed collection, not billed");
      }
      events.billed(source, call);
      if (top.dataBytes == null) {
        throw Failure.UNUSABLE.at(
            source, heading(top, status) + " whose data is " + top.dataWords());
      }
      return new UpstreamAnswer.Data(source, appBody(operation, top.dataBytes));
    }
    if (code == DOES_NOT_EXIST) {
      events.billed(source, call);
      return new UpstreamAnswer.NotFound(source);
    }
    Meaning meaning = CODES.getOrDefault(code, new Meaning(Failure.UNUSABLE, "an unknown code"));
    throw meaning
        .failure()
        .at(
            source,
            heading(top, status)
                + " ("
                + meaning.words()
                + ")"
                + Failure.quoted(top.message, settings.key()));
  }

  /** Empty data as written: {@code {}}, {@code []}, {@code ""}, {@code null} or absent. */
  private static String emptyData(JsonTop top) {
    if (top.dataBytes != null) {
      return new String(top.dataBytes, StandardCharsets.UTF_8);
    }
    return top.dataText != null ? "\"\"" : top.dataWords();
  }

  /** {@code code 302}, with the HTTP status when it is not 200. */
  private static String heading(JsonTop top, int status) {
    return "code " + top.codeText + (status == 200 ? "" : " (HTTP " + status + ")");
  }

  /** The App body for the vendor's {@code data}: see the class's normalisation. */
  private byte[] appBody(Operation operation, byte[] data) throws UpstreamException {
    Optional<String> cursor = Optional.empty();
    if (operation.cursorParam().isPresent() && data[0] == '{') {
      try {
        cursor = NextCursor.of(data);
      } catch (IOException e) {
        // Cannot happen: the bytes were just parsed as part of the envelope.
        throw Failure.UNUSABLE.at(settings.name(), "code 0 whose data cannot be read", e);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + APP_WRAPPER.length + 48);
    out.writeBytes(APP_WRAPPER);
    if (cursor.isPresent()) {
      int end = data.length - 1; // the object's closing brace: the bytes end exactly there
      out.write(data, 0, end);
      out.writeBytes(",\"cursor\":".getBytes(StandardCharsets.UTF_8));
      out.writeBytes(quote(cursor.get()));
      out.write(data, end, 1);
    } else {
      out.writeBytes(data);
    }
    out.write('}');
    return out.toByteArray();
  }

  private byte[] quote(String text) throws UpstreamException {
    try {
      return json.writeValueAsBytes(text);
    } catch (JsonProcessingException e) {
      // Cannot happen: a String always serialises.
      throw Failure.UNUSABLE.at(settings.name(), "the cursor cannot be written", e);
    }
  }

  /** Stops the HTTP client. */
  @Override
  public void close() {
    http.close();
  }
}
