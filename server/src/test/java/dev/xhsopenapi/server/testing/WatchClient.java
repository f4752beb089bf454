package dev.xhsopenapi.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The watch endpoints of a test gateway, called with one customer key. */
public final class WatchClient {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final TestGateway gw;
  private final String key;

  /** Calls {@code gw} with {@code key}. */
  public WatchClient(TestGateway gw, String key) {
    this.gw = gw;
    this.key = key;
  }

  /** Any call with the key; {@code body} is JSON-encoded (a String is sent as is). */
  public TestGateway.Reply call(String method, String path, Object body) {
    return gw.admin(method, path, body, "Bearer " + key);
  }

  /**
   * Settings that make watches quick to test: a 20 ms tick, intervals from 1 s, poll retries after
   * 1 s, delivery retries after 20 ms, webhooks to loopback allowed, no answer cache; then {@code
   * more} over them.
   */
  public static Map<String, String> quickSettings(Map<String, String> more) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("watches.tick-ms", "20");
    settings.put("watches.min-interval-s", "1");
    settings.put("watches.retry-initial-s", "1");
    settings.put("webhooks.allow-private", "true");
    settings.put("webhooks.retry-initial-ms", "20");
    settings.put("upstream.cache.ttl-s", "0");
    settings.putAll(more);
    return settings;
  }

  /** The body of a watch on {@code userId}, hourly, with {@code url} when not null. */
  public static Map<String, Object> body(String userId, String url) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user_id", userId);
    if (url != null) {
      body.put("url", url);
    }
    body.put("interval_s", 3600);
    return body;
  }

  /** Creates a watch that must be accepted; returns its {@code data}. */
  public JsonNode create(Map<String, Object> body) {
    TestGateway.Reply r = call("POST", "/openapi/v1/watches", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("data");
  }

  /** The watch's {@code data}. */
  public JsonNode get(String watchId) {
    TestGateway.Reply r = call("GET", "/openapi/v1/watches/" + watchId, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("data");
  }

  /** Asks for a poll and waits until it has ended; returns the watch then. */
  public JsonNode poll(String watchId) {
    String before = get(watchId).path("last_poll_at").asText();
    assertThat(call("POST", "/openapi/v1/watches/" + watchId + "/poll", null).status())
        .isEqualTo(202);
    return Eventually.until(
        "a poll of " + watchId,
        WAIT,
        () -> get(watchId),
        w -> !w.path("last_poll_at").isNull() && !w.path("last_poll_at").asText().equals(before));
  }

  /** Waits until the watch's first poll (the one made on creation) has ended. */
  public JsonNode awaitFirstPoll(String watchId) {
    return Eventually.until(
        "the first poll of " + watchId,
        WAIT,
        () -> get(watchId),
        w -> !w.path("last_poll_at").isNull());
  }

  /** The first page of the watch's events. */
  public List<JsonNode> events(String watchId) {
    return eventsPage(watchId, "").events();
  }

  /** A page of events, {@code query} being e.g. {@code "?after=evt_…&limit=2"} or empty. */
  public EventsPage eventsPage(String watchId, String query) {
    TestGateway.Reply r = call("GET", "/openapi/v1/watches/" + watchId + "/events" + query, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().path("data").path("events").forEach(out::add);
    JsonNode next = r.json().path("data").path("next");
    return new EventsPage(out, next.isNull() ? null : next.asText());
  }

  /** A page of events and the {@code after} of the next one (null at the end). */
  public record EventsPage(List<JsonNode> events, String next) {}
}
