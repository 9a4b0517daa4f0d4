package io.meshbench.platform.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.meshbench.platform.job.SidecarMode;
import io.meshbench.platform.mesh.MeshStatus;

/**
 * What a cluster run adds to its job document: where it ran, the mesh as detected, whether the pods
 * were verified to be under it, and the containers' CPU and memory over the measured window.
 *
 * @param meshVerified true when every target and worker pod passed the mesh adapter's checks
 * @param resources the containers' CPU and memory; written under the job's {@code result} (DESIGN
 *     §5, {@code JobResult}), read from here too for documents written before that
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterReport(
    @JsonProperty("namespace") String namespace,
    @JsonProperty("workers") int workers,
    @JsonProperty("image") String image,
    @JsonProperty("sidecar_mode") SidecarMode sidecarMode,
    @JsonProperty("mesh") MeshStatus mesh,
    @JsonProperty("mesh_verified") boolean meshVerified,
    @JsonProperty(value = "resources", access = JsonProperty.Access.WRITE_ONLY)
        ResourceUsage resources) {

  public ClusterReport withResources(ResourceUsage usage) {
    return new ClusterReport(namespace, workers, image, sidecarMode, mesh, meshVerified, usage);
  }
}
