package dev.xhsopenapi.upstream.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Makes the note a user posts: an id newer than every note of the user, and the App JSON of a note
 * made up as the generator makes them ({@link NoteComposer}), in the user's own topics.
 */
final class Posting {
  private static final HexFormat HEX = HexFormat.of();

  /** The low 16 hex digits of an id at a new second: mostly zero, as the generator's. */
  private static final long RANDOM_LOW_BOUND = 1L << 34;

  /** How far above the newest id's low digits a post in that same second may land, at most. */
  private static final long SAME_SECOND_STEP = 1L << 16;

  /** The last second 8 hex digits can hold. */
  private static final long LAST_SECOND = 0xffff_ffffL;

  private Posting() {}

  /**
   * A fresh id above {@code newestId} that {@code taken} does not hold: the first 8 hex digits are
   * {@code nowSecond} (unix seconds), or the newest id's second when the clock is behind it; the
   * last 16 are random, and above the newest id's when both share a second.
   *
   * @param newestId the user's highest note id, or {@code ""} when it has none
   * @param taken whether an id is already used (by any user or note of the dataset)
   * @throws IllegalStateException when no id fits below the end of 8-hex-digit time (year 2106)
   */
  static String nextId(String newestId, long nowSecond, Dice dice, Predicate<String> taken) {
    long newestSecond = newestId.isEmpty() ? -1 : Long.parseLong(newestId.substring(0, 8), 16);
    long newestLow = newestId.isEmpty() ? 0 : Long.parseUnsignedLong(newestId.substring(8), 16);
    while (true) {
      long second = Math.max(nowSecond, newestSecond);
      long low = dice.below(RANDOM_LOW_BOUND);
      if (second == newestSecond) {
        low = newestLow + 1 + dice.below(SAME_SECOND_STEP);
        if (Long.compareUnsigned(low, newestLow) <= 0) {
          // The newest id's second is full: the post goes to the next one.
          second++;
          low = dice.below(RANDOM_LOW_BOUND);
        }
      }
      if (second < 0 || second > LAST_SECOND) {
        throw new IllegalStateException(
            "no note id fits after " + newestId + " at unix second " + nowSecond);
      }
      String id = HEX.toHexDigits((int) second) + HEX.toHexDigits(low);
      if (!taken.test(id)) {
        return id;
      }
    }
  }

  /**
   * The unpinned note {@code author} posts with id {@code id}: App JSON composed from {@code seed}
   * in the author's persona (that of its generated notes; else one that follows from its user id),
   * with {@code title} as its {@code display_title} when not null.
   */
  static LoadedNote note(SimUser author, String id, String title, long seed) {
    GeneratedNote made = new GeneratedNote(id, false, seed, persona(author));
    byte[] json =
        SimJson.write(
            2048, out -> NoteComposer.write(out, author, made, Optional.ofNullable(title)));
    return new LoadedNote(id, false, new String(json, UTF_8));
  }

  private static Persona persona(SimUser author) {
    for (SimNote note : author.notes()) {
      if (note instanceof GeneratedNote generated) {
        return generated.persona();
      }
    }
    return DatasetGenerator.persona(new Dice(author.userId().hashCode()));
  }
}
