package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.platform.job.MeshType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Detects each mesh from its well-known control-plane objects: istiod (Deployment, label {@code
 * app=istiod}), ztunnel (DaemonSet) for ambient, linkerd-destination, the cilium agent DaemonSet,
 * Cilium's Envoy DaemonSet and CiliumNetworkPolicy CRD for L7, Consul's connect-injector. A
 * Deployment is ready when at least one replica is available; a DaemonSet when it runs ready on
 * every node it is scheduled to. Versions come from the objects' version labels, else from the
 * control-plane image tag.
 */
public final class MeshDetection {
  public static final String CILIUM_POLICY_CRD = "ciliumnetworkpolicies.cilium.io";

  /** Version labels, most specific first. */
  private static final List<String> VERSION_LABELS =
      List.of(
          "operator.istio.io/version",
          "linkerd.io/control-plane-version",
          "app.kubernetes.io/version",
          "version");

  private final KubernetesClient client;

  public MeshDetection(KubernetesClient client) {
    this.client = client;
  }

  /** Every mesh type, in {@link MeshType} order. */
  public List<MeshInstallation> detectAll() {
    List<MeshInstallation> all = new ArrayList<>();
    for (MeshType m : MeshType.values()) {
      all.add(detect(m));
    }
    return all;
  }

  /**
   * The mesh as a job needs it (the same finding as {@link #detect}, so that {@code
   * /kubernetes/meshes} and a job never disagree): usable when installed with a ready control
   * plane; for Istio, the revision to inject with when istiod carries one.
   */
  public MeshStatus status(MeshType mesh) {
    MeshInstallation found = detect(mesh);
    if (!found.installed()) {
      return MeshStatus.missing(mesh, mesh.wireName() + " is not installed: " + found.detail());
    }
    if (!found.controlPlaneReady()) {
      return MeshStatus.notReady(
          mesh,
          found.version(),
          mesh.wireName() + " is installed but its control plane is not ready: " + found.detail());
    }
    MeshStatus status = MeshStatus.ready(mesh, found.version());
    if (mesh == MeshType.ISTIO) {
      Map<String, String> labels = istiod().getMetadata().getLabels();
      String rev = labels == null ? null : labels.get("istio.io/rev");
      if (rev != null && !rev.equals("default")) {
        status = status.withRevision(rev);
      }
    }
    return status;
  }

  public MeshInstallation detect(MeshType mesh) {
    return switch (mesh) {
      case BASELINE ->
          new MeshInstallation(mesh, true, null, true, List.of(), "no mesh: nothing to install");
      case ISTIO ->
          fromDeployment(mesh, istiod(), "istiod (Deployment app=istiod; istioctl install)");
      case ISTIO_AMBIENT -> ambient();
      case LINKERD ->
          fromDeployment(
              mesh,
              deployment(
                  "linkerd",
                  "linkerd-destination",
                  "linkerd.io/control-plane-component",
                  "destination"),
              "linkerd-destination (Deployment in linkerd; linkerd install)");
      case CILIUM ->
          fromDaemonSet(mesh, cilium(), "the cilium agent (DaemonSet cilium in kube-system)");
      case CILIUM_L7 -> ciliumL7();
      case CONSUL ->
          fromDeployment(
              mesh,
              deployment("consul", "consul-connect-injector", "component", "connect-injector"),
              "consul's connect-injector (Deployment component=connect-injector; helm install consul"
                  + " hashicorp/consul)");
    };
  }

  private Deployment istiod() {
    return deployment("istio-system", "istiod", "app", "istiod");
  }

  private DaemonSet cilium() {
    return daemonSet("kube-system", "cilium", "k8s-app", "cilium");
  }

  private MeshInstallation ambient() {
    Deployment istiod = istiod();
    DaemonSet ztunnel = daemonSet("istio-system", "ztunnel", "app", "ztunnel");
    List<String> components = new ArrayList<>();
    addComponent(components, istiod);
    addComponent(components, ztunnel);
    if (istiod == null || ztunnel == null) {
      return new MeshInstallation(
          MeshType.ISTIO_AMBIENT,
          false,
          null,
          false,
          components,
          "missing: "
              + (istiod == null ? "istiod " : "")
              + (ztunnel == null ? "ztunnel (DaemonSet app=ztunnel)" : "")
              + "; install with istioctl install --set profile=ambient");
    }
    boolean ready = available(istiod) && ready(ztunnel);
    return new MeshInstallation(
        MeshType.ISTIO_AMBIENT,
        true,
        version(ztunnel.getMetadata().getLabels(), ztunnel.getSpec().getTemplate()),
        ready,
        components,
        describe(istiod) + "; " + describe(ztunnel));
  }

