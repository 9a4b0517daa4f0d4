package io.meshbench.platform.mesh;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.meshbench.platform.job.MeshType;

/**
 * What a cluster has of one mesh: the answer of {@code /kubernetes/meshes} and the check a job
 * makes before it creates anything.
 *
 * @param version the control plane's version (from its image tag), or null when unknown
 * @param revision the Istio revision to inject with ({@code istio.io/rev}); null for the default
 * @param detail what is missing when not installed or not ready, in words a user can act on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeshStatus(
    @JsonProperty("mesh_type") MeshType meshType,
    @JsonProperty("installed") boolean installed,
    @JsonProperty("ready") boolean ready,
    @JsonProperty("version") String version,
    @JsonProperty("revision") String revision,
    @JsonProperty("detail") String detail) {

  public static MeshStatus ready(MeshType type, String version) {
    return new MeshStatus(type, true, true, version, null, null);
  }

  public static MeshStatus missing(MeshType type, String detail) {
    return new MeshStatus(type, false, false, null, null, detail);
  }

  public static MeshStatus notReady(MeshType type, String version, String detail) {
    return new MeshStatus(type, true, false, version, null, detail);
  }

  public MeshStatus withRevision(String rev) {
    return new MeshStatus(meshType, installed, ready, version, rev, detail);
  }

  /** True when a job can run on this mesh. */
  public boolean usable() {
    return installed && ready;
  }
}
