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
    @JsonProperty("mesh_version") String meshVersion,
    @JsonProperty("mesh_verified") Boolean meshVerified) {

  /**
   * An environment before mesh verification existed (documents of older versions read with {@code
   * mesh_verified} null).
   */
  public JobEnvironment(
      String meshbenchVersion,
      String java,
      String os,
      int cpus,
      String transport,
      String kubernetesVersion,
      String meshVersion) {
    this(meshbenchVersion, java, os, cpus, transport, kubernetesVersion, meshVersion, null);
  }

  /**
   * This environment with {@code mesh_verified}: true when meshbench checked that the job's
   * mesh_type is what the traffic went through (a cluster run, or the built-in target on loopback,
   * which no mesh can be in), false for a label it took on trust (a local run against a
   * service_url).
   */
  public JobEnvironment withMeshVerified(boolean verified) {
    return new JobEnvironment(
        meshbenchVersion, java, os, cpus, transport, kubernetesVersion, meshVersion, verified);
  }

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

  /**
   * This environment with what a cluster run learnt: the cluster's and the mesh's versions, and
   * whether the mesh was verified on every pod (as {@code cluster.mesh_verified} says too).
   */
  public JobEnvironment withCluster(String kubernetes, String mesh, boolean meshVerified) {
    return new JobEnvironment(
        meshbenchVersion, java, os, cpus, transport, kubernetes, mesh, meshVerified);
  }
}
