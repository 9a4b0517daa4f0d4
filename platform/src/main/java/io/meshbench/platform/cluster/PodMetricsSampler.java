package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshbench.platform.mesh.ProxyContainers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples metrics.k8s.io for one job's pods and keeps avg and max per container. The executor calls
 * {@link #sample} every few seconds inside the measured window only, so warm-up and start-up never
 * dilute the figures.
 *
 * <p>Threading model: one thread calls {@link #sample}; {@link #usage} is called after the last
 * sample, from that thread or after joining it.
 */
public final class PodMetricsSampler {
  private static final BigDecimal MILLI = BigDecimal.valueOf(1000);
  private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

  private final KubernetesClient client;
  private final String namespace;
  private final String jobId;
  private final Map<String, Series> series = new TreeMap<>();
  private int samples;
  private String unavailable;

  public PodMetricsSampler(KubernetesClient client, String namespace, String jobId) {
    this.client = client;
    this.namespace = namespace;
    this.jobId = jobId;
  }

  /** Takes one snapshot; remembers why when metrics are not served. Never throws. */
  public void sample() {
    if (unavailable != null) {
      return;
    }
    List<PodMetrics> pods;
    try {
      pods =
          client
              .top()
              .pods()
              .inNamespace(namespace)
              .withLabels(ClusterLabels.job(jobId))
              .metrics()
              .getItems();
    } catch (KubernetesClientException e) {
      unavailable =
          e.getCode() == 404
              ? "metrics.k8s.io is not served by this cluster: install metrics-server to measure"
                  + " proxy CPU and memory"
              : "metrics.k8s.io could not be read: " + e.getMessage();
      return;
    }
    samples++;
    for (PodMetrics pod : pods) {
      String podName = pod.getMetadata().getName();
      Map<String, String> labels = pod.getMetadata().getLabels();
      String component = labels == null ? null : labels.get(ClusterLabels.COMPONENT);
      String side = ClusterLabels.TARGET.equals(component) ? "server" : "client";
      for (ContainerMetrics c : pod.getContainers()) {
        series
            .computeIfAbsent(
                podName + "/" + c.getName(), k -> new Series(podName, c.getName(), side))
            .add(millicores(c.getUsage().get("cpu")), mebibytes(c.getUsage().get("memory")));
      }
    }
  }

  public ResourceUsage usage() {
    if (unavailable != null) {
      return ResourceUsage.unavailable(unavailable);
    }
    if (samples == 0 || series.isEmpty()) {
      return ResourceUsage.unavailable(
          "no metrics.k8s.io sample of the job's pods fell in the measured window (metrics-server"
              + " refreshes every 15 s by default: measure for longer)");
    }
    List<ResourceUsage.Container> containers = new ArrayList<>();
    series.values().forEach(s -> containers.add(s.summary()));
    return new ResourceUsage(true, null, samples, containers);
  }

  private static double millicores(Quantity q) {
    return q == null ? 0 : Quantity.getAmountInBytes(q).multiply(MILLI).doubleValue();
  }

  private static double mebibytes(Quantity q) {
    return q == null
        ? 0
        : Quantity.getAmountInBytes(q).divide(MIB, 6, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  /** One container's samples. */
  private static final class Series {
    private final String pod;
    private final String container;
    private final String side;
    private double cpuSum;
    private double cpuMax;
    private double memSum;
    private double memMax;
    private int n;

    Series(String pod, String container, String side) {
      this.pod = pod;
      this.container = container;
      this.side = side;
    }

    void add(double cpuMillicores, double memoryMib) {
      cpuSum += cpuMillicores;
      cpuMax = Math.max(cpuMax, cpuMillicores);
      memSum += memoryMib;
      memMax = Math.max(memMax, memoryMib);
      n++;
    }

    ResourceUsage.Container summary() {
      return new ResourceUsage.Container(
          pod,
          container,
          ProxyContainers.isProxy(container) ? "proxy" : "app",
          side,
          round(cpuSum / n),
          round(cpuMax),
          round(memSum / n),
          round(memMax));
    }

    private static double round(double v) {
      return Math.round(v * 100) / 100.0;
    }
  }
}
