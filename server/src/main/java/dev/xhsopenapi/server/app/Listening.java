package dev.xhsopenapi.server.app;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Why a listener did not start: Helidon reports it only in its log, without the cause. */
final class Listening {
  private Listening() {}

  /** Why {@code host:port} cannot be bound, found by trying it; in words for the operator. */
  static String whyNot(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(host, port));
      return "the HTTP server did not start (see the log above)";
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (e instanceof BindException && reason.contains("in use")) {
        return "port "
            + port
            + " is already in use; stop what listens there or pick another --port";
      }
      return reason;
    }
  }

  /** The start failure of a listener that did not start on {@code host:port}, with the cause. */
  static GatewayStartException failure(String host, int port) {
    return new GatewayStartException(
        "cannot listen on " + hostAndPort(host, port) + ": " + whyNot(host, port));
  }

  /** {@code host:port}, with an IPv6 host in brackets. */
  static String hostAndPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
