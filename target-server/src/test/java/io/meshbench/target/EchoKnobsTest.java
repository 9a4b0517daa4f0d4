package io.meshbench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoKnobsTest {

  @Test
  void delayUnitsAndPlainMilliseconds() {
    assertThat(EchoKnobs.parseDelayNs("5ms")).isEqualTo(5_000_000L);
    assertThat(EchoKnobs.parseDelayNs("5")).isEqualTo(5_000_000L);
    assertThat(EchoKnobs.parseDelayNs("250us")).isEqualTo(250_000L);
    assertThat(EchoKnobs.parseDelayNs("250µs")).isEqualTo(250_000L);
    assertThat(EchoKnobs.parseDelayNs("1s")).isEqualTo(1_000_000_000L);
    assertThat(EchoKnobs.parseDelayNs("1.5s")).isEqualTo(1_500_000_000L);
    assertThat(EchoKnobs.parseDelayNs("60s")).isEqualTo(60_000_000_000L);
    assertThat(EchoKnobs.parseDelayNs("0")).isZero();
  }

  @Test
  void badDelaysAreRejected() {
    for (String bad : new String[] {"", "fast", "-5ms", "61s", "5m", "1e3", ".", "5 ms"}) {
      assertThatThrownBy(() -> EchoKnobs.parseDelayNs(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void queryWithAllKnobs() {
    EchoKnobs knobs = EchoKnobs.parse("delay=10ms&status=503&size=1024&close=1&cachebuster=7");

    assertThat(knobs.error()).isNull();
    assertThat(knobs.delayNs()).isEqualTo(10_000_000L);
    assertThat(knobs.status().pick()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
    assertThat(knobs.sizeBytes()).isEqualTo(1024);
    assertThat(knobs.close()).isTrue();
  }

  @Test
  void valuesArePercentDecodedAndTheLastRepeatWins() {
    EchoKnobs knobs = EchoKnobs.parse("status=503%3A100&size=1&size=2");

    assertThat(knobs.error()).isNull();
    assertThat(knobs.status().pick()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
    assertThat(knobs.sizeBytes()).isEqualTo(2);
  }

  @Test
  void badValuesGiveOneLineNamingTheParameter() {
    Map<String, String> cases = new HashMap<>();
    cases.put("delay=fast", "delay");
    cases.put("status=999", "status");
    cases.put("status=503:60,429:50", "status");
    cases.put("status=503:x", "status");
    cases.put("status=", "status");
    cases.put("size=-1", "size");
    cases.put("size=16777217", "size");
    cases.put("close=maybe", "close");
    cases.forEach(
        (query, name) -> {
          String error = EchoKnobs.parse(query).error();
          assertThat(error)
              .as(query)
              .startsWith("bad parameter " + name + "=")
              .doesNotContain("\n");
        });
  }

  @Test
  void statusSharesAreHonoured() {
    StatusMix mix = StatusMix.parse("503:10,429:5");
    int draws = 100_000;
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < draws; i++) {
      counts.merge(mix.pick().code(), 1, Integer::sum);
    }
    // Expected 10 000, 5 000 and 85 000; the bounds are about ten standard deviations wide.
    assertThat(counts.get(503)).isBetween(9_000, 11_000);
    assertThat(counts.get(429)).isBetween(4_300, 5_700);
    assertThat(counts.get(200)).isBetween(83_500, 86_500);
    assertThat(counts).containsOnlyKeys(200, 429, 503);
  }

  @Test
  void zeroAndFullSharesAreExact() {
    StatusMix never = StatusMix.parse("503:0");
    StatusMix always = StatusMix.parse("503:100");
    for (int i = 0; i < 10_000; i++) {
      assertThat(never.pick().code()).isEqualTo(200);
      assertThat(always.pick().code()).isEqualTo(503);
    }
  }
}
