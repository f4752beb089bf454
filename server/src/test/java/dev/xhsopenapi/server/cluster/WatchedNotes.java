package dev.xhsopenapi.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xhsopenapi.server.testing.Eventually;
import dev.xhsopenapi.server.testing.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which watch follows which creator and which notes the creators posted, hence which {@code
 * note.created} webhooks a receiver must get: one per note and watch of its creator, each named
 * {@code watch_id/note_id}. Thread-safe.
 */
final class WatchedNotes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> creatorOf = new ConcurrentHashMap<>();
  private final Map<String, String> authorOf = new ConcurrentHashMap<>();

  /** One webhook request, read: the event's id and type, its watch and (note.created) its note. */
  record Delivery(String eventId, String type, String watchId, String noteId) {

    /**
     * Reads a request's JSON body.
     *
     * @throws AssertionError when its event id header is not its body's
     */
    static Delivery of(WebhookReceiver.Received r) {
      try {
        JsonNode body = JSON.readTree(r.body());
        assertThat(r.header("XHS-Openapi-Event-Id")).isEqualTo(body.path("event_id").asText());
        return new Delivery(
            body.path("event_id").asText(),
            body.path("type").asText(),
            body.path("watch_id").asText(),
            body.path("data").path("note").path("id").asText());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** {@code watch_id/note_id}. */
    String pair() {
      return watchId + "/" + noteId;
    }
  }

  /** Records a watch of {@code creator}. */
  void watch(String watchId, String creator) {
    creatorOf.put(watchId, creator);
  }

  /** Every watch recorded. */
  Set<String> watches() {
    return Set.copyOf(creatorOf.keySet());
  }

  /** Records a note {@code creator} posted, given as the App JSON the simulator returns. */
  void posted(String noteJson, String creator) {
    try {
      authorOf.put(JSON.readTree(noteJson).path("id").asText(), creator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code watch_id/note_id} of every note posted, for each watch of its creator. */
  Set<String> expectedPairs() {
    Set<String> pairs = new HashSet<>();
    authorOf.forEach(
        (note, author) ->
            creatorOf.forEach(
                (watch, creator) -> {
                  if (creator.equals(author)) {
                    pairs.add(watch + "/" + note);
                  }
                }));
    return pairs;
  }

  /**
   * Waits until {@code receiver} got each expected pair at least once.
   *
   * @return every request it got by then, read
   * @throws AssertionError when that takes longer than {@code timeout}
   */
  List<Delivery> awaitDelivered(WebhookReceiver receiver, Duration timeout) {
    Set<String> expected = expectedPairs();
    return Eventually.until(
        expected.size() + " note deliveries",
        timeout,
        () -> receiver.received().stream().map(Delivery::of).toList(),
        got -> got.stream().map(Delivery::pair).toList().containsAll(expected));
  }
}
