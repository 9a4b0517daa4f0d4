package io.meshbench.platform.cluster;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.meshbench.platform.job.MeshType;
import io.meshbench.target.TargetConfig;
import io.meshbench.target.TargetServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster for tests: fabric8's mock API server in CRUD mode, a {@link TestKubelet} that runs
 * worker pods as real local processes, a real local target, and a recorder of proxy shutdowns.
 */
public final class KubeletCluster implements AutoCloseable {
  public final RecordingDispatcher dispatcher = new RecordingDispatcher();
  private final KubernetesMockServer server;
  public final KubernetesClient client;
  private final KubernetesClient kubeletClient;
  private final TargetServer target;
  private final HttpServer shutdownRecorder;
  public final AtomicInteger proxyShutdowns = new AtomicInteger();
  public final TestKubelet kubelet;

  /** The mock server logs every request at INFO: noise that slows a busy machine down. */
  private static final java.util.logging.Logger QUIET = quiet();

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    l.setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  public KubeletCluster() throws IOException {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    // The executors' own timeouts and retries (not the mock's default of ten retries, up to 19 s
    // per failing call), so a test sees how long a real job takes to notice a lost cluster.
    KubernetesClient mockClient = server.createClient();
    client =
        KubernetesClients.build(
            new ConfigBuilder(mockClient.getConfiguration()).build(),
            KubernetesClients.Purpose.JOBS);
    mockClient.close();
    Config kubeletConfig =
        new ConfigBuilder(client.getConfiguration())
            .withUserAgent(RecordingDispatcher.KUBELET_AGENT)
            .build();
    kubeletClient = new KubernetesClientBuilder().withConfig(kubeletConfig).build();
    target = TargetServer.start(TargetConfig.defaults().withGrpcPort(0));
    shutdownRecorder =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    shutdownRecorder.createContext(
        "/",
        exchange -> {
          proxyShutdowns.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    shutdownRecorder.start();
    kubelet =
        new TestKubelet(
            kubeletClient,
            target.httpUrl(),
            target.grpcTarget(),
            "http://127.0.0.1:" + shutdownRecorder.getAddress().getPort() + "/quitquitquit");
    dispatcher.logs = kubelet::logRequest;
  }

  /** Puts a mesh's control plane (as the adapters detect it) into the cluster, ready. */
  public void install(MeshType mesh) {
    switch (mesh) {
      case BASELINE -> {}
      case ISTIO ->
          controlPlane(
              "istio-system", "istiod", Map.of("app", "istiod"), "docker.io/istio/pilot:1.24.0");
      case ISTIO_AMBIENT -> {
        controlPlane(
            "istio-system", "istiod", Map.of("app", "istiod"), "docker.io/istio/pilot:1.24.0");
        daemonSet(
            "istio-system", "ztunnel", Map.of("app", "ztunnel"), "docker.io/istio/ztunnel:1.24.0");
      }
      case LINKERD ->
          controlPlane(
              "linkerd",
              "linkerd-destination",
              Map.of("linkerd.io/control-plane-component", "destination"),
              "cr.l5d.io/linkerd/controller:edge-24.11.1");
      case CONSUL ->
          controlPlane(
              "consul",
              "consul-connect-injector",
              Map.of("app", "consul", "component", "connect-injector"),
              "hashicorp/consul-k8s-control-plane:1.6.0");
      case CILIUM, CILIUM_L7 -> {
        if (mesh == MeshType.CILIUM_L7) {
          MockCluster.crd(
              kubeletClient, io.meshbench.platform.mesh.MeshDetection.CILIUM_POLICY_CRD);
        }
        daemonSet(
            "kube-system",
            "cilium",
            Map.of("k8s-app", "cilium"),
            "quay.io/cilium/cilium:v1.16.3@sha256:abc");
        var agent =
            new PodBuilder()
                .withNewMetadata()
                .withName("cilium-abcde")
                .withNamespace("kube-system")
                .withLabels(Map.of("k8s-app", "cilium"))
                .endMetadata()
                .withNewSpec()
                .withNodeName(TestKubelet.NODE)
                .addNewContainer()
                .withName("cilium-agent")
                .withImage("cilium")
                .endContainer()
                .endSpec()
                .build();
        kubeletClient.resource(agent).create();
        kubeletClient
            .pods()
            .inNamespace("kube-system")
            .withName("cilium-abcde")
            .editStatus(
                p -> {
                  p.setStatus(
                      new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                          .withPhase("Running")
                          .build());
                  return p;
                });
      }
    }
  }

  private void controlPlane(String ns, String name, Map<String, String> labels, String image) {
    var d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .withMatchLabels(labels)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("discovery")
            .withImage(image)
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    kubeletClient.resource(d).create();
    kubeletClient
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName(name)
        .editStatus(
            x -> {
              x.setStatus(
                  new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                      .withReplicas(1)
                      .withReadyReplicas(1)
                      .withAvailableReplicas(1)
                      .build());
              return x;
            });
  }

  private void daemonSet(String ns, String name, Map<String, String> labels, String image) {
    var d =
        new DaemonSetBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .withMatchLabels(labels)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(name)
            .withImage(image)
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    kubeletClient.resource(d).create();
    kubeletClient
        .apps()
        .daemonSets()
        .inNamespace(ns)
        .withName(name)
        .editStatus(
            x -> {
              x.setStatus(
                  new io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder()
                      .withNumberReady(1)
                      .withDesiredNumberScheduled(1)
                      .build());
              return x;
            });
  }

  /** Everything meshbench created that still exists: must be empty after every job. */
  public List<String> leftovers() {
    var managed = Map.of(ClusterLabels.MANAGED_BY, ClusterLabels.MANAGER);
    List<HasMetadata> found = new ArrayList<>();
    found.addAll(kubeletClient.namespaces().withLabels(managed).list().getItems());
    found.addAll(
        kubeletClient.apps().deployments().inAnyNamespace().withLabels(managed).list().getItems());
    found.addAll(kubeletClient.services().inAnyNamespace().withLabels(managed).list().getItems());
    found.addAll(
        kubeletClient.batch().v1().jobs().inAnyNamespace().withLabels(managed).list().getItems());
    found.addAll(kubeletClient.pods().inAnyNamespace().withLabels(managed).list().getItems());
    found.addAll(
        kubeletClient
            .genericKubernetesResources(io.meshbench.platform.mesh.CiliumResources.NETWORK_POLICIES)
            .inAnyNamespace()
            .withLabels(managed)
            .list()
            .getItems());
    return found.stream()
        .map(
            o ->
                o.getKind()
                    + " "
                    + o.getMetadata().getNamespace()
                    + "/"
                    + o.getMetadata().getName())
        .toList();
  }

  /** A client that bypasses the recording, for test set-up and checks. */
  public KubernetesClient admin() {
    return kubeletClient;
  }

  @Override
  public void close() throws Exception {
    kubelet.close();
    shutdownRecorder.stop(0);
    target.close();
    client.close();
    kubeletClient.close();
    server.destroy();
  }
}
