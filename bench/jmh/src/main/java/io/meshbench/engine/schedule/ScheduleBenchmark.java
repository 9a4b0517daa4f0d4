package io.meshbench.engine.schedule;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The pacer's per-request step: the next intended send time. Must allocate 0 B/op. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScheduleBenchmark {
  private final ArrivalSchedule constant = ArrivalSchedule.constant(20_000, 0);
  private final ArrivalSchedule poisson = ArrivalSchedule.poisson(20_000, 1);

  @Benchmark
  public long constantNext() {
    return constant.nextOffsetNs();
  }

  @Benchmark
  public long poissonNext() {
    return poisson.nextOffsetNs();
  }
}
