package io.meshbench.engine.run;

import io.meshbench.engine.protocol.Connection;
import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.stats.ErrorKind;

/**
 * The engine's view of one connection: which slots are in flight and when each was intended and
 * sent. Lives on its loop; survives reconnects (each new channel reports to the same state).
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

  int consecutiveConnectFailures;

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
    worker.onConnected(this, c);
  }

  @Override
  public void completed(int slot, int status, ErrorKind error, long bytesReceived) {
    worker.onCompleted(this, slot, status, error, bytesReceived);
  }

  @Override
  public void closed(ErrorKind cause) {
    worker.onClosed(this, cause);
  }
}
