package io.meshbench.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesClientsTest {
  @TempDir Path dir;

  @Test
  void kubeconfigVariableComesFirstAndTheFirstExistingFileWins() throws IOException {
    Path real = Files.writeString(dir.resolve("real"), "apiVersion: v1\nkind: Config\n");
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve(".kube"));
    Files.writeString(home.resolve(".kube/config"), "x");
    String var = dir.resolve("missing") + File.pathSeparator + real;
    KubernetesClients.Source s =
        KubernetesClients.locate(Map.of("KUBECONFIG", var), home, dir.resolve("token"));
    assertThat(s.kubeconfig()).isEqualTo(real);
    assertThat(s.description()).contains("KUBECONFIG");
  }

  @Test
  void aKubeconfigVariableNamingNoFileIsAnErrorNotAFallback() {
    assertThatThrownBy(
            () ->
                KubernetesClients.locate(
                    Map.of("KUBECONFIG", dir.resolve("nope").toString()), dir, dir.resolve("t")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KUBECONFIG names")
        .hasMessageContaining("nope");
  }

  @Test
  void thenTheHomeKubeconfigThenTheServiceAccount() throws IOException {
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve(".kube"));
    Path token = dir.resolve("token");
    Map<String, String> inPod = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1");
    assertThatThrownBy(() -> KubernetesClients.locate(inPod, home, token))
        .hasMessageContaining("not a pod with a service account token");
    Files.writeString(token, "t");
    assertThat(KubernetesClients.locate(inPod, home, token).description())
        .isEqualTo("in-cluster service account");
    assertThat(KubernetesClients.locate(inPod, home, token).kubeconfig()).isNull();
    Files.writeString(home.resolve(".kube/config"), "x");
    assertThat(KubernetesClients.locate(inPod, home, token).kubeconfig())
        .isEqualTo(home.resolve(".kube/config"));
  }

  @Test
  void theLocalExecutorMeansNoCluster() {
    try (ClusterConnection c = ClusterConnection.forServer("local", Map.of())) {
      assertThat(c.client()).isEmpty();
      assertThat(c.connected()).isFalse();
      assertThat(c.state().configured()).isFalse();
      assertThat(c.state().detail()).contains("MESHBENCH_EXECUTOR=local");
    }
  }

  @Test
  void aClientFromAKubeconfigPointsWhereItSays() throws IOException {
    Path kubeconfig =
        Files.writeString(
            dir.resolve("config"),
            String.join(
                "\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: c",
                "  cluster: {server: 'http://127.0.0.1:1'}",
                "users:",
                "- name: u",
                "  user: {token: abc}",
                "contexts:",
                "- name: ctx",
                "  context: {cluster: c, user: u, namespace: bench}",
                "current-context: ctx",
                ""));
    var source = new KubernetesClients.Source(kubeconfig, "test");
    // One way to build a client; its purpose alone sets the timeouts.
    for (KubernetesClients.Purpose purpose : KubernetesClients.Purpose.values()) {
      try (var client = KubernetesClients.connect(source, purpose)) {
        assertThat(client.getConfiguration().getMasterUrl()).startsWith("http://127.0.0.1:1");
        assertThat(client.getConfiguration().getNamespace()).isEqualTo("bench");
        assertThat(client.getConfiguration().getRequestTimeout())
            .isEqualTo(purpose.requestTimeoutMs);
        assertThat(client.getConfiguration().getConnectionTimeout())
            .isEqualTo(purpose.connectTimeoutMs);
        assertThat(client.getConfiguration().getRequestRetryBackoffLimit())
            .isEqualTo(purpose.retryBackoffLimit);
      }
    }
    // Routes answer or fail fast; jobs may wait out a blip.
    assertThat(KubernetesClients.Purpose.ROUTES.requestTimeoutMs)
        .isLessThan(KubernetesClients.Purpose.JOBS.requestTimeoutMs);
  }
}
