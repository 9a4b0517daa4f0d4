package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRUD mock API server plus what CRUD mode does not simulate: pod logs (served by the test
 * kubelet), a cluster without metrics-server, and a cluster that goes away. It records the (verb,
 * resource) pair of every request meshbench makes (the kubelet's own requests are told apart by
 * their user agent), for the RBAC test.
 */
public final class RecordingDispatcher extends KubernetesCrudDispatcher {
  static final String KUBELET_AGENT = "meshbench-test-kubelet";

  private static final Pattern LOG =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?");
  private static final Pattern CONTAINER = Pattern.compile("(?:^|&)container=([^&]+)");
  private static final Pattern RESOURCE =
      Pattern.compile(
          "/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(?:\\?(.*))?");

  public final Set<String> calls = ConcurrentHashMap.newKeySet();
  public volatile boolean metricsServer = true;
  public volatile boolean down;
  volatile BiFunction<String, String, TestKubelet.LogAnswer> logs =
      (pod, container) -> new TestKubelet.LogAnswer(404, "no kubelet");

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    boolean kubelet = KUBELET_AGENT.equals(request.getHeader("User-Agent"));
    if (!kubelet) {
      if (down) {
        return new MockResponse()
            .setResponseCode(503)
            .setBody("{\"kind\":\"Status\",\"code\":503}");
      }
      record(request.getMethod(), path);
    }
    if (!metricsServer && path.startsWith("/apis/metrics.k8s.io/")) {
      return new MockResponse()
          .setResponseCode(404)
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
    }
    Matcher log = LOG.matcher(path);
    if (log.matches() && "GET".equals(request.getMethod())) {
      Matcher container = CONTAINER.matcher(log.group(3) == null ? "" : log.group(3));
      TestKubelet.LogAnswer answer =
          logs.apply(
              log.group(1) + "/" + log.group(2), container.find() ? container.group(1) : null);
      return answer.code() == 200
          ? new MockResponse().setResponseCode(200).setBody(answer.body())
          : new MockResponse()
              .setResponseCode(answer.code())
              .setBody(
                  "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
                      + answer.body().replace("\"", "\\\"")
                      + "\",\"code\":"
                      + answer.code()
                      + "}");
    }
    return super.dispatch(request);
  }

  /** "verb group/resource[/subresource]", the way RBAC rules name them. */
  private void record(String method, String path) {
    if (path.startsWith("/version")) {
      calls.add("get /version");
      return;
    }
    String pathOnly = path;
    Matcher m = RESOURCE.matcher(pathOnly);
    if (!m.matches()) {
      calls.add(method + " " + path);
      return;
    }
    String group = m.group(1) == null ? "" : m.group(1);
    String[] parts = path.split("\\?")[0].split("/");
    // Walk the path: [api v1 | apis g v] [namespaces ns] resource [name [sub]]
    int i = group.isEmpty() ? 3 : 4;
    String resource;
    String name = null;
    String sub = null;
    if (parts.length > i + 1 && parts[i].equals("namespaces") && parts.length > i + 2) {
      i += 2;
    }
    resource = parts[i];
    if (parts.length > i + 1) {
      name = parts[i + 1];
    }
    if (parts.length > i + 2) {
      sub = parts[i + 2];
    }
    boolean watch = path.contains("watch=true");
    String verb =
        switch (method) {
          case "GET" -> watch ? "watch" : name == null ? "list" : "get";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name == null ? "deletecollection" : "delete";
          default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    calls.add(verb + " " + group + "/" + resource + (sub == null ? "" : "/" + sub));
  }
}
