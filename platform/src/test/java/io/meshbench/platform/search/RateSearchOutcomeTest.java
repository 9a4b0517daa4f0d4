package io.meshbench.platform.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.analysis.AnalysisFixtures;
import io.meshbench.platform.job.Json;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a search concludes when a step fails because of the generator, not the target. */
class RateSearchOutcomeTest {
  private static final SearchSpec SPEC = new SearchSpec(100, 10_000, 0.05, 1, List.of("p99<=20ms"));

  @Test
  void aKneeBoundedBySaturatedStepsIsTheGeneratorsNotTheTargets() throws Exception {
    // A target that always meets the objective, a generator that saturates above 1,000 rps.
    RateSearch search =
        new RateSearch(SPEC, rate -> RateSearch.StepRun.completed(result(rate, rate > 1_000)));

    SearchResult result = search.run(step -> {});

    assertThat(result.outcome()).isEqualTo(SearchResult.LOADGEN_LIMITED);
    assertThat(result.maxRateRps()).isLessThanOrEqualTo(1_000);
    assertThat(result.verdict()).contains("load generator saturated");
  }

  @Test
  void aKneeBoundedByTheObjectiveIsFound() throws Exception {
    // The target breaks the objective above 1,000 rps; the generator keeps up everywhere.
    RateSearch search =
        new RateSearch(
            SPEC,
            rate ->
                RateSearch.StepRun.completed(
                    rate > 1_000
                        ? AnalysisFixtures.result(5, 50, rate)
                        : AnalysisFixtures.result(1, 2, rate)));

    SearchResult result = search.run(step -> {});

    assertThat(result.outcome()).isEqualTo(SearchResult.FOUND);
    assertThat(result.maxRateRps()).isLessThanOrEqualTo(1_000);
  }

  private static RunResult result(double rateRps, boolean saturated) {
    ObjectNode json = Json.mapper().valueToTree(AnalysisFixtures.result(1, 2, rateRps));
    json.put("loadgen_saturated", saturated);
    try {
      return Json.mapper().treeToValue(json, RunResult.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
