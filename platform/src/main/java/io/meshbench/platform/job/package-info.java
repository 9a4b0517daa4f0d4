/**
 * Jobs and their lifecycle: {@link io.meshbench.platform.job.JobService} queues, runs, stops and
 * deletes them over a {@link io.meshbench.platform.store.JobStore}, free of any web framework.
 *
 * <p>Threading model: {@code maxConcurrent} worker threads ({@code meshbench-job-N}) each claim a
 * job and run it to the end; a claim is serialised with submits on one lock so that a submit wakes
 * an idle worker. One housekeeping thread ({@code meshbench-housekeeping}, {@link
 * io.meshbench.platform.job.Housekeeper}) ticks every second: it saves results kept during a store
 * outage, renews this replica's leases with the latest progress, cancels runs whose stop was asked
 * through the store, interrupts runs whose lease expired, and applies the retention daily. One
 * watch thread ({@code meshbench-job-watch}) polls the store for event streams of jobs that another
 * replica runs. Progress and end events reach listeners on the thread that produced them (a worker,
 * or the watch thread); listeners must return quickly.
 *
 * <p>Failure model: no store error ends any of these threads. Workers back off (0.1 s doubling to
 * 10 s) and retry; a finished document the store refuses is kept in memory and in the spill
 * directory ({@link io.meshbench.platform.store.ResultSpill}) until saved, and it is what {@code
 * find} returns meanwhile. {@link io.meshbench.platform.job.StoreHealth} reports the state.
 */
package io.meshbench.platform.job;
