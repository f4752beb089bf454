package dev.xhsopenapi.upstream.sim;

import java.util.Objects;

/** A note read from a dataset file: its JSON object is served exactly as it was written there. */
record LoadedNote(String id, boolean sticky, String json) implements SimNote {

  LoadedNote {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
  }
}
