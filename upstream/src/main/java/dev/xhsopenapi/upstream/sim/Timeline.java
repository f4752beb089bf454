package dev.xhsopenapi.upstream.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user's notes in the order the App pages them: the pinned ones first on page 1, then all others
 * newest first (descending id, since an id starts with its creation time). Immutable: a post makes
 * a new timeline ({@link #withPost}).
 */
final class Timeline {
  private final SimUser user;
  private final List<SimNote> pinned;
  private final Set<String> pinnedIds;
  private final List<SimNote> posts;
  private final String newestId;

  Timeline(SimUser user) {
    this.user = user;
    this.pinned = user.notes().stream().filter(SimNote::sticky).toList();
    this.pinnedIds = pinned.stream().map(SimNote::id).collect(Collectors.toUnmodifiableSet());
    List<SimNote> others = new ArrayList<>(user.notes().stream().filter(n -> !n.sticky()).toList());
    others.sort(Comparator.comparing(SimNote::id).reversed());
    this.posts = List.copyOf(others);
    this.newestId =
        user.notes().stream().map(SimNote::id).max(Comparator.naturalOrder()).orElse("");
  }

  /** One page of a timeline: its notes, in order, and whether unpinned notes remain after it. */
  record Page(List<SimNote> notes, boolean hasMore) {

    /** The cursor of the next page: the id of this page's last note, or empty. */
    String cursor() {
      return notes.isEmpty() ? "" : notes.getLast().id();
    }
  }

  SimUser user() {
    return user;
  }

  /** The highest id of all the user's notes, pinned ones too; {@code ""} when it has none. */
  String newestId() {
    return newestId;
  }

  /**
   * This timeline with one more note, an unpinned one whose id is above {@link #newestId}: the
   * user's notes list it right after the pinned ones that lead the list, so a saved dataset keeps
   * the generator's order (pins, then newest first).
   */
  Timeline withPost(SimNote note) {
    List<SimNote> notes = new ArrayList<>(user.notes().size() + 1);
    notes.addAll(user.notes());
    int at = 0;
    while (at < notes.size() && notes.get(at).sticky()) {
      at++;
    }
    notes.add(at, note);
    return new Timeline(new SimUser(user.userId(), user.nickname(), user.avatar(), notes));
  }

  /**
   * The page after {@code cursor} ({@code ""} for page 1) with {@code size} notes at most.
   *
   * <p>Page 1 is the pinned notes, then the newest others, {@code size} notes in all; it never
   * splits the pinned block, so with fewer slots than pins it holds every pin and nothing else.
   * Later pages are the unpinned notes older than the cursor. A cursor naming a pinned note can
   * only come from a page 1 that held pins alone, so the next page starts with the newest unpinned
   * note rather than skipping the notes newer than that pin.
   */
  Page page(String cursor, int size) {
    if (cursor.isEmpty()) {
      int fromPosts = Math.min(Math.max(0, size - pinned.size()), posts.size());
      List<SimNote> notes = new ArrayList<>(pinned.size() + fromPosts);
      notes.addAll(pinned);
      notes.addAll(posts.subList(0, fromPosts));
      return new Page(notes, fromPosts < posts.size());
    }
    int from = pinnedIds.contains(cursor) ? 0 : firstOlderThan(cursor);
    int to = Math.min(from + size, posts.size());
    return new Page(posts.subList(from, to), to < posts.size());
  }

  /** Index of the first unpinned note whose id sorts below {@code cursor}. */
  private int firstOlderThan(String cursor) {
    int low = 0;
    int high = posts.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (posts.get(mid).id().compareTo(cursor) >= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
