package dev.xhsopenapi.upstream.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Makes the users of a generated dataset from a seed. The first users have fixed note counts that
 * exercise the paging edges; the rest are random. Nothing depends on the clock.
 */
final class DatasetGenerator {

  /** Note and pinned counts of the users every generated dataset starts with, in order. */
  static final List<Shape> FIXED_USERS =
      List.of(
          new Shape(57, 2),
          new Shape(0, 0),
          new Shape(20, 1),
          new Shape(1, 0),
          new Shape(9, 0),
          new Shape(10, 0),
          new Shape(11, 0),
          new Shape(200, 3),
          new Shape(300, 0),
          new Shape(1000, 0));

  /** How many random users follow the fixed ones. */
  static final int RANDOM_USERS = 30;

  static final long FIRST_SECOND = Instant.parse("2019-01-01T00:00:00Z").getEpochSecond();
  static final long LAST_REGISTRATION = Instant.parse("2025-06-01T00:00:00Z").getEpochSecond();
  static final long LAST_SECOND = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();

  private static final HexFormat HEX = HexFormat.of();
  private static final List<Topic> TOPICS = List.of(Topic.values());

  /** How many notes a user has and how many of them are pinned. */
  record Shape(int notes, int pinned) {}

  private final Dice dice;
  private final Set<String> ids = new HashSet<>();
  private final Set<String> nicknames = new HashSet<>();

  private DatasetGenerator(long seed) {
    this.dice = new Dice(seed);
  }

  /** The users of the dataset made from {@code seed}. */
  static List<SimUser> users(long seed) {
    DatasetGenerator generator = new DatasetGenerator(seed);
    List<SimUser> users = new ArrayList<>(FIXED_USERS.size() + RANDOM_USERS);
    for (Shape shape : FIXED_USERS) {
      users.add(generator.user(shape));
    }
    for (int i = 0; i < RANDOM_USERS; i++) {
      int notes = generator.dice.between(0, 400);
      users.add(generator.user(new Shape(notes, Math.min(notes, generator.dice.between(0, 3)))));
    }
    return users;
  }

  private SimUser user(Shape shape) {
    long registered = FIRST_SECOND + dice.below(LAST_REGISTRATION - FIRST_SECOND);
    String userId = uniqueId(registered);
    String avatar =
        "https://sns-avatar-qc.xhscdn.com/avatar/"
            + idAt(registered + dice.below(30 * 86_400))
            + ".jpg?imageView2/2/w/80/format/jpg";
    Persona persona = persona(dice);

    List<GeneratedNote> timeline = new ArrayList<>(shape.notes());
    for (int i = 0; i < shape.notes(); i++) {
      // At least an hour after registration: nobody posts in their first second.
      long created = registered + 3_600 + dice.below(LAST_SECOND - registered - 3_600);
      timeline.add(new GeneratedNote(uniqueId(created), false, dice.nextSeed(), persona));
    }
    timeline.sort(Comparator.comparing(GeneratedNote::id).reversed());

    // Pinned notes are any of the user's notes, old or new, in the order they were pinned.
    List<SimNote> notes = new ArrayList<>(shape.notes());
    for (int i = 0; i < shape.pinned(); i++) {
      GeneratedNote chosen = timeline.remove(dice.between(0, timeline.size() - 1));
      notes.add(new GeneratedNote(chosen.id(), true, chosen.seed(), persona));
    }
    notes.addAll(timeline);
    return new SimUser(userId, uniqueNickname(), avatar, notes);
  }

  /**
   * A persona drawn from {@code dice}: one to three topics, a median of 20 to 1,500 likes a note,
   * and 15 % to 45 % of videos.
   */
  static Persona persona(Dice dice) {
    List<Topic> topics = new ArrayList<>(TOPICS);
    List<Topic> chosen = new ArrayList<>(3);
    for (int i = dice.between(1, 3); i > 0; i--) {
      chosen.add(topics.remove(dice.between(0, topics.size() - 1)));
    }
    // Median likes per note from 20 (a beginner) to 1,500 (an established creator).
    double medianLikes = 20 * StrictMath.exp(dice.between(0.0, StrictMath.log(75)));
    return new Persona(chosen, medianLikes, dice.between(0.15, 0.45));
  }

  private String uniqueNickname() {
    String nickname = Phrasebook.nickname(dice);
    while (!nicknames.add(nickname)) {
      nickname = Phrasebook.nickname(dice);
    }
    return nickname;
  }

  /** A fresh id created at {@code second}; ids are unique across users and notes. */
  private String uniqueId(long second) {
    String id = idAt(second);
    while (!ids.add(id)) {
      id = idAt(second);
    }
    return id;
  }

  /** An id shaped like the App's: the time in 8 hex digits, then mostly-zero random digits. */
  private String idAt(long second) {
    return HEX.toHexDigits((int) second) + HEX.toHexDigits(dice.below(1L << 34));
  }
}
