package io.meshbench.platform.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The server's view of its cluster: the client when one is configured, why not otherwise, and a
 * cached, bounded reachability check ({@link ReachabilityCheck}).
 */
public final class ClusterConnection implements AutoCloseable {
  /** A reachability answer is reused this long. */
  public static final long CHECK_TTL_MS = 10_000;

  /** A caller waits at most this long for a reachability check under way. */
  public static final long CHECK_WAIT_MS = 1_500;

  private static final Executor CHECKS =
      r -> {
        Thread t = new Thread(r, "meshbench-cluster-check");
        t.setDaemon(true);
        t.start();
      };

  private final KubernetesClient client;
  private final String source;
  private final String unavailableReason;
  private final ReachabilityCheck check;

  private ClusterConnection(KubernetesClient client, String source, String unavailableReason) {
    this.client = client;
    this.source = source;
    this.unavailableReason = unavailableReason;
    this.check =
        client == null
            ? null
            : new ReachabilityCheck(
                () -> version(client),
                System::currentTimeMillis,
                CHECK_TTL_MS,
                CHECK_WAIT_MS,
                CHECKS);
  }

  /**
   * {@code GET /version}: readable by every authenticated identity, so a fair reachability probe.
   */
  private static String version(KubernetesClient client) {
    io.fabric8.kubernetes.client.VersionInfo v = client.getKubernetesVersion();
    return v.getGitVersion() != null ? v.getGitVersion() : "v" + v.getMajor() + "." + v.getMinor();
  }

  /** No cluster: every cluster route answers 503 with {@code reason}. */
  public static ClusterConnection none(String reason) {
    return new ClusterConnection(null, null, reason);
  }

  /** A cluster reached through {@code client}; {@code source} says where its config came from. */
  public static ClusterConnection of(KubernetesClient client, String source) {
    return new ClusterConnection(client, source, null);
  }

  /**
   * The cluster the server should use: none when the executor is {@code local}, else the first of
   * {@code KUBECONFIG}, {@code ~/.kube/config} and the pod's service account.
   */
  public static ClusterConnection forServer(String executor, Map<String, String> env) {
    if (executor.equals("local")) {
      return none("the server runs with MESHBENCH_EXECUTOR=local");
    }
    KubernetesClients.Source found;
    try {
      found =
          KubernetesClients.locate(
              env,
              java.nio.file.Path.of(System.getProperty("user.home")),
              KubernetesClients.SERVICE_ACCOUNT_TOKEN);
    } catch (IllegalStateException e) {
      return none(e.getMessage());
    }
    return of(
        KubernetesClients.connect(found, KubernetesClients.Purpose.ROUTES), found.description());
  }

  /** The client, when a cluster is configured (reachable or not). */
  public Optional<KubernetesClient> client() {
    return Optional.ofNullable(client);
  }

  /** Why there is no cluster; null when one is configured. */
  public String unavailableReason() {
    return unavailableReason;
  }

  /** True when a cluster is configured and answered its latest check. */
  public boolean connected() {
    return check != null && check.current().reachable();
  }

  /** What {@code /status} says about the cluster. */
  public State state() {
    if (client == null) {
      return new State(false, false, null, null, null, unavailableReason);
    }
    ReachabilityCheck.Result r = check.current();
    return new State(
        true,
        r.reachable(),
        client.getConfiguration().getMasterUrl(),
        source,
        r.version(),
        r.reachable() ? null : "the API server did not answer: " + r.detail());
  }

  /**
   * The cluster as {@code /status} reports it.
   *
   * @param server the API server's URL
   * @param source where the configuration came from
   * @param kubernetesVersion the server's {@code gitVersion}, e.g. v1.33.1
   * @param detail why it is not configured or not connected; null when connected
   */
  public record State(
      boolean configured,
      boolean connected,
      String server,
      String source,
      @JsonProperty("kubernetes_version") String kubernetesVersion,
      String detail) {}

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
