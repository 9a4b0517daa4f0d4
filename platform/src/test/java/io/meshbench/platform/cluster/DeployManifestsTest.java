package io.meshbench.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshbench.platform.api.ServerConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Static validation of {@code deploy/kubernetes/}: every document parses into its fabric8 model
 * class with no unknown field (a schema check: a misspelt or misplaced field lands in
 * additionalProperties), the kustomization lists exactly the files there, and the server runs as
 * the security and operations rules require.
 */
class DeployManifestsTest {
  static final Path DIR = Path.of("..", "deploy", "kubernetes");
  static final Set<Class<?>> KINDS =
      Set.of(
          Namespace.class,
          ServiceAccount.class,
          ClusterRole.class,
          ClusterRoleBinding.class,
          io.fabric8.kubernetes.api.model.rbac.Role.class,
          io.fabric8.kubernetes.api.model.rbac.RoleBinding.class,
          PersistentVolumeClaim.class,
          Deployment.class,
          Service.class);

  static final KubernetesSerialization YAML = new KubernetesSerialization();
  static Map<String, Object> kustomization;
  static final List<HasMetadata> objects = new ArrayList<>();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    kustomization = YAML.unmarshal(Files.readString(DIR.resolve("kustomization.yaml")), Map.class);
    for (Object file : (List<Object>) kustomization.get("resources")) {
      Path p = DIR.resolve(file.toString());
      assertThat(p).as("kustomization resource %s", file).isRegularFile();
      for (String doc : Files.readString(p).split("(?m)^---\\s*$")) {
        if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
          continue;
        }
        Object o = YAML.unmarshal(doc);
        assertThat(o).as("a document of %s", file).isInstanceOf(HasMetadata.class);
        objects.add((HasMetadata) o);
      }
    }
  }

  @Test
  void theKustomizationListsEveryFileAndEveryFileExists() throws IOException {
    assertThat(kustomization.get("apiVersion")).isEqualTo("kustomize.config.k8s.io/v1beta1");
    assertThat(kustomization.get("kind")).isEqualTo("Kustomization");
    assertThat(kustomization.get("namespace")).isEqualTo("meshbench");
    Set<String> listed =
        ((List<?>) kustomization.get("resources"))
            .stream().map(Object::toString).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(DIR)) {
      Set<String> present =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
              .collect(Collectors.toSet());
      assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    }
    assertThat(listed).contains("rbac.yaml", "deployment.yaml", "service.yaml", "pvc.yaml");
  }

  @Test
  void everyObjectIsAKnownKindWithItsApiVersionAndNoUnknownField() {
    assertThat(objects).isNotEmpty();
    for (HasMetadata o : objects) {
      assertThat(o)
          .as("%s: a kind fabric8 knows", o.getKind())
          .isNotInstanceOf(GenericKubernetesResource.class);
      assertThat(KINDS).as("allowed kind").contains(o.getClass());
      assertThat(o.getApiVersion())
          .as("%s apiVersion", o.getKind())
          .isEqualTo(HasMetadata.getApiVersion(o.getClass()));
      assertThat(o.getMetadata().getName())
          .as("%s name", o.getKind())
          .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
          .hasSizeLessThanOrEqualTo(63);
      assertThat(o.getMetadata().getNamespace())
          .as("%s: the kustomization sets namespaces", o.getKind())
          .isNull();
      List<String> unknown = new ArrayList<>();
      unknownFields(o, o.getKind() + "/" + o.getMetadata().getName(), unknown);
      assertThat(unknown).as("fields the Kubernetes API does not know").isEmpty();
    }
  }

  @Test
  void theUnknownFieldCheckCatchesMisspeltAndMisplacedFields() {
    HasMetadata d =
        YAML.unmarshal(
            String.join(
                "\n",
                "apiVersion: apps/v1",
                "kind: Deployment",
                "metadata: {name: x}",
                "spec:",
                "  replica: 1",
                "  template:",
                "    spec:",
                "      containers:",
                "        - name: c",
                "          securityContext: {readOnlyRootFileSystem: true}"));
    List<String> unknown = new ArrayList<>();
    unknownFields(d, "d", unknown);
    assertThat(unknown)
        .containsExactlyInAnyOrder(
            "d.Spec.replica",
            "d.Spec.Template.Spec.Containers[0].SecurityContext.readOnlyRootFileSystem");
  }

  @Test
  void theServerRunsNonRootReadOnlyWithProbesAndResources() {
    Deployment d = one(Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getContainers()).hasSize(1);
    for (Container c : pod.getContainers()) {
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      for (String r : List.of("cpu", "memory")) {
        assertThat(c.getResources().getRequests()).as("requests").containsKey(r);
        assertThat(c.getResources().getLimits()).as("limits").containsKey(r);
      }
      Set<String> ports =
          c.getPorts().stream().map(ContainerPort::getName).collect(Collectors.toSet());
      for (Probe p : List.of(c.getLivenessProbe(), c.getReadinessProbe())) {
        assertThat(p.getHttpGet().getPath()).isEqualTo("/health");
        assertThat(ports).contains(p.getHttpGet().getPort().getStrVal());
        assertThat(p.getTimeoutSeconds()).isGreaterThanOrEqualTo(2);
      }
      // a read-only root needs a writable /tmp
      String tmp = mountOf(c, "/tmp");
      assertThat(volume(pod, tmp).getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
    }
  }

  @Test
  void theServerRunsMeshbenchServeWithTheKubernetesExecutor() {
    Deployment d = one(Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    assertThat(c.getArgs()).first().isEqualTo("serve");
    Map<String, EnvVar> env =
        c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(env.get("MESHBENCH_EXECUTOR").getValue()).isEqualTo("kubernetes");
    assertThat(env.get("MESHBENCH_HOST").getValue()).isEqualTo("0.0.0.0");
    // the API token and the database URL come from Secrets; only the database is optional
    assertThat(env.get("MESHBENCH_API_TOKEN").getValueFrom().getSecretKeyRef().getOptional())
        .isNotEqualTo(Boolean.TRUE);
    var db = env.get("MESHBENCH_DATABASE_URL").getValueFrom().getSecretKeyRef();
    assertThat(db.getOptional()).isTrue();
    // the image of the target and worker pods is the server's own image
    @SuppressWarnings("unchecked")
    Map<String, Object> image = ((List<Map<String, Object>>) kustomization.get("images")).get(0);
    assertThat(c.getImage()).isEqualTo(image.get("name"));
    assertThat(env.get("MESHBENCH_IMAGE").getValue())
        .isEqualTo(image.get("newName") + ":" + image.get("newTag"));
    // the data dir is the PVC's mount
    String dataVolume = mountOf(c, env.get("MESHBENCH_DATA_DIR").getValue());
    String claim = volume(pod, dataVolume).getPersistentVolumeClaim().getClaimName();
    assertThat(one(PersistentVolumeClaim.class).getMetadata().getName()).isEqualTo(claim);
    // the server accepts this environment (a secret of the required length stands in) and may
    // listen beyond loopback
    Map<String, String> values = new HashMap<>();
    env.forEach(
        (k, v) ->
            values.put(k, v.getValue() != null ? v.getValue() : "from-a-secret-0123456789abcdef"));
    ServerConfig config = ServerConfig.fromEnvironment(values);
    config.checkExposure();
    assertThat(config.executor()).isEqualTo("kubernetes");
    assertThat(config.port()).isEqualTo(c.getPorts().get(0).getContainerPort());
  }

  @Test
  void theServiceAccountServiceAndBindingFitTogether() {
    Deployment d = one(Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(objects)
        .filteredOn(o -> o instanceof ServiceAccount)
        .extracting(o -> o.getMetadata().getName())
        .contains(pod.getServiceAccountName());
    for (ClusterRoleBinding b :
        objects.stream()
            .filter(ClusterRoleBinding.class::isInstance)
            .map(ClusterRoleBinding.class::cast)
            .toList()) {
      assertThat(b.getSubjects())
          .anyMatch(
              s ->
                  s.getKind().equals("ServiceAccount")
                      && s.getName().equals(pod.getServiceAccountName())
                      && "meshbench".equals(s.getNamespace()));
      assertThat(objects)
          .anyMatch(
              o ->
                  o.getKind().equals(b.getRoleRef().getKind())
                      && o.getMetadata().getName().equals(b.getRoleRef().getName()));
    }
    Service s = one(Service.class);
    assertThat(s.getSpec().getSelector())
        .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels());
    String targetPort = s.getSpec().getPorts().get(0).getTargetPort().getStrVal();
    assertThat(pod.getContainers().get(0).getPorts())
        .extracting(ContainerPort::getName)
        .contains(targetPort);
  }

  private static <T> T one(Class<T> kind) {
    List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    assertThat(found).as("one %s", kind.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  private static String mountOf(Container c, String path) {
    return c.getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals(path))
        .map(VolumeMount::getName)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume mounted at " + path));
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  /**
   * Collects the paths of fields a model object did not recognise: fabric8 keeps them in {@code
   * additionalProperties} instead of failing.
   */
  private static void unknownFields(Object o, String path, List<String> out) {
    if (o == null) {
      return;
    }
    if (o instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        unknownFields(list.get(i), path + "[" + i + "]", out);
      }
      return;
    }
    if (o instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, out));
      return;
    }
    if (!o.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(o);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> out.add(path + "." + k));
        }
      } else {
        unknownFields(value, path + "." + m.getName().substring(3), out);
      }
    }
  }
}
