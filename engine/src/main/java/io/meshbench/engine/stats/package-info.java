/**
 * What a run measures and reports: per-loop recorders, interval snapshots, the {@code RunResult}
 * and the ways results combine.
 *
 * <p>Threading model: each event loop records into its own {@code LoopRecorder} (exactly one
 * writer, wait-free, no allocation on the hot path); the run's coordinator reads them through
 * {@code RunAccumulator}, which only that one thread uses. Everything else here ({@code RunResult},
 * {@code LatencyStats}, {@code IntervalSnapshot}, codecs) is immutable or stateless and safe on any
 * thread.
 *
 * <p>Invariants: latency histograms hold microseconds and only successful requests (errors are
 * counted by {@code ErrorKind}, never recorded as latencies); a result carries its whole
 * histograms, so merging results (workers of one job, iterations of one job) adds histograms and
 * reads every percentile again from the sum: percentiles are never averaged. Summaries are in
 * milliseconds, rates per second, as the names say.
 */
package io.meshbench.engine.stats;
