package io.meshbench.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunAccumulatorTest {

  @Test
  void aDroppedIntervalIsInNoPointAndTheNextPointStartsAfterIt() {
    LoopRecorder loop = new LoopRecorder();
    RunAccumulator accumulator = new RunAccumulator(List.of(loop));
    for (int i = 0; i < 300; i++) {
      loop.recordSuccess(5_000, 4_000); // 5 ms: before the drop
    }
    loop.recordError(ErrorKind.TIMEOUT);
    accumulator.dropInterval();
    for (int i = 0; i < 100; i++) {
      loop.recordSuccess(1_000, 900); // 1 ms: after it
    }

    IntervalSnapshot point = accumulator.interval(1.0, 1.0);
    accumulator.finish();
    RunResult result = accumulator.result(100, 1, 1, 0, false);

    assertThat(point.completed()).isEqualTo(100);
    assertThat(point.errors()).isZero();
    assertThat(point.maxMs()).isEqualTo(1.0);
    assertThat(result.timeseries()).containsExactly(point);
  }
}
