package io.meshbench.platform.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.platform.analysis.MatrixReport;
import io.meshbench.platform.analysis.Slo;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.KubernetesClients;
import io.meshbench.platform.executor.KubernetesExecutor;
import io.meshbench.platform.executor.MeshMatrix;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobEnvironment;
import io.meshbench.platform.job.JobIds;
import io.meshbench.platform.job.JobSpec;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
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
    KubernetesClient client = KubernetesClients.fromEnvironment();
    String unreachable = KubernetesClients.unreachableReason(client);
    if (unreachable != null) {
      client.close();
      throw new IllegalStateException(
          unreachable + " (--executor kubernetes needs KUBECONFIG, ~/.kube/config or a pod)");
    }
    return new KubernetesRunner(client, ClusterRunSettings.fromEnvironment());
  }

  /**
   * Runs the meshes interleaved and reports.
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
    JobIds ids = new JobIds(clock);
    List<JobDocument> running = new ArrayList<>();
    for (MeshType mesh : meshes) {
      running.add(
          JobDocument.pending(
                  ids.next(base.testType().wireName(), mesh.wireName()),
                  base.withMesh(mesh),
                  KubernetesExecutor.NAME,
                  clock.instant(),
                  JobEnvironment.local(load.options().getOrDefault("transport", "auto")))
              .started(clock.instant()));
    }
    MeshMatrix matrix = new MeshMatrix(client, settings, image, clock);
    CountDownLatch finished = new CountDownLatch(1);
    Thread onSignal =
        new Thread(
            () -> {
              matrix.cancel();
              try {
                finished.await(2, TimeUnit.MINUTES); // cleanup runs before the JVM exits
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "meshbench-cancel");
    Runtime.getRuntime().addShutdownHook(onSignal);
    List<JobDocument> docs;
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
      docs = matrix.run(running, load, RunListener.NONE, err);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running and waits for us
      }
      client.close();
    }
    MatrixReport report = meshes.size() > 1 ? MatrixReport.of(docs, base.iterations()) : null;
    if (output != null) {
      write(output, docs, report);
    }
    print(docs, report, objectives, json, out);
    boolean ok = docs.stream().allMatch(d -> d.status() == JobStatus.COMPLETED);
    if (!ok) {
      docs.stream()
          .filter(d -> d.status() != JobStatus.COMPLETED)
          .forEach(d -> err.println("meshbench run: " + d.spec().meshType() + ": " + d.error()));
      err.flush();
      return ExitCodes.FAILED;
    }
    boolean slosHold =
        docs.stream()
            .allMatch(d -> objectives.stream().allMatch(o -> o.check(d.result()).passed()));
    return slosHold ? ExitCodes.OK : ExitCodes.SLO_BREACHED;
  }

  private static void print(
      List<JobDocument> docs,
      MatrixReport report,
      List<Slo> objectives,
      boolean json,
      PrintWriter out) {
    if (json) {
      out.println(report == null ? DocumentFiles.toJson(docs.get(0)) : matrixJson(docs, report));
    } else if (report == null) {
      JobDocument doc = docs.get(0);
      if (doc.result() != null) {
        out.print(
            new TextReport(doc, objectives.stream().map(o -> o.check(doc.result())).toList())
                .render());
      }
      out.print(MatrixTable.resources(doc));
    } else {
      out.print(MatrixTable.render(report));
    }
    out.flush();
  }

  private static void write(Path output, List<JobDocument> docs, MatrixReport report) {
    if (report == null) {
      DocumentFiles.write(output, docs.get(0));
      return;
    }
    try {
      Files.writeString(output, matrixJson(docs, report));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A matrix's output: the comparison, then every mesh's job document. */
  static String matrixJson(List<JobDocument> docs, MatrixReport report) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.set("comparison", Json.mapper().valueToTree(report));
    root.set("jobs", Json.mapper().valueToTree(docs));
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
