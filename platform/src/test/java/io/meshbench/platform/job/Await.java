package io.meshbench.platform.job;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds; the deadline only bounds a failing test. */
public final class Await {
  private Await() {}

  public static void until(String what, Duration deadline, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + deadline + ": " + what);
      }
      Thread.sleep(20); // polling interval: the loop checks the condition
    }
  }
}
