package io.meshbench.platform.api;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javalin.http.Context;
import io.meshbench.platform.cluster.ClusterConnection;
import io.meshbench.platform.cluster.ClusterInspector;
import io.meshbench.platform.mesh.MeshDetection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code /kubernetes/*} routes: 503 when no cluster is configured or it does not answer, 400
 * for a namespace that is not a DNS-1123 label, 404 for one that does not exist.
 */
final class ClusterController {
  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private final ClusterConnection cluster;

  ClusterController(ClusterConnection cluster) {
    this.cluster = cluster;
  }

  void namespaces(Context ctx) {
    ctx.json(Map.of("namespaces", call(() -> inspector().namespaces())));
  }

  void nodes(Context ctx) {
    ctx.json(Map.of("nodes", call(() -> inspector().nodes())));
  }

  void meshes(Context ctx) {
    ctx.json(Map.of("meshes", call(() -> detection().detectAll())));
  }

  void meshStatus(Context ctx) {
    String ns = existingNamespace(ctx);
    ctx.json(call(() -> inspector().meshStatus(ns)));
  }

  void services(Context ctx) {
    String ns = existingNamespace(ctx);
    ctx.json(body(ns, "services", call(() -> inspector().services(ns))));
  }

  void pods(Context ctx) {
    String ns = existingNamespace(ctx);
    ctx.json(body(ns, "pods", call(() -> inspector().pods(ns))));
  }

  private static Map<String, Object> body(String ns, String key, Object items) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", ns);
    m.put(key, items);
    return m;
  }

  private String existingNamespace(Context ctx) {
    String ns = ctx.pathParam("namespace");
    if (ns.length() > 63 || !DNS_1123_LABEL.matcher(ns).matches()) {
      throw ApiError.badField(
          "namespace",
          "namespace must be a DNS-1123 label: at most 63 lower-case letters, digits and '-',"
              + " starting and ending with a letter or digit (got '"
              + ns
              + "')");
    }
    if (!call(() -> inspector().namespaceExists(ns))) {
      throw new ApiError(404, "not_found", "namespace '" + ns + "' does not exist", "namespace");
    }
    return ns;
  }

  private ClusterInspector inspector() {
    return new ClusterInspector(cluster.client().orElseThrow(this::unavailable));
  }

  private MeshDetection detection() {
    return new MeshDetection(cluster.client().orElseThrow(this::unavailable));
  }

  private ApiError unavailable() {
    return new ApiError(
        503,
        "kubernetes_unavailable",
        "no Kubernetes cluster is configured for this server ("
            + cluster.unavailableReason()
            + "). Cluster and mesh routes need MESHBENCH_EXECUTOR=kubernetes (or auto) and a"
            + " kubeconfig (KUBECONFIG or ~/.kube/config) or an in-cluster service account.",
        null);
  }

  /** " (ConnectException: Connection refused)": fabric8's own message names only the operation. */
  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }

  /** Runs one read against the cluster; the API server's failures become a 503 saying why. */
  private static <T> T call(Supplier<T> read) {
    try {
      return read.get();
    } catch (KubernetesClientException e) {
      String why =
          e.getCode() == 403
              ? "the server's service account may not read this (HTTP 403): grant it the"
                  + " ClusterRole in deploy/kubernetes/rbac.yaml"
              : e.getCode() > 0
                  ? "the API server answered HTTP " + e.getCode() + ": " + e.getMessage()
                  : "the API server did not answer: " + e.getMessage() + rootCause(e);
      throw new ApiError(503, "kubernetes_unreachable", why, null);
    }
  }
}
