package io.meshbench.platform.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a job ran, so that a document makes sense on its own, years later. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobEnvironment(
    @JsonProperty("meshbench_version") String meshbenchVersion,
    @JsonProperty("java") String java,
    @JsonProperty("os") String os,
    @JsonProperty("cpus") int cpus,
    @JsonProperty("transport") String transport,
    @JsonProperty("kubernetes_version") String kubernetesVersion,
    @JsonProperty("mesh_version") String meshVersion) {

  /** This machine, with the transport a run used. */
  public static JobEnvironment local(String transport) {
    return new JobEnvironment(
        Version.current(),
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        transport,
        null,
        null);
  }

  /** This environment with what a cluster run learnt: the cluster's and the mesh's versions. */
  public JobEnvironment withCluster(String kubernetes, String mesh) {
    return new JobEnvironment(meshbenchVersion, java, os, cpus, transport, kubernetes, mesh);
  }
}
