package io.meshbench.platform.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SidecarMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run under no mesh fails verification when Istio's ambient data plane took its pods. */
class NoMeshVerifyTest {
  private static Pod pod(Map<String, String> annotations) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("mb-job-target-1")
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("target")
        .endContainer()
        .endSpec()
        .build();
  }

  @Test
  void baselinePodsRedirectedByAmbientAreAProblemAndPlainOnesAreNot() {
    MeshAdapter baseline = MeshAdapters.forType(MeshType.BASELINE);
    Pod redirected = pod(Map.of("ambient.istio.io/redirection", "enabled"));
    Pod plain = pod(Map.of());

    List<String> problems =
        baseline.verify(null, Side.SERVER, SidecarMode.BOTH, List.of(redirected, plain));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("mb-job-target-1", "ambient", "baseline");
    assertThat(baseline.podLabels(Side.SERVER, SidecarMode.BOTH))
        .containsEntry("istio.io/dataplane-mode", "none");
    assertThat(
            MeshAdapters.forType(MeshType.ISTIO_AMBIENT).podLabels(Side.SERVER, SidecarMode.BOTH))
        .doesNotContainKey("istio.io/dataplane-mode");
  }
}
