package io.meshbench.platform.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels every object meshbench creates carries: how cleanup finds them (by job id), and how a
 * user tells them apart from everything else in the cluster.
 */
public final class ClusterLabels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "meshbench";
  public static final String JOB_ID = "meshbench.io/job-id";
  public static final String NAME = "app.kubernetes.io/name";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MESH_TYPE = "meshbench.io/mesh-type";
  public static final String TARGET = "target";
  public static final String WORKER = "worker";

  private ClusterLabels() {}

  /** The labels of every object of a job. */
  public static Map<String, String> job(String jobId) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, MANAGER);
    labels.put(JOB_ID, jobId);
    return labels;
  }

  /** A job's labels plus the component (target or worker) and the mesh it runs under. */
  public static Map<String, String> component(String jobId, String component, String meshType) {
    Map<String, String> labels = job(jobId);
    labels.put(NAME, "meshbench");
    labels.put(COMPONENT, component);
    labels.put(MESH_TYPE, meshType);
    return labels;
  }

  /** Selects a job's pods of one component. */
  public static Map<String, String> selector(String jobId, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(JOB_ID, jobId);
    labels.put(COMPONENT, component);
    return labels;
  }
}
