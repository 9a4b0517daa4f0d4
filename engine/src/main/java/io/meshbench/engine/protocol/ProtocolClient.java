package io.meshbench.engine.protocol;

import io.netty.channel.EventLoop;

/**
 * The client side of one protocol for one run: the only seam between the engine, which owns time
 * and recording, and a protocol, which connects, sends and reports completions.
 */
public interface ProtocolClient extends AutoCloseable {

  /** How many requests one connection carries at once (pipelining depth, streams). */
  int maxInFlight();

  /**
   * Starts one connection on {@code loop}. The protocol later calls {@code listener.connected} or
   * {@code listener.closed(ErrorKind.CONNECT)}, on that loop.
   */
  void connect(EventLoop loop, ConnectionListener listener);

  /** Releases what the client holds for the run (not the event loops, which the engine owns). */
  @Override
  default void close() {}
}
