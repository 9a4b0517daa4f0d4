package io.meshbench.platform.mesh;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.meshbench.platform.job.MeshType;

/**
 * Whether a mesh is installed in the cluster, which version, and whether its control plane is ready
 * to take pods.
 *
 * @param version the control plane's version (e.g. {@code 1.24.2}, {@code stable-2.14.10}), or null
 *     when not installed or not discernible
 * @param components the control-plane objects found, as {@code namespace/kind/name}
 * @param detail what was found or what is missing, for people
 */
public record MeshInstallation(
    @JsonProperty("mesh_type") MeshType meshType,
    boolean installed,
    String version,
    @JsonProperty("control_plane_ready") boolean controlPlaneReady,
    java.util.List<String> components,
    String detail) {}
