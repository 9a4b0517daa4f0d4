package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Objects as multi-document YAML, the form {@code kubectl apply -f -} reads. */
public final class PlanYaml {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PlanYaml() {}

  public static String render(ClusterObjects objects) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata o : objects.all()) {
      String yaml = SERIALIZATION.asYaml(o);
      out.append(yaml.startsWith("---") ? yaml : "---\n" + yaml);
      if (!yaml.endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }
}
