package dev.xhsopenapi.server.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client of the console for tests: it keeps the session cookie by hand (so that
 * tests can read, keep and replay it), follows no redirects, and finds CSRF tokens in pages.
 */
final class ConsoleClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private String cookie;

  ConsoleClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The session cookie's value, or null. */
  String cookie() {
    return cookie;
  }

  /** Replaces the session cookie (null: none). */
  void cookie(String value) {
    this.cookie = value;
  }

  Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  /** A GET with one extra header. */
  Page getWith(String path, String header, String value) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header(header, value).GET());
  }

  Page post(String path, Map<String, String> form) {
    return post(path, List.copyOf(form.entrySet()));
  }

  /** Posts fields that may repeat a name (a group of checkboxes), in order. */
  Page post(String path, List<Map.Entry<String, String>> form) {
    String body =
        form.stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts a form with the CSRF token of the page at {@code formPage} added. */
  Page submit(String formPage, String action, Map<String, String> fields) {
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("_csrf", get(formPage).csrf());
    return post(action, form);
  }

  /** As {@link #submit(String, String, Map)}, with fields that may repeat a name. */
  Page submit(String formPage, String action, List<Map.Entry<String, String>> fields) {
    List<Map.Entry<String, String>> form = new ArrayList<>(fields);
    form.add(Map.entry("_csrf", get(formPage).csrf()));
    return post(action, form);
  }

  /** Signs in with email and password; returns the answer to the sign-in POST. */
  Page signIn(String email, String password) {
    return submit("/console/login", "/console/login", Map.of("email", email, "password", password));
  }

  private Page send(HttpRequest.Builder b) {
    if (cookie != null) {
      b.header("Cookie", Sessions.COOKIE + "=" + cookie);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      List<String> setCookies = r.headers().allValues("Set-Cookie");
      for (String c : setCookies) {
        if (c.startsWith(Sessions.COOKIE + "=")) {
          String value = c.substring(Sessions.COOKIE.length() + 1, c.indexOf(';'));
          cookie = value.isEmpty() ? null : value;
        }
      }
      return new Page(r.statusCode(), r.headers().map(), r.body(), setCookies);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An answer of the console. */
  record Page(int status, Map<String, List<String>> headers, String body, List<String> setCookies) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    /** The page's CSRF token. */
    String csrf() {
      Matcher m = CSRF.matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("no CSRF token in the page: " + status + " " + body);
      }
      return m.group(1);
    }

    /** The first capture of {@code regex} in the body. */
    String find(String regex) {
      Matcher m = Pattern.compile(regex).matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("no " + regex + " in the page: " + body);
      }
      return m.group(1);
    }
  }
}
