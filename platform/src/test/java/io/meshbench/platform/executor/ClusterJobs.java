package io.meshbench.platform.executor;

import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.KubeletCluster;
import io.meshbench.platform.cluster.WorkerProtocol;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobIds;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.MeshType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Jobs for the mock cluster, and what their workers printed. */
final class ClusterJobs {
  /** Short, so that a test runs in seconds; the start delay covers a worker JVM's start. */
  static final ClusterRunSettings FAST = new ClusterRunSettings(3_000, 30_000, 500, 500);

  static final JobIds IDS = new JobIds();

  private ClusterJobs() {}

  static JobSpec spec(MeshType mesh, String namespace, int workers) {
    return new JobSpec(
        Protocol.HTTP, mesh, namespace, 2, 0.5, 200, 4, null, 0, workers, 1, Map.of());
  }

  static KubernetesExecutor executor(
      KubeletCluster cluster, String image, ClusterRunSettings settings) {
    return new KubernetesExecutor(cluster.client, settings, image, Clock.systemUTC());
  }

  static JobDocument running(JobSpec spec) {
    Clock clock = Clock.systemUTC();
    return JobDocument.pending(
            IDS.next(spec.testType().wireName(), spec.meshType().wireName()),
            spec,
            KubernetesExecutor.NAME,
            clock.instant(),
            JobEnvironment.local("nio"))
        .started(clock.instant());
  }

  static JobDocument run(KubernetesExecutor executor, JobSpec spec) throws InterruptedException {
    executor.check(spec);
    return executor.prepare(running(spec)).run(RunListener.NONE);
  }

  /** The results the job's workers printed in their logs (pods named {@code <job>-workers-i}). */
  static List<RunResult> workerResults(KubeletCluster cluster, JobDocument doc, int workers) {
    List<RunResult> results = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      String log =
          cluster.kubelet.log(doc.spec().namespace() + "/mb-" + doc.jobId() + "-workers-" + i);
      if (log == null) {
        continue;
      }
      for (String line : log.split("\n")) {
        WorkerProtocol.Line parsed = WorkerProtocol.parse(line);
        if (parsed.result() != null) {
          results.add(parsed.result());
        }
      }
    }
    return results;
  }
}
