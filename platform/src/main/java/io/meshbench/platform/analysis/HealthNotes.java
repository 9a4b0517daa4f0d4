package io.meshbench.platform.analysis;

import io.meshbench.engine.stats.RateCheck;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a reader must know before trusting a run's figures: a rate not sustained, requests never
 * sent, a saturated load generator, a large share completing after the measured end, a run that
 * ended in error. One source for every artefact that shows the figures: the CLI's report, the HTML
 * export, the HTML report and comparisons. A healthy run has none: these are warnings, not
 * commentary.
 */
public final class HealthNotes {
  private HealthNotes() {}

  /**
   * The warnings about a job's figures, in the CLI report's words (without its "! "): those of its
   * result, then its error when the run has figures despite it (a cancelled run, a partial
   * failure). Empty for a job without a result: it has no figures, and its status and error say
   * why.
   */
  public static List<String> of(JobDocument job) {
    RunResult r = job.result();
    if (r == null) {
      return List.of();
    }
    List<String> notes = new ArrayList<>(of(r));
    if (job.status() == JobStatus.CANCELLED && r.sent() > r.requests()) {
      // A stop abandons what is in flight: sent, but neither a success nor an error.
      notes.add(
          String.format(
              Locale.ROOT,
              "%d requests were in flight when the run was stopped and have no outcome: they are"
                  + " in no count or percentile.",
              r.sent() - r.requests()));
    }
    if (job.error() != null && !r.allFailed()) {
      notes.add(job.error());
    }
    return notes;
  }

  /** The warnings about a result's figures, in the CLI report's words (without its "! "). */
  public static List<String> of(RunResult r) {
    List<String> notes = new ArrayList<>();
    for (Check check : Check.values()) {
      if (check.applies(r)) {
        notes.add(check.full(r));
      }
    }
    return notes;
  }

  /**
   * The warnings that make a comparison less than like for like, in a comparison's shorter words,
   * each naming the job: its deltas may measure the generator or a backlog rather than the mesh.
   * Unsent requests are told with the rate; a drain after the end moves no compared figure.
   */
  public static List<String> brief(JobDocument job) {
    List<String> notes = new ArrayList<>();
    if (job.result() == null) {
      return notes;
    }
    for (Check check : Check.values()) {
      String note = check.applies(job.result()) ? check.brief(job.jobId(), job.result()) : null;
      if (note != null) {
        notes.add(note);
      }
    }
    return notes;
  }

  private enum Check {
    RATE_NOT_SUSTAINED {
      @Override
      boolean applies(RunResult r) {
        return !r.rateSustained();
      }

      @Override
      String full(RunResult r) {
        long missing = r.scheduled() - r.sent();
        return format(
            "Rate not sustained: %d of %d scheduled requests were never sent (%.1f%%). The target"
                + " or the generator could not keep up (longest wait for a free connection %.2f"
                + " ms, the target's doing; the generator's own lateness up to %.3f ms); the"
                + " requests that went out late count their wait in the corrected latency.",
            missing,
            r.scheduled(),
            100.0 * missing / Math.max(1, r.scheduled()),
            r.connectionWaitMaxMs(),
            r.loadgenLagMaxMs());
      }

      @Override
      String brief(String jobId, RunResult r) {
        return jobId
            + " did not sustain its requested rate"
            + (r.unsent() > 0
                ? ": "
                    + r.unsent()
                    + " requests were never sent and are in no percentile, so its corrected"
                    + " latency understates the wait"
                : ": the requests that went out late count their wait in the corrected latency");
      }
    },

    UNSENT {
      @Override
      boolean applies(RunResult r) {
        return r.unsent() > 0;
      }

      @Override
      String full(RunResult r) {
        return format(
            "%d requests were due but never sent before the end; the oldest was %.2f ms overdue."
                + " They have no latency sample: the corrected percentiles understate the wait.",
            r.unsent(), r.unsentLagMs());
      }
    },

    LOADGEN_SATURATED {
      @Override
      boolean applies(RunResult r) {
        return r.loadgenSaturated();
      }

      @Override
      String full(RunResult r) {
        return format(
            "Load generator saturated: a load thread was at or above 90%% CPU, or the generator"
                + " itself acted late (p99 %.3f ms with a connection free, or a late timer: starved"
                + " of a core), so the figures may show the generator's limit. Use more --threads,"
                + " fewer connections per thread, or a machine (pod CPU limit) with room.",
            r.loadgenLagP99Ms());
      }

      @Override
      String brief(String jobId, RunResult r) {
        return jobId + " had a saturated load generator: its figures may be the generator's";
      }
    },

    /**
     * A healthy run completes rate × latency requests after the end, a sliver of the total; past
     * the rate check's own tolerance the time series visibly falls short of the totals.
     */
    COMPLETED_AFTER_END {
      @Override
      boolean applies(RunResult r) {
        return r.completedAfterEnd() > RateCheck.TOLERANCE * r.requests();
      }

      @Override
      String full(RunResult r) {
        return format(
            "%d requests (%.1f%%) completed after the measured end, during the drain: they count"
                + " in the totals and percentiles but in no second of the time series, which"
                + " therefore shows less than the totals.",
            r.completedAfterEnd(), 100.0 * r.completedAfterEnd() / Math.max(1, r.requests()));
      }
    };

    abstract boolean applies(RunResult r);

    abstract String full(RunResult r);

    /** The comparison's words, or null when the check moves no compared figure. */
    String brief(String jobId, RunResult r) {
      return null;
    }

    private static String format(String format, Object... args) {
      return String.format(Locale.ROOT, format, args);
    }
  }
}
