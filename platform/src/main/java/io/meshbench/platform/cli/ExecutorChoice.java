package io.meshbench.platform.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.KubernetesClients;
import io.meshbench.platform.executor.JobExecutor;
import io.meshbench.platform.executor.KubernetesExecutor;
import io.meshbench.platform.executor.LocalExecutor;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.store.JobQuery;
import io.meshbench.platform.store.JobStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code MESHBENCH_EXECUTOR}: local, kubernetes (a cluster must answer), or auto (kubernetes when a
 * configured cluster answers, else local).
 */
final class ExecutorChoice {
  private ExecutorChoice() {}

  static JobExecutor choose(String executor, String image, Clock clock, PrintWriter out) {
    if (executor.equals("local")) {
      return new LocalExecutor(clock);
    }
    if (executor.equals("auto") && !KubernetesClients.configured()) {
      return new LocalExecutor(clock);
    }
    KubernetesClient client;
    try {
      client = KubernetesClients.forJobs();
    } catch (IllegalStateException nothingConfigured) { // only with kubernetes: auto checked above
      throw new IllegalStateException(
          "MESHBENCH_EXECUTOR=kubernetes, but " + nothingConfigured.getMessage());
    }
    String unreachable = KubernetesClients.unreachableReason(client);
    if (unreachable == null) {
      return new KubernetesExecutor(client, ClusterRunSettings.fromEnvironment(), image, clock);
    }
    client.close();
    if (executor.equals("kubernetes")) {
      throw new IllegalStateException(
          "MESHBENCH_EXECUTOR=kubernetes, but "
              + unreachable
              + " (set KUBECONFIG, or run in a pod)");
    }
    out.println("executor auto: " + unreachable + "; jobs run locally");
    return new LocalExecutor(clock);
  }

  /** At start-up: what jobs that are no longer running left in the cluster goes. */
  static void removeLeftovers(JobExecutor executor, JobStore store, PrintWriter out) {
    if (!(executor instanceof KubernetesExecutor kubernetes)) {
      return;
    }
    Set<String> running =
        store.list(new JobQuery(JobStatus.RUNNING, null, null, JobQuery.MAX_LIMIT)).stream()
            .map(JobDocument::jobId)
            .collect(Collectors.toSet());
    for (String jobId : kubernetes.removeLeftovers(running)) {
      out.println("job " + jobId + ": removed its leftovers from the cluster");
    }
  }
}
