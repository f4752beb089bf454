package dev.xhsopenapi.upstream;

import java.util.List;

/** Requests for tests, built without the parameter checks so that any id will do. */
public final class Requests {
  private Requests() {}

  /** A {@link Operation#USER_NOTES} request for the user's page after {@code cursor}. */
  public static UpstreamRequest notes(String userId, String cursor) {
    return new UpstreamRequest(Operation.USER_NOTES, List.of(userId, cursor == null ? "" : cursor));
  }
}
