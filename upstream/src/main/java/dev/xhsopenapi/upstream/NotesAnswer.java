package dev.xhsopenapi.upstream;

import java.util.Objects;

/** A definitive answer from a provider: a page of notes, or "this user does not exist". */
public sealed interface NotesAnswer {

  /** The provider that answered, for logs and metrics. */
  String provider();

  /**
   * A page of notes. {@code body} is the upstream App API JSON body byte for byte ({@code
   * {"code":0,"success":true,"msg":…,"data":{"notes":[…],"cursor":…,"has_more":…}}}); the gateway
   * passes it through without re-serialising it.
   */
  // The body is handed over, never copied or compared: equality by identity is what we want.
  @SuppressWarnings("ArrayRecordComponent")
  record Page(String provider, byte[] body) implements NotesAnswer {
    /** Creates a page answer. */
    public Page {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(body, "body");
    }
  }

  /** The upstream says the user does not exist; not worth asking another provider. */
  record UserNotFound(String provider) implements NotesAnswer {
    /** Creates a user-not-found answer. */
    public UserNotFound {
      Objects.requireNonNull(provider, "provider");
    }
  }
}
