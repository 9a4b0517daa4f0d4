package io.meshbench.engine.protocol;

import io.meshbench.engine.stats.ErrorKind;

/** The engine's side of a connection: the protocol reports here, on the connection's loop. */
public interface ConnectionListener {

  /**
   * The connection is ready for requests. The engine records connect time from its call to {@link
   * ProtocolClient#connect} until this call, so a protocol calls it only once any handshake (HTTP/2
   * preface and settings, WebSocket upgrade) is done.
   */
  void connected(Connection connection);

  /**
   * The request in {@code slot} has its complete response.
   *
   * @param status the protocol's status code (HTTP status, gRPC status), or -1 when it has none
   * @param error null for a success, otherwise why the response counts as an error
   */
  void completed(int slot, int status, ErrorKind error, long bytesReceived);

  /**
   * The server did not process the request in {@code slot} (HTTP/2: a stream above a GOAWAY's last
   * stream id, or reset with REFUSED_STREAM; RFC 9113 §6.8, §8.7), so it is safe to send again: the
   * engine sends it again, keeping its intended time. This is the slot's report instead of {@link
   * #completed}.
   */
  void refused(int slot, long bytesReceived);

  /**
   * The connection is gone, or never came up.
   *
   * @param cause {@link ErrorKind#CONNECT} when it never connected, {@link ErrorKind#PROTOCOL} for
   *     a malformed answer (before {@link #connected}: a handshake the server answered wrongly,
   *     which the engine treats as a failed connect counted as {@code protocol}), {@link
   *     ErrorKind#RESET} for a broken connection, or null when it was closed cleanly (by us, or by
   *     the peer after a response that announced it)
   */
  void closed(ErrorKind cause);
}
