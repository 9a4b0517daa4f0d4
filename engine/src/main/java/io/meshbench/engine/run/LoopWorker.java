package io.meshbench.engine.run;

import io.meshbench.engine.protocol.Connection;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.schedule.ArrivalSchedule;
import io.meshbench.engine.stats.ErrorKind;
import io.meshbench.engine.stats.LoopRecorder;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Paces, sends and records for the connections of one event loop. Every method runs on that loop,
 * so none of its state needs synchronisation; the coordinator reaches it only through tasks and the
 * loop's {@link LoopRecorder}.
 *
 * <p>Open model: request i is intended at {@code startNs + schedule(i)}. When that time comes it
 * goes out on a connection with a free slot; if none is free it waits, and both its latency and the
 * lag are still measured from the intended time. Closed model: every free slot is refilled at once,
 * and the intended time is the send time.
 */
final class LoopWorker {
  private static final long MAX_RECONNECT_DELAY_NS = TimeUnit.SECONDS.toNanos(1);
  private static final long FIRST_RECONNECT_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(10);

  final EventLoop loop;
  final LoopRecorder recorder = new LoopRecorder();
  private final ProtocolClient client;
  private final ArrivalSchedule schedule; // null in the closed model
  private final long timeoutNs;
  private final ConnectionState[] connections;
  private final IntRing ready;
  private final CountDownLatch firstOutcomes;
  private final Runnable wakeTask = this::onWake;
  final CompletableFuture<Void> drained = new CompletableFuture<>();

  private long startNs;
  private long warmupEndNs = Long.MAX_VALUE;
  private long endNs = Long.MAX_VALUE;
  private long nextIntendedNs;
  private boolean sending;
  private boolean stopping;
  private boolean stopped;
  private boolean pumping;
  private boolean wakeArmed;
  private int inFlight;
  private ScheduledFuture<?> sweep;

  LoopWorker(
      EventLoop loop,
      ProtocolClient client,
      ArrivalSchedule schedule,
      int connectionCount,
      long timeoutNs,
      CountDownLatch firstOutcomes) {
    this.loop = loop;
    this.client = client;
    this.schedule = schedule;
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

  /** Opens every connection. Call from any thread. */
  void connectAll() {
    loop.execute(
        () -> {
          for (ConnectionState c : connections) {
            connect(c);
          }
        });
  }

  /** Starts sending at {@code startNs}. Call from any thread. */
  void start(long startNs, long warmupEndNs, long endNs) {
    loop.execute(
        () -> {
          this.startNs = startNs;
          this.warmupEndNs = warmupEndNs;
          this.endNs = endNs;
          this.sending = true;
          if (schedule != null) {
            nextIntendedNs = startNs + schedule.nextOffsetNs();
          }
          long sweepPeriodNs = Math.max(1_000_000, Math.min(timeoutNs / 10, 100_000_000));
          sweep =
              loop.scheduleAtFixedRate(
                  this::sweepTimeouts, sweepPeriodNs, sweepPeriodNs, TimeUnit.NANOSECONDS);
          loop.schedule(this::stop, endNs - System.nanoTime(), TimeUnit.NANOSECONDS);
          pump();
        });
  }

  /** Stops at once, without waiting for requests in flight. Call from any thread. */
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
    pump();
  }

