package io.meshbench.platform.executor;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshbench.engine.run.RunListener;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.engine.stats.RunResults;
import io.meshbench.platform.cluster.ClusterCleanup;
import io.meshbench.platform.cluster.ClusterObjects;
import io.meshbench.platform.cluster.ClusterReport;
import io.meshbench.platform.cluster.ClusterRunException;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.JobManifests;
import io.meshbench.platform.cluster.KubernetesClients;
import io.meshbench.platform.cluster.ManifestInput;
import io.meshbench.platform.cluster.NamespacePreparer;
import io.meshbench.platform.cluster.PodMetricsSampler;
import io.meshbench.platform.cluster.PodResources;
import io.meshbench.platform.cluster.TargetReadiness;
import io.meshbench.platform.cluster.WorkerFollower;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SidecarMode;
import io.meshbench.platform.mesh.CiliumResources;
import io.meshbench.platform.mesh.MeshAdapter;
import io.meshbench.platform.mesh.MeshAdapters;
import io.meshbench.platform.mesh.MeshStatus;
import io.meshbench.platform.mesh.Side;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job under one mesh in a cluster (DESIGN §7): prepare the namespace, deploy and verify the
 * target, run the Indexed Job of workers at one common start time, follow their logs, sample pod
 * metrics over the measured window, merge the workers' histograms exactly, and delete everything it
 * created however the run ends.
 *
 * <p>Threading model: {@link #execute} runs on the caller's thread and does all cluster I/O there;
 * {@link #cancel} may be called from any thread and is noticed within one poll.
 */
public final class ClusterRun {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRun.class);

  /**
   * How long, and in how many polls, the API may fail in a row before the cluster counts as gone:
   * one slow request is a busy API server, not a lost cluster.
   */
  private static final long LOST_CLUSTER_MS = 10_000;

  private static final int LOST_CLUSTER_POLLS = 3;

  /** Beyond the workers' planned time: connecting, draining, reporting. */
  private static final long REPORT_GRACE_MS = 60_000;

  private final KubernetesClient client;
  private final ClusterRunSettings settings;
  private final String image;
  private final PodResources resources;
  private volatile boolean cancelled;

  public ClusterRun(
      KubernetesClient client, ClusterRunSettings settings, String image, PodResources resources) {
    this.client = client;
    this.settings = settings;
    this.image = image;
    this.resources = resources;
  }

  /**
   * How the run ended.
   *
   * @param result the merged result of the workers that reported, or null when none did
   * @param workerSpec one worker's share of the load, as it ran
   */
  public record Outcome(
      JobStatus status,
      String error,
      RunResult result,
      LoadSpec workerSpec,
      ClusterReport report,
      String kubernetesVersion) {}

  public void cancel() {
    cancelled = true;
  }

  public Outcome execute(
      String jobId,
      String namespace,
      MeshType meshType,
      SidecarMode sidecarMode,
      int workers,
      LoadSpec load,
      RunListener listener)
      throws InterruptedException {
    MeshAdapter mesh = MeshAdapters.forType(meshType);
    String k8sVersion = KubernetesClients.version(client);
    MeshStatus status = null;
    NamespacePreparer.Prepared prepared = null;
    WorkerFollower follower = null;
    PodMetricsSampler sampler = new PodMetricsSampler(client, namespace, jobId);
    boolean verified = false;
    LoadSpec workerSpec = null;
    String error = null;
    JobStatus end = JobStatus.COMPLETED;
    try {
      status = mesh.detect(client);
      if (!status.usable()) {
        throw new ClusterRunException(status.detail());
      }
      ManifestInput input =
          new ManifestInput(
              jobId, namespace, meshType, sidecarMode, status, load, workers, image, 0, resources);
      ClusterObjects objects = JobManifests.build(input);
      workerSpec = workerSpec(objects, load, workers);
      prepared = NamespacePreparer.prepare(client, objects.namespace());
      for (GenericKubernetesResource extra : objects.extras()) {
        client
            .genericKubernetesResources(CiliumResources.NETWORK_POLICIES)
            .inNamespace(namespace)
            .resource(extra)
            .create();
      }
      client.resource(objects.target()).create();
      client.resource(objects.service()).create();
      if (objects.workerService() != null) {
        client.resource(objects.workerService()).create();
      }
      List<Pod> targetPods =
          TargetReadiness.await(
              client,
              namespace,
              objects.target().getMetadata().getName(),
              jobId,
              settings.readyTimeoutMs(),
              settings.pollMs(),
              () -> cancelled);
      requireVerified(mesh.verify(client, Side.SERVER, sidecarMode, targetPods));

      long startAtMs = System.currentTimeMillis() + settings.startDelayMs();
      ClusterObjects timed =
          JobManifests.build(
              new ManifestInput(
                  jobId,
                  namespace,
                  meshType,
                  sidecarMode,
                  status,
                  load,
                  workers,
                  image,
                  startAtMs,
                  resources));
      client.resource(timed.workers()).create();
      follower = new WorkerFollower(client, namespace, jobId, workers);
      follow(follower, mesh, sidecarMode, sampler, startAtMs, workerSpec, listener);
      verified = true;
      if (follower.failure() != null) {
        throw new ClusterRunException(follower.failure());
      }
    } catch (ClusterRunException e) {
      end = cancelled ? JobStatus.CANCELLED : JobStatus.FAILED;
      error = cancelled ? "cancelled" : e.getMessage();
    } catch (KubernetesClientException e) {
      end = JobStatus.FAILED;
      error = "the Kubernetes API refused or failed a request: " + e.getMessage();
    } catch (IllegalArgumentException e) {
      end = JobStatus.FAILED;
      error = e.getMessage();
    } finally {
      String cleanup = cleanUp(namespace, jobId, prepared);
      if (cleanup != null) {
        error = error == null ? cleanup : error + "; " + cleanup;
        if (end == JobStatus.COMPLETED) {
          end = JobStatus.FAILED;
        }
      }
    }
    List<RunResult> results = follower == null ? List.of() : follower.results();
    RunResult merged = results.isEmpty() ? null : RunResults.merge(results);
    if (end == JobStatus.COMPLETED && (merged == null || merged.allFailed())) {
      end = JobStatus.FAILED;
      error =
          merged == null
              ? "no worker reported a result"
              : LocalRun.failureMessage(merged, workerSpec);
    }
    ClusterReport report =
        new ClusterReport(
            namespace,
            workers,
            image,
            sidecarMode,
            status,
            verified,
            merged == null ? null : sampler.usage());
    return new Outcome(end, error, merged, workerSpec, report, k8sVersion);
  }

  private void follow(
      WorkerFollower follower,
      MeshAdapter mesh,
      SidecarMode sidecarMode,
      PodMetricsSampler sampler,
      long startAtMs,
      LoadSpec workerSpec,
      RunListener listener)
      throws InterruptedException {
    long deadlineMs =
        startAtMs
            + workerSpec.warmupMs()
            + workerSpec.durationMs()
            + workerSpec.timeoutMs()
            + REPORT_GRACE_MS;
    long failingSinceMs = -1;
    int failedPolls = 0;
    long nextSampleMs = 0;
    List<String> problems = new ArrayList<>();
    ProgressRelay relay = new ProgressRelay(listener, workerSpec);
    while (!follower.complete() && follower.failure() == null) {
      if (cancelled) {
        throw new ClusterRunException("cancelled");
      }
      long now = System.currentTimeMillis();
      if (now > deadlineMs) {
        throw new ClusterRunException(
            "workers did not report within "
                + (deadlineMs - startAtMs) / 1000
                + " s of the start ("
                + follower.results().size()
                + " of "
                + follower.pods().size()
                + " pods reported)");
      }
      try {
        follower.poll(
            pod -> problems.addAll(mesh.verify(client, Side.CLIENT, sidecarMode, List.of(pod))));
        failingSinceMs = -1;
        failedPolls = 0;
      } catch (KubernetesClientException e) {
        failedPolls++;
        if (failingSinceMs < 0) {
          failingSinceMs = now;
        } else if (failedPolls >= LOST_CLUSTER_POLLS
            && System.currentTimeMillis() - failingSinceMs > LOST_CLUSTER_MS) {
          throw new ClusterRunException(
              "lost contact with the Kubernetes API for "
                  + (System.currentTimeMillis() - failingSinceMs) / 1000
                  + " s ("
                  + e.getMessage()
                  + "); the results of "
                  + follower.results().size()
                  + " worker(s) received before are kept");
        }
      }
      requireVerified(problems);
      relay.relay(follower.progress());
      if (relay.measuring() && now >= nextSampleMs) {
        sampler.sample();
        nextSampleMs = now + settings.metricsIntervalMs();
      }
      Thread.sleep(settings.pollMs());
    }
  }

  private static void requireVerified(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new ClusterRunException(
          "the mesh does not apply as expected: " + String.join("; ", problems));
    }
  }

  private String cleanUp(String namespace, String jobId, NamespacePreparer.Prepared prepared) {
    try {
      new ClusterCleanup(client).deleteJob(namespace, jobId);
      if (prepared != null) {
        NamespacePreparer.undo(client, prepared);
      }
      return null;
    } catch (KubernetesClientException e) {
      LOG.warn("cleanup of job {} failed: {}", jobId, e.getMessage());
      return "cleanup failed ("
          + e.getMessage()
          + "): objects labelled meshbench.io/job-id="
          + jobId
          + " may remain; the next start of the server removes them";
    }
  }

  private static LoadSpec workerSpec(ClusterObjects objects, LoadSpec load, int workers) {
    String service = objects.service().getMetadata().getName();
    String namespace = objects.service().getMetadata().getNamespace();
    return JobManifests.workerShare(
        load, workers, JobManifests.serviceTarget(load.protocol(), service, namespace));
  }
}
