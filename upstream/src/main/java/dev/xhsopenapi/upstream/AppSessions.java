package dev.xhsopenapi.upstream;

import dev.xhsopenapi.upstream.xhsapp.SessionSpec;
import java.util.List;

/**
 * The operator's handle on the {@code xhs-app} provider's upstream sessions, while it serves:
 * changes take effect for the next call. Thread-safe.
 */
public interface AppSessions {

  /** Every session, retired ones included, in the order they were added. */
  List<SessionStatus> list();

  /**
   * Adds a session, or replaces a retired one with the same id.
   *
   * @return the new session's status
   * @throws IllegalArgumentException when a session with that id is in service (active or cooling)
   */
  SessionStatus add(SessionSpec spec);

  /**
   * Retires a session and forgets it; a call it is making finishes.
   *
   * @return whether there was a session with that id
   */
  boolean retire(String id);
}
