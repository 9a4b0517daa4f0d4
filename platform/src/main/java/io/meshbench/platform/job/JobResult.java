package io.meshbench.platform.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.meshbench.engine.stats.RunResult;
import io.meshbench.platform.cluster.ClusterReport;
import io.meshbench.platform.cluster.ResourceUsage;

/**
 * A job document's {@code result} as written (DESIGN §5): the engine's figures and, for a cluster
 * run, the containers' CPU and memory beside them as {@code resources}. In memory the resources
 * belong to the {@link ClusterReport} that measured them; only the JSON puts them here, where the
 * job document's readers look for them. The engine's result knows nothing of clusters.
 *
 * @param resources null for a local run (and then absent from JSON)
 */
public record JobResult(
    @JsonUnwrapped RunResult run,
    @JsonProperty("resources") @JsonInclude(JsonInclude.Include.NON_NULL) ResourceUsage resources) {

  /** The result of {@code run} as written, with {@code cluster}'s resources; null without a run. */
  public static JobResult of(RunResult run, ClusterReport cluster) {
    return run == null ? null : new JobResult(run, cluster == null ? null : cluster.resources());
  }

  /**
   * {@code cluster} carrying the resources read from a result, unless it has its own. Resources
   * belong to a cluster run: a document with {@code result.resources} but no {@code cluster} (never
   * written by meshbench) reads without them.
   */
  public static ClusterReport withResources(ClusterReport cluster, JobResult result) {
    if (cluster == null || cluster.resources() != null || result == null) {
      return cluster;
    }
    return cluster.withResources(result.resources());
  }
}
