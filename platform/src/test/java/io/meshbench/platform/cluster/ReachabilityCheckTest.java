package io.meshbench.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReachabilityCheckTest {
  final AtomicLong nowMs = new AtomicLong(1_000);
  final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void anAnswerIsReusedUntilItsTtlThenAskedAgain() {
    AtomicInteger probes = new AtomicInteger();
    ReachabilityCheck check =
        new ReachabilityCheck(
            () -> "v1." + probes.incrementAndGet(), nowMs::get, 10_000, 5_000, executor);
    assertThat(check.current().version()).isEqualTo("v1.1");
    nowMs.addAndGet(9_999);
    assertThat(check.current().version()).isEqualTo("v1.1");
    assertThat(probes).hasValue(1);
    nowMs.addAndGet(1);
    assertThat(check.current().version()).isEqualTo("v1.2");
    assertThat(probes).hasValue(2);
  }

  @Test
  void aFailingProbeIsNotReachableAndSaysWhy() {
    ReachabilityCheck check =
        new ReachabilityCheck(
            () -> {
              throw new IllegalStateException(
                  "connect failed", new java.net.ConnectException("Connection refused"));
            },
            nowMs::get,
            10_000,
            5_000,
            executor);
    ReachabilityCheck.Result r = check.current();
    assertThat(r.reachable()).isFalse();
    assertThat(r.detail()).contains("connect failed").contains("Connection refused");
  }

  @Test
  @Timeout(30) // bounds the polling loop below if the check never publishes the probe's answer
  void aHungProbeNeverHoldsACallerLongerThanTheWaitAndOnlyOneRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger probes = new AtomicInteger();
    ReachabilityCheck check =
        new ReachabilityCheck(
            () -> {
              probes.incrementAndGet();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return "v1.33.1";
            },
            nowMs::get,
            10_000,
            50,
            executor);
    ReachabilityCheck.Result first = check.current(); // returns after the 50 ms wait
    assertThat(first.reachable()).isFalse();
    assertThat(first.detail()).contains("did not answer within 50 ms");
    assertThat(check.current().reachable()).isFalse();
    assertThat(probes).hasValue(1); // the second caller joined the probe under way
    release.countDown();
    // once the probe answers, callers get its answer (waiting at most 50 ms each time)
    ReachabilityCheck.Result later;
    do {
      later = check.current();
    } while (!later.reachable());
    assertThat(later.version()).isEqualTo("v1.33.1");
    assertThat(probes).hasValue(1);
  }
}
