package io.meshbench.platform.analysis.export;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.executor.LocalRun;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.MeshType;
import java.time.Clock;
import java.util.Map;

/** A short real run against the built-in target on loopback, as a finished job document. */
final class RealRun {
  private static JobDocument cached;

  private RealRun() {}

  static synchronized JobDocument job() throws InterruptedException {
    if (cached == null) {
      LoadSpec spec =
          LoadSpec.builder(Protocol.HTTP, LocalRun.standInTarget(Protocol.HTTP))
              .rateRps(200)
              .connections(2)
              .durationMs(3000)
              .warmupMs(300)
              .build();
      JobSpec jobSpec =
          new JobSpec(
              Protocol.HTTP,
              MeshType.BASELINE,
              "default",
              3,
              0.3,
              200,
              2,
              null,
              0,
              1,
              1,
              Map.of("run", "export-test"));
      Clock clock = Clock.systemUTC();
      JobDocument running =
          JobDocument.pending(
                  "20260101-000000-http-baseline-abcd",
                  jobSpec,
                  "local",
                  clock.instant(),
                  JobEnvironment.local("auto"))
              .started(clock.instant());
      cached =
          new LocalRun(spec, true)
              .execute(io.meshbench.engine.run.RunListener.NONE)
              .applyTo(running, clock);
    }
    return cached;
  }
}
