package dev.xhsopenapi.upstream;

import java.util.Optional;

/**
 * The creators of a simulator that runs in this process, who can be made to post: each post adds a
 * newest note to the creator's timeline (after the pinned notes, before every other note), with a
 * fresh id whose first 8 hex digits are the posting time. Every flavour of that simulator serves
 * the note from then on. For demos and tests of creator watches; a real source has nothing like it.
 */
public interface SimulatedCreators {

  /**
   * Makes the creator post a note.
   *
   * @param userId the creator's user id (24 hex digits)
   * @param title the note's title, or null for one made up like the dataset's
   * @return the new note as the App JSON object it is served as (UTF-8), or empty when the dataset
   *     has no such user
   */
  Optional<String> post(String userId, String title);
}
