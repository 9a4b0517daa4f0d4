package io.meshbench.platform.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RateLadderTest {

  /** Runs the ladder against a target that passes every rate up to {@code kneeRps}. */
  private static List<RateLadder.Probe> search(
      double start, double max, double precision, double kneeRps) {
    RateLadder ladder = new RateLadder(start, max, precision);
    List<RateLadder.Probe> probes = new ArrayList<>();
    for (OptionalDouble next = ladder.next(probes); next.isPresent(); next = ladder.next(probes)) {
      probes.add(new RateLadder.Probe(next.getAsDouble(), next.getAsDouble() <= kneeRps));
      assertThat(probes).as("runaway search").hasSizeLessThan(50);
    }
    return probes;
  }

  @Test
  void aTenfoldRangeAtFivePercentTakesAtMostEightStepsWhereverTheKneeIs() {
    for (double knee = 100; knee < 1000; knee += 3.7) {
      List<RateLadder.Probe> probes = search(100, 1000, 0.05, knee);
      assertThat(probes).as("knee %.1f: %s", knee, probes).hasSizeLessThanOrEqualTo(8);
      double answer = RateLadder.highestPassingBelow(probes, RateLadder.lowestFailing(probes));
      double fail = RateLadder.lowestFailing(probes);
      assertThat(answer).as("knee %.1f", knee).isLessThanOrEqualTo(knee);
      assertThat(fail).as("knee %.1f", knee).isGreaterThan(knee);
      assertThat(fail / answer).as("within precision").isLessThanOrEqualTo(1.05 + 1e-9);
    }
  }

  @Test
  void stepsUpByDoublingThenBisects() {
    List<RateLadder.Probe> probes = search(100, 1000, 0.05, 500);
    assertThat(probes.subList(0, 4).stream().map(RateLadder.Probe::rateRps))
        .containsExactly(100.0, 200.0, 400.0, 800.0);
    assertThat(probes.get(4).rateRps()).isEqualTo(565.7); // √(400 · 800)
  }

  @Test
  void aFailingStartEndsTheSearchAtOnce() {
    assertThat(search(100, 1000, 0.05, 50)).hasSize(1);
  }

  @Test
  void whenTheMaximumPassesTheSearchStopsThere() {
    List<RateLadder.Probe> probes = search(100, 1000, 0.05, 5000);
    assertThat(probes.stream().map(RateLadder.Probe::rateRps))
        .containsExactly(100.0, 200.0, 400.0, 800.0, 1000.0);
  }
}
