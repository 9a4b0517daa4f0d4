/**
 * The runner: one {@link io.meshbench.engine.run.LoadRun} per execution of a {@code LoadSpec}
 * (connect, warm-up, measure, drain), with one {@code LoopWorker} per event loop doing the pacing,
 * sending and recording.
 *
 * <p>Threading model: the thread that calls {@code LoadRun.run} coordinates (interval snapshots,
 * progress, the end of the run) and blocks until the result is ready. Load is generated only on the
 * run's own event loops; each {@code LoopWorker}, its {@code ConnectionState}s, its {@code
 * ScheduleCursor} (its place in the open model's schedule) and the connections on that loop are
 * touched only by that loop, so they hold plain fields and take no locks. The coordinator reaches a
 * loop only by submitting tasks to it and by reading its {@code LoopRecorder}s (single writer, any
 * reader: one for the measured phase, one for warm-up, whose figures are dropped). {@code
 * LoadRun.cancel} may be called from any thread. {@code RunListener} callbacks come from the
 * coordinating thread.
 *
 * <p>Invariants: latency is measured from each request's intended time (open model: {@code startNs
 * + schedule(i)}; closed model: the send time), never from a rounded or later one; the open-model
 * backlog is one counter per loop, so memory stays constant however far behind the target falls;
 * every sent slot ends in exactly one recorded outcome (a completion, an error, or a failure when
 * its connection closes). Times are {@code System.nanoTime} nanoseconds inside a run and
 * milliseconds or seconds in what it reports, as the names say.
 */
package io.meshbench.engine.run;
