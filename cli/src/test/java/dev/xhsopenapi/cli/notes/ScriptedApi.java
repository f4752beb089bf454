package dev.xhsopenapi.cli.notes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A SpiderHubs-compatible notes endpoint on a free port that answers each cursor from a table: for
 * sources whose pages the gateway's simulator does not serve (a {@code note_list} array, cursors
 * that loop, pages that claim more without a cursor). Every answer is a 200 success.
 */
final class ScriptedApi implements AutoCloseable {
  /** One page: its notes array's name, its note ids, its cursor and {@code has_more}. */
  record Page(String arrayName, List<String> noteIds, String cursor, boolean hasMore) {}

  private static final Pattern CURSOR = Pattern.compile("(?:^|&)cursor=([^&]*)");

  private final HttpServer server;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final List<String> cursorsAsked = new CopyOnWriteArrayList<>();

  ScriptedApi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code page} for requests with {@code cursor} ({@code ""}: page 1). */
  ScriptedApi page(String cursor, Page page) {
    pages.put(cursor, page);
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The cursors asked for, in order. */
  List<String> cursorsAsked() {
    return List.copyOf(cursorsAsked);
  }

  /** A note object as the App sends it. */
  static String note(String id) {
    return "{\"id\":\"" + id + "\",\"type\":\"normal\",\"display_title\":\"t " + id + "\"}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String cursor = "";
    Matcher m = CURSOR.matcher(query == null ? "" : query);
    if (m.find()) {
      cursor = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }
    cursorsAsked.add(cursor);
    Page page = pages.get(cursor);
    byte[] body;
    int status;
    if (page == null) {
      status = 400;
      body =
          ("{\"code\":400,\"request_id\":\"r\",\"error\":\"invalid_param\",\"message\":\"no page"
                  + " at cursor "
                  + cursor
                  + "\",\"data\":null}")
              .getBytes(StandardCharsets.UTF_8);
    } else {
      status = 200;
      body =
          ("{\"code\":200,\"request_id\":\"req-"
                  + cursorsAsked.size()
                  + "\",\"data\":{\"code\":0,\"success\":true,\"msg\":\"成功\",\"data\":{\""
                  + page.arrayName()
                  + "\":["
                  + page.noteIds().stream().map(ScriptedApi::note).collect(Collectors.joining(","))
                  + "],\"cursor\":\""
                  + page.cursor()
                  + "\",\"has_more\":"
                  + page.hasMore()
                  + "}}}")
              .getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
