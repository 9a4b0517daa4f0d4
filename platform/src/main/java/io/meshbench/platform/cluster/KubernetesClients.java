package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Makes the fabric8 client the way kubectl finds a cluster: {@code KUBECONFIG}, then {@code
 * ~/.kube/config}, then the in-cluster service account. Also says whether a cluster answers, for
 * {@code MESHBENCH_EXECUTOR=auto} and {@code /health}.
 */
public final class KubernetesClients {
  private KubernetesClients() {}

  /** A client from the environment; it connects lazily, so this never fails for lack of one. */
  public static KubernetesClient fromEnvironment() {
    Config config = Config.autoConfigure(null);
    config.setConnectionTimeout(5_000);
    config.setRequestTimeout(15_000);
    // A few quick retries ride out a blip; a cluster that is gone must show within a job's poll.
    config.setRequestRetryBackoffLimit(3);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Whether the environment names a cluster at all (kubeconfig or in-cluster service account). */
  public static boolean configured() {
    String kubeconfig = System.getenv("KUBECONFIG");
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      return true;
    }
    if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
      return true;
    }
    return java.nio.file.Files.isRegularFile(
        java.nio.file.Path.of(System.getProperty("user.home"), ".kube", "config"));
  }

  /** Null when the cluster answers its version endpoint, else why not. */
  public static String unreachableReason(KubernetesClient client) {
    try {
      client.getKubernetesVersion();
      return null;
    } catch (KubernetesClientException | IllegalStateException e) {
      return "no Kubernetes cluster answers at " + client.getMasterUrl() + ": " + e.getMessage();
    }
  }

  /** "v1.31.2", or null when the cluster does not say. */
  public static String version(KubernetesClient client) {
    try {
      return client.getKubernetesVersion().getGitVersion();
    } catch (KubernetesClientException e) {
      return null;
    }
  }
}
