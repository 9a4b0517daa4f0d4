package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaceWindowTest {
  private static final long WINDOW_NS = 1_000_000;

  @Test
  void theFirstWakeUpIsAtTheFirstIntendedTime() {
    PaceWindow pacing = new PaceWindow(WINDOW_NS);
    assertThat(pacing.wakeAtNs(5_000_000)).isEqualTo(5_000_000);
  }

  @Test
  void wakeUpsAreAtLeastAWindowApartAndOtherwiseAtTheIntendedTime() {
    PaceWindow pacing = new PaceWindow(WINDOW_NS);
    pacing.woke(10_000_000);
    assertThat(pacing.wakeAtNs(10_200_000)).isEqualTo(11_000_000); // high rate: the window
    assertThat(pacing.wakeAtNs(14_000_000)).isEqualTo(14_000_000); // low rate: its own time
  }

  @Test
  void aWakeUpSendsHalfAWindowAheadAndNothingElseSendsEarly() {
    PaceWindow pacing = new PaceWindow(WINDOW_NS);
    assertThat(pacing.sendByNs(10_000_000, true)).isEqualTo(10_500_000);
    assertThat(pacing.sendByNs(10_000_000, false)).isEqualTo(10_000_000);
  }

  @Test
  void aWindowOfZeroSendsEveryRequestAtItsOwnTime() {
    PaceWindow pacing = new PaceWindow(0);
    pacing.woke(10_000_000);
    assertThat(pacing.wakeAtNs(10_000_033)).isEqualTo(10_000_033);
    assertThat(pacing.sendByNs(10_000_000, true)).isEqualTo(10_000_000);
  }

  @Test
  void aNegativeWindowIsRefused() {
    assertThatThrownBy(() -> new PaceWindow(-1)).hasMessageContaining("pace window");
  }
}
