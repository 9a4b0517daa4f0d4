package io.meshbench.platform.cluster;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SidecarMode;
import io.meshbench.platform.mesh.MeshStatus;

/**
 * What the manifests of one job depend on.
 *
 * @param loadSpec the whole job's load (total rate and connections; the target is replaced by the
 *     in-cluster Service)
 * @param meshStatus what detection found (an Istio revision changes the namespace label); null when
 *     planning without a cluster
 * @param startAtMs the workers' common start, epoch milliseconds
 */
public record ManifestInput(
    String jobId,
    String namespace,
    MeshType meshType,
    SidecarMode sidecarMode,
    MeshStatus meshStatus,
    LoadSpec loadSpec,
    int workers,
    String image,
    long startAtMs,
    PodResources resources) {

  public ManifestInput {
    if (jobId == null || jobId.length() > 63 || !jobId.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      // It is a label value (meshbench.io/job-id): at most 63 characters; names are cut to fit.
      throw new IllegalArgumentException(
          "job-id must be 1 to 63 lower-case letters, digits and '-', starting and ending with a"
              + " letter or digit (got '"
              + jobId
              + "')");
    }
    String problem = KubernetesNames.namespaceProblem(namespace);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (workers < 1 || workers > WorkerEnv.MAX_WORKERS) {
      throw new IllegalArgumentException(
          "workers must be between 1 and " + WorkerEnv.MAX_WORKERS + " (got " + workers + ")");
    }
    String share = WorkerEnv.connectionsProblem(loadSpec.connections(), workers);
    if (share != null) {
      throw new IllegalArgumentException(share);
    }
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException(
          "image is required: the meshbench image the pods run (--image or MESHBENCH_IMAGE)");
    }
  }
}
