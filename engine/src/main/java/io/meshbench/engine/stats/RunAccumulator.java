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
  private final Histogram totalCorrected = HistogramCodec.newHistogram();
  private final Histogram totalService = HistogramCodec.newHistogram();
  private final Histogram totalConnect = HistogramCodec.newHistogram();
  private final Histogram lastInterval = HistogramCodec.newHistogram();
  private final Histogram lastServiceInterval = HistogramCodec.newHistogram();
  private final List<IntervalSnapshot> timeseries = new ArrayList<>();
  private long lastErrors;
  private long lastIntervalErrors;
  private double lastLengthS = 1;

  public RunAccumulator(List<LoopRecorder> loops) {
    this.loops = List.copyOf(loops);
    this.recycleCorrected = new Histogram[loops.size()];
    this.recycleService = new Histogram[loops.size()];
    this.recycleConnect = new Histogram[loops.size()];
  }

  /**
   * Takes everything recorded since the previous call as one point of the time series.
   *
   * @param tS end of the interval, in seconds since the measured phase began
   * @param lengthS length of the interval in seconds
   */
  public IntervalSnapshot interval(double tS, double lengthS) {
    lastInterval.reset();
    lastServiceInterval.reset();
    drainInto(lastInterval, lastServiceInterval);
    long errors = totalErrors();
    lastIntervalErrors = errors - lastErrors;
    lastErrors = errors;
    lastLengthS = lengthS;
    IntervalSnapshot point =
        snapshot(tS, lengthS, lastInterval, lastServiceInterval, lastIntervalErrors);
    timeseries.add(point);
    return point;
  }

  /**
   * Takes what completed after the last full interval (the drain of in-flight requests) into the
   * last point of the time series, so that the totals account for every request.
   */
  public void finish() {
    Histogram rest = HistogramCodec.newHistogram();
    Histogram restService = HistogramCodec.newHistogram();
    drainInto(rest, restService);
    long errors = totalErrors();
    long restErrors = errors - lastErrors;
    lastErrors = errors;
    if (rest.getTotalCount() == 0 && restErrors == 0) {
      return;
    }
    if (timeseries.isEmpty()) {
      timeseries.add(snapshot(1, 1, rest, restService, restErrors));
      return;
    }
    IntervalSnapshot last = timeseries.remove(timeseries.size() - 1);
    lastInterval.add(rest);
    lastServiceInterval.add(restService);
    lastIntervalErrors += restErrors;
    timeseries.add(
        snapshot(last.tS(), lastLengthS, lastInterval, lastServiceInterval, lastIntervalErrors));
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
    long maxLagNs = 0;
    for (LoopRecorder loop : loops) {
      maxLagNs = Math.max(maxLagNs, loop.counter(LoopRecorder.MAX_LAG_NS));
    }
    return new RunResult(
        successes + errors,
        errors,
        errorKinds,
        statusCodes,
        scheduled,
        sent,
        maxLagNs / 1e6,
        RateCheck.sustained(requestedRateRps, scheduled, sent),
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
        null);
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
    }
  }

  private static IntervalSnapshot snapshot(
      double tS, double lengthS, Histogram h, Histogram service, long errors) {
    LatencyStats s = LatencyStats.ofMicros(h);
    return new IntervalSnapshot(
        tS,
        Math.round(h.getTotalCount() / lengthS * 10) / 10.0,
        errors,
        s.p50(),
        s.p99(),
        s.max(),
        HistogramCodec.encode(h),
        HistogramCodec.encode(service));
  }

  private long sum(int counter) {
    long n = 0;
    for (LoopRecorder loop : loops) {
      n += loop.counter(counter);
    }
    return n;
  }
}
