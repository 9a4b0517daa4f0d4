package io.meshbench.platform.executor;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.ErrorKind;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.search.SearchResult;
import io.meshbench.platform.search.SearchStep;
import java.time.Clock;
import java.util.List;

/**
 * A search's job document: the steps under {@code search}, and as the job's {@code result} the step
 * that proved the answer (or, when none passed, the last step), so that exports and comparisons of
 * a search job show the run at its answer.
 */
public final class SearchJobs {
  private SearchJobs() {}

  /**
   * The finished document: completed whatever the answer (no passing rate is an answer), cancelled
   * when the search was stopped; the error says why nothing passed.
   *
   * @param lastSpec the last step's engine spec, or null when no step ran
   */
  public static JobDocument finish(
      JobDocument running,
      SearchResult search,
      JobEnvironment environment,
      LoadSpec lastSpec,
      Clock clock) {
    List<SearchStep> steps = search.steps();
    SearchStep shown = search.proving() != null ? search.proving() : last(steps);
    RunResult result = shown == null ? null : shown.result();
    LoadSpec spec =
        lastSpec == null || shown == null
            ? lastSpec
            : lastSpec.toBuilder().rateRps(shown.rateRps()).build();
    JobDocument withRun =
        running
            .withRun(
                environment == null ? running.environment() : environment, spec, result, List.of())
            .withSearch(search);
    if (search.outcome().equals(SearchResult.CANCELLED)) {
      return withRun.finished(JobStatus.CANCELLED, clock.instant(), search.verdict());
    }
    if (steps.isEmpty()) {
      return withRun.finished(JobStatus.FAILED, clock.instant(), "the search ran no step");
    }
    // Nothing could connect at any rate: that is a target down, not a rate found wanting (a
    // target that answers with errors is judged by the objectives).
    if (!search.passed() && steps.stream().allMatch(s -> unreachable(s.result()))) {
      String why =
          spec == null
              ? "every request of every step failed"
              : LocalRun.failureMessage(result, spec);
      return withRun.finished(JobStatus.FAILED, clock.instant(), why);
    }
    return withRun.finished(JobStatus.COMPLETED, clock.instant(), null);
  }

  private static boolean unreachable(RunResult r) {
    if (r == null || !r.allFailed()) {
      return false;
    }
    long connect = r.errorKinds().getOrDefault(ErrorKind.CONNECT.wireName(), 0L);
    return r.errors() > 0 && connect == r.errors();
  }

  private static SearchStep last(List<SearchStep> steps) {
    return steps.isEmpty() ? null : steps.get(steps.size() - 1);
  }
}
