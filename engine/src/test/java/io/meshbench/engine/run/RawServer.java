package io.meshbench.engine.run;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deliberately plain HTTP/1.1 test server on loopback: {@link ServerSocket}, one thread per
 * connection, and a handler that reads and writes raw bytes, so that tests can misbehave on purpose
 * (hold a response, cut a connection, answer garbage).
 */
final class RawServer implements AutoCloseable {
  static final byte[] OK_EMPTY =
      "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** Serves one connection; returning closes it. */
  interface Handler {
    void serve(Socket socket, InputStream in, OutputStream out)
        throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  RawServer(Handler handler) throws IOException {
    server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> accept(handler), "raw-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/";
  }

  private void accept(Handler handler) {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
        socket.setTcpNoDelay(true);
      } catch (IOException e) {
        return; // closed
      }
      sockets.add(socket);
      Thread t =
          new Thread(
              () -> {
                try (socket) {
                  handler.serve(
                      socket,
                      new BufferedInputStream(socket.getInputStream()),
                      socket.getOutputStream());
                } catch (IOException | InterruptedException e) {
                  // the client went away, or the test is over
                } finally {
                  sockets.remove(socket);
                  threads.remove(Thread.currentThread());
                }
              },
              "raw-server-conn");
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /**
   * Reads one request head (up to the blank line); requests in these tests have no body.
   *
   * @return false at end of stream
   */
  static boolean readRequestHead(InputStream in) throws IOException {
    int matched = 0; // how much of CR LF CR LF has been seen
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n' && (matched == 1 || matched == 3)) {
        matched++;
        if (matched == 4) {
          return true;
        }
      } else if (b == '\r' && (matched == 0 || matched == 2)) {
        matched++;
      } else {
        matched = 0;
      }
    }
    return false;
  }

  /** Reads until the client closes. */
  static void drain(InputStream in) throws IOException {
    while (in.read() >= 0) {
      // discard
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
    acceptor.join(5_000);
    for (Socket s : sockets) {
      s.close();
    }
    for (Thread t : threads) {
      t.interrupt();
      t.join(5_000);
    }
  }
}
