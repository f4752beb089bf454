package dev.xhsopenapi.server.admin;

import dev.xhsopenapi.server.admin.AdminApi.Reply;
import dev.xhsopenapi.server.api.ApiError;
import dev.xhsopenapi.server.http.JsonBodies;
import dev.xhsopenapi.server.ops.logging.Audit;
import dev.xhsopenapi.upstream.AppSessions;
import dev.xhsopenapi.upstream.SessionStatus;
import dev.xhsopenapi.upstream.xhsapp.SessionSpec;
import io.helidon.webserver.http.ServerRequest;

/**
 * The admin operations on the App provider's sessions under {@code /admin/v1/upstream/sessions}:
 * list them with their health, add one (the body is a session as in the sessions file), remove one.
 */
final class SessionsAdmin {
  private final UpstreamSessions upstream;

  SessionsAdmin(UpstreamSessions upstream) {
    this.upstream = upstream;
  }

  Reply sessions(ServerRequest req, String requestId) {
    return new Reply(200, upstream.view());
  }

  Reply sources(ServerRequest req, String requestId) {
    return new Reply(200, upstream.sources());
  }

  Reply addSession(ServerRequest req, String requestId) {
    AppSessions sessions = upstream.requireSessions();
    SessionSpec spec = JsonBodies.read(req, SessionSpec.class);
    SessionStatus added;
    try {
      added = sessions.add(spec);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParam(e.getMessage());
    }
    Audit.of("session.add").session(spec.id()).log("added upstream session {}", spec.id());
    return new Reply(201, UpstreamSessions.view(added));
  }

  Reply removeSession(ServerRequest req, String requestId) {
    String id = req.path().pathParameters().get("session_id");
    if (!upstream.requireSessions().retire(id)) {
      throw ApiError.notFound("there is no upstream session " + id);
    }
    Audit.of("session.remove").session(id).log("removed upstream session {}", id);
    return new Reply(204, null);
  }
}
