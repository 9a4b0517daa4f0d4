package io.meshbench.platform.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.analysis.MatrixResult;
import io.meshbench.platform.analysis.Slo;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.KubernetesClients;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.executor.KubernetesExecutor;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobIds;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code meshbench run --executor kubernetes}: one job, or a mesh matrix, in the cluster the
 * environment names (KUBECONFIG, ~/.kube/config or in-cluster), without a server. Ctrl-C cancels
 * and still deletes what was created.
 */
final class KubernetesRunner {
  private final KubernetesClient client;
  private final ClusterRunSettings settings;

  KubernetesRunner(KubernetesClient client, ClusterRunSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  static KubernetesRunner fromEnvironment() {
    KubernetesClient client;
    try {
      client = KubernetesClients.forJobs();
    } catch (IllegalStateException nothingConfigured) {
      throw new IllegalStateException(
          "--executor kubernetes found no cluster: " + nothingConfigured.getMessage());
    }
    String unreachable = KubernetesClients.unreachableReason(client);
    if (unreachable != null) {
      client.close();
      throw new IllegalStateException(
          unreachable + " (--executor kubernetes needs KUBECONFIG, ~/.kube/config or a pod)");
    }
    return new KubernetesRunner(client, ClusterRunSettings.fromEnvironment());
  }

  /**
   * Runs the job, or the meshes interleaved as one mesh matrix job, through the same executor the
   * server uses, and reports.
   *
   * @param base the job as asked, under the first mesh
   * @return the exit code
   */
  int run(
      JobSpec base,
      List<MeshType> meshes,
      String image,
      LoadSpec load,
      List<Slo> objectives,
      Path output,
      boolean json,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    Clock clock = Clock.systemUTC();
    JobSpec spec = meshes.size() > 1 ? base.withMeshTypes(meshes) : base.withMesh(meshes.get(0));
    JobDocument running =
        JobDocument.pending(
                new JobIds(clock).next(spec.testType().wireName(), spec.meshType().wireName()),
                spec,
                KubernetesExecutor.NAME,
                clock.instant(),
                JobEnvironment.local(load.options().getOrDefault("transport", "auto")))
            .started(clock.instant());
    JobExecutor.Execution execution =
        new KubernetesExecutor(client, settings, image, clock).prepare(running, load, err);
    CountDownLatch finished = new CountDownLatch(1);
    Thread onSignal =
        new Thread(
            () -> {
              execution.cancel();
              try {
                finished.await(2, TimeUnit.MINUTES); // cleanup runs before the JVM exits
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "meshbench-cancel");
    Runtime.getRuntime().addShutdownHook(onSignal);
    JobDocument doc;
    try {
      err.println(
          "meshbench run: "
              + meshes.size()
              + " mesh(es) x "
              + base.iterations()
              + " iteration(s) in namespace "
              + base.namespace()
              + ", "
              + base.workers()
              + " worker(s), image "
              + image);
      err.flush();
      doc = execution.run(RunListener.NONE);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running and waits for us
      }
      client.close();
    }
    if (output != null) {
      DocumentFiles.write(output, doc);
    }
    print(doc, objectives, json, out);
    if (doc.status() != JobStatus.COMPLETED) {
      err.println("meshbench run: " + doc.status().wireName() + ": " + doc.error());
      if (doc.matrix() != null) {
        doc.matrix().meshes().stream()
            .filter(m -> m.error() != null)
            .forEach(m -> err.println("meshbench run: " + m.meshType() + ": " + m.error()));
      }
      err.flush();
      return ExitCodes.FAILED;
    }
    List<RunResult> results =
        doc.matrix() == null
            ? List.of(doc.result())
            : doc.matrix().meshes().stream().map(MatrixResult.MeshRun::result).toList();
    boolean slosHold =
        results.stream().allMatch(r -> objectives.stream().allMatch(o -> o.check(r).passed()));
    return slosHold ? ExitCodes.OK : ExitCodes.SLO_BREACHED;
  }

  private static void print(JobDocument doc, List<Slo> objectives, boolean json, PrintWriter out) {
    if (json) {
      out.println(DocumentFiles.toJson(doc));
    } else if (doc.matrix() == null) {
      if (doc.result() != null) {
        out.print(
            new TextReport(doc, objectives.stream().map(o -> o.check(doc.result())).toList())
                .render());
      }
      out.print(MatrixTable.resources(doc));
    } else if (doc.matrix().comparison() != null) {
      out.print(MatrixTable.render(doc.matrix().comparison()));
    }
    out.flush();
  }
}
