package dev.xhsopenapi.upstream.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users and notes the simulator serves: generated from a seed, or loaded from a JSON file.
 * Immutable and safe to share between threads.
 */
public final class SimDataset {
  private final List<SimUser> users;
  private final Map<String, Timeline> timelines;

  SimDataset(List<SimUser> users) {
    this.users = List.copyOf(users);
    Map<String, Timeline> byId = new LinkedHashMap<>();
    for (SimUser user : this.users) {
      if (byId.put(user.userId(), new Timeline(user)) != null) {
        throw new IllegalArgumentException("user id " + user.userId() + " appears twice");
      }
    }
    this.timelines = Map.copyOf(byId);
  }

  /**
   * The dataset made from {@code seed}, the same for the same seed on every machine: 40 users, the
   * first ten with 57 (2 pinned), 0, 20 (1 pinned), 1, 9, 10, 11, 200 (3 pinned), 300 and 1000
   * notes, then 30 with 0 to 400 notes and 0 to 3 pinned.
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
   * Writes this dataset in the format {@link #load} reads, every note as the App JSON it serves.
   */
  public void save(Path file) throws IOException {
    DatasetFile.write(this, file);
  }

  /** Every user, in dataset order. */
  public List<SimUser> users() {
    return users;
  }

  /** The user with this id, if the dataset has one. */
  public Optional<SimUser> user(String userId) {
    return Optional.ofNullable(timelines.get(userId)).map(Timeline::user);
  }

  /** The timeline of the user with this id, if the dataset has one. */
  Optional<Timeline> timeline(String userId) {
    return Optional.ofNullable(timelines.get(userId));
  }

  /** The user to show in demos and examples: the first one with notes. */
  public Optional<SimUser> sampleUser() {
    return users.stream().filter(user -> !user.notes().isEmpty()).findFirst();
  }

  /** The notes of every user together. */
  public int noteCount() {
    return users.stream().mapToInt(user -> user.notes().size()).sum();
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
    Timeline timeline = timelines.get(query.userId());
    if (timeline == null) {
      return SimResponse.json(200, SimBodies.USER_NOT_FOUND);
    }
    Timeline.Page page = timeline.page(query.cursor(), query.num());
    return SimResponse.json(200, SimBodies.page(timeline.user(), page));
  }

  @Override
  public String toString() {
    return "SimDataset[" + users.size() + " users, " + noteCount() + " notes]";
  }
}
