package io.meshbench.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.mesh.MeshDetection;
import io.meshbench.platform.mesh.MeshInstallation;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeshDetectionTest {
  private final MockCluster cluster = new MockCluster();
  private final MeshDetection detection = new MeshDetection(cluster.client);

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void anEmptyClusterHasOnlyBaseline() {
    for (MeshInstallation m : detection.detectAll()) {
      boolean baseline = m.meshType() == MeshType.BASELINE;
      assertThat(m.installed()).as("%s installed", m.meshType()).isEqualTo(baseline);
      assertThat(m.controlPlaneReady()).as("%s ready", m.meshType()).isEqualTo(baseline);
      assertThat(m.version()).isNull();
    }
    assertThat(detection.detect(MeshType.ISTIO).detail()).contains("istiod");
    assertThat(detection.detect(MeshType.LINKERD).detail()).contains("linkerd-destination");
    assertThat(detection.detect(MeshType.CILIUM_L7).detail())
        .contains(MeshDetection.CILIUM_POLICY_CRD);
    assertThat(detection.detectAll()).hasSize(MeshType.values().length);
  }

  @Test
  void istioVersionComesFromTheVersionLabelAndReadinessFromAvailableReplicas() {
    cluster.deployment(
        "istio-system",
        "istiod",
        Map.of("app", "istiod", "app.kubernetes.io/version", "1.24.2"),
        "docker.io/istio/pilot:1.24.1",
        true);
    MeshInstallation istio = detection.detect(MeshType.ISTIO);
    assertThat(istio.installed()).isTrue();
    assertThat(istio.version()).isEqualTo("1.24.2");
    assertThat(istio.controlPlaneReady()).isTrue();
    assertThat(istio.components()).containsExactly("istio-system/Deployment/istiod");
    assertThat(istio.detail()).contains("1/1 available");
    // istiod alone is not ambient: ztunnel is missing
    MeshInstallation ambient = detection.detect(MeshType.ISTIO_AMBIENT);
    assertThat(ambient.installed()).isFalse();
    assertThat(ambient.detail()).contains("ztunnel");
  }

  @Test
  void aRevisionedIstiodIsFoundByLabelAndNotReadyWithoutAvailableReplicas() {
    cluster.deployment(
        "istio-canary",
        "istiod-1-25",
        Map.of("app", "istiod"),
        "gcr.io/istio-release/pilot:1.25.0@sha256:abc",
        false);
    MeshInstallation istio = detection.detect(MeshType.ISTIO);
    assertThat(istio.installed()).isTrue();
    assertThat(istio.version()).isEqualTo("1.25.0");
    assertThat(istio.controlPlaneReady()).isFalse();
    assertThat(istio.detail()).contains("0/1 available");
  }

  @Test
  void ambientNeedsIstiodAndAZtunnelReadyOnEveryNode() {
    cluster.deployment(
        "istio-system", "istiod", Map.of("app", "istiod"), "istio/pilot:1.24.2", true);
    cluster.daemonSet(
        "istio-system", "ztunnel", Map.of("app", "ztunnel"), "istio/ztunnel:1.24.2", 3, 2);
    MeshInstallation ambient = detection.detect(MeshType.ISTIO_AMBIENT);
    assertThat(ambient.installed()).isTrue();
    assertThat(ambient.version()).isEqualTo("1.24.2");
    assertThat(ambient.controlPlaneReady()).isFalse();
    assertThat(ambient.detail()).contains("2/3 nodes ready");
  }

  @Test
  void ambientIsReadyWhenZtunnelRunsEverywhere() {
    cluster.deployment(
        "istio-system", "istiod", Map.of("app", "istiod"), "istio/pilot:1.24.2", true);
    cluster.daemonSet(
        "istio-system", "ztunnel", Map.of("app", "ztunnel"), "istio/ztunnel:1.24.2", 2, 2);
    assertThat(detection.detect(MeshType.ISTIO_AMBIENT).controlPlaneReady()).isTrue();
  }

  @Test
  void linkerd() {
    cluster.deployment(
        "linkerd",
        "linkerd-destination",
        Map.of("linkerd.io/control-plane-component", "destination"),
        "cr.l5d.io/linkerd/controller:edge-24.11.8",
        true);
    MeshInstallation l = detection.detect(MeshType.LINKERD);
    assertThat(l.installed()).isTrue();
    assertThat(l.version()).isEqualTo("edge-24.11.8");
    assertThat(l.controlPlaneReady()).isTrue();
  }

  @Test
  void ciliumAndItsL7Mode() {
    cluster.daemonSet(
        "kube-system",
        "cilium",
        Map.of("k8s-app", "cilium"),
        "quay.io/cilium/cilium:v1.16.3@sha256:1",
        2,
        2);
    MeshInstallation cilium = detection.detect(MeshType.CILIUM);
    assertThat(cilium.installed()).isTrue();
    assertThat(cilium.version()).isEqualTo("v1.16.3");
    assertThat(cilium.controlPlaneReady()).isTrue();
    // L7 also needs the policy CRD
    assertThat(detection.detect(MeshType.CILIUM_L7).installed()).isFalse();
    cluster.crd(MeshDetection.CILIUM_POLICY_CRD);
    MeshInstallation l7 = detection.detect(MeshType.CILIUM_L7);
    assertThat(l7.installed()).isTrue();
    assertThat(l7.controlPlaneReady()).isTrue();
    assertThat(l7.detail()).contains("Envoy runs inside the cilium agent");
    // a standalone Envoy DaemonSet that is not ready makes L7 not ready
    cluster.daemonSet(
        "kube-system",
        "cilium-envoy",
        Map.of("k8s-app", "cilium-envoy"),
        "quay.io/cilium/cilium-envoy:v1.30",
        2,
        0);
    MeshInstallation withEnvoy = detection.detect(MeshType.CILIUM_L7);
    assertThat(withEnvoy.controlPlaneReady()).isFalse();
    assertThat(withEnvoy.components()).contains("kube-system/DaemonSet/cilium-envoy");
  }

  @Test
  void consulConnectInjectorInAnyNamespace() {
    cluster.deployment(
        "service-mesh",
        "mesh-consul-connect-injector",
        Map.of("app", "consul", "component", "connect-injector"),
        "hashicorp/consul-k8s-control-plane:1.6.1",
        true);
    MeshInstallation c = detection.detect(MeshType.CONSUL);
    assertThat(c.installed()).isTrue();
    assertThat(c.version()).isEqualTo("1.6.1");
    assertThat(c.controlPlaneReady()).isTrue();
    assertThat(c.components())
        .containsExactly("service-mesh/Deployment/mesh-consul-connect-injector");
  }

  @Test
  void imageTags() {
    assertThat(MeshDetection.imageTag("istio/pilot:1.24.2")).isEqualTo("1.24.2");
    assertThat(MeshDetection.imageTag("registry:5000/istio/pilot")).isNull();
    assertThat(MeshDetection.imageTag("registry:5000/cilium:v1@sha256:ff")).isEqualTo("v1");
    assertThat(MeshDetection.imageTag(null)).isNull();
  }
}
