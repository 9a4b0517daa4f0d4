package io.meshbench.engine.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Combines results: of runs that happened at the same time (the workers of one job, {@link #merge})
 * or one after another (the iterations of one job, {@link #mergeSequential}). Either way counts and
 * histograms add, and every percentile is read again from the merged histogram; only time
 * (duration, rates, the time series) combines differently.
 */
public final class RunResults {
  private RunResults() {}

  /**
   * Merges concurrent results exactly: counts add, histograms add, and every percentile is read
   * again from the merged histogram. The duration is the longest part's. Time-series points with
   * the same {@code t_s} add their rates and errors; their percentiles come from the summed
   * interval histograms (the worst of the parts' for older documents without them).
   */
  public static RunResult merge(List<RunResult> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Totals totals = new Totals(parts);
    Map<Double, IntervalSnapshot> points = new TreeMap<>();
    int connections = 0;
    double requestedRateRps = 0;
    double durationS = 0;
    double cpuPercent = 0;
    for (RunResult r : parts) {
      for (IntervalSnapshot p : r.timeseries()) {
        // Workers stopped together end their cut-short last second at slightly different times:
        // it is one second of the run, under the whole second it belongs to.
        points.merge(Math.ceil(p.tS() - 1e-9), p, RunResults::combine);
      }
      connections += r.connections();
      requestedRateRps += r.requestedRateRps();
      durationS = Math.max(durationS, r.durationS());
      cpuPercent += r.loadgenCpuPercent() / parts.size();
    }
    return totals.result(
        requestedRateRps, durationS, connections, new ArrayList<>(points.values()), cpuPercent);
  }

  /**
   * Merges results of runs that happened one after another (iterations of one spec) exactly: counts
   * and histograms add as in {@link #merge}, but durations add too, so rates are the totals over
   * the summed duration. The time series are concatenated, each part's {@code t_s} offset by the
   * durations before it. Connections are the most any part held open at once; requested rate and
   * generator CPU are averages weighted by duration.
   */
  public static RunResult mergeSequential(List<RunResult> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Totals totals = new Totals(parts);
    List<IntervalSnapshot> points = new ArrayList<>();
    int connections = 0;
    double requestedRateSum = 0; // rate × seconds
    double cpuPercentSum = 0; // percent × seconds
    double offsetS = 0;
    for (RunResult r : parts) {
      for (IntervalSnapshot p : r.timeseries()) {
        points.add(p.at(p.tS() + offsetS));
      }
      connections = Math.max(connections, r.connections());
      requestedRateSum += r.requestedRateRps() * r.durationS();
      cpuPercentSum += r.loadgenCpuPercent() * r.durationS();
      offsetS += r.durationS();
    }
    double durationS = offsetS;
    return totals.result(
        perSecond(requestedRateSum, durationS),
        durationS,
        connections,
        points,
        perSecond(cpuPercentSum, durationS));
  }

  private static double perSecond(double total, double durationS) {
    return durationS > 0 ? total / durationS : 0;
  }

  /**
   * Adds two parts' points of the same second: exactly when both carry their interval histograms
   * (percentiles read again from the sum), else the worse of the parts' percentiles. A part without
   * a success in that second has null percentiles and adds none: the other part's stand, and the
   * point is null only when neither part had a success. The time is {@code a}'s.
   */
  public static IntervalSnapshot combine(IntervalSnapshot a, IntervalSnapshot b) {
    double rps = a.rps() + b.rps();
    long completed = a.completed() + b.completed();
    long errors = a.errors() + b.errors();
    if (a.hasHistograms() && b.hasHistograms()) {
      Histogram corrected = HistogramCodec.decode(a.histogram());
      corrected.add(HistogramCodec.decode(b.histogram()));
      Histogram service = HistogramCodec.decode(a.serviceHistogram());
      service.add(HistogramCodec.decode(b.serviceHistogram()));
      return IntervalSnapshot.of(a.tS(), rps, completed, errors, corrected, service);
    }
    return new IntervalSnapshot(
        a.tS(),
        rps,
        completed,
        errors,
        worse(a.p50Ms(), b.p50Ms()),
        worse(a.p90Ms(), b.p90Ms()),
        worse(a.p99Ms(), b.p99Ms()),
        worse(a.maxMs(), b.maxMs()));
  }

  /** The higher latency; null (no sample) yields to a figure, and only null and null is null. */
  static Double worse(Double a, Double b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Double.valueOf(Math.max(a, b));
  }

  /** What adds up the same way whether the parts ran together or in turn. */
  private static final class Totals {
    final Histogram corrected = HistogramCodec.newHistogram();
    final Histogram service = HistogramCodec.newHistogram();
    final Histogram connect = HistogramCodec.newHistogram();
    final Map<String, Long> errorKinds = new TreeMap<>();
    final Map<String, Long> statusCodes = new TreeMap<>();
    long requests;
    long errors;
    long scheduled;
    long sent;
    long bytesSent;
    long bytesReceived;
    long connects;
    double maxLagMs;
    long unsent;
    double unsentLagMs;
    double loadgenLagP99Ms;
    double loadgenLagMaxMs;
    double connectionWaitMaxMs;
    long completedAfterEnd;
    boolean sustained = true;
    boolean saturated;
    // Inferences count like successes: per-second figures times each part's own duration, then
    // divided by the merged duration, as throughput is. Null when no part reports them.
    Double inferences;
    String firstError;

    Totals(List<RunResult> parts) {
      for (RunResult r : parts) {
        corrected.add(HistogramCodec.decode(r.histogram()));
        service.add(HistogramCodec.decode(r.serviceHistogram()));
        connect.add(HistogramCodec.decode(r.connectHistogram())); // null (older) adds nothing
        r.errorKinds().forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
        r.statusCodes().forEach((k, v) -> statusCodes.merge(k, v, Long::sum));
        requests += r.requests();
        errors += r.errors();
        scheduled += r.scheduled();
        sent += r.sent();
        bytesSent += r.bytesSent();
        bytesReceived += r.bytesReceived();
        connects += r.connects();
        maxLagMs = Math.max(maxLagMs, r.maxLagMs());
        sustained &= r.rateSustained();
        unsent += r.unsent();
        unsentLagMs = Math.max(unsentLagMs, r.unsentLagMs());
        // Lateness histograms do not travel: the worst part's p99 bounds the whole's.
        loadgenLagP99Ms = Math.max(loadgenLagP99Ms, r.loadgenLagP99Ms());
        loadgenLagMaxMs = Math.max(loadgenLagMaxMs, r.loadgenLagMaxMs());
        connectionWaitMaxMs = Math.max(connectionWaitMaxMs, r.connectionWaitMaxMs());
        completedAfterEnd += r.completedAfterEnd();
        saturated |= r.loadgenSaturated();
        if (r.inferencesPerS() != null) {
          double n = r.inferencesPerS() * r.durationS();
          inferences = inferences == null ? n : inferences + n;
        }
        if (firstError == null) {
          firstError = r.firstError();
        }
      }
    }

    RunResult result(
        double requestedRateRps,
        double durationS,
        int connections,
        List<IntervalSnapshot> timeseries,
        double cpuPercent) {
      return new RunResult(
          requests,
          errors,
          errorKinds,
          statusCodes,
          scheduled,
          sent,
          maxLagMs,
          sustained,
          requestedRateRps,
          sent / durationS,
          durationS,
          corrected.getTotalCount() / durationS,
          bytesSent,
          bytesReceived,
          connections,
          connects,
          LatencyStats.ofMicros(corrected),
          LatencyStats.ofMicros(service),
          HistogramCodec.encode(corrected),
          HistogramCodec.encode(service),
          LatencyStats.ofMicros(connect),
          HistogramCodec.encode(connect),
          timeseries,
          Math.round(cpuPercent * 10) / 10.0,
          saturated,
          inferences == null ? null : inferences / durationS,
          firstError,
          unsent,
          unsentLagMs,
          loadgenLagP99Ms,
          loadgenLagMaxMs,
          connectionWaitMaxMs,
          completedAfterEnd);
    }
  }
}
