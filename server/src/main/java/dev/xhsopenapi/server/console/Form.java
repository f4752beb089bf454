package dev.xhsopenapi.server.console;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fields of a submitted form ({@code application/x-www-form-urlencoded}) or of a query. */
final class Form {
  /** No console form comes near this; anything bigger is not one of ours. */
  private static final int MAX_BYTES = 16 * 1024;

  private final Map<String, String> fields;
  private final Map<String, List<String>> every;

  private Form(Map<String, String> fields, Map<String, List<String>> every) {
    this.fields = fields;
    this.every = every;
  }

  /** The form posted with the request (an empty one when there is no body). */
  static Form posted(ServerRequest req) {
    if (!req.content().hasEntity()) {
      return new Form(Map.of(), Map.of());
    }
    byte[] body;
    try (InputStream in = req.content().inputStream()) {
      body = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw PageError.badRequest("表单未能读取 · The form could not be read");
    }
    if (body.length > MAX_BYTES) {
      throw PageError.badRequest("表单过大 · The form is too large");
    }
    return parse(new String(body, StandardCharsets.US_ASCII));
  }

  /** The query parameters of the request. */
  static Form query(ServerRequest req) {
    return parse(req.query().rawValue());
  }

  static Form parse(String encoded) {
    Map<String, String> fields = new HashMap<>();
    Map<String, List<String>> every = new HashMap<>();
    for (String pair : encoded.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      // The first value wins, as for query parameters.
      fields.putIfAbsent(name, value);
      every.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return new Form(fields, every);
  }

  /** The field's value, or null when absent. */
  String get(String name) {
    return fields.get(name);
  }

  /**
   * Every value the field was given, in the order posted (a group of checkboxes sends one per
   * checked box); empty when absent.
   */
  List<String> all(String name) {
    return List.copyOf(every.getOrDefault(name, List.of()));
  }

  /** The field's value stripped of surrounding blanks, or "" when absent. */
  String text(String name) {
    String v = fields.get(name);
    return v == null ? "" : v.strip();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw PageError.badRequest("表单编码有误 · The form is not properly encoded");
    }
  }
}
