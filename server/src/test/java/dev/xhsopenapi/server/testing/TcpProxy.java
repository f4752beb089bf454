package dev.xhsopenapi.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to a server that a test can silence or cut, to play an outage mid-flight.
 *
 * <p>Hand-written on purpose, not a MockWebServer: it relays another protocol (Redis's RESP) byte
 * for byte to a real server, and silences or cuts connections that are already open; MockWebServer
 * only answers HTTP requests it is scripted with.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean silent;

  /** Starts relaying to {@code targetHost:targetPort}. */
  public TcpProxy(String targetHost, int targetPort) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    Thread.startVirtualThread(this::accept);
  }

  /** The local port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Drops every byte from now on while keeping the connections open, like a hung server. */
  public void silence() {
    silent = true;
  }

  /** Closes the listener and every connection, like a server that went away. */
  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }

  private void accept() {
    try {
      while (!server.isClosed()) {
        Socket client = server.accept();
        Socket target = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(target);
        Thread.startVirtualThread(() -> pump(client, target));
        Thread.startVirtualThread(() -> pump(target, client));
      }
    } catch (IOException e) {
      // The listener was closed: the proxy is done.
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        if (!silent) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // One side closed; closing both ends below tells the other side.
    }
    closeQuietly(from);
    closeQuietly(to);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already closed is what we want.
    }
  }
}
