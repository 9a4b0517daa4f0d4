package io.meshbench.platform.mesh;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks the pod's own sidecar proxy to exit, so that a Job's pod completes once the worker is done
 * (Istio {@code POST :15020/quitquitquit}, Linkerd {@code POST :4191/shutdown}, Consul {@code POST
 * :20600/graceful_shutdown}).
 */
public final class ProxyShutdown {
  private ProxyShutdown() {}

  /** POSTs to the URL; returns what happened in a few words. Never throws: the run is over. */
  public static String post(String url) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(3))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      return "HTTP " + response.statusCode();
    } catch (IOException e) {
      return "failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