  private MeshInstallation ciliumL7() {
    DaemonSet agent = cilium();
    DaemonSet envoy = daemonSet("kube-system", "cilium-envoy", "k8s-app", "cilium-envoy");
    boolean crd =
        client.apiextensions().v1().customResourceDefinitions().withName(CILIUM_POLICY_CRD).get()
            != null;
    List<String> components = new ArrayList<>();
    addComponent(components, agent);
    addComponent(components, envoy);
    if (crd) {
      components.add("CustomResourceDefinition/" + CILIUM_POLICY_CRD);
    }
    if (agent == null || !crd) {
      return new MeshInstallation(
          MeshType.CILIUM_L7,
          false,
          null,
          false,
          components,
          "missing: "
              + (agent == null ? "the cilium agent (DaemonSet cilium in kube-system) " : "")
              + (crd ? "" : "the CRD " + CILIUM_POLICY_CRD)
              + "; install with cilium install");
    }
    boolean ready = ready(agent) && (envoy == null || ready(envoy));
    return new MeshInstallation(
        MeshType.CILIUM_L7,
        true,
        version(agent.getMetadata().getLabels(), agent.getSpec().getTemplate()),
        ready,
        components,
        describe(agent)
            + "; "
            + (envoy == null ? "Envoy runs inside the cilium agent" : describe(envoy)));
  }

  private MeshInstallation fromDeployment(MeshType mesh, Deployment d, String what) {
    if (d == null) {
      return new MeshInstallation(mesh, false, null, false, List.of(), "not found: " + what);
    }
    return new MeshInstallation(
        mesh,
        true,
        version(d.getMetadata().getLabels(), d.getSpec().getTemplate()),
        available(d),
        List.of(component(d)),
        describe(d));
  }

  private MeshInstallation fromDaemonSet(MeshType mesh, DaemonSet ds, String what) {
    if (ds == null) {
      return new MeshInstallation(mesh, false, null, false, List.of(), "not found: " + what);
    }
    return new MeshInstallation(
        mesh,
        true,
        version(ds.getMetadata().getLabels(), ds.getSpec().getTemplate()),
        ready(ds),
        List.of(component(ds)),
        describe(ds));
  }

  /** The object by its well-known name, else the first one in any namespace with the label. */
  private Deployment deployment(String namespace, String name, String labelKey, String labelValue) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    return d != null
        ? d
        : first(
            client
                .apps()
                .deployments()
                .inAnyNamespace()
                .withLabel(labelKey, labelValue)
                .list()
                .getItems());
  }

  private DaemonSet daemonSet(String namespace, String name, String labelKey, String labelValue) {
    DaemonSet d = client.apps().daemonSets().inNamespace(namespace).withName(name).get();
    return d != null
        ? d
        : first(
            client
                .apps()
                .daemonSets()
                .inAnyNamespace()
                .withLabel(labelKey, labelValue)
                .list()
                .getItems());
  }

  private static <T extends HasMetadata> T first(List<T> items) {
    return items.stream()
        .min(
            Comparator.comparing((T i) -> i.getMetadata().getNamespace())
                .thenComparing(i -> i.getMetadata().getName()))
        .orElse(null);
  }

  private static boolean available(Deployment d) {
    Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
    return available != null && available >= 1;
  }

  private static boolean ready(DaemonSet ds) {
    if (ds.getStatus() == null) {
      return false;
    }
    Integer ready = ds.getStatus().getNumberReady();
    Integer desired = ds.getStatus().getDesiredNumberScheduled();
    return ready != null && desired != null && ready >= 1 && ready.equals(desired);
  }

  private static String describe(Deployment d) {
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
    return component(d)
        + ": "
        + (available == null ? 0 : available)
        + "/"
        + replicas
        + " available";
  }

  private static String describe(DaemonSet ds) {
    Integer ready = ds.getStatus() == null ? null : ds.getStatus().getNumberReady();
    Integer desired = ds.getStatus() == null ? null : ds.getStatus().getDesiredNumberScheduled();
    return component(ds)
        + ": "
        + (ready == null ? 0 : ready)
        + "/"
        + (desired == null ? 0 : desired)
        + " nodes ready";
  }

  private static void addComponent(List<String> components, HasMetadata o) {
    if (o != null) {
      components.add(component(o));
    }
  }

  private static String component(HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getKind() + "/" + o.getMetadata().getName();
  }

  /** From a version label of the object or its pods, else the first container's image tag. */
  static String version(Map<String, String> labels, PodTemplateSpec template) {
    for (Map<String, String> l :
        List.of(
            labels == null ? Map.<String, String>of() : labels,
            template == null
                    || template.getMetadata() == null
                    || template.getMetadata().getLabels() == null
                ? Map.<String, String>of()
                : template.getMetadata().getLabels())) {
      for (String key : VERSION_LABELS) {
        String v = l.get(key);
        if (v != null && !v.isBlank()) {
          return v;
        }
      }
    }
    if (template == null
        || template.getSpec() == null
        || template.getSpec().getContainers() == null
        || template.getSpec().getContainers().isEmpty()) {
      return null;
    }
    return imageTag(template.getSpec().getContainers().get(0).getImage());
  }

  /**
   * The tag of an image reference: {@code quay.io/cilium/cilium:v1.16.3@sha256:…} → {@code
   * v1.16.3}; null without a tag (a registry port is not a tag).
   */
  public static String imageTag(String image) {
    if (image == null) {
      return null;
    }
    int digest = image.indexOf('@');
    String ref = digest >= 0 ? image.substring(0, digest) : image;
    int colon = ref.lastIndexOf(':');
    return colon > ref.lastIndexOf('/') && colon < ref.length() - 1
        ? ref.substring(colon + 1)
        : null;
  }
}
