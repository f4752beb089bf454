package dev.xhsopenapi.upstream;

import java.util.Objects;

/**
 * A definitive answer from a source: the data asked for, or "the subject of the request does not
 * exist" (a user, for the user-notes operations).
 */
public sealed interface UpstreamAnswer {

  /** The source that answered, for logs and metrics. */
  String provider();

  /**
   * The data. {@code body} is the source's JSON for the operation byte for byte (for {@link
   * Operation#USER_NOTES} the App API body {@code
   * {"code":0,"success":true,"msg":…,"data":{"notes":[…],"cursor":…,"has_more":…}}}); the gateway
   * passes it through as the envelope's {@code data} without re-serialising it.
   */
  // The body is handed over, never copied or compared: equality by identity is what we want.
  @SuppressWarnings("ArrayRecordComponent")
  record Data(String provider, byte[] body) implements UpstreamAnswer {
    /** Creates a data answer. */
    public Data {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * The source says the request's subject ({@link Operation#subject()}) does not exist; not worth
   * asking another source.
   */
  record NotFound(String provider) implements UpstreamAnswer {
    /** Creates a not-found answer. */
    public NotFound {
      Objects.requireNonNull(provider, "provider");
    }
  }
}
