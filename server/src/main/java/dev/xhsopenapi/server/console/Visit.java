package dev.xhsopenapi.server.console;

import io.helidon.common.uri.UriInfo;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One request to a console page: the request, its id, the visitor's live session (null when none)
 * and the submitted form (the query for a GET).
 */
record Visit(ServerRequest request, String requestId, ConsoleSession session, Form form) {

  /** A path parameter of the route. */
  String param(String name) {
    return request.path().pathParameters().get(name);
  }

  /**
   * The address the request came from. Forwarding headers are not trusted for it: anyone can send
   * them, and they would let a guesser escape the per-address sign-in limit.
   */
  String clientAddress() {
    SocketAddress peer = request.remotePeer().address();
    return peer instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress()
        : String.valueOf(peer);
  }

  /** {@code scheme://host[:port]} as the visitor reached the server, for links and examples. */
  String baseUrl() {
    UriInfo uri = request.requestedUri();
    return uri.scheme() + "://" + uri.authority();
  }

  /** The session's CSRF token ("" without a session). */
  String csrf() {
    return session == null ? "" : session.csrfToken();
  }
}
