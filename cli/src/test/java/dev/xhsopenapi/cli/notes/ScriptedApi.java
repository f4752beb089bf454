package dev.xhsopenapi.cli.notes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A SpiderHubs-compatible notes endpoint (a MockWebServer) on a free loopback port that answers
 * each cursor from a table: for sources whose pages the gateway's simulator does not serve (a
 * {@code note_list} array, cursors that loop, pages that claim more without a cursor). Every answer
 * is a 200 success.
 */
final class ScriptedApi implements AutoCloseable {
  /** One page: its notes array's name, its note ids, its cursor and {@code has_more}. */
  record Page(String arrayName, List<String> noteIds, String cursor, boolean hasMore) {}

  private static final Pattern CURSOR = Pattern.compile("(?:^|&)cursor=([^&]*)");

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final List<String> cursorsAsked = new CopyOnWriteArrayList<>();

  ScriptedApi() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves {@code page} for requests with {@code cursor} ({@code ""}: page 1). */
  ScriptedApi page(String cursor, Page page) {
    pages.put(cursor, page);
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** The cursors asked for, in order. */
  List<String> cursorsAsked() {
    return List.copyOf(cursorsAsked);
  }

  /** A note object as the App sends it. */
  static String note(String id) {
    return "{\"id\":\"" + id + "\",\"type\":\"normal\",\"display_title\":\"t " + id + "\"}";
  }

  private MockResponse answer(RecordedRequest request) {
    String query = request.getUrl().encodedQuery();
    String cursor = "";
    Matcher m = CURSOR.matcher(query == null ? "" : query);
    if (m.find()) {
      cursor = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }
    cursorsAsked.add(cursor);
    Page page = pages.get(cursor);
    String body;
    int status;
    if (page == null) {
      status = 400;
      body =
          "{\"code\":400,\"request_id\":\"r\",\"error\":\"invalid_param\",\"message\":\"no page"
              + " at cursor "
              + cursor
              + "\",\"data\":null}";
    } else {
      status = 200;
      body =
          "{\"code\":200,\"request_id\":\"req-"
              + cursorsAsked.size()
              + "\",\"data\":{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\""
              + page.arrayName()
              + "\":["
              + page.noteIds().stream().map(ScriptedApi::note).collect(Collectors.joining(","))
              + "],\"cursor\":\""
              + page.cursor()
              + "\",\"has_more\":"
              + page.hasMore()
              + "}}}";
    }
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
