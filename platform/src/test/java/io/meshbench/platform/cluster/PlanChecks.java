package io.meshbench.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.job.MeshType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that planned objects are valid Kubernetes objects: each document reads back as its typed
 * fabric8 model with no field left over (a misspelt or misplaced field would land in
 * additionalProperties), names follow the DNS rules, selectors select, and every container has
 * requests, limits, a non-root user and a read-only root filesystem.
 */
public final class PlanChecks {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PlanChecks() {}

  public static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (!doc.isBlank()) {
        objects.add(SERIALIZATION.unmarshal(doc));
      }
    }
    return objects;
  }

  public static void assertValid(List<HasMetadata> objects, MeshType mesh) {
    // cilium-l7 adds its policy; consul (workers under a proxy) a headless Service over the
    // workers.
    assertThat(objects).hasSize(mesh == MeshType.CILIUM_L7 || mesh == MeshType.CONSUL ? 5 : 4);
    for (HasMetadata o : objects) {
      assertThat(o.getApiVersion()).as("apiVersion").isNotBlank();
      assertThat(o.getMetadata().getName())
          .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
          .hasSizeLessThan(64);
      assertThat(o.getMetadata().getLabels())
          .containsEntry(ClusterLabels.MANAGED_BY, "meshbench")
          .containsKey(ClusterLabels.JOB_ID);
      if (!(o instanceof GenericKubernetesResource)) {
        assertNoUnknownFields(
            o, o.getKind(), java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
      }
    }
    assertThat(objects.get(0)).isInstanceOf(Namespace.class);
    Deployment target = only(objects, Deployment.class);
    Job workers = only(objects, Job.class);
    List<Service> services =
        objects.stream().filter(Service.class::isInstance).map(Service.class::cast).toList();
    Service service =
        services.stream()
            .filter(s -> !"None".equals(s.getSpec().getClusterIP()))
            .findFirst()
            .orElseThrow();
    for (Service headless : services) {
      if ("None".equals(headless.getSpec().getClusterIP())) {
        // Consul registers a pod only through a Service that selects it.
        assertThat(mesh).isEqualTo(MeshType.CONSUL);
        assertThat(workers.getSpec().getTemplate().getMetadata().getLabels())
            .containsAllEntriesOf(headless.getSpec().getSelector());
      }
    }
    assertThat(service.getMetadata().getName()).matches("[a-z]([-a-z0-9]*[a-z0-9])?");
    Map<String, String> podLabels = target.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(target.getSpec().getSelector().getMatchLabels());
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(workers.getSpec().getCompletionMode()).isEqualTo("Indexed");
    assertThat(workers.getSpec().getParallelism()).isEqualTo(workers.getSpec().getCompletions());
    assertThat(workers.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    for (PodTemplateSpec t :
        List.of(target.getSpec().getTemplate(), workers.getSpec().getTemplate())) {
      assertThat(t.getMetadata().getLabels()).containsEntry(ClusterLabels.MANAGED_BY, "meshbench");
      assertThat(t.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
      for (Container c : t.getSpec().getContainers()) {
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      }
    }
    Container worker = workers.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(worker.getArgs()).containsExactly("worker");
    String specJson =
        worker.getEnv().stream()
            .filter(e -> e.getName().equals(WorkerEnv.SPEC))
            .findFirst()
            .orElseThrow()
            .getValue();
    try {
      LoadSpec spec = Json.mapper().readValue(specJson, LoadSpec.class);
      assertThat(spec.target()).contains(service.getMetadata().getName() + ".");
    } catch (Exception e) {
      throw new AssertionError("MESHBENCH_SPEC is not a LoadSpec: " + specJson, e);
    }
  }

  private static <T> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  /** Walks fabric8 model objects: no additionalProperties anywhere means no unknown field. */
  private static void assertNoUnknownFields(Object o, String path, Set<Object> seen) {
    if (o == null || !seen.add(o)) {
      return;
    }
    if (o instanceof Collection<?> c) {
      c.forEach(e -> assertNoUnknownFields(e, path + "[]", seen));
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.values().forEach(v -> assertNoUnknownFields(v, path + "{}", seen));
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || !m.getName().startsWith("get")
          || m.getName().equals("getClass")) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(o);
      } catch (ReflectiveOperationException e) {
        continue;
      }
      if (m.getName().equals("getAdditionalProperties")) {
        assertThat((Map<?, ?>) value).as("unknown fields at " + path).isNullOrEmpty();
      } else {
        assertNoUnknownFields(value, path + "." + m.getName().substring(3), seen);
      }
    }
  }
}
