package dev.xhsopenapi.upstream.vendor;

import dev.xhsopenapi.upstream.UpstreamException;
import dev.xhsopenapi.upstream.UpstreamException.Kind;
import java.util.Locale;

/**
 * What went wrong at a commercial source, as its health report and metrics name it ({@link
 * UpstreamException#failureClass()}), with how the customer is told and whether the source is
 * exhausted. One table for the three vendors, so that the same trouble reads the same everywhere.
 */
enum Failure {
  /** The vendor says we call too fast (HTTP 429, JustOneAPI 302): try the next source. */
  RATE_LIMITED(Kind.UNAVAILABLE, false),
  /** The vendor or its own upstream failed (HTTP 5xx, JustOneAPI 500/503). */
  SERVER_ERROR(Kind.UNAVAILABLE, false),
  /** No answer in time (our deadline, or the vendor's HTTP 504). */
  TIMEOUT(Kind.TIMEOUT, false),
  /** The vendor cannot be reached: connection refused or reset, DNS, TLS. */
  NETWORK(Kind.UNAVAILABLE, false),
  /** An answer we cannot use: not JSON, an unexpected shape, an inner failure inside a 200. */
  UNUSABLE(Kind.UNUSABLE, false),
  /** The vendor asks to retry (TikHub 400 "Please retry", JustOneAPI 301 collection failed). */
  RETRY(Kind.UNUSABLE, false),
  /** Bad, inactive or under-scoped key (HTTP 401/403, JustOneAPI 100/600). */
  AUTH(Kind.UNAVAILABLE, true),
  /** The balance is used up (HTTP 402, JustOneAPI 601/602). */
  OUT_OF_CREDIT(Kind.UNAVAILABLE, true),
  /** The daily quota is used up (JustOneAPI 303). */
  QUOTA(Kind.UNAVAILABLE, true),
  /** The vendor refuses our parameters (HTTP 400/422, JustOneAPI 400). */
  BAD_REQUEST(Kind.UNUSABLE, false);

  /** How much of a vendor's own message an exception shows, in characters. */
  private static final int SHOWN = 160;

  private final Kind kind;
  private final boolean exhausted;

  Failure(Kind kind, boolean exhausted) {
    this.kind = kind;
    this.exhausted = exhausted;
  }

  /** The failure class, e.g. {@code out_of_credit}. */
  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The exception for this failure.
   *
   * @param source the source's configured name, which starts the message
   * @param what what happened, in plain words; never a key
   */
  UpstreamException at(String source, String what) {
    return at(source, what, null);
  }

  /** The exception for this failure, caused by {@code cause} (null for none). */
  UpstreamException at(String source, String what, Throwable cause) {
    return new UpstreamException(kind, wire(), exhausted, source, source + ": " + what, cause);
  }

  /**
   * The failure an HTTP error status means when the vendor says nothing more specific: 400/422
   * refused parameters, 401/403 the key, 402 the balance, 429 the rate, 504 a timeout, other 5xx
   * the server; anything else is unusable.
   */
  static Failure ofStatus(int status) {
    return switch (status) {
      case 400, 422 -> BAD_REQUEST;
      case 401, 403 -> AUTH;
      case 402 -> OUT_OF_CREDIT;
      case 429 -> RATE_LIMITED;
      case 504 -> TIMEOUT;
      default -> status >= 500 && status <= 599 ? SERVER_ERROR : UNUSABLE;
    };
  }

  /**
   * A vendor's text as an exception may show it: cut to {@value #SHOWN} characters, with every
   * occurrence of the key blanked out in case the vendor echoes it.
   *
   * @param text the vendor's text, or null
   * @param key the key to hide
   * @return the text quoted, or {@code ""} when there is none
   */
  static String quoted(String text, String key) {
    return text == null || text.isBlank() ? "" : " \"" + clip(text, key) + "\"";
  }

  /**
   * A vendor's text cut to {@value #SHOWN} characters, with every occurrence of the key blanked
   * out.
   */
  static String clip(String text, String key) {
    String shown = key.isEmpty() ? text : text.replace(key, "***");
    return shown.length() > SHOWN ? shown.substring(0, SHOWN) + "…" : shown;
  }
}
