package io.meshbench.engine.run;

import io.meshbench.engine.protocol.Connection;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.stats.ErrorKind;

/**
 * The engine's view of one connection: which slots are in flight and when each was intended and
 * sent. Lives on its loop; survives reconnects (each new channel reports to the same state).
 *
 * <p>Protocols report on the connection's loop, but not every path does: Netty completes a connect
 * whose channel could not even be created (a channel factory that throws, EMFILE) on another
 * executor. Such calls are carried onto the loop here, so that the worker's state is only ever
 * touched by its loop (which the worker asserts).
 */
final class ConnectionState implements ConnectionListener {
  final LoopWorker worker;
  final int index;
  final long[] intendedNs;
  final long[] sentNs;
  final boolean[] busy;
  private final int[] freeSlots;
  int freeCount;

  /** Entries of this connection in the worker's ready ring; never more than the capacity. */
  int queued;

  Connection connection;

  /** Set when a timeout aborted the connection: what is still in flight failed by timeout too. */
  boolean abortedByTimeout;

  /** Connects that failed, or connections that died before their first answer, in a row. */
  int failuresInARow;

  /** When the current connection came up (System.nanoTime()). */
  long connectedAtNs;

  /** Whether the current connection has answered at least once. */
  boolean answered;

  // Refusals since this connection's last answer: a server that refuses everything would
  // otherwise have each request sent again at once, for ever.
  int refusedInARow;

  /** When the engine last asked the protocol to connect (System.nanoTime()). */
  long connectStartNs;

  boolean outcomeSeen;

  ConnectionState(LoopWorker worker, int index, int capacity) {
    this.worker = worker;
    this.index = index;
    this.intendedNs = new long[capacity];
    this.sentNs = new long[capacity];
    this.busy = new boolean[capacity];
    this.freeSlots = new int[capacity];
    resetSlots();
  }

  int capacity() {
    return busy.length;
  }

  boolean ready() {
    return connection != null && freeCount > 0 && connection.acceptsRequests();
  }

  int takeSlot() {
    int slot = freeSlots[--freeCount];
    busy[slot] = true;
    return slot;
  }

  void releaseSlot(int slot) {
    busy[slot] = false;
    freeSlots[freeCount++] = slot;
  }

  void resetSlots() {
    for (int i = 0; i < busy.length; i++) {
      busy[i] = false;
      freeSlots[i] = busy.length - 1 - i;
    }
    freeCount = busy.length;
  }

  @Override
  public void connected(Connection c) {
    if (worker.loop.inEventLoop()) {
      worker.onConnected(this, c);
    } else {
      worker.loop.execute(() -> worker.onConnected(this, c));
    }
  }

  @Override
  public void completed(int slot, int status, ErrorKind error, long bytesReceived) {
    if (worker.loop.inEventLoop()) {
      worker.onCompleted(this, slot, status, error, bytesReceived);
    } else {
      worker.loop.execute(() -> worker.onCompleted(this, slot, status, error, bytesReceived));
    }
  }

  @Override
  public void refused(int slot, long bytesReceived) {
    if (worker.loop.inEventLoop()) {
      worker.onRefused(this, slot, bytesReceived);
    } else {
      worker.loop.execute(() -> worker.onRefused(this, slot, bytesReceived));
    }
  }

  @Override
  public void closed(ErrorKind cause) {
    if (worker.loop.inEventLoop()) {
      worker.onClosed(this, cause);
    } else {
      worker.loop.execute(() -> worker.onClosed(this, cause));
    }
  }
}
