package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a job's namespace under its mesh. A namespace that does not exist is created with the job's
 * labels (so that cleanup deletes it, also after a crash); one that exists only gets the mesh's
 * labels and annotations, and {@link #undo} puts back what was there.
 */
public final class NamespacePreparer {
  private NamespacePreparer() {}

  /**
   * What {@link #prepare} did.
   *
   * @param previousLabels for a namespace that existed: the old value (null: absent) of each label
   *     set
   */
  public record Prepared(
      String name,
      boolean created,
      Map<String, String> previousLabels,
      Map<String, String> previousAnnotations) {}

  public static Prepared prepare(KubernetesClient client, Namespace desired) {
    String name = desired.getMetadata().getName();
    Namespace existing = client.namespaces().withName(name).get();
    if (existing == null) {
      client.resource(desired).create();
      return new Prepared(name, true, Map.of(), Map.of());
    }
    Map<String, String> meshLabels =
        new LinkedHashMap<>(nonNull(desired.getMetadata().getLabels()));
    // The job labels mark namespaces meshbench owns; a user's namespace must never carry them.
    meshLabels.remove(ClusterLabels.MANAGED_BY);
    meshLabels.remove(ClusterLabels.JOB_ID);
    Map<String, String> meshAnnotations = nonNull(desired.getMetadata().getAnnotations());
    Map<String, String> oldLabels = old(nonNull(existing.getMetadata().getLabels()), meshLabels);
    Map<String, String> oldAnnotations =
        old(nonNull(existing.getMetadata().getAnnotations()), meshAnnotations);
    if (!meshLabels.isEmpty() || !meshAnnotations.isEmpty()) {
      client
          .namespaces()
          .withName(name)
          .edit(
              ns ->
                  new NamespaceBuilder(ns)
                      .editMetadata()
                      .addToLabels(meshLabels)
                      .addToAnnotations(meshAnnotations)
                      .endMetadata()
                      .build());
    }
    return new Prepared(name, false, oldLabels, oldAnnotations);
  }

  /** Deletes a created namespace; restores the labels and annotations of one that existed. */
  public static void undo(KubernetesClient client, Prepared prepared) {
    if (prepared.created()) {
      client.namespaces().withName(prepared.name()).delete();
      return;
    }
    if (prepared.previousLabels().isEmpty() && prepared.previousAnnotations().isEmpty()) {
      return;
    }
    client
        .namespaces()
        .withName(prepared.name())
        .edit(
            ns -> {
              Map<String, String> labels = new HashMap<>(nonNull(ns.getMetadata().getLabels()));
              Map<String, String> annotations =
                  new HashMap<>(nonNull(ns.getMetadata().getAnnotations()));
              restore(labels, prepared.previousLabels());
              restore(annotations, prepared.previousAnnotations());
              return new NamespaceBuilder(ns)
                  .editMetadata()
                  .withLabels(labels)
                  .withAnnotations(annotations)
                  .endMetadata()
                  .build();
            });
  }

  private static Map<String, String> old(Map<String, String> current, Map<String, String> set) {
    Map<String, String> old = new HashMap<>();
    set.keySet().forEach(k -> old.put(k, current.get(k)));
    return old;
  }

  private static void restore(Map<String, String> current, Map<String, String> old) {
    old.forEach(
        (k, v) -> {
          if (v == null) {
            current.remove(k);
          } else {
            current.put(k, v);
          }
        });
  }

  private static Map<String, String> nonNull(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
