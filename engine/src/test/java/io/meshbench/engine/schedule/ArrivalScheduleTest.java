package io.meshbench.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.meshbench.engine.spec.Arrival;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrivalScheduleTest {
  private static final int DRAWS = 100_000;

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 3, 1000, 7_000, 333_333, 1e9})
  void constantOffsetsStrictlyIncrease(double rateRps) {
    assertStrictlyIncreasing(ArrivalSchedule.constant(rateRps, 0));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 3, 1000, 7_000, 333_333, 1e9})
  void poissonOffsetsStrictlyIncrease(double rateRps) {
    // At 1e9 rps most exponential gaps are below a nanosecond: the schedule must still advance.
    assertStrictlyIncreasing(ArrivalSchedule.poisson(rateRps, 42));
  }

  @ParameterizedTest
  @ValueSource(doubles = {3, 1000, 7_000, 333_333})
  void constantSpacingIsExactAndNeverDrifts(double rateRps) {
    long phaseNs = 1_234_567;
    ArrivalSchedule s = ArrivalSchedule.constant(rateRps, phaseNs);
    for (long i = 0; i < DRAWS; i++) {
      long expected = phaseNs + Math.round(i * 1e9 / rateRps);
      assertThat(s.nextOffsetNs()).as("offset %d", i).isEqualTo(expected);
    }
  }

  @Test
  void constantAtOneThousandIsOneMillisecondApart() {
    ArrivalSchedule s = ArrivalSchedule.constant(1000, 0);
    for (long i = 0; i < DRAWS; i++) {
      assertThat(s.nextOffsetNs()).isEqualTo(i * 1_000_000L);
    }
  }

  @Test
  void poissonGapsPassKolmogorovSmirnovAgainstExponential() {
    double rateRps = 1000;
    double[] gapsS = poissonGapsS(rateRps, 7, DRAWS);
    double d = ksStatistic(gapsS, rateRps);
    assertThat(d).isLessThan(ksCritical(DRAWS));
  }

  @Test
  void kolmogorovSmirnovRejectsWrongDistributions() {
    // The check above must be able to fail: the same gaps against the wrong rate, and evenly
    // spaced gaps against the exponential, both lie far outside the critical value.
    double[] poissonGapsS = poissonGapsS(1000, 7, DRAWS);
    assertThat(ksStatistic(poissonGapsS, 1100)).isGreaterThan(ksCritical(DRAWS));

    ArrivalSchedule constant = ArrivalSchedule.constant(1000, 0);
    double[] constantGapsS = new double[DRAWS];
    long previous = constant.nextOffsetNs();
    for (int i = 0; i < DRAWS; i++) {
      long next = constant.nextOffsetNs();
      constantGapsS[i] = (next - previous) / 1e9;
      previous = next;
    }
    assertThat(ksStatistic(constantGapsS, 1000)).isGreaterThan(ksCritical(DRAWS));
  }

  @Test
  void poissonIsReproducibleForASeedAndDiffersForAnother() {
    long[] a = draws(ArrivalSchedule.poisson(500, 99), 10_000);
    long[] b = draws(ArrivalSchedule.poisson(500, 99), 10_000);
    long[] c = draws(ArrivalSchedule.poisson(500, 100), 10_000);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      same += a[i] == c[i] ? 1 : 0;
    }
    assertThat(same).as("offsets shared by two seeds").isLessThan(10);
  }

  @ParameterizedTest
  @ValueSource(doubles = {10, 1000, 250_000})
  void poissonMeanRateIsWithinOnePercent(double rateRps) {
    ArrivalSchedule s = ArrivalSchedule.poisson(rateRps, 2024);
    long last = 0;
    for (int i = 0; i < DRAWS; i++) {
      last = s.nextOffsetNs();
    }
    double achievedRps = DRAWS / (last / 1e9);
    assertThat(achievedRps).isCloseTo(rateRps, within(rateRps * 0.01));
  }

  @ParameterizedTest
  @ValueSource(strings = {"constant", "poisson"})
  void skippingCountsTheSchedulesOwnArrivals(String kind) {
    // What a run's end counts as never sent must be what the schedule would have sent: skipping
    // a stretch counts exactly the offsets a twin steps through, and resumes where the twin does.
    long[] untilNs = {0, 3_000_000, 3_000_000, 2_500_000_000L, 2_500_000_001L, 9_000_000_000L};
    ArrivalSchedule skipping = schedule(kind);
    ArrivalSchedule stepping = schedule(kind);
    long next = stepping.nextOffsetNs();
    for (long until : untilNs) {
      long stepped = 0;
      while (next < until) {
        stepped++;
        next = stepping.nextOffsetNs();
      }
      assertThat(skipping.skipUntil(until)).as("skipped before %d ns", until).isEqualTo(stepped);
    }
    assertThat(draws(skipping, 1000)).isEqualTo(withFirst(next, draws(stepping, 999)));
  }

  @Test
  void poissonSkipsBeyondItsExactBudgetEstimateTheCount() {
    double rateRps = 1e7;
    long spanNs = 1_000_000_000L; // 1e7 arrivals expected
    long budget = 1000;
    long[] counts = new long[20];
    for (int seed = 0; seed < counts.length; seed++) {
      ArrivalSchedule exactly = new PoissonSchedule(rateRps, seed, budget);
      ArrivalSchedule twin = new PoissonSchedule(rateRps, seed, budget);
      // The budget's worth are the seed's own: a skip within it matches stepping.
      long stepped = 0;
      long next = twin.nextOffsetNs();
      while (next < 50_000) {
        stepped++;
        next = twin.nextOffsetNs();
      }
      assertThat(exactly.skipUntil(50_000)).isEqualTo(stepped);
      long estimated = exactly.skipUntil(spanNs);
      counts[seed] = estimated;
      assertThat(exactly.nextOffsetNs()).isGreaterThanOrEqualTo(spanNs);
      // One Poisson draw of mean ~1e7 lies within 5 standard deviations (~16,000) of it.
      double mean = (spanNs - 50_000) / 1e9 * rateRps;
      assertThat((double) estimated).isCloseTo(mean, within(5 * Math.sqrt(mean)));
    }
    // An estimate, not a fixed figure: the counts differ between seeds.
    assertThat(Arrays.stream(counts).distinct().count()).isGreaterThan(counts.length / 2L);
  }

  @Test
  void factoryFollowsTheArrivalKind() {
    long[] constant = draws(ArrivalSchedule.of(Arrival.CONSTANT, 100, 5, 3), 5);
    assertThat(constant).containsExactly(3, 10_000_003, 20_000_003, 30_000_003, 40_000_003);
    long[] poisson = draws(ArrivalSchedule.of(Arrival.POISSON, 100, 5, 3), 5);
    assertThat(poisson).isEqualTo(draws(ArrivalSchedule.poisson(100, 5), 5));
  }

  @Test
  void rejectsRatesOutsideTheRange() {
    for (double bad : new double[] {0, -1, Double.NaN, 2e9}) {
      assertThatThrownBy(() -> ArrivalSchedule.constant(bad, 0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ArrivalSchedule.poisson(bad, 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void assertStrictlyIncreasing(ArrivalSchedule s) {
    long previous = s.nextOffsetNs();
    assertThat(previous).isGreaterThanOrEqualTo(0);
    for (int i = 1; i < DRAWS; i++) {
      long next = s.nextOffsetNs();
      if (next <= previous) {
        throw new AssertionError("offset " + i + " is " + next + ", previous " + previous);
      }
      previous = next;
    }
  }

  private static ArrivalSchedule schedule(String kind) {
    return kind.equals("constant")
        ? ArrivalSchedule.constant(3_333, 123_456)
        : ArrivalSchedule.poisson(3_333, 11);
  }

  private static long[] withFirst(long first, long[] rest) {
    long[] out = new long[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  private static long[] draws(ArrivalSchedule s, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = s.nextOffsetNs();
    }
    return out;
  }

  /** Gaps between consecutive offsets, the first measured from the schedule's start. */
  private static double[] poissonGapsS(double rateRps, long seed, int n) {
    ArrivalSchedule s = ArrivalSchedule.poisson(rateRps, seed);
    double[] gaps = new double[n];
    long previous = 0;
    for (int i = 0; i < n; i++) {
      long next = s.nextOffsetNs();
      gaps[i] = (next - previous) / 1e9;
      previous = next;
    }
    return gaps;
  }

  /** One-sample Kolmogorov–Smirnov statistic D of {@code samples} against Exp(rate). */
  private static double ksStatistic(double[] samples, double rate) {
    double[] x = samples.clone();
    Arrays.sort(x);
    int n = x.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double cdf = 1 - Math.exp(-rate * x[i]);
      d = Math.max(d, Math.max((i + 1) / (double) n - cdf, cdf - i / (double) n));
    }
    return d;
  }

  /** Critical value at alpha 0.05 for large n. */
  private static double ksCritical(int n) {
    return 1.36 / Math.sqrt(n);
  }
}
