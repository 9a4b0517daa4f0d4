package io.meshbench.engine.protocol;

/**
 * One open connection of a protocol. All methods are called on the connection's event loop.
 *
 * <p>Requests are identified by a slot number chosen by the engine (0 to maxInFlight - 1). For each
 * sent slot the protocol reports exactly one {@link ConnectionListener#completed} (or {@link
 * ConnectionListener#refused} when the server did not process it), unless the connection closes
 * first, in which case the engine fails every slot still in flight.
 */
public interface Connection {

  /**
   * False once the connection is going away: the peer announced that it closes (HTTP/1.x {@code
   * Connection: close}, a body that ends with the connection), or a close has begun. The engine
   * then sends nothing more on it and waits for {@link ConnectionListener#closed}. It may change
   * during {@link ConnectionListener#completed}, which is why the engine asks each time.
   */
  default boolean acceptsRequests() {
    return true;
  }

  /** Sends one request for {@code slot}; returns the bytes written. */
  int send(int slot);

  /**
   * Gives up on the request in {@code slot} (it timed out). A protocol that cannot cancel one
   * request, such as HTTP/1.1, closes the connection.
   *
   * @return true if the connection stays usable for other requests
   */
  boolean abort(int slot);

  /** Closes the connection; {@link ConnectionListener#closed} follows. */
  void close();
}
