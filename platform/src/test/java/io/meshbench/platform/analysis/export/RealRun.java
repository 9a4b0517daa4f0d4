package io.meshbench.platform.analysis.export;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.executor.LocalRun;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.search.FixedCapacityServer;
import java.time.Clock;
import java.util.Map;

/** Short real runs against targets on loopback, as finished job documents. */
final class RealRun {
  private static JobDocument cached;
  private static JobDocument cachedSlow;

  private RealRun() {}

  /** 3 s at 200 rps against the built-in target. */
  static synchronized JobDocument job() throws InterruptedException {
    if (cached == null) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, LocalRun.standInTarget(Protocol.HTTP))
              .rateRps(200)
              .connections(2)
              .durationMs(3000)
              .warmupMs(300)
              .build();
      cached = run("20260101-000000-http-baseline-abcd", spec, true, 3, 0.3, 200, 2);
    }
    return cached;
  }

  /**
   * 2 s at 50 rps against a target that answers after 200 ms: about ten requests are in flight at
   * the measured end and complete during the drain, in the whole histogram but in no second.
   */
  static synchronized JobDocument slowTarget() throws InterruptedException {
    if (cachedSlow == null) {
      try (FixedCapacityServer target = new FixedCapacityServer(200, 200)) {
        LoadSpec spec =
            LoadSpec.builder(Protocol.HTTP, target.url())
                .rateRps(50)
                .connections(16)
                .durationMs(2000)
                .warmupMs(200)
                .build();
        cachedSlow = run("20260101-000001-http-baseline-slow", spec, false, 2, 0.2, 50, 16);
      }
    }
    return cachedSlow;
  }

  private static JobDocument run(
      String jobId,
      LoadSpec spec,
      boolean builtInTarget,
      double durationS,
      double warmupS,
      double rateRps,
      int connections)
      throws InterruptedException {
    JobSpec jobSpec =
        new JobSpec(
            Protocol.HTTP,
            MeshType.BASELINE,
            "default",
            durationS,
            warmupS,
            rateRps,
            connections,
            builtInTarget ? null : spec.target(),
            0,
            1,
            1,
            Map.of("run", "export-test"));
    Clock clock = Clock.systemUTC();
    JobDocument running =
        JobDocument.pending(jobId, jobSpec, "local", clock.instant(), JobEnvironment.local("auto"))
            .started(clock.instant());
    return new LocalRun(spec, builtInTarget)
        .execute(io.meshbench.engine.run.RunListener.NONE)
        .applyTo(running, clock);
  }
}
