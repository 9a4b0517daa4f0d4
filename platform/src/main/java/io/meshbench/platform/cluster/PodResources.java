package io.meshbench.platform.cluster;

/**
 * Requests and limits of the meshbench containers. Requests equal limits (Guaranteed QoS), so that
 * a benchmark's pods are not squeezed by neighbours while they measure.
 */
public record PodResources(
    String targetCpu, String targetMemory, String workerCpu, String workerMemory) {
  public static final PodResources DEFAULTS = new PodResources("1", "512Mi", "1", "1Gi");
}
