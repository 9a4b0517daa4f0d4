package io.meshbench.platform.analysis;

import io.meshbench.engine.spec.Arrival;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a reader of a comparison must know before trusting its deltas: a delta between different
 * workloads, or from a run that could not keep its rate, measures something else than the mesh. The
 * spec differences are told here; each job's own health comes from {@link HealthNotes}.
 */
final class ComparisonNotes {
  private ComparisonNotes() {}

  static List<String> of(List<JobDocument> jobs) {
    List<String> notes = new ArrayList<>();
    differs(jobs, "test_type", s -> String.valueOf(s.testType()), notes);
    differs(jobs, "rate", s -> number(s.rate()), notes);
    differs(
        jobs, "concurrent_connections", s -> Integer.toString(s.concurrentConnections()), notes);
    differs(jobs, "duration", s -> number(s.duration()), notes);
    differs(jobs, "warmup", s -> number(s.warmup()), notes);
    differs(jobs, "payload_bytes", s -> Integer.toString(s.payloadBytes()), notes);
    differs(jobs, "workers", s -> Integer.toString(s.workers()), notes);
    // The engine's own settings: a document written by the API or the CLI has them all.
    differsInLoad(jobs, "arrival", l -> String.valueOf(l.arrival()), notes);
    differsInLoad(jobs, "method", LoadSpec::method, notes);
    differsInLoad(jobs, "streams", l -> Integer.toString(l.streams()), notes);
    differsInLoad(jobs, "timeout_ms", l -> Long.toString(l.timeoutMs()), notes);
    differsInLoad(jobs, "threads", l -> Integer.toString(l.threads()), notes);
    differsInLoad(jobs, "options", l -> String.valueOf(new TreeMap<>(l.options())), notes);
    // A Poisson schedule is its seed's; a constant one does not depend on it.
    differsInLoad(
        jobs, "seed", l -> l.arrival() == Arrival.POISSON ? Long.toString(l.seed()) : null, notes);
    for (JobDocument job : jobs) {
      notes.addAll(HealthNotes.brief(job));
    }
    return notes;
  }

  private static void differs(
      List<JobDocument> jobs, String field, Function<JobSpec, String> value, List<String> notes) {
    Set<String> values = new LinkedHashSet<>();
    for (JobDocument job : jobs) {
      values.add(job.spec() == null ? "unknown" : value.apply(job.spec()));
    }
    if (values.size() > 1) {
      notes.add("jobs differ in " + field + " (" + String.join(", ", values) + ")");
    }
  }

  /**
   * Like {@link #differs}, over the jobs that carry an engine spec (older documents may not) and
   * for which the setting means something (a null value).
   */
  private static void differsInLoad(
      List<JobDocument> jobs, String field, Function<LoadSpec, String> value, List<String> notes) {
    Set<String> values = new LinkedHashSet<>();
    for (JobDocument job : jobs) {
      String v = job.loadSpec() == null ? null : value.apply(job.loadSpec());
      if (v != null) {
        values.add(v);
      }
    }
    if (values.size() > 1) {
      notes.add("jobs differ in " + field + " (" + String.join(", ", values) + ")");
    }
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}
