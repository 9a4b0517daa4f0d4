package io.meshbench.platform.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.search.SearchSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job as the user asked for it, in the API's words (seconds, {@code concurrent_connections}),
 * kept compatible with the system meshbench replaces. The engine's {@code LoadSpec} is derived from
 * it.
 *
 * @param duration measured seconds, warm-up excluded
 * @param warmup seconds sent but not recorded
 * @param rate requests per second in total; 0 is the closed model
 * @param serviceUrl the target; null means the built-in target
 * @param search null for a run at {@code rate}; else a search for the highest rate at which the
 *     objectives hold, each step lasting {@code search.step_duration} after {@code warmup}
 * @param sidecarMode which sides get a proxy in a sidecar mesh; null means both
 * @param meshTypes a mesh matrix: the meshes to run interleaved (empty: just {@code meshType})
 */
public record JobSpec(
    @JsonProperty("test_type") Protocol testType,
    @JsonProperty("mesh_type") MeshType meshType,
    @JsonProperty("namespace") String namespace,
    @JsonProperty("duration") double duration,
    @JsonProperty("warmup") double warmup,
    @JsonProperty("rate") double rate,
    @JsonProperty("concurrent_connections") int concurrentConnections,
    @JsonProperty("service_url") String serviceUrl,
    @JsonProperty("payload_bytes") int payloadBytes,
    @JsonProperty("workers") int workers,
    @JsonProperty("iterations") int iterations,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("search") @JsonInclude(JsonInclude.Include.NON_NULL) SearchSpec search,
    @JsonProperty("sidecar_mode") @JsonInclude(JsonInclude.Include.NON_NULL)
        SidecarMode sidecarMode,
    @JsonProperty("mesh_types") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<MeshType> meshTypes) {

  public JobSpec {
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    meshTypes = meshTypes == null ? List.of() : List.copyOf(meshTypes);
  }

  /** A single-mesh job with proxies on both sides. */
  public JobSpec(
      Protocol testType,
      MeshType meshType,
      String namespace,
      double duration,
      double warmup,
      double rate,
      int concurrentConnections,
      String serviceUrl,
      int payloadBytes,
      int workers,
      int iterations,
      Map<String, String> labels) {
    this(
        testType,
        meshType,
        namespace,
        duration,
        warmup,
        rate,
        concurrentConnections,
        serviceUrl,
        payloadBytes,
        workers,
        iterations,
        labels,
        null,
        null,
        List.of());
  }

  /** Which sides get a proxy in a sidecar mesh. */
  public SidecarMode sidecar() {
    return sidecarMode == null ? SidecarMode.BOTH : sidecarMode;
  }

  /** The same job under another mesh (one cell of a mesh matrix). */
  public JobSpec withMesh(MeshType mesh) {
    return new JobSpec(
        testType,
        mesh,
        namespace,
        duration,
        warmup,
        rate,
        concurrentConnections,
        serviceUrl,
        payloadBytes,
        workers,
        iterations,
        labels,
        search,
        sidecarMode,
        List.of());
  }

  /**
   * This job as a mesh matrix over {@code meshes}, its {@code mesh_type} the matrix's reference
   * (baseline when listed, else the first): the mesh the others are compared against.
   */
  public JobSpec withMeshTypes(List<MeshType> meshes) {
    return new JobSpec(
        testType,
        SpecRules.matrixReference(meshes),
        namespace,
        duration,
        warmup,
        rate,
        concurrentConnections,
        serviceUrl,
        payloadBytes,
        workers,
        iterations,
        labels,
        search,
        sidecarMode,
        meshes);
  }

  /** This spec as a search. */
  public JobSpec withSearch(SearchSpec searchSpec) {
    return new JobSpec(
        testType,
        meshType,
        namespace,
        duration,
        warmup,
        rate,
        concurrentConnections,
        serviceUrl,
        payloadBytes,
        workers,
        iterations,
        labels,
        searchSpec,
        sidecarMode,
        meshTypes);
  }
}
