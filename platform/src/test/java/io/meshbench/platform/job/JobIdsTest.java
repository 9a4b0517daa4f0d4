package io.meshbench.platform.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobIdsTest {

  @Test
  void idsCarryTheTimeTestAndMeshAndNeverRepeatWithinASecond() {
    Clock fixed = Clock.fixed(Instant.parse("2026-11-30T06:15:00Z"), ZoneOffset.UTC);
    JobIds ids = new JobIds(fixed);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      String id = ids.next("http", "baseline");
      assertThat(id).matches("20261130-061500-http-baseline-[0-9a-f]{12}");
      assertThat(seen.add(id)).as("duplicate %s", id).isTrue();
    }
  }

  @Test
  void idsSortByCreationTime() {
    String earlier =
        new JobIds(Clock.fixed(Instant.parse("2026-11-30T06:15:00Z"), ZoneOffset.UTC))
            .next("http", "istio");
    String later =
        new JobIds(Clock.fixed(Instant.parse("2026-11-30T06:15:01Z"), ZoneOffset.UTC))
            .next("http", "baseline");
    assertThat(earlier).isLessThan(later);
  }
}
