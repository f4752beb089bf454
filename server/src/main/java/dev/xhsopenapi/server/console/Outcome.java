package dev.xhsopenapi.server.console;

import java.util.Map;

/**
 * What a console page answers: a view to render, or a redirect (303, so that a reload never posts a
 * form twice); either may start a new session or end the visitor's.
 *
 * @param template the page's template, or null for a redirect
 * @param location where a redirect goes, else null
 * @param started a session started by this page, whose cookie is set on the answer
 * @param endsSession whether the visitor's session cookie is cleared
 */
record Outcome(
    int status,
    String template,
    Map<String, Object> model,
    String location,
    Sessions.Started started,
    boolean endsSession) {

  static Outcome view(String template, Map<String, Object> model) {
    return view(200, template, model);
  }

  static Outcome view(int status, String template, Map<String, Object> model) {
    return new Outcome(status, template, model, null, null, false);
  }

  static Outcome redirect(String location) {
    return new Outcome(303, null, Map.of(), location, null, false);
  }

  /** This answer, setting the cookie of a session it started. */
  Outcome starting(Sessions.Started session) {
    return new Outcome(status, template, model, location, session, false);
  }

  /** This answer, clearing the session cookie. */
  Outcome endingSession() {
    return new Outcome(status, template, model, location, null, true);
  }
}
