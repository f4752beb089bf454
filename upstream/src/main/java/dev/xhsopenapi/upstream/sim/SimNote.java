package dev.xhsopenapi.upstream.sim;

/**
 * A note of the simulated dataset: its id (24 lowercase hex characters, the first 8 its creation
 * time in unix seconds), whether it is pinned, and, behind the scenes, how its App JSON is made.
 */
public sealed interface SimNote permits GeneratedNote, LoadedNote {

  /** The note id. */
  String id();

  /** Whether the author pinned it ({@code sticky:true}): shown first, on page 1 only. */
  boolean sticky();
}
