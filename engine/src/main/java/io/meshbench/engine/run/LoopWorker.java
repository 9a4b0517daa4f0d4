package io.meshbench.engine.run;

import io.meshbench.engine.protocol.Connection;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.schedule.ArrivalSchedule;
import io.meshbench.engine.stats.ErrorKind;
import io.meshbench.engine.stats.LoopRecorder;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Paces, sends and records for the connections of one event loop. Every method but the ones marked
 * "any thread" runs on that loop, so none of its state needs synchronisation; the coordinator and
 * the other loops reach it only through tasks, its {@link LoopRecorder}s and {@link #offered}.
 *
 * <p>Open model: request i is intended at {@code startNs + schedule(i)} ({@link ScheduleCursor}
 * keeps the place and counts what is left unsent at the end). When that time comes it goes out on a
 * connection with a free slot; if none is free it waits (or goes to another loop with a free
 * connection, carrying its intended time), and both its latency and the lag are still measured from
 * the intended time. Closed model: every free slot is refilled at once, and the intended time is
 * the send time.
 *
 * <p>Pacing costs one timer per {@link #PACE_WINDOW_NS} at most: a wake-up sends everything due
 * within half a window after it ({@link PaceWindow}), so at high rates one wake-up serves several
 * requests, each within half a window of its intended time (a late one reports its lateness, an
 * early one counts from its send), while at low rates each request still wakes the loop at its own
 * intended time. While the loop keeps up, only wake-ups send: a response that frees a connection
 * does not send what fell due since, the next wake-up does. Most of a send's cost is waking the
 * peer and this loop from idle (on a VM, an interrupt each way), so requests that leave together
 * are cheaper than the same requests spread out: the window trades a bounded, measured lateness for
 * that.
 */
final class LoopWorker {
  /**
   * Default: wake-ups for pacing are at least this far apart; requests due within half of it go
   * together ({@code options.pace_window_us} changes it).
   */
  static final long PACE_WINDOW_NS = TimeUnit.MICROSECONDS.toNanos(LoadRun.DEFAULT_PACE_WINDOW_US);

  /**
   * While this loop waits for a free connection with requests due, it looks this often for another
   * loop that has one (each look is one timer; none while it keeps up or has no other loop).
   */
  static final long HAND_OVER_POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);

  final EventLoop loop;
  final LoopRecorder recorder = new LoopRecorder();

  /**
   * What warm-up requests would have recorded. Nothing reads it but the coordinator's warm-up
   * snapshots, which are dropped: warm-up runs the measured phase's recording and snapshot code, so
   * the JIT compiles it before the first measured request instead of during the first measured
   * second (at 50k rps on one core that compiling put p99s of 3-6 ms into seconds 1 and 2). With C1
   * alone, the launcher's choice for fixed rates, nothing is recompiled when the measured phase
   * starts; C2 (closed model) may still recompile a method whose measured branch warm-up never
   * took.
   */
  final LoopRecorder warmupRecorder = new LoopRecorder();

  private final ProtocolClient client;
  private final ScheduleCursor cursor; // null in the closed model
  private final long timeoutNs;
  private final PaceWindow pacing;
  private final ConnectionState[] connections;
  private final IntRing ready;
  private final CountDownLatch firstOutcomes;
  private final Runnable wakeTask = this::onWake;
  private final Runnable deferredPump = this::deferredPump;
  private final Reconnects reconnects = new Reconnects();
  private final HandedOver adopted = new HandedOver();
  final CompletableFuture<Void> drained = new CompletableFuture<>();

  /**
   * Free slots this loop offers to the others while it has no backlog of its own (any thread reads
   * and claims; the loop sets it after each pump).
   */
  final AtomicInteger offered = new AtomicInteger();

  private List<LoopWorker> peers = List.of();
  private long warmupEndNs = Long.MAX_VALUE;
  private long endNs = Long.MAX_VALUE;
  private long wakeAtNs;
  private long sweepPeriodNs;
  private long nextSweepNs;

  private boolean sending;
  private boolean stopping;
  private boolean stopped;
  private boolean pumping;
  private boolean wakeArmed;
  private boolean waking;
  private boolean pumpDeferred;
  private int inFlight;
  private ScheduledFuture<?> sweep;

  LoopWorker(
      EventLoop loop,
      ProtocolClient client,
      ArrivalSchedule schedule,
      int connectionCount,
      long timeoutNs,
      long paceWindowNs,
      CountDownLatch firstOutcomes) {
    this.loop = loop;
    this.pacing = new PaceWindow(paceWindowNs);
    this.client = client;
    this.cursor = schedule == null ? null : new ScheduleCursor(schedule);
    this.timeoutNs = timeoutNs;
    this.firstOutcomes = firstOutcomes;
    int capacity = client.maxInFlight();
    this.connections = new ConnectionState[connectionCount];
    for (int i = 0; i < connectionCount; i++) {
      connections[i] = new ConnectionState(this, i, capacity);
    }
    this.ready = new IntRing(connectionCount * capacity);
  }

  int connectionCount() {
    return connections.length;
  }

  /** The other loops of the run, which may take this loop's due requests. Before start. */
  void peers(List<LoopWorker> all) {
    this.peers = all.stream().filter(w -> w != this).toList();
  }

  /** Opens every connection. Any thread. */
  void connectAll() {
    loop.execute(
        () -> {
          // Linux's default 50 µs of slack would make every pacing wake-up that much later.
          TimerSlack.setForCurrentThread(TimerSlack.LOAD_LOOP_SLACK_NS);
          for (ConnectionState c : connections) {
            connect(c);
          }
        });
  }

  /** Starts sending at {@code startNs}. Any thread. */
  void start(long startNs, long warmupEndNs, long endNs) {
    loop.execute(
        () -> {
          this.warmupEndNs = warmupEndNs;
          this.endNs = endNs;
          this.sending = true;
          if (cursor != null) {
            cursor.start(startNs, warmupEndNs, endNs);
          }
          sweepPeriodNs = Math.max(1_000_000, Math.min(timeoutNs / 10, 100_000_000));
          nextSweepNs = System.nanoTime() + sweepPeriodNs;
          sweep =
              loop.scheduleAtFixedRate(
                  this::sweepTimeouts, sweepPeriodNs, sweepPeriodNs, TimeUnit.NANOSECONDS);
          loop.schedule(this::stop, endNs - System.nanoTime(), TimeUnit.NANOSECONDS);
          pump();
        });
  }

  /** Stops at once, without waiting for requests in flight. Any thread. */
  void cancel() {
    loop.execute(
        () -> {
          sending = false;
          finish();
        });
  }

  // ---- pacing ----

  private void onWake() {
    wakeArmed = false;
    long now = System.nanoTime();
    pacing.woke(now);
    recorderFor(wakeAtNs).recordTimerLag(now - wakeAtNs);
    waking = true;
    try {
      pump();
    } finally {
      waking = false;
    }
  }

  private void pump() {
    if (!sending || pumping) {
      return;
    }
    pumping = true;
    try {
      if (cursor == null) {
        pumpClosed();
      } else {
        pumpOpen();
      }
    } finally {
      pumping = false;
    }
  }

  private void pumpClosed() {
    while (sending) {
      long now = System.nanoTime();
      if (now >= endNs) {
        stop();
        return;
      }
      ConnectionState c = takeReady();
      if (c == null) {
        return;
      }
      send(c, now, now);
    }
  }

  private void pumpOpen() {
    // Requests handed over by other loops are older than anything due here: they go first.
    while (!adopted.isEmpty()) {
      ConnectionState c = takeReady();
      if (c == null) {
        cursor.blocked(System.nanoTime());
        offered.set(0);
        return;
      }
      long now = System.nanoTime();
      long intended = adopted.peekIntendedNs();
      recorderFor(intended).recordLag(now - intended, adopted.peekGeneratorLagNs());
      adopted.remove();
      send(c, intended, now);
    }
    while (true) {
      if (cursor.exhausted()) {
        break; // every request of the schedule is out; stop() drains at the end
      }
      long now = System.nanoTime();
      if (!cursor.dueBy(pacing.sendByNs(now, waking))) {
        armWake(now, cursor.nextIntendedNs());
        break;
      }
      ConnectionState c = takeReady();
      if (c == null) {
        cursor.blocked(now);
        offered.set(0);
        handOver(now);
        if (!peers.isEmpty() && !cursor.exhausted()) {
          armWake(now, Math.max(cursor.nextIntendedNs(), now + HAND_OVER_POLL_NS));
        }
        return; // backlog: the next completion or connection pumps again
      }
      long intended = cursor.take();
      LoopRecorder r = recorderFor(intended);
      r.recordLag(Math.max(0, now - intended), cursor.generatorLagNs(intended, now));
      r.addScheduled(1);
      send(c, intended, now);
    }
    cursor.caughtUp();
    offered.set(ready.size());
  }

  private void armWake(long nowNs, long atNs) {
    if (wakeArmed) {
      return;
    }
    wakeArmed = true;
    wakeAtNs = pacing.wakeAtNs(atNs);
    loop.schedule(wakeTask, wakeAtNs - nowNs, TimeUnit.NANOSECONDS);
  }

  /**
   * Gives due requests this loop cannot send to loops that offer free slots, each with its intended
   * time and the generator's part of its lateness so far.
   */
  private void handOver(long nowNs) {
    for (LoopWorker peer : peers) {
      if (!cursor.dueBy(nowNs)) {
        return;
      }
      int claimed = peer.claim();
      if (claimed == 0) {
        continue;
      }
      long[] batch = new long[claimed * 2]; // only on the overload path
      int n = 0;
      while (n < claimed && cursor.dueBy(nowNs)) {
        long intended = cursor.take();
        recorderFor(intended).addScheduled(1);
        batch[2 * n] = intended;
        batch[2 * n + 1] = cursor.generatorLagNs(intended, nowNs);
        n++;
      }
      int count = n;
      if (count > 0) {
        peer.loop.execute(() -> peer.adopt(batch, count));
      }
    }
  }

  /** Claims up to all the free slots this loop offers. Any thread. */
  private int claim() {
    while (true) {
      int free = offered.get();
      if (free <= 0) {
        return 0;
      }
      if (offered.compareAndSet(free, 0)) {
        return free;
      }
    }
  }

  private void adopt(long[] batch, int count) {
    assert loop.inEventLoop();
    for (int i = 0; i < count; i++) {
      if (sending) {
        adopted.add(batch[2 * i], batch[2 * i + 1]);
      } else {
        cursor.recordUnsent(recorder, batch[2 * i], batch[2 * i + 1]);
      }
    }
    pump();
  }

  private void send(ConnectionState c, long intendedNs, long nowNs) {
    int slot = c.takeSlot();
    c.intendedNs[slot] = intendedNs;
    c.sentNs[slot] = nowNs;
    inFlight++;
    int bytes = c.connection.send(slot);
    recorderFor(intendedNs).addSent(bytes);
  }

  /**
   * Where figures of something due at {@code intendedNs} go (a request's intended time, a timer's
   * due time, or now for a failed connect): the measured recorder, or the warm-up one.
   */
  private LoopRecorder recorderFor(long intendedNs) {
    return intendedNs >= warmupEndNs ? recorder : warmupRecorder;
  }

  private ConnectionState takeReady() {
    int index;
    while ((index = ready.poll()) >= 0) {
      ConnectionState c = connections[index];
      c.queued--;
      if (c.ready()) {
        return c;
      }
    }
    return null;
  }

  private void offerReady(ConnectionState c) {
    while (c.connection != null && c.queued < c.freeCount) {
      ready.push(c.index);
      c.queued++;
    }
  }

  // ---- callbacks from connections (ConnectionState brings them onto this loop) ----

  void onConnected(ConnectionState c, Connection connection) {
    assert loop.inEventLoop() : "connected() off its event loop";
    if (stopped) {
      connection.close();
      return;
    }
    c.connection = connection;
    c.connectedAtNs = System.nanoTime();
    c.answered = false;
    c.abortedByTimeout = false;
    c.resetSlots();
    recorder.addConnect();
    recorder.recordConnectTime((c.connectedAtNs - c.connectStartNs) / 1000);
    firstOutcome(c);
    offerReady(c);
    pump();
  }

  void onCompleted(ConnectionState c, int slot, int status, ErrorKind error, long bytes) {
    assert loop.inEventLoop() : "completed() off its event loop";
    if (stopped || !c.busy[slot]) {
      return; // already failed by a timeout, or the run is over
    }
    if (!c.answered) {
      c.answered = true;
      c.failuresInARow = 0;
    }
    c.refusedInARow = 0;
    long now = System.nanoTime();
    long intended = c.intendedNs[slot];
    long sent = c.sentNs[slot];
    c.releaseSlot(slot);
    inFlight--;
    LoopRecorder r = recorderFor(intended);
    if (status >= 0) {
      r.recordStatus(status);
    }
    r.addReceived(bytes);
    if (error == null) {
      // From the intended time, or from the send when a wake-up sent it ahead of that time: the
      // latency a request reports is never less than its own round trip.
      r.recordSuccess((now - Math.min(intended, sent)) / 1000, (now - sent) / 1000);
    } else {
      r.recordError(error);
    }
    offerReady(c);
    afterChange();
  }

  /** Refusals in a row, without an answer between, that a connection's requests are resent. */
  static final int MAX_REFUSED_IN_A_ROW = 16;

  /**
   * The server did not process the request in {@code slot}: it goes out again with its intended
   * time, so its latency includes the detour, and it counts as sent once. Open model: it goes
   * first, as a handed-over request (its wait is the target's doing, not the generator's); closed
   * model: a new request takes its place. After the end it counts as unsent. After {@link
   * #MAX_REFUSED_IN_A_ROW} refusals on a connection with no answer between, a refusal is a reset.
   */
  void onRefused(ConnectionState c, int slot, long bytes) {
    assert loop.inEventLoop() : "refused() off its event loop";
    if (stopped || !c.busy[slot]) {
      return; // already failed by a timeout, or the run is over
    }
    long intended = c.intendedNs[slot];
    LoopRecorder r = recorderFor(intended);
    c.releaseSlot(slot);
    inFlight--;
    r.addReceived(bytes);
    if (++c.refusedInARow > MAX_REFUSED_IN_A_ROW) {
      // A server that refuses every stream is not one to retry at full speed: from here on,
      // until it answers something, a refusal is a reset like any other.
      r.recordError(ErrorKind.RESET);
      offerReady(c);
      afterChange();
      return;
    }
    r.undoSent();
    if (sending && cursor != null) {
      adopted.add(intended, 0);
    } else if (!sending && cursor != null) {
      cursor.recordUnsent(recorder, intended, 0);
    }
    offerReady(c);
    afterChange();
  }

  void onClosed(ConnectionState c, ErrorKind cause) {
    assert loop.inEventLoop() : "closed() off its event loop";
    boolean wasUp = c.connection != null || c.abortedByTimeout;
    c.connection = null;
    if (stopped) {
      return;
    }
    ErrorKind inFlightKind =
        c.abortedByTimeout ? ErrorKind.TIMEOUT : cause == null ? ErrorKind.RESET : cause;
    for (int slot = 0; slot < c.capacity(); slot++) {
      if (c.busy[slot]) {
        c.releaseSlot(slot);
        inFlight--;
        recorderFor(c.intendedNs[slot]).recordError(inFlightKind);
      }
    }
    c.abortedByTimeout = false;
    long now = System.nanoTime();
    if (cause == ErrorKind.CONNECT || (!wasUp && cause == ErrorKind.PROTOCOL)) {
      // Never came up: refused, unreachable, or a handshake the server answered wrongly.
      c.failuresInARow++;
      recorderFor(now).recordError(cause);
      firstOutcome(c);
    } else if (wasUp && !c.answered && now - c.connectedAtNs < Reconnects.MAX_DELAY_NS) {
      // Accepted, then gone before any answer: a proxy with no upstream, an RST after accept.
      // Redialling at once would only storm the target; back off as after a failed connect.
      c.failuresInARow++;
    } else {
      c.failuresInARow = 0;
    }
    if (!stopping) {
      long delayNs = reconnects.delayNs(c.failuresInARow);
      if (delayNs == 0) {
        connect(c);
      } else {
        loop.schedule(
            () -> {
              if (!stopping) {
                connect(c);
              }
            },
            delayNs,
            TimeUnit.NANOSECONDS);
      }
    }
    afterChange();
  }

  /** Asks the protocol for a connection; its connect time runs from here to connected(). */
  private void connect(ConnectionState c) {
    c.connectStartNs = System.nanoTime();
    try {
      client.connect(loop, c);
    } catch (RuntimeException e) {
      // A protocol that fails synchronously has failed to connect, like one that fails later.
      onClosed(c, ErrorKind.CONNECT);
    }
  }

  private void firstOutcome(ConnectionState c) {
    if (!c.outcomeSeen) {
      c.outcomeSeen = true;
      firstOutcomes.countDown();
    }
  }

  private void afterChange() {
    if (stopping) {
      if (inFlight == 0) {
        finish();
      }
    } else if (keepingUp()) {
      offered.set(ready.size()); // the freed slot is offered to a loop with a backlog at once
    } else if (cursor != null) {
      deferPump();
    } else {
      pump();
    }
  }

  /**
   * Open model behind schedule: one pump after the loop has handled all the I/O that is ready, not
   * one per completion, so the late requests that completions make room for leave together. Sent
   * one by one, each costs a wake-up of the target, and at high rates a generator that fell behind
   * once (a pause, a burst of slow answers) could then never catch up: at 50k rps on one core it
   * stayed 5-18 % short in two runs out of three, and kept up in all three with this.
   */
  private void deferPump() {
    if (!pumpDeferred) {
      pumpDeferred = true;
      loop.execute(deferredPump);
    }
  }

  private void deferredPump() {
    pumpDeferred = false;
    if (!stopping) {
      pump();
    }
  }

  /**
   * Open model with nothing waiting for a connection: the armed wake-up sends what falls due, so a
   * completion does not. Sends then leave together at each wake-up instead of one by one after each
   * response, which is what the window is for: at 30k rps it cut the CPU by a fifth.
   */
  private boolean keepingUp() {
    return cursor != null && wakeArmed && cursor.keepingUp() && adopted.isEmpty();
  }

  // ---- timeouts and the end ----

  private void sweepTimeouts() {
    long now = System.nanoTime();
    recorderFor(nextSweepNs).recordTimerLag(now - nextSweepNs);
    nextSweepNs += sweepPeriodNs; // as the fixed-rate timer itself counts
    for (ConnectionState c : connections) {
      Connection connection = c.connection;
      if (connection == null) {
        continue;
      }
      for (int slot = 0; slot < c.capacity(); slot++) {
        if (c.busy[slot] && now - c.sentNs[slot] >= timeoutNs) {
          c.releaseSlot(slot);
          inFlight--;
          recorderFor(c.intendedNs[slot]).recordError(ErrorKind.TIMEOUT);
          if (!connection.abort(slot)) {
            c.abortedByTimeout = true;
            c.connection = null; // closing: nothing more goes out on it
            break;
          }
          offerReady(c);
        }
      }
    }
    afterChange();
  }

  /**
   * The schedule is over: what is due goes out if a connection is free; what is still due after
   * that is never sent (counted at the finish); what is in flight may finish within its timeout.
   */
  private void stop() {
    if (stopping) {
      return;
    }
    long early = endNs - System.nanoTime();
    if (early > 0) { // a timer may fire a little early: what is due until the end still goes out
      loop.schedule(this::stop, early, TimeUnit.NANOSECONDS);
      return;
    }
    pump(); // a coalesced wake-up may not have come yet
    long now = System.nanoTime();
    sending = false;
    stopping = true;
    offered.set(0);
    if (cursor != null) {
      while (!adopted.isEmpty()) { // at most the slots this loop offered: not the backlog
        cursor.recordUnsent(recorder, adopted.peekIntendedNs(), adopted.peekGeneratorLagNs());
        adopted.remove();
      }
      cursor.stop(now);
    }
    if (inFlight == 0) {
      finish();
    }
  }

  private void finish() {
    if (stopped) {
      return;
    }
    stopping = true;
    stopped = true;
    offered.set(0);
    if (sweep != null) {
      sweep.cancel(false);
    }
    for (ConnectionState c : connections) {
      if (c.connection != null) {
        c.connection.close();
      }
    }
    if (cursor != null) {
      cursor.countUnsent(recorder); // after the loop has read what was in flight
    }
    drained.complete(null);
  }
}
