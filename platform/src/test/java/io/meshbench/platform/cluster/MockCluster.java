package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server in CRUD mode on an ephemeral loopback port, with helpers that seed the
 * objects a real cluster would hold. Status is written the way a controller writes it, through the
 * status subresource, because CRUD mode does not run controllers.
 */
public final class MockCluster implements AutoCloseable {
  private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();

  /**
   * CRUD mode (the dispatcher stores what is created; the mixed dispatcher also serves the server's
   * own expectations, such as {@code /version}), plain HTTP: no TLS set-up per test.
   */
  public final KubernetesMockServer server =
      new KubernetesMockServer(
          new Context(),
          new MockWebServer(),
          expectations,
          new KubernetesMixedDispatcher(expectations),
          false,
          new VersionInfo.Builder()
              .withMajor("1")
              .withMinor("33")
              .withGitVersion("v1.33.1")
              .build());

  public final KubernetesClient client;

  public MockCluster() {
    server.init(InetAddress.getLoopbackAddress(), 0);
    client =
        KubernetesClients.build(
            server.createClient().getConfiguration(), KubernetesClients.Purpose.ROUTES);
  }

  public void namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
    if (client.namespaces().withName(name).get() != null) {
      client.namespaces().withName(name).delete();
    }
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewStatus()
                .withPhase("Active")
                .endStatus()
                .build())
        .create();
  }

  public void node(String name, boolean ready, String cpu, String memory, String role) {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("node-role.kubernetes.io/" + role, ""))
                .endMetadata()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .addNewAddress()
                .withType("InternalIP")
                .withAddress("10.0.0.2")
                .endAddress()
                .withCapacity(
                    Map.of(
                        "cpu",
                        new Quantity(cpu),
                        "memory",
                        new Quantity(memory),
                        "pods",
                        new Quantity("110")))
                .withAllocatable(
                    Map.of(
                        "cpu",
                        new Quantity("1900m"),
                        "memory",
                        new Quantity("7Gi"),
                        "pods",
                        new Quantity("110")))
                .withNewNodeInfo()
                .withKubeletVersion("v1.33.1")
                .withOsImage("Debian GNU/Linux 12 (bookworm)")
                .withContainerRuntimeVersion("containerd://2.1.1")
                .withArchitecture("amd64")
                .endNodeInfo()
                .endStatus()
                .build())
        .create();
  }

  /** Creates the namespace unless it exists: objects need one, as in a real cluster. */
  private void ensureNamespace(String name) {
    if (client.namespaces().withName(name).get() == null) {
      namespace(name, Map.of(), Map.of());
    }
  }

  /** A Deployment with {@code available} of one replica available. */
  public void deployment(
      String namespace, String name, Map<String, String> labels, String image, boolean available) {
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
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
    ensureNamespace(namespace);
    Deployment created = client.apps().deployments().resource(d).create();
    created.setStatus(
        new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withReplicas(1)
            .withReadyReplicas(available ? 1 : 0)
            .withAvailableReplicas(available ? 1 : 0)
            .build());
    client.apps().deployments().resource(created).updateStatus();
  }

  /** A DaemonSet scheduled to {@code desired} nodes, ready on {@code ready} of them. */
  public void daemonSet(
      String namespace,
      String name,
      Map<String, String> labels,
      String image,
      int desired,
      int ready) {
    DaemonSet ds =
        new DaemonSetBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
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
    ensureNamespace(namespace);
    DaemonSet created = client.apps().daemonSets().resource(ds).create();
    created.setStatus(
        new io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder()
            .withDesiredNumberScheduled(desired)
            .withCurrentNumberScheduled(desired)
            .withNumberReady(ready)
            .withNumberMisscheduled(0)
            .build());
    client.apps().daemonSets().resource(created).updateStatus();
  }

  public void crd(String name) {
    crd(client, name);
  }

  /** Serves a namespaced custom resource, {@code plural.group}, in version v2 (Cilium's). */
  static void crd(KubernetesClient client, String name) {
    String[] parts = name.split("\\.", 2);
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withGroup(parts[1])
                .withScope("Namespaced")
                .withNewNames()
                .withPlural(parts[0])
                .withKind("CiliumNetworkPolicy")
                .endNames()
                .addNewVersion()
                .withName("v2")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build())
        .create();
  }

  public void service(String namespace, String name, int port) {
    ensureNamespace(namespace);
    client
        .services()
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("10.96.0.10")
                .withSelector(Map.of("app", name))
                .addNewPort()
                .withName("http")
                .withPort(port)
                .withNewTargetPort("http")
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  /**
   * A running pod with an application container {@code app} and the given sidecar containers;
   * {@code restarts} of the application container; ready when every container is.
   */
  public Pod pod(
      String namespace,
      String name,
      List<String> sidecars,
      Map<String, String> annotations,
      boolean ready,
      int restarts) {
    List<String> names = new ArrayList<>(List.of("app"));
    names.addAll(sidecars);
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .withNodeName("node-a")
            .endSpec();
    for (String c : names) {
      b.editSpec()
          .addToContainers(new ContainerBuilder().withName(c).withImage("img/" + c + ":1").build())
          .endSpec();
    }
    b.withNewStatus()
        .withPhase("Running")
        .withPodIP("10.244.0.7")
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus();
    for (String c : names) {
      b.editStatus()
          .addToContainerStatuses(
              new ContainerStatusBuilder()
                  .withName(c)
                  .withReady(ready)
                  .withRestartCount(c.equals("app") ? restarts : 0)
                  .withNewState()
                  .withNewRunning()
                  .endRunning()
                  .endState()
                  .build())
          .endStatus();
    }
    ensureNamespace(namespace);
    return client.pods().resource(b.build()).create();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
