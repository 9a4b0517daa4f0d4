package io.meshbench.platform.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * CPU and memory of the benchmark's containers over the measured window, from metrics.k8s.io. When
 * the cluster has no metrics-server, {@code available} is false and {@code reason} says why: never
 * zeros that look like measurements.
 *
 * @param samples how many metric snapshots fell in the measured window
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceUsage(
    @JsonProperty("available") boolean available,
    @JsonProperty("reason") String reason,
    @JsonProperty("samples") int samples,
    @JsonProperty("containers") List<Container> containers) {

  public static ResourceUsage unavailable(String reason) {
    return new ResourceUsage(false, reason, 0, List.of());
  }

  /**
   * One container's use.
   *
   * @param role "proxy" for a mesh proxy, "app" for meshbench's own container
   * @param side "server" (the target's pods) or "client" (the workers)
   */
  public record Container(
      @JsonProperty("pod") String pod,
      @JsonProperty("container") String container,
      @JsonProperty("role") String role,
      @JsonProperty("side") String side,
      @JsonProperty("cpu_millicores_avg") double cpuMillicoresAvg,
      @JsonProperty("cpu_millicores_max") double cpuMillicoresMax,
      @JsonProperty("memory_mib_avg") double memoryMibAvg,
      @JsonProperty("memory_mib_max") double memoryMibMax) {}

  /** Sum of the averages of the containers of one role and side, e.g. all server-side proxies. */
  public double cpuMillicores(String role, String side) {
    return containers.stream()
        .filter(c -> c.role().equals(role) && c.side().equals(side))
        .mapToDouble(Container::cpuMillicoresAvg)
        .sum();
  }

  public double memoryMib(String role, String side) {
    return containers.stream()
        .filter(c -> c.role().equals(role) && c.side().equals(side))
        .mapToDouble(Container::memoryMibAvg)
        .sum();
  }
}
