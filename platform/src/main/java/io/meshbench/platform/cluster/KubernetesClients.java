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

  /**
   * What a client is for, and so how long it waits: the one place where cluster timeouts are set.
   *
   * @param connectTimeoutMs a TCP connect to the API server gives up after this long
   * @param requestTimeoutMs one API request gives up after this long
   * @param retryBackoffLimit retries of a failed request (fabric8's default of ten with back-off
   *     would hang a status page for minutes)
   */
  public enum Purpose {
    /** The server's cluster routes and status: answer or fail fast. */
    ROUTES(3_000, 10_000, 1),
    /**
     * Running jobs: a few quick retries ride out a blip; a cluster that is gone must still show
     * within a job's poll ({@code ClusterRun}'s lost-cluster window).
     */
    JOBS(5_000, 15_000, 3);

    public final int connectTimeoutMs;
    public final int requestTimeoutMs;
    public final int retryBackoffLimit;

    Purpose(int connectTimeoutMs, int requestTimeoutMs, int retryBackoffLimit) {
      this.connectTimeoutMs = connectTimeoutMs;
      this.requestTimeoutMs = requestTimeoutMs;
      this.retryBackoffLimit = retryBackoffLimit;
    }
  }

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

  /** A client for the source, with the timeouts of its purpose. */
  public static KubernetesClient connect(Source source, Purpose purpose) {
    Config config =
        source.kubeconfig() == null
            ? Config.autoConfigure(null) // no kubeconfig exists: this reads the service account
            : Config.fromKubeconfig(source.kubeconfig().toFile());
    return build(config, purpose);
  }

  /** A client for an explicit configuration (tests, other callers), with its purpose's timeouts. */
  public static KubernetesClient build(Config config, Purpose purpose) {
    config.setConnectionTimeout(purpose.connectTimeoutMs);
    config.setRequestTimeout(purpose.requestTimeoutMs);
    config.setRequestRetryBackoffLimit(purpose.retryBackoffLimit);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Where this process finds its cluster: {@link #locate} over the real environment.
   *
   * @throws IllegalStateException naming what was looked for, when nothing names a cluster
   */
  public static Source locate() {
    return locate(System.getenv(), Path.of(System.getProperty("user.home")), SERVICE_ACCOUNT_TOKEN);
  }

  /**
   * A client for running jobs in the cluster this process finds ({@link #locate()}); it connects
   * lazily, so check it with {@link #unreachableReason}.
   *
   * @throws IllegalStateException naming what was looked for, when nothing names a cluster
   */
  public static KubernetesClient forJobs() {
    return connect(locate(), Purpose.JOBS);
  }

  /** Whether the environment names a cluster at all (kubeconfig or in-cluster service account). */
  public static boolean configured() {
    try {
      locate();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
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
