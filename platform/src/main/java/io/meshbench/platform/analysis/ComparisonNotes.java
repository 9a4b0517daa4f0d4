package io.meshbench.platform.analysis;

import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What a reader of a comparison must know before trusting its deltas: a delta between different
 * workloads, or from a run that could not keep its rate, measures something else than the mesh.
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
    differs(jobs, "payload_bytes", s -> Integer.toString(s.payloadBytes()), notes);
    for (JobDocument job : jobs) {
      RunResult r = job.result();
      if (!r.rateSustained()) {
        notes.add(
            job.jobId()
                + " did not sustain its requested rate"
                + (r.unsent() > 0
                    ? ": "
                        + r.unsent()
                        + " requests were never sent and are in no percentile, so its corrected"
                        + " latency understates the wait"
                    : ": the requests that went out late count their wait in the corrected"
                        + " latency"));
      }
      if (r.loadgenSaturated()) {
        notes.add(
            job.jobId() + " had a saturated load generator: its figures may be the generator's");
      }
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

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}
