package io.meshbench.engine.stats;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One second of a run after warm-up: {@code tS} is the end of the interval in seconds since the
 * measured phase began; rates are per second over the interval.
 */
public record IntervalSnapshot(
    @JsonProperty("t_s") double tS,
    @JsonProperty("rps") double rps,
    @JsonProperty("errors") long errors,
    @JsonProperty("p50_ms") double p50Ms,
    @JsonProperty("p99_ms") double p99Ms,
    @JsonProperty("max_ms") double maxMs) {}
