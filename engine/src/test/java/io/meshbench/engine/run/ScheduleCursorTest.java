package io.meshbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.engine.schedule.ArrivalSchedule;
import io.meshbench.engine.stats.LoopRecorder;
import io.meshbench.engine.stats.RunAccumulator;
import io.meshbench.engine.stats.RunResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScheduleCursorTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** 1,000 rps for 1 s: request i is due at i ms. */
  private static ScheduleCursor startedAtZero(long warmupEndNs) {
    ScheduleCursor cursor = new ScheduleCursor(ArrivalSchedule.constant(1000, 0));
    cursor.start(0, warmupEndNs, 1000 * MS);
    return cursor;
  }

  private static RunResult resultOf(LoopRecorder recorder) {
    RunAccumulator accumulator = new RunAccumulator(List.of(recorder));
    accumulator.finish();
    return accumulator.result(1000, 1, 1, 0, false);
  }

  private static int takeUntil(ScheduleCursor cursor, long ns) {
    int taken = 0;
    while (cursor.dueBy(ns)) {
      cursor.take();
      taken++;
    }
    return taken;
  }

  @Test
  void whatIsLeftAtTheStopIsSplitAtTheFirstTimeNoConnectionWasFree() {
    ScheduleCursor cursor = startedAtZero(0);
    assertThat(takeUntil(cursor, 100 * MS)).isEqualTo(101); // due at 0..100 ms
    cursor.blocked(150 * MS); // due at 101..149 ms: the generator's own lateness
    cursor.blocked(180 * MS); // the first time counts
    cursor.stop(1000 * MS);

    LoopRecorder recorder = new LoopRecorder();
    cursor.countUnsent(recorder);
    RunResult r = resultOf(recorder);

    assertThat(r.unsent()).isEqualTo(899); // due at 101..999 ms
    assertThat(r.scheduled()).isEqualTo(899);
    assertThat(r.unsentLagMs()).isEqualTo(899.0); // the oldest, due at 101 ms, before the 1 s end
    assertThat(r.loadgenLagMaxMs()).isEqualTo(49.0); // 101 ms to 150 ms
    assertThat(r.connectionWaitMaxMs()).isEqualTo(850.0);
    assertThat(cursor.exhausted()).isTrue();
  }

  @Test
  void aCursorThatKeptUpLeavesNothingUnsent() {
    ScheduleCursor cursor = startedAtZero(0);
    takeUntil(cursor, 2000 * MS);
    cursor.caughtUp();
    cursor.stop(1000 * MS);

    LoopRecorder recorder = new LoopRecorder();
    cursor.countUnsent(recorder);

    assertThat(cursor.keepingUp()).isTrue();
    assertThat(resultOf(recorder).unsent()).isZero();
  }

  @Test
  void requestsDueDuringWarmUpAreNeverCounted() {
    ScheduleCursor cursor = startedAtZero(400 * MS);
    takeUntil(cursor, 100 * MS);
    cursor.stop(1000 * MS); // never blocked: all the lateness is the generator's

    LoopRecorder recorder = new LoopRecorder();
    cursor.countUnsent(recorder);
    cursor.recordUnsent(recorder, 300 * MS, 50 * MS); // a handed-over request of the warm-up
    RunResult r = resultOf(recorder);

    assertThat(r.unsent()).isEqualTo(600); // due at 400..999 ms
    assertThat(r.unsentLagMs()).isEqualTo(600.0);
    assertThat(r.loadgenLagMaxMs()).isEqualTo(600.0);
    assertThat(r.connectionWaitMaxMs()).isEqualTo(0.0);
  }

  @Test
  void theGeneratorsPartOfALateRequestEndsWhenTheLoopStartedWaitingForAConnection() {
    ScheduleCursor cursor = startedAtZero(0);
    assertThat(cursor.generatorLagNs(10 * MS, 30 * MS)).isEqualTo(20 * MS);
    cursor.blocked(15 * MS);
    assertThat(cursor.generatorLagNs(10 * MS, 30 * MS)).isEqualTo(5 * MS);
    assertThat(cursor.generatorLagNs(20 * MS, 30 * MS)).isZero();
    cursor.caughtUp();
    assertThat(cursor.generatorLagNs(10 * MS, 30 * MS)).isEqualTo(20 * MS);
  }
}
