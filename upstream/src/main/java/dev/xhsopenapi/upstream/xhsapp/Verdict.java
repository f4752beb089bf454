package dev.xhsopenapi.upstream.xhsapp;

import java.time.Duration;
import java.util.Objects;

/**
 * What one App answer means for the request and for the session that made it. Every answer is
 * exactly one of these; none turns a refusal into an empty page.
 */
sealed interface Verdict {

  /** A page of notes: the body is passed through. */
  @SuppressWarnings("ArrayRecordComponent") // handed over, never compared
  record Notes(byte[] body) implements Verdict {
    public Notes {
      Objects.requireNonNull(body, "body");
    }
  }

  /** The user does not exist or cannot be seen: final for this request, no other session. */
  record UserNotFound(int code) implements Verdict {}

  /** This session failed in a way another session may not: try elsewhere, leave it alone. */
  record RetryElsewhere(FailureClass failure, String detail) implements Verdict {}

  /** The session must rest for a while; try another one. */
  record CoolDown(FailureClass failure, Duration duration, String detail) implements Verdict {}

  /** The session is finished (expired login, restricted account); try another one. */
  record Retire(FailureClass failure, String detail) implements Verdict {}

  /** The signature was refused: every session shares the signer, so stop and alert. */
  record SignerFault(FailureClass failure, String detail) implements Verdict {}

  /** The failure class (records that are failures override this), or null. */
  default FailureClass failure() {
    return null;
  }
}
