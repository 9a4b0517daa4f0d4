package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds how to reach a cluster — {@code KUBECONFIG}, {@code ~/.kube/config}, or the service account
 * of the pod this runs in, in that order, as kubectl does — and builds a fabric8 client for it with
 * bounded timeouts.
 */
public final class KubernetesClients {
  /** Where a pod's service account token is mounted. */
  public static final Path SERVICE_ACCOUNT_TOKEN =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  /** A TCP connect to the API server gives up after this long. */
  public static final int CONNECT_TIMEOUT_MS = 3_000;

  /** One API request gives up after this long. */
  public static final int REQUEST_TIMEOUT_MS = 10_000;

  private KubernetesClients() {}

  /**
   * Where the cluster configuration comes from.
   *
   * @param kubeconfig the kubeconfig file to read, or null for the in-cluster service account
   * @param description for people: "kubeconfig /home/u/.kube/config", "in-cluster service account"
   */
  public record Source(Path kubeconfig, String description) {}

  /**
   * Where to find the cluster, or why there is none. Pure: reads only the given environment and the
   * existence of files.
   *
   * @param env the process environment ({@code KUBECONFIG}, {@code KUBERNETES_SERVICE_HOST})
   * @param userHome the user's home directory ({@code ~/.kube/config})
   * @param tokenFile the service account token file of a pod
   * @return the source, or an {@link IllegalStateException} message naming what was looked for
   */
  public static Source locate(Map<String, String> env, Path userHome, Path tokenFile) {
    String kubeconfigVar = env.get("KUBECONFIG");
    if (kubeconfigVar != null && !kubeconfigVar.isBlank()) {
      List<String> missing = new ArrayList<>();
      for (String part : kubeconfigVar.split(File.pathSeparator)) {
        if (part.isBlank()) {
          continue;
        }
        Path p = Path.of(part.trim());
        if (Files.isRegularFile(p)) {
          return new Source(p, "kubeconfig " + p + " (KUBECONFIG)");
        }
        missing.add(p.toString());
      }
      throw new IllegalStateException(
          "KUBECONFIG names " + String.join(", ", missing) + ", but no such file exists");
    }
    Path home = userHome.resolve(".kube").resolve("config");
    if (Files.isRegularFile(home)) {
      return new Source(home, "kubeconfig " + home);
    }
    String serviceHost = env.get("KUBERNETES_SERVICE_HOST");
    if (serviceHost != null && !serviceHost.isBlank() && Files.isRegularFile(tokenFile)) {
      return new Source(null, "in-cluster service account");
    }
    throw new IllegalStateException(
        "KUBECONFIG is unset, "
            + home
            + " does not exist, and this is not a pod with a service account token");
  }

  /** A client for the source, with {@link #CONNECT_TIMEOUT_MS} and {@link #REQUEST_TIMEOUT_MS}. */
  public static KubernetesClient connect(Source source) {
    Config config =
        source.kubeconfig() == null
            ? Config.autoConfigure(null) // no kubeconfig exists: this reads the service account
            : Config.fromKubeconfig(source.kubeconfig().toFile());
    return build(config);
  }

  /** A client for an explicit configuration (tests, other callers), with the bounded timeouts. */
  public static KubernetesClient build(Config config) {
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    config.setRequestTimeout(REQUEST_TIMEOUT_MS);
    // The default retries a failed request ten times with back-off: a status page would hang.
    config.setRequestRetryBackoffLimit(1);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

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
