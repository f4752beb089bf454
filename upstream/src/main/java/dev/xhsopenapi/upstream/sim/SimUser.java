package dev.xhsopenapi.upstream.sim;

import java.util.List;
import java.util.Objects;

/**
 * A user of the simulated dataset and the notes it posted. Pinned notes are shown in the order they
 * appear in {@code notes}; the others are shown newest first whatever their order here.
 */
public record SimUser(String userId, String nickname, String avatar, List<SimNote> notes) {

  /** Creates a user. */
  public SimUser {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(nickname, "nickname");
    Objects.requireNonNull(avatar, "avatar");
    notes = List.copyOf(notes);
  }

  /** How many of the user's notes are pinned. */
  public int pinnedCount() {
    return (int) notes.stream().filter(SimNote::sticky).count();
  }
}
