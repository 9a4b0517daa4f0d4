package io.meshbench.platform.cli;

import io.meshbench.platform.cluster.KubernetesNames;
import io.meshbench.platform.cluster.WorkerEnv;
import io.meshbench.platform.job.SidecarMode;
import picocli.CommandLine.Option;

/** Where and how a job runs in a cluster: shared by {@code run} and {@code plan}. */
final class ClusterFlags {
  static final String DEFAULT_IMAGE = "meshbench:latest";

  /** The namespace of a cluster run when --namespace is not given. */
  static final String DEFAULT_CLUSTER_NAMESPACE = "meshbench";

  @Option(
      names = "--namespace",
      description =
          "Kubernetes namespace of the target and the workers (a DNS-1123 label); created when"
              + " absent and deleted afterwards. Default in a cluster: "
              + DEFAULT_CLUSTER_NAMESPACE
              + "; a local run only records it as spec.namespace (default: default).")
  String namespace;

  /** The namespace a cluster run uses. */
  String clusterNamespace() {
    return namespace != null ? namespace : DEFAULT_CLUSTER_NAMESPACE;
  }

  @Option(
      names = "--workers",
      defaultValue = "1",
      description =
          "Load-generator pods (1 to 100); rate and connections are divided among them."
              + " Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(
      names = "--image",
      description =
          "The meshbench image the pods run. Default: MESHBENCH_IMAGE, else " + DEFAULT_IMAGE + ".")
  String image;

  @Option(
      names = "--sidecar-mode",
      defaultValue = "both",
      description =
          "Sidecar meshes (istio, linkerd, consul): proxies on both sides, only the target"
              + " (server) or only the load generators (client). Default: ${DEFAULT-VALUE}.")
  String sidecarMode;

  /** Null when the flags are valid, else what is wrong, naming the flag. */
  String problem() {
    String ns = KubernetesNames.namespaceProblem(clusterNamespace());
    if (ns != null) {
      return "--" + ns;
    }
    if (workers < 1 || workers > WorkerEnv.MAX_WORKERS) {
      return "--workers must be between 1 and " + WorkerEnv.MAX_WORKERS + " (got " + workers + ")";
    }
    try {
      SidecarMode.fromWire(sidecarMode);
    } catch (IllegalArgumentException e) {
      return "--sidecar-mode must be both, server or client (got '" + sidecarMode + "')";
    }
    return null;
  }

  SidecarMode sidecar() {
    return SidecarMode.fromWire(sidecarMode);
  }

  String image() {
    if (image != null && !image.isBlank()) {
      return image;
    }
    String env = System.getenv("MESHBENCH_IMAGE");
    return env != null && !env.isBlank() ? env : DEFAULT_IMAGE;
  }
}
