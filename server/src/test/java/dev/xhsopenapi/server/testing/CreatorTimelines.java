package dev.xhsopenapi.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xhsopenapi.upstream.Operation;
import dev.xhsopenapi.upstream.UpstreamAnswer;
import dev.xhsopenapi.upstream.UpstreamCall;
import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamProvider;
import dev.xhsopenapi.upstream.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider of user-note pages over creators whose timelines a test changes: pinned notes first on
 * page 1, then the others newest first, {@code pageSize} a page, the cursor being the last id
 * served. Creators post with {@link #post}; {@link #failNext} makes the next calls fail.
 * Thread-safe.
 */
public final class CreatorTimelines implements UpstreamProvider {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int pageSize;
  private final Map<String, List<Note>> timelines = new ConcurrentHashMap<>();
  private final AtomicLong clock = new AtomicLong(0x60000000L);
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  /** A note of a timeline. */
  public record Note(String id, boolean pinned, String title) {}

  /** Timelines served {@code pageSize} notes a page. */
  public CreatorTimelines(int pageSize) {
    this.pageSize = pageSize;
  }

  /** Adds a creator with {@code notes} notes, the first {@code pinned} of them pinned. */
  public synchronized void creator(String userId, int notes, int pinned) {
    List<Note> list = new ArrayList<>();
    for (int i = 0; i < notes; i++) {
      list.add(new Note(nextId(), i < pinned, "note " + i));
    }
    timelines.put(userId, list);
  }

  /** The creator posts a note (the newest); returns its id. */
  public synchronized String post(String userId, String title) {
    String id = nextId();
    timelines.get(userId).add(new Note(id, false, title));
    return id;
  }

  /** The next {@code count} calls fail as unavailable. */
  public void failNext(int count) {
    failures.set(count);
  }

  /** How many pages were asked for. */
  public int calls() {
    return calls.get();
  }

  @Override
  public String name() {
    return "timelines";
  }

  @Override
  public Set<Operation> operations() {
    return Set.of(Operation.USER_NOTES);
  }

  @Override
  public UpstreamAnswer fetch(UpstreamRequest request, UpstreamCall call) throws UpstreamException {
    calls.incrementAndGet();
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, name(), "told to fail");
    }
    List<Note> notes;
    synchronized (this) {
      List<Note> all = timelines.get(request.subjectId());
      if (all == null) {
        return new UpstreamAnswer.NotFound(name());
      }
      notes = List.copyOf(all);
    }
    List<Note> order = new ArrayList<>(notes.stream().filter(Note::pinned).toList());
    order.addAll(notes.stream().filter(n -> !n.pinned()).toList().reversed());
    String cursor = request.cursor() == null ? "" : request.cursor();
    int from = 0;
    if (!cursor.isEmpty()) {
      for (int i = 0; i < order.size(); i++) {
        if (order.get(i).id().equals(cursor)) {
          from = i + 1;
        }
      }
    }
    int to = Math.min(order.size(), from + pageSize);
    ObjectNode body = JSON.createObjectNode();
    body.put("code", 0).put("success", true).put("msg", "成功");
    ObjectNode data = body.putObject("data");
    ArrayNode page = data.putArray("notes");
    for (Note n : order.subList(from, to)) {
      page.addObject().put("id", n.id()).put("sticky", n.pinned()).put("title", n.title());
    }
    data.put("cursor", to > from ? order.get(to - 1).id() : "");
    data.put("has_more", to < order.size());
    return new UpstreamAnswer.Data(name(), body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private String nextId() {
    return String.format("%08x%016x", clock.incrementAndGet(), 0L);
  }
}
