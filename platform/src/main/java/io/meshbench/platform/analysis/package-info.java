/**
 * What the job history says: SLO checks, the {@link io.meshbench.platform.analysis.Summary} per
 * test type and mesh, the {@link io.meshbench.platform.analysis.Comparison} of chosen jobs, and the
 * {@link io.meshbench.platform.analysis.HealthNotes} that every report shows when a run's figures
 * may not mean what they seem.
 *
 * <p>Honest figures: latency is always the corrected latency (from the intended send time). Where
 * jobs are combined, the figures are medians (or means with confidence intervals) of the jobs' own
 * figures, named as such; percentiles of merged data come only from merged histograms ({@code
 * RunResults}). Everything here is a pure function of the documents given: no I/O, no clock, no
 * framework types.
 */
package io.meshbench.platform.analysis;
