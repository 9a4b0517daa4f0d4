package io.meshbench.platform.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.PodResources;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one load under several meshes, interleaved: iteration 1 of A, B, C, then iteration 2 of A,
 * B, C... so that drift in the cluster (noisy neighbours, node temperature, caches) hits every mesh
 * alike instead of biasing whichever ran last. Each mesh gets its own job document, its iterations
 * kept for confidence intervals.
 *
 * <p>Threading model: {@link #run} runs on the caller's thread; {@link #cancel} may come from any
 * thread.
 */
public final class MeshMatrix {
  private final KubernetesClient client;
  private final ClusterRunSettings settings;
  private final String image;
  private final Clock clock;
  private volatile ClusterRun current;
  private volatile boolean cancelled;

  public MeshMatrix(
      KubernetesClient client, ClusterRunSettings settings, String image, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.image = image;
    this.clock = clock;
  }

  public void cancel() {
    cancelled = true;
    ClusterRun run = current;
    if (run != null) {
      run.cancel();
    }
  }

  /**
   * Runs the matrix.
   *
   * @param running one started document per mesh, in the order to run them
   * @param log one line per cell as it finishes (null: quiet)
   * @return the finished documents, in the same order
   */
  public List<JobDocument> run(
      List<JobDocument> running, LoadSpec load, RunListener listener, PrintWriter log)
      throws InterruptedException {
    int iterations = running.get(0).spec().iterations();
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    Map<String, ClusterRun.Outcome> last = new LinkedHashMap<>();
    running.forEach(d -> results.put(d.jobId(), new ArrayList<>()));
    String stopped = null;
    for (int i = 0; i < iterations && stopped == null; i++) {
      for (JobDocument doc : running) {
        if (cancelled) {
          stopped = "cancelled";
          break;
        }
        ClusterRun run = new ClusterRun(client, settings, image, PodResources.DEFAULTS);
        current = run;
        MeshType mesh = doc.spec().meshType();
        ClusterRun.Outcome outcome =
            run.execute(
                doc.jobId(),
                doc.spec().namespace(),
                mesh,
                doc.spec().sidecar(),
                doc.spec().workers(),
                load,
                listener);
        last.put(doc.jobId(), outcome);
        if (outcome.result() != null) {
          results.get(doc.jobId()).add(outcome.result());
        }
        if (log != null) {
          log.printf(
              "iteration %d/%d %-13s %s%s%n",
              i + 1,
              iterations,
              mesh,
              outcome.status().wireName(),
              outcome.error() == null ? "" : ": " + outcome.error());
          log.flush();
        }
        if (outcome.status() != JobStatus.COMPLETED) {
          stopped = mesh + " " + outcome.status().wireName() + ": " + outcome.error();
          break;
        }
      }
    }
    List<JobDocument> finished = new ArrayList<>();
    for (JobDocument doc : running) {
      ClusterRun.Outcome outcome = last.get(doc.jobId());
      JobDocument done = KubernetesExecutor.document(doc, outcome, results.get(doc.jobId()), clock);
      if (stopped != null && done.status() == JobStatus.COMPLETED) {
        // Its own runs went well, but the matrix is incomplete: its figures are not comparable.
        done =
            done.finished(
                cancelled ? JobStatus.CANCELLED : JobStatus.FAILED,
                clock.instant(),
                "the mesh matrix stopped early: " + stopped);
      }
      finished.add(done);
    }
    return finished;
  }
}
