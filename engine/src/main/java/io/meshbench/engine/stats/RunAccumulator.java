package io.meshbench.engine.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Gathers the loops' recorders into interval snapshots and the run's totals. Used by one thread
 * (the run's coordinator); the loops keep recording meanwhile.
 */
public final class RunAccumulator {
  private final List<LoopRecorder> loops;
  private final Histogram[] recycleCorrected;
  private final Histogram[] recycleService;
  private final Histogram[] recycleConnect;
  private final Histogram[] recycleGeneratorLag;
  private final Histogram totalGeneratorLag = HistogramCodec.newHistogram();
  private final Histogram totalCorrected = HistogramCodec.newHistogram();
  private final Histogram totalService = HistogramCodec.newHistogram();
  private final Histogram totalConnect = HistogramCodec.newHistogram();
  private final Histogram lastInterval = HistogramCodec.newHistogram();
  private final Histogram lastServiceInterval = HistogramCodec.newHistogram();
  private final List<IntervalSnapshot> timeseries = new ArrayList<>();
  private long lastErrors;
  private long completedAfterEnd;

  public RunAccumulator(List<LoopRecorder> loops) {
    this.loops = List.copyOf(loops);
    this.recycleCorrected = new Histogram[loops.size()];
    this.recycleService = new Histogram[loops.size()];
    this.recycleConnect = new Histogram[loops.size()];
    this.recycleGeneratorLag = new Histogram[loops.size()];
  }

  /**
   * Takes everything recorded since the previous call as one point of the time series.
   *
   * @param tS end of the interval, in seconds since the measured phase began
   * @param lengthS real length of the interval in seconds
   */
  public IntervalSnapshot interval(double tS, double lengthS) {
    IntervalSnapshot point = take(tS, lengthS);
    timeseries.add(point);
    return point;
  }

  /**
   * Takes everything recorded since the previous call as {@link #interval} does, through the same
   * code, and keeps it in no time series: for warm-up, whose figures are never reported, so that
   * the JIT has compiled that code when the measured phase needs it.
   */
  public void dropInterval() {
    take(0, 1);
  }

  private IntervalSnapshot take(double tS, double lengthS) {
    lastInterval.reset();
    lastServiceInterval.reset();
    drainInto(lastInterval, lastServiceInterval);
    long errors = totalErrors();
    long intervalErrors = errors - lastErrors;
    lastErrors = errors;
    return snapshot(tS, lengthS, lastInterval, lastServiceInterval, intervalErrors);
  }

  /**
   * Takes what completed after the measured end (the drain of requests in flight) into the totals,
   * but into no point of the time series: those seconds were not part of the measured time.
   */
  public void finish() {
    Histogram rest = HistogramCodec.newHistogram();
    Histogram restService = HistogramCodec.newHistogram();
    drainInto(rest, restService);
    long errors = totalErrors();
    completedAfterEnd += rest.getTotalCount() + errors - lastErrors;
    lastErrors = errors;
  }

  /** Requests completed successfully so far (after warm-up). */
  public long successes() {
    return sum(LoopRecorder.SUCCESSES);
  }

  public long totalErrors() {
    long n = 0;
    for (ErrorKind kind : ErrorKind.values()) {
      n += sum(LoopRecorder.ERRORS_BASE + kind.ordinal());
    }
    return n;
  }

  /**
   * The run's result. Call after the loops have stopped and {@link #finish()} ran.
   *
   * @param requestedRateRps 0 for the closed model
   */
  public RunResult result(
      double requestedRateRps,
      double durationS,
      int connections,
      double loadgenCpuPercent,
      boolean loadgenSaturated) {
    LatencyStats lag = LatencyStats.ofMicros(totalGeneratorLag);
    Map<String, Long> errorKinds = new TreeMap<>();
    long errors = 0;
    for (ErrorKind kind : ErrorKind.values()) {
      long n = sum(LoopRecorder.ERRORS_BASE + kind.ordinal());
      if (n > 0) {
        errorKinds.put(kind.wireName(), n);
        errors += n;
      }
    }
    Map<String, Long> statusCodes = new TreeMap<>();
    for (int code = 0; code < LoopRecorder.STATUS_CODES; code++) {
      long n = 0;
      for (LoopRecorder loop : loops) {
        n += loop.statusCount(code);
      }
      if (n > 0) {
        statusCodes.put(StatusCodes.name(code), n);
      }
    }
    long successes = totalCorrected.getTotalCount();
    long sent = sum(LoopRecorder.SENT);
    long scheduled = sum(LoopRecorder.SCHEDULED);
    long maxLagNs = max(LoopRecorder.MAX_LAG_NS);
    long unsent = sum(LoopRecorder.UNSENT);
    return new RunResult(
        successes + errors,
        errors,
        errorKinds,
        statusCodes,
        scheduled,
        sent,
        maxLagNs / 1e6,
        RateCheck.sustained(requestedRateRps, scheduled, sent) && unsent == 0,
        requestedRateRps,
        sent / durationS,
        durationS,
        successes / durationS,
        sum(LoopRecorder.BYTES_SENT),
        sum(LoopRecorder.BYTES_RECEIVED),
        connections,
        sum(LoopRecorder.CONNECTS),
        LatencyStats.ofMicros(totalCorrected),
        LatencyStats.ofMicros(totalService),
        HistogramCodec.encode(totalCorrected),
        HistogramCodec.encode(totalService),
        LatencyStats.ofMicros(totalConnect),
        HistogramCodec.encode(totalConnect),
        timeseries,
        loadgenCpuPercent,
        loadgenSaturated,
        null, // protocol figures: see RunResult#withProtocolFigures
        null,
        unsent,
        max(LoopRecorder.UNSENT_LAG_NS) / 1e6,
        lag.p99(),
        max(LoopRecorder.MAX_GENERATOR_LAG_NS) / 1e6,
        max(LoopRecorder.MAX_CONNECTION_WAIT_NS) / 1e6,
        completedAfterEnd);
  }

  /**
   * The generator's own lateness so far (see {@link LoopRecorder#recordLag}), p99 in milliseconds;
   * read by the coordinator after {@link #finish()} to judge whether the generator kept up.
   */
  public double generatorLagP99Ms() {
    return LatencyStats.ofMicros(totalGeneratorLag).p99();
  }

  private long max(int counter) {
    long n = 0;
    for (LoopRecorder loop : loops) {
      n = Math.max(n, loop.counter(counter));
    }
    return n;
  }

  private void drainInto(Histogram interval, Histogram serviceInterval) {
    for (int i = 0; i < loops.size(); i++) {
      LoopRecorder loop = loops.get(i);
      recycleCorrected[i] = loop.intervalCorrected(recycleCorrected[i]);
      recycleService[i] = loop.intervalService(recycleService[i]);
      interval.add(recycleCorrected[i]);
      totalCorrected.add(recycleCorrected[i]);
      totalService.add(recycleService[i]);
      serviceInterval.add(recycleService[i]);
      recycleConnect[i] = loop.intervalConnectTime(recycleConnect[i]);
      totalConnect.add(recycleConnect[i]);
      recycleGeneratorLag[i] = loop.intervalGeneratorLag(recycleGeneratorLag[i]);
      totalGeneratorLag.add(recycleGeneratorLag[i]);
    }
  }

  private static IntervalSnapshot snapshot(
      double tS, double lengthS, Histogram h, Histogram service, long errors) {
    return IntervalSnapshot.of(
        tS,
        Math.round(h.getTotalCount() / lengthS * 10) / 10.0,
        h.getTotalCount() + errors,
        errors,
        h,
        service);
  }

  private long sum(int counter) {
    long n = 0;
    for (LoopRecorder loop : loops) {
      n += loop.counter(counter);
    }
    return n;
  }
}
