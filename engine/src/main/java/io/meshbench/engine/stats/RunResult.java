package io.meshbench.engine.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one run (or of several merged): counts, rates, latency summaries and the whole
 * histograms they came from, so that results from many workers merge exactly.
 *
 * <p>{@code requests} counts every outcome after warm-up: successes and errors of every kind, a
 * failed connection attempt included; {@code throughputRps} is successful requests per second.
 * {@code latencyMs} is measured from the intended send time (corrected for coordinated omission);
 * {@code serviceTimeMs} from the actual send. {@code connectTimeMs} covers every connection that
 * came up during the run, the first ones (before warm-up) included: from the engine's request to
 * connect until the protocol reported the connection ready, handshakes included. Histograms are
 * microseconds. Documents written before connect times existed read with an empty summary and a
 * null {@code connectHistogram}.
 *
 * <p>Protocol-specific figures are null (and absent from the JSON) when they do not apply: {@code
 * inferencesPerS} is successful inferences per second (throughput × batch size) for inference runs;
 * {@code firstError} is the start of the first error response's body (e.g. an inference server's
 * {@code {"error": ...}} text), so that a report can say what the server objected to.
 *
 * <p>Overload, open model: {@code unsent} requests were due before the end but never sent (they
 * count in {@code scheduled}, make {@code rateSustained} false, and the oldest of them, {@code
 * unsentLagMs} overdue at the end, counts in {@code maxLagMs}). With Poisson arrivals {@code
 * scheduled} and {@code unsent} are the seed's own schedule, whatever the target did, unless a load
 * loop had more than 2^20 (warm-up ones included) left at the end: then the rest is an estimate
 * (one draw of its count). Lateness splits in two, unsent requests included: {@code loadgenLag*} is
 * the generator's own (a connection was free but the loop came late: CPU starvation, a busy loop),
 * {@code connectionWaitMaxMs} the longest wait for a free connection (the target's doing). An
 * unsent request waited for a connection from the moment its loop first found every connection
 * busy, and was the generator's lateness until then. {@code completedAfterEnd} finished during the
 * drain after the measured end: in the totals, not in the time series.
 */
@JsonPropertyOrder({
  "requests",
  "errors",
  "error_kinds",
  "status_codes",
  "scheduled",
  "sent",
  "unsent",
  "max_lag_ms",
  "unsent_lag_ms",
  "loadgen_lag_p99_ms",
  "loadgen_lag_max_ms",
  "connection_wait_max_ms",
  "rate_sustained",
  "requested_rate_rps",
  "send_rate_rps",
  "duration_s",
  "throughput_rps",
  "bytes_sent",
  "bytes_received",
  "connections",
  "connects",
  "latency_ms",
  "service_time_ms",
  "histogram",
  "service_histogram",
  "connect_time_ms",
  "connect_histogram",
  "timeseries",
  "completed_after_end",
  "loadgen_cpu_percent",
  "loadgen_saturated",
  "inferences_per_s",
  "first_error"
})
public record RunResult(
    @JsonProperty("requests") long requests,
    @JsonProperty("errors") long errors,
    @JsonProperty("error_kinds") Map<String, Long> errorKinds,
    @JsonProperty("status_codes") Map<String, Long> statusCodes,
    @JsonProperty("scheduled") long scheduled,
    @JsonProperty("sent") long sent,
    @JsonProperty("max_lag_ms") double maxLagMs,
    @JsonProperty("rate_sustained") boolean rateSustained,
    @JsonProperty("requested_rate_rps") double requestedRateRps,
    @JsonProperty("send_rate_rps") double sendRateRps,
    @JsonProperty("duration_s") double durationS,
    @JsonProperty("throughput_rps") double throughputRps,
    @JsonProperty("bytes_sent") long bytesSent,
    @JsonProperty("bytes_received") long bytesReceived,
    @JsonProperty("connections") int connections,
    @JsonProperty("connects") long connects,
    @JsonProperty("latency_ms") LatencyStats latencyMs,
    @JsonProperty("service_time_ms") LatencyStats serviceTimeMs,
    @JsonProperty("histogram") String histogram,
    @JsonProperty("service_histogram") String serviceHistogram,
    @JsonProperty("connect_time_ms") LatencyStats connectTimeMs,
    @JsonProperty("connect_histogram") String connectHistogram,
    @JsonProperty("timeseries") List<IntervalSnapshot> timeseries,
    @JsonProperty("loadgen_cpu_percent") double loadgenCpuPercent,
    @JsonProperty("loadgen_saturated") boolean loadgenSaturated,
    @JsonProperty("inferences_per_s") @JsonInclude(JsonInclude.Include.NON_NULL)
        Double inferencesPerS,
    @JsonProperty("first_error") @JsonInclude(JsonInclude.Include.NON_NULL) String firstError,
    @JsonProperty("unsent") long unsent,
    @JsonProperty("unsent_lag_ms") double unsentLagMs,
    @JsonProperty("loadgen_lag_p99_ms") double loadgenLagP99Ms,
    @JsonProperty("loadgen_lag_max_ms") double loadgenLagMaxMs,
    @JsonProperty("connection_wait_max_ms") double connectionWaitMaxMs,
    @JsonProperty("completed_after_end") long completedAfterEnd) {

  public RunResult {
    // Sorted, so that documents and reports print the same way every time.
    errorKinds = Collections.unmodifiableMap(new TreeMap<>(errorKinds));
    statusCodes = Collections.unmodifiableMap(new TreeMap<>(statusCodes));
    timeseries = List.copyOf(timeseries);
    connectTimeMs = connectTimeMs == null ? LatencyStats.EMPTY : connectTimeMs;
  }

  /**
   * Whether connect times were measured: false for older documents and runs that never connected.
   */
  public boolean hasConnectTimes() {
    // max > 0 is "not EMPTY" for anything ofMicros builds, without a record equals: its first
    // call links an invokedynamic bootstrap, a visible cost on every run's report.
    return connectHistogram != null && connectTimeMs.max() > 0;
  }

  /**
   * This result with the protocol's own figures.
   *
   * @param inferencesPerRequest the batch size of an inference run, or 0 when the protocol has no
   *     such notion (inferences_per_s stays null)
   * @param firstError the first error response's text, or null
   */
  public RunResult withProtocolFigures(int inferencesPerRequest, String firstError) {
    return new RunResult(
        requests,
        errors,
        errorKinds,
        statusCodes,
        scheduled,
        sent,
        maxLagMs,
        rateSustained,
        requestedRateRps,
        sendRateRps,
        durationS,
        throughputRps,
        bytesSent,
        bytesReceived,
        connections,
        connects,
        latencyMs,
        serviceTimeMs,
        histogram,
        serviceHistogram,
        connectTimeMs,
        connectHistogram,
        timeseries,
        loadgenCpuPercent,
        loadgenSaturated,
        inferencesPerRequest > 0
            ? Double.valueOf(throughputRps * inferencesPerRequest)
            : inferencesPerS,
        firstError != null ? firstError : this.firstError,
        unsent,
        unsentLagMs,
        loadgenLagP99Ms,
        loadgenLagMaxMs,
        connectionWaitMaxMs,
        completedAfterEnd);
  }

  /**
   * This result without its bulk: no histograms and no time series, for listings that must not
   * carry every job's histograms. Every figure stays.
   */
  public RunResult withoutBulk() {
    return new RunResult(
        requests,
        errors,
        errorKinds,
        statusCodes,
        scheduled,
        sent,
        maxLagMs,
        rateSustained,
        requestedRateRps,
        sendRateRps,
        durationS,
        throughputRps,
        bytesSent,
        bytesReceived,
        connections,
        connects,
        latencyMs,
        serviceTimeMs,
        null,
        null,
        connectTimeMs,
        null,
        List.of(),
        loadgenCpuPercent,
        loadgenSaturated,
        inferencesPerS,
        firstError,
        unsent,
        unsentLagMs,
        loadgenLagP99Ms,
        loadgenLagMaxMs,
        connectionWaitMaxMs,
        completedAfterEnd);
  }

  /** Successful requests: the ones in the latency histogram. */
  public long successes() {
    return requests - errors;
  }

  /** Failed share of all outcomes, 0 to 1. */
  public double errorRate() {
    return requests == 0 ? (errors > 0 ? 1.0 : 0.0) : Math.min(1.0, (double) errors / requests);
  }

  /** True when nothing succeeded although something was tried: the run as a whole failed. */
  public boolean allFailed() {
    return successes() == 0;
  }
}
