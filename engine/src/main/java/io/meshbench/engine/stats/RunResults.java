package io.meshbench.engine.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Combines results of runs that happened at the same time (workers of one job). */
public final class RunResults {
  private RunResults() {}

  /**
   * Merges concurrent results exactly: counts add, histograms add, and every percentile is read
   * again from the merged histogram. Time-series points with the same {@code t_s} add their rates
   * and errors; their percentiles are the worst of the parts, since interval histograms do not
   * travel.
   */
  public static RunResult merge(List<RunResult> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Histogram corrected = HistogramCodec.newHistogram();
    Histogram service = HistogramCodec.newHistogram();
    Map<String, Long> errorKinds = new TreeMap<>();
    Map<String, Long> statusCodes = new TreeMap<>();
    Map<Double, IntervalSnapshot> points = new TreeMap<>();
    long requests = 0;
    long errors = 0;
    long scheduled = 0;
    long sent = 0;
    long bytesSent = 0;
    long bytesReceived = 0;
    long connects = 0;
    int connections = 0;
    double maxLagMs = 0;
    double requestedRateRps = 0;
    double durationS = 0;
    double cpuPercent = 0;
    boolean sustained = true;
    boolean saturated = false;
    for (RunResult r : parts) {
      corrected.add(HistogramCodec.decode(r.histogram()));
      service.add(HistogramCodec.decode(r.serviceHistogram()));
      r.errorKinds().forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
      r.statusCodes().forEach((k, v) -> statusCodes.merge(k, v, Long::sum));
      for (IntervalSnapshot p : r.timeseries()) {
        points.merge(p.tS(), p, RunResults::combine);
      }
      requests += r.requests();
      errors += r.errors();
      scheduled += r.scheduled();
      sent += r.sent();
      bytesSent += r.bytesSent();
      bytesReceived += r.bytesReceived();
      connects += r.connects();
      connections += r.connections();
      maxLagMs = Math.max(maxLagMs, r.maxLagMs());
      requestedRateRps += r.requestedRateRps();
      durationS = Math.max(durationS, r.durationS());
      cpuPercent += r.loadgenCpuPercent() / parts.size();
      sustained &= r.rateSustained();
      saturated |= r.loadgenSaturated();
    }
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
        new ArrayList<>(points.values()),
        Math.round(cpuPercent * 10) / 10.0,
        saturated);
  }

  private static IntervalSnapshot combine(IntervalSnapshot a, IntervalSnapshot b) {
    return new IntervalSnapshot(
        a.tS(),
        a.rps() + b.rps(),
        a.errors() + b.errors(),
        Math.max(a.p50Ms(), b.p50Ms()),
        Math.max(a.p99Ms(), b.p99Ms()),
        Math.max(a.maxMs(), b.maxMs()));
  }
}
