package io.meshbench.engine.run;

import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.ProtocolClients;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.schedule.ArrivalSchedule;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.RunAccumulator;
import io.meshbench.engine.stats.RunResult;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * One execution of a {@link LoadSpec}: connects, warms up, measures, drains and returns the result.
 *
 * <p>Threading model: {@link #run} blocks the calling thread, which coordinates (interval
 * snapshots, progress, the end); load is generated on the run's own event loops, one {@link
 * LoopWorker} each, with connections spread evenly over them. {@link #cancel} may be called from
 * any thread.
 */
public final class LoadRun {
  /** A loop at or above this busy share cannot be trusted to keep up: the result says so. */
  public static final double SATURATED_SHARE = 0.90;

  /**
   * A generator whose own lateness (a connection was free, the loop came late) reaches this at p99
   * is saturated whatever its CPU share says: a loop starved of a core (a noisy neighbour, a pod
   * CPU limit, a target in the same JVM) shows little CPU but sends late. Measured on a 2-core VM:
   * a quiet loop's p99 is 0.2-1.1 ms (timer wake-ups there overshoot by 0.1-0.6 ms at p99 even for
   * a bare parkNanos); with one busy thread per core it is 4.7-5.6 ms.
   */
  public static final double STARVED_LAG_P99_MS = 2.0;

  /**
   * Lateness judges saturation only over runs of at least this many requests: below it the "p99" is
   * a handful of wake-ups, and one late wake-up of a cold JVM (JIT, a first GC) is not a starved
   * generator.
   */
  public static final long STARVED_MIN_SAMPLES = 200;

  /**
   * The p99 lateness that marks a starved generator at this total rate: {@link
   * #STARVED_LAG_P99_MS}, or two mean gaps between sends when that is longer. An idle event loop
   * wakes a millisecond or two late at low rates without falling behind; a generator later than two
   * gaps between its sends no longer keeps the schedule's rhythm.
   */
  static double starvedLagMs(double rateRps) {
    return rateRps > 0 ? Math.max(STARVED_LAG_P99_MS, 2000.0 / rateRps) : STARVED_LAG_P99_MS;
  }

  /** Option name: pacing wake-ups at least this many microseconds apart (0 to 1000). */
  public static final String PACE_WINDOW_OPTION = "pace_window_us";

  /** The pacing window when the spec names none, in microseconds (docs/performance.md). */
  public static final int DEFAULT_PACE_WINDOW_US = 1000;

  private static final long CONNECT_WAIT_MAX_NS = TimeUnit.SECONDS.toNanos(5);
  private static final long START_MARGIN_NS = TimeUnit.MILLISECONDS.toNanos(20);
  private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
  private static final long WARMUP_SNAPSHOT_NS = SECOND_NS / 4;

  private final LoadSpec spec;
  private final Transport transport;
  private final BiFunction<LoadSpec, Transport, ProtocolClient> clients;
  private volatile boolean cancelled;
  private volatile Thread coordinator;

  public LoadRun(LoadSpec spec) {
    this(spec, Transport.choose(spec.options().get("transport")));
  }

  public LoadRun(LoadSpec spec, Transport transport) {
    this(spec, transport, ProtocolClients::create);
  }

  /** With another source of protocol clients: for tests that need a misbehaving protocol. */
  LoadRun(
      LoadSpec spec, Transport transport, BiFunction<LoadSpec, Transport, ProtocolClient> clients) {
    this.spec = spec;
    this.transport = transport;
    this.clients = clients;
  }

  public Transport transport() {
    return transport;
  }

  /** Event loops the run uses: --threads (or one per core), never more than connections. */
  public int loopCount() {
    int wanted = spec.threads() > 0 ? spec.threads() : Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(wanted, spec.connections()));
  }

  /** Stops the run as soon as possible; {@link #run} then returns what was measured so far. */
  public void cancel() {
    cancelled = true;
    Thread t = coordinator;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  public boolean cancelled() {
    return cancelled;
  }

  public RunResult run(RunListener listener) throws InterruptedException {
    coordinator = Thread.currentThread();
    int loops = loopCount();
    EventLoopGroup group = transport.newGroup(loops, "meshbench-load");
    try (ProtocolClient client = clients.apply(spec, transport)) {
      listener.onStart(spec, new RunEnvironment(transport.wireName(), loops));
      CountDownLatch firstOutcomes = new CountDownLatch(spec.connections());
      List<LoopWorker> workers = createWorkers(group, client, loops, firstOutcomes);
      CpuMeter cpu = new CpuMeter(loopThreadIds(workers));
      RunAccumulator accumulator =
          new RunAccumulator(workers.stream().map(w -> w.recorder).toList());

      workers.forEach(LoopWorker::connectAll);
      long connectDeadlineNs =
          System.nanoTime()
              + Math.min(CONNECT_WAIT_MAX_NS, TimeUnit.MILLISECONDS.toNanos(spec.timeoutMs()));
      while (!cancelled
          && System.nanoTime() < connectDeadlineNs
          && !firstOutcomes.await(20, TimeUnit.MILLISECONDS)) {
        // every connection has connected or failed once, or the wait is over, or cancelled
      }

      long startNs = System.nanoTime() + START_MARGIN_NS;
      long warmupEndNs = startNs + TimeUnit.MILLISECONDS.toNanos(spec.warmupMs());
      long endNs = warmupEndNs + TimeUnit.MILLISECONDS.toNanos(spec.durationMs());
      double plannedS = (endNs - startNs) / 1e9;
      for (LoopWorker w : workers) {
        w.start(startNs, warmupEndNs, endNs);
      }

      // Warm-up: progress each second. Snapshots of what the loops' warm-up recorders hold, four
      // a second so that even a 1 s warm-up takes a few, are dropped: taking them compiles the
      // snapshot code before the measured phase needs it.
      RunAccumulator warmup =
          new RunAccumulator(workers.stream().map(w -> w.warmupRecorder).toList());
      for (long tick = startNs + WARMUP_SNAPSHOT_NS;
          tick < warmupEndNs && !cancelled;
          tick += WARMUP_SNAPSHOT_NS) {
        parkUntil(tick);
        warmup.dropInterval();
        if ((tick - startNs) % SECOND_NS == 0) {
          listener.onProgress(
              new RunProgress(
                  RunProgress.Phase.WARMUP, (tick - startNs) / 1e9, plannedS, null, 0, 0));
        }
      }
      parkUntil(warmupEndNs);
      cpu.start();

      // Measured phase: one snapshot per second, aligned to its start. Rates divide by the real
      // time between snapshots: this thread may wake late, and then the interval was longer.
      long previous = warmupEndNs;
      long previousActual = System.nanoTime();
      while (previous < endNs && !cancelled) {
        long tick = Math.min(previous + SECOND_NS, endNs);
        parkUntil(tick);
        if (cancelled) {
          break;
        }
        long actual = System.nanoTime();
        IntervalSnapshot point =
            accumulator.interval(
                (tick - warmupEndNs) / 1e9, Math.max(1, actual - previousActual) / 1e9);
        previousActual = actual;
        listener.onProgress(
            new RunProgress(
                RunProgress.Phase.MEASURING,
                (tick - startNs) / 1e9,
                plannedS,
                point,
                accumulator.successes() + accumulator.totalErrors(),
                accumulator.totalErrors()));
        previous = tick;
      }
      double[] busy = cpu.busyShares();
      long measuredEndNs = endNs;
      if (cancelled) {
        long now = System.nanoTime();
        measuredEndNs = Math.min(now, endNs);
        if (measuredEndNs > previous) {
          // The second the stop cut short is a point of its own, of its real length: what
          // completed in it was measured time, not the drain after the end.
          accumulator.interval(
              (measuredEndNs - warmupEndNs) / 1e9, Math.max(1, now - previousActual) / 1e9);
        }
        workers.forEach(LoopWorker::cancel);
      }
      awaitDrained(workers);
      accumulator.finish();

      double measuredS = Math.max(1e-3, (measuredEndNs - warmupEndNs) / 1e9);
      double meanBusy = 0;
      double maxBusy = 0;
      for (double b : busy) {
        meanBusy += b / busy.length;
        maxBusy = Math.max(maxBusy, b);
      }
      RunResult result =
          accumulator
              .result(
                  spec.rateRps(),
                  measuredS,
                  spec.connections(),
                  Math.round(meanBusy * 1000) / 10.0,
                  maxBusy >= SATURATED_SHARE
                      || (accumulator.successes() + accumulator.totalErrors() >= STARVED_MIN_SAMPLES
                          && accumulator.generatorLagP99Ms() >= starvedLagMs(spec.rateRps())))
              .withProtocolFigures(client.inferencesPerRequest(), client.firstError());
      listener.onComplete(result);
      return result;
    } finally {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      coordinator = null;
    }
  }

  private List<LoopWorker> createWorkers(
      EventLoopGroup group, ProtocolClient client, int loops, CountDownLatch firstOutcomes) {
    long timeoutNs = TimeUnit.MILLISECONDS.toNanos(spec.timeoutMs());
    long paceWindowNs =
        TimeUnit.MICROSECONDS.toNanos(
            spec.intOption(PACE_WINDOW_OPTION, (int) (LoopWorker.PACE_WINDOW_NS / 1000), 0, 1000));
    List<LoopWorker> workers = new ArrayList<>(loops);
    for (int i = 0; i < loops; i++) {
      // Connection j goes to loop j % loops; the rate splits in proportion to connections.
      int connections = spec.connections() / loops + (i < spec.connections() % loops ? 1 : 0);
      ArrivalSchedule schedule = null;
      if (!spec.closedModel()) {
        double share = spec.rateRps() * connections / spec.connections();
        long phaseNs = Math.round(i * 1e9 / spec.rateRps());
        schedule = ArrivalSchedule.of(spec.arrival(), share, spec.seed() + i, phaseNs);
      }
      EventLoop loop = group.next();
      workers.add(
          new LoopWorker(
              loop, client, schedule, connections, timeoutNs, paceWindowNs, firstOutcomes));
    }
    workers.forEach(w -> w.peers(workers));
    return workers;
  }

  private static long[] loopThreadIds(List<LoopWorker> workers) throws InterruptedException {
    long[] ids = new long[workers.size()];
    for (int i = 0; i < ids.length; i++) {
      try {
        ids[i] = workers.get(i).loop.submit(() -> Thread.currentThread().getId()).get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("event loop did not start", e.getCause());
      }
    }
    return ids;
  }

  private void awaitDrained(List<LoopWorker> workers) throws InterruptedException {
    CompletableFuture<Void> all =
        CompletableFuture.allOf(
            workers.stream().map(w -> w.drained).toArray(CompletableFuture[]::new));
    long boundMs = spec.timeoutMs() + 5_000;
    try {
      all.get(boundMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a load loop failed", e.getCause());
    } catch (TimeoutException e) {
      workers.forEach(LoopWorker::cancel);
      try {
        all.get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException again) {
        throw new IllegalStateException("load loops did not stop", again);
      }
    }
  }

  /** Parks until {@code deadlineNs}, returning early on cancel. */
  private void parkUntil(long deadlineNs) throws InterruptedException {
    long left;
    while (!cancelled && (left = deadlineNs - System.nanoTime()) > 0) {
      LockSupport.parkNanos(this, left);
      if (Thread.interrupted()) {
        cancel();
        throw new InterruptedException("run interrupted");
      }
    }
  }
}
