package io.meshbench.platform.job;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.HistogramCodec;
import io.meshbench.engine.stats.IntervalSnapshot;
import io.meshbench.engine.stats.LatencyStats;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.cluster.ClusterReport;
import io.meshbench.platform.cluster.ResourceUsage;
import io.meshbench.platform.mesh.MeshStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A fixed, fully determined job document for golden tests. */
public final class JobFixtures {
  private JobFixtures() {}

  /** 10 requests, every one timed out: nothing to read a latency from. */
  public static RunResult allFailedResult() {
    Histogram empty = HistogramCodec.newHistogram();
    return new RunResult(
        10,
        10,
        Map.of("timeout", 10L),
        Map.of(),
        10,
        10,
        1,
        true,
        10,
        10,
        1,
        0,
        1_000,
        0,
        1,
        1,
        LatencyStats.ofMicros(empty),
        LatencyStats.ofMicros(empty),
        HistogramCodec.encode(empty),
        HistogramCodec.encode(empty),
        LatencyStats.EMPTY,
        null,
        List.of(),
        1.0,
        false,
        null,
        null,
        0,
        0,
        0,
        0,
        0,
        0);
  }

  /** 1000 successes at 1..10 ms (p99 ≈ 10 ms) and 10 errors (1 % of 1010). */
  public static RunResult result() {
    Histogram corrected = HistogramCodec.newHistogram();
    Histogram service = HistogramCodec.newHistogram();
    for (int i = 1; i <= 1000; i++) {
      corrected.recordValue(i * 10L); // 10 µs .. 10 ms
      service.recordValue(i * 5L);
    }
    Histogram connect = HistogramCodec.newHistogram();
    for (int i = 1; i <= 4; i++) {
      connect.recordValue(i * 50L); // four connects, 50 .. 200 µs
    }
    return new RunResult(
        1010,
        10,
        Map.of("status_5xx", 7L, "timeout", 3L),
        Map.of("200", 1000L, "503", 7L),
        1010,
        1010,
        0.25,
        true,
        101,
        101,
        10,
        100,
        120_000,
        80_000,
        4,
        4,
        LatencyStats.ofMicros(corrected),
        LatencyStats.ofMicros(service),
        HistogramCodec.encode(corrected),
        HistogramCodec.encode(service),
        LatencyStats.ofMicros(connect),
        HistogramCodec.encode(connect),
        List.of(
            new IntervalSnapshot(
                1,
                100,
                101,
                1,
                5.0,
                8.0,
                9.9,
                10.0,
                HistogramCodec.encode(corrected),
                HistogramCodec.encode(service))),
        12.5,
        false,
        null,
        null,
        0,
        0,
        0,
        0,
        0,
        0);
  }

  /**
   * The golden job, its figures unchanged, with a per-second series whose middle second had no
   * success: seconds 1 and 3 hold 500 successes each (10 µs .. 5 ms, then 5 .. 10 ms), second 2
   * only the 7 errors of a stalled target, so its percentiles are null; second 3 adds 3 timeouts.
   * The seconds' histograms add up to the whole ones, as a real run's do.
   */
  public static JobDocument documentWithStalledSecond() {
    Histogram first = HistogramCodec.newHistogram();
    Histogram third = HistogramCodec.newHistogram();
    Histogram firstService = HistogramCodec.newHistogram();
    Histogram thirdService = HistogramCodec.newHistogram();
    for (int i = 1; i <= 500; i++) {
      first.recordValue(i * 10L);
      third.recordValue(5_000 + i * 10L);
      firstService.recordValue(i * 5L);
      thirdService.recordValue(2_500 + i * 5L);
    }
    Histogram none = HistogramCodec.newHistogram();
    RunResult r = result();
    RunResult stalled =
        new RunResult(
            r.requests(),
            r.errors(),
            r.errorKinds(),
            r.statusCodes(),
            r.scheduled(),
            r.sent(),
            r.maxLagMs(),
            r.rateSustained(),
            r.requestedRateRps(),
            r.sendRateRps(),
            r.durationS(),
            r.throughputRps(),
            r.bytesSent(),
            r.bytesReceived(),
            r.connections(),
            r.connects(),
            r.latencyMs(),
            r.serviceTimeMs(),
            r.histogram(),
            r.serviceHistogram(),
            r.connectTimeMs(),
            r.connectHistogram(),
            List.of(
                IntervalSnapshot.of(1, 500, 500, 0, first, firstService),
                IntervalSnapshot.of(2, 0, 7, 7, none, none),
                IntervalSnapshot.of(3, 500, 503, 3, third, thirdService)),
            r.loadgenCpuPercent(),
            r.loadgenSaturated(),
            r.inferencesPerS(),
            r.firstError(),
            r.unsent(),
            r.unsentLagMs(),
            r.loadgenLagP99Ms(),
            r.loadgenLagMaxMs(),
            r.connectionWaitMaxMs(),
            r.completedAfterEnd());
    JobDocument d = document();
    return d.withRun(d.environment(), d.loadSpec(), stalled, List.of());
  }

  /** What an Istio cluster run adds: verified, one server-side proxy at 80 (max 95) millicores. */
  public static ClusterReport clusterReport() {
    ResourceUsage usage =
        new ResourceUsage(
            true,
            null,
            12,
            List.of(
                new ResourceUsage.Container(
                    "target-0", "istio-proxy", "proxy", "server", 80.0, 95.0, 41.5, 43.0)));
    return new ClusterReport(
        "bench",
        1,
        "meshbench:test",
        SidecarMode.BOTH,
        MeshStatus.ready(MeshType.ISTIO, "1.24.2"),
        true,
        usage);
  }

  public static JobDocument document() {
    LoadSpec load =
        LoadSpec.builder(Protocol.HTTP, "http://127.0.0.1:8080/")
            .rateRps(101)
            .connections(4)
            .durationMs(10_000)
            .warmupMs(1_000)
            .build();
    JobSpec spec =
        new JobSpec(
            Protocol.HTTP,
            MeshType.BASELINE,
            "default",
            10,
            1,
            101,
            4,
            "http://127.0.0.1:8080/",
            0,
            1,
            1,
            Map.of("run", "golden"));
    return new JobDocument(
        "20261130-061500-http-baseline-3f9a",
        JobStatus.COMPLETED,
        spec,
        "local",
        Instant.parse("2026-11-30T06:15:00Z"),
        Instant.parse("2026-11-30T06:15:00.100Z"),
        Instant.parse("2026-11-30T06:15:11.200Z"),
        null,
        new JobEnvironment("0.1.0-TEST", "Test 17", "Linux 6.18 amd64", 2, "epoll", null, null)
            .withMeshVerified(false),
        load,
        result(),
        List.of());
  }

  /** A test resource as text. */
  public static String golden(String resource) throws IOException {
    try (InputStream in = JobFixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
