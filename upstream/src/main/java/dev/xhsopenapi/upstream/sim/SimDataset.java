package dev.xhsopenapi.upstream.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The users and notes the simulator serves: generated from a seed, or loaded from a JSON file, plus
 * the notes its users {@link #post} while it runs. Safe to share between threads: a post replaces
 * the user's whole timeline at once (copy on write), so a reader sees a user's notes before or
 * after a post, never half of it, and a page walk under way goes on from its cursor (a note id).
 */
public final class SimDataset {
  private final List<String> userIds;
  private final Map<String, Timeline> initial;
  private final Set<String> initialIds;
  private final Map<String, Timeline> timelines;
  private final Map<String, Post> posted = new ConcurrentHashMap<>();
  private final ReentrantLock posting = new ReentrantLock();
  private final Dice dice = new Dice(ThreadLocalRandom.current().nextLong());

  /** A note posted while the simulator runs, and the user who posted it (without its notes). */
  record Post(SimUser author, SimNote note) {}

  SimDataset(List<SimUser> users) {
    Map<String, Timeline> byId = new LinkedHashMap<>();
    Set<String> ids = new HashSet<>();
    for (SimUser user : users) {
      if (byId.put(user.userId(), new Timeline(user)) != null) {
        throw new IllegalArgumentException("user id " + user.userId() + " appears twice");
      }
      ids.add(user.userId());
      user.notes().forEach(note -> ids.add(note.id()));
    }
    this.userIds = List.copyOf(byId.keySet());
    this.initial = Map.copyOf(byId);
    this.initialIds = Set.copyOf(ids);
    this.timelines = new ConcurrentHashMap<>(byId);
  }

  /**
   * The dataset made from {@code seed}, the same for the same seed on every machine: 40 users, the
   * first ten with 57 (2 pinned), 0, 20 (1 pinned), 1, 9, 10, 11, 200 (3 pinned), 300 and 1000
   * notes, then 30 with 0 to 400 notes and 0 to 3 pinned. Only {@link #post} changes it.
   */
  public static SimDataset generate(long seed) {
    return new SimDataset(DatasetGenerator.users(seed));
  }

  /**
   * Loads a dataset file: {@code {"users":[{"user_id","nickname","avatar"?,"notes":[…]}]}}, where
   * each note is an App note object with at least {@code id} and {@code sticky}, served verbatim.
   *
   * @throws InvalidDatasetException when the file is not such a document, saying where and why
   * @throws IOException when the file cannot be read
   */
  public static SimDataset load(Path file) throws IOException {
    return new SimDataset(DatasetFile.read(file));
  }

  /**
   * Writes this dataset as it is now, posts included, in the format {@link #load} reads, every note
   * as the App JSON it serves.
   */
  public void save(Path file) throws IOException {
    DatasetFile.write(this, file);
  }

  /** Every user as it is now (its posts included), in dataset order. */
  public List<SimUser> users() {
    return userIds.stream().map(id -> timelines.get(id).user()).toList();
  }

  /** The user with this id as it is now, if the dataset has one. */
  public Optional<SimUser> user(String userId) {
    return timeline(userId).map(Timeline::user);
  }

  /** The timeline of the user with this id as it is now, if the dataset has one. */
  Optional<Timeline> timeline(String userId) {
    return userId == null ? Optional.empty() : Optional.ofNullable(timelines.get(userId));
  }

  /** The user to show in demos and examples: the first one with notes. */
  public Optional<SimUser> sampleUser() {
    return users().stream().filter(user -> !user.notes().isEmpty()).findFirst();
  }

  /** The notes of every user together, posts included. */
  public int noteCount() {
    return users().stream().mapToInt(user -> user.notes().size()).sum();
  }

  /**
   * Makes a user post a note at {@code now}: an unpinned note, shown from then on as the user's
   * newest (page 1 right after the pins) by every flavour and by the note lookups, and written by
   * {@link #save}. Its id is unique in the dataset and above every id of the user's notes: the
   * first 8 hex digits are {@code now} in unix seconds (or the user's newest note's second, when
   * {@code now} is behind it), the other 16 random, and above the newest note's when both share a
   * second. Its type, text, images and counts are made up like the generated notes', in the topics
   * of the user's generated notes (or topics that follow from its id).
   *
   * @param title the note's {@code display_title}; null for a made-up one
   * @return the new note, or empty when the dataset has no user {@code userId}
   */
  public Optional<SimNote> post(String userId, String title, Instant now) {
    Objects.requireNonNull(now, "now");
    posting.lock();
    try {
      Optional<Timeline> current = timeline(userId);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      SimUser author = current.get().user();
      String id =
          Posting.nextId(
              current.get().newestId(),
              now.getEpochSecond(),
              dice,
              taken -> initialIds.contains(taken) || posted.containsKey(taken));
      SimNote note = Posting.note(author, id, title, dice.nextSeed());
      // Findable by id before any page lists it. The author without its notes: a post must not
      // keep every earlier version of the user's list alive.
      SimUser bare = new SimUser(author.userId(), author.nickname(), author.avatar(), List.of());
      posted.put(id, new Post(bare, note));
      timelines.put(userId, current.get().withPost(note));
      return Optional.of(note);
    } finally {
      posting.unlock();
    }
  }

  /** The note posted with this id and its author, if a user posted it (and no reset forgot it). */
  Optional<Post> postedNote(String noteId) {
    return noteId == null ? Optional.empty() : Optional.ofNullable(posted.get(noteId));
  }

  /** Forgets every post: each user's notes are again the generated or loaded ones. */
  void forgetPosts() {
    posting.lock();
    try {
      timelines.putAll(initial);
      posted.clear();
    } finally {
      posting.unlock();
    }
  }

  /**
   * One page of a user's notes as the App answers it when nothing goes wrong: 200 with the page
   * body, 200 with the user-not-found body, or 400 for a malformed user id or cursor; {@code num}
   * is clamped to 1…{@value SimProtocol#MAX_PAGE_SIZE}. The body is the same byte for byte as the
   * simulator's, with no delay.
   */
  public SimResponse page(String userId, String cursor, int num) {
    return PageQuery.of(userId, cursor, num)
        .map(this::page)
        .orElseGet(() -> SimResponse.json(400, SimBodies.BAD_PARAMETERS));
  }

  /** The answer to a well-formed page request. */
  SimResponse page(PageQuery query) {
    Optional<Timeline> timeline = timeline(query.userId());
    if (timeline.isEmpty()) {
      return SimResponse.json(200, SimBodies.USER_NOT_FOUND);
    }
    Timeline.Page page = timeline.get().page(query.cursor(), query.num());
    return SimResponse.json(200, SimBodies.page(timeline.get().user(), page));
  }

  @Override
  public String toString() {
    return "SimDataset[" + userIds.size() + " users, " + noteCount() + " notes]";
  }
}
