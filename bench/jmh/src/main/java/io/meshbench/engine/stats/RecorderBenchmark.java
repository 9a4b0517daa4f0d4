package io.meshbench.engine.stats;

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

/**
 * The per-request recording path of an event loop: one success (two histograms and a counter), one
 * status count and the received bytes. Run with {@code -prof gc}: it must allocate 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecorderBenchmark {
  private final LoopRecorder recorder = new LoopRecorder();
  private long value;

  @Benchmark
  public void recordSuccess() {
    long v = (value = (value * 6364136223846793005L + 1442695040888963407L)) >>> 50; // 0..16383 µs
    recorder.recordSuccess(v + 50, v + 40);
    recorder.recordStatus(200);
    recorder.addReceived(120);
  }
}
