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

  /**
   * How many inferences one successful request carries (an inference batch), or 0 for protocols
   * that do not infer. A positive value makes the result report {@code inferences_per_s}.
   */
  default int inferencesPerRequest() {
    return 0;
  }

  /**
   * What the first error response of the run said (e.g. its body text), or null. Read by the
   * coordinator once the loops have drained; implementations publish it safely across threads.
   */
  default String firstError() {
    return null;
  }

  /** Releases what the client holds for the run (not the event loops, which the engine owns). */
  @Override
  default void close() {}
}