  private void pump() {
    if (!sending || pumping) {
      return;
    }
    pumping = true;
    try {
      if (schedule == null) {
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
    while (sending) {
      if (nextIntendedNs >= endNs) {
        return; // every request of the schedule is out; stop() drains at the end
      }
      long now = System.nanoTime();
      if (nextIntendedNs > now) {
        if (!wakeArmed) {
          wakeArmed = true;
          loop.schedule(wakeTask, nextIntendedNs - now, TimeUnit.NANOSECONDS);
        }
        return;
      }
      ConnectionState c = takeReady();
      if (c == null) {
        return; // backlog: the next completion or connection pumps again
      }
      long intended = nextIntendedNs;
      if (intended >= warmupEndNs) {
        recorder.recordLag(now - intended);
        recorder.addScheduled(1);
      }
      nextIntendedNs = startNs + schedule.nextOffsetNs();
      send(c, intended, now);
    }
  }

  private void send(ConnectionState c, long intendedNs, long nowNs) {
    int slot = c.takeSlot();
    c.intendedNs[slot] = intendedNs;
    c.sentNs[slot] = nowNs;
    inFlight++;
    int bytes = c.connection.send(slot);
    if (intendedNs >= warmupEndNs) {
      recorder.addSent(bytes);
    }
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

  // ---- callbacks from connections ----

  void onConnected(ConnectionState c, Connection connection) {
    if (stopped) {
      connection.close();
      return;
    }
    c.connection = connection;
    c.consecutiveConnectFailures = 0;
    c.abortedByTimeout = false;
    c.resetSlots();
    recorder.addConnect();
    recorder.recordConnectTime((System.nanoTime() - c.connectStartNs) / 1000);
    firstOutcome(c);
    offerReady(c);
    pump();
  }

  void onCompleted(ConnectionState c, int slot, int status, ErrorKind error, long bytes) {
    if (stopped || !c.busy[slot]) {
      return; // already failed by a timeout, or the run is over
    }
    long now = System.nanoTime();
    long intended = c.intendedNs[slot];
    long sent = c.sentNs[slot];
    c.releaseSlot(slot);
    inFlight--;
    if (intended >= warmupEndNs) {
      if (status >= 0) {
        recorder.recordStatus(status);
      }
      recorder.addReceived(bytes);
      if (error == null) {
        recorder.recordSuccess((now - intended) / 1000, (now - sent) / 1000);
      } else {
        recorder.recordError(error);
      }
    }
    offerReady(c);
    afterChange();
  }

  void onClosed(ConnectionState c, ErrorKind cause) {
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
        if (c.intendedNs[slot] >= warmupEndNs) {
          recorder.recordError(inFlightKind);
        }
      }
    }
    c.abortedByTimeout = false;
    if (cause == ErrorKind.CONNECT) {
      c.consecutiveConnectFailures++;
      if (System.nanoTime() >= warmupEndNs) {
        recorder.recordError(ErrorKind.CONNECT);
      }
      firstOutcome(c);
    }
    if (!stopping) {
      reconnect(c);
    }
    afterChange();
  }

  private void reconnect(ConnectionState c) {
    int failures = c.consecutiveConnectFailures;
    if (failures == 0) {
      connect(c);
      return;
    }
    long delayNs =
        Math.min(MAX_RECONNECT_DELAY_NS, FIRST_RECONNECT_DELAY_NS << Math.min(failures - 1, 20));
    loop.schedule(
        () -> {
          if (!stopping) {
            connect(c);
          }
        },
        delayNs,
        TimeUnit.NANOSECONDS);
  }

  /** Asks the protocol for a connection; its connect time runs from here to connected(). */
  private void connect(ConnectionState c) {
    c.connectStartNs = System.nanoTime();
    client.connect(loop, c);
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
    } else {
      pump();
    }
  }

  // ---- timeouts and the end ----

  private void sweepTimeouts() {
    long now = System.nanoTime();
    for (ConnectionState c : connections) {
      Connection connection = c.connection;
      if (connection == null) {
        continue;
      }
      for (int slot = 0; slot < c.capacity(); slot++) {
        if (c.busy[slot] && now - c.sentNs[slot] >= timeoutNs) {
          c.releaseSlot(slot);
          inFlight--;
          if (c.intendedNs[slot] >= warmupEndNs) {
            recorder.recordError(ErrorKind.TIMEOUT);
          }
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

  /** The schedule is over: no more sends; what is in flight may finish within its timeout. */
  private void stop() {
    if (stopping) {
      return;
    }
    sending = false;
    stopping = true;
    if (schedule != null) {
      // Requests that were due but never went out still count as scheduled.
      while (nextIntendedNs < endNs) {
        if (nextIntendedNs >= warmupEndNs) {
          recorder.addScheduled(1);
        }
        nextIntendedNs = startNs + schedule.nextOffsetNs();
      }
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
    if (sweep != null) {
      sweep.cancel(false);
    }
    for (ConnectionState c : connections) {
      if (c.connection != null) {
        c.connection.close();
      }
    }
    drained.complete(null);
  }
}
