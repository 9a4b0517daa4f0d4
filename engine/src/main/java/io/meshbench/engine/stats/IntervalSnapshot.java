package io.meshbench.engine.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One second of a run after warm-up: {@code tS} is the end of the interval in seconds since the
 * measured phase began. {@code completed} counts the requests that finished in the interval
 * (successes and errors); {@code rps} is successes per second over the interval's real length (the
 * coordinator's wake-up may come late, so it is measured, not assumed to be 1 s); the percentiles
 * are of corrected latency. Completions after the measured end are not in any point (see {@link
 * RunResult#completedAfterEnd()}).
 */
@JsonPropertyOrder({"t_s", "rps", "completed", "errors", "p50_ms", "p90_ms", "p99_ms", "max_ms"})
public record IntervalSnapshot(
    @JsonProperty("t_s") double tS,
    @JsonProperty("rps") double rps,
    @JsonProperty("completed") long completed,
    @JsonProperty("errors") long errors,
    @JsonProperty("p50_ms") double p50Ms,
    @JsonProperty("p90_ms") double p90Ms,
    @JsonProperty("p99_ms") double p99Ms,
    @JsonProperty("max_ms") double maxMs) {}
