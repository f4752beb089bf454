package dev.xhsopenapi.sdk;

import java.util.List;
import java.util.Optional;

/**
 * One page of a watch's events ({@code GET /openapi/v1/watches/{watch_id}/events}), oldest first.
 *
 * @param events the events of the page, each with its {@link WatchEvent#delivery()}; immutable
 * @param next the event id to pass as {@code after} for the following page, or empty when nothing
 *     follows this page yet (more may come later: ask again with the last event's id)
 * @param requestId the id of the request that read it, or null
 */
public record EventsPage(List<WatchEvent> events, Optional<String> next, String requestId) {
  /** Copies the list. */
  public EventsPage {
    events = List.copyOf(events);
    next = next == null ? Optional.empty() : next;
  }

  /**
   * The id of the page's last event.
   *
   * @return the id, or empty when the page has no events
   */
  public Optional<String> lastEventId() {
    return events.isEmpty() ? Optional.empty() : Optional.of(events.getLast().eventId());
  }
}
