package io.meshbench.platform.cli;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.cluster.ClusterRunSettings;
import io.meshbench.platform.cluster.JobManifests;
import io.meshbench.platform.cluster.ManifestInput;
import io.meshbench.platform.cluster.PlanYaml;
import io.meshbench.platform.cluster.PodResources;
import io.meshbench.platform.job.JobIds;
import io.meshbench.platform.job.MeshType;
import io.meshbench.platform.job.SpecRules;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code meshbench plan}: the Kubernetes objects a cluster job would create, as YAML, built by the
 * same code as the executor's, without touching a cluster.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints, as multi-document YAML, the Kubernetes objects a cluster run would create:",
      "the namespace prepared for the mesh, mesh objects (cilium-l7's CiliumNetworkPolicy), the"
          + " target Deployment and Service, and the Indexed Job of workers. No cluster is needed;"
          + " the output can be inspected or applied with kubectl apply -f -."
    },
    footer = {
      "",
      "Examples:",
      "  meshbench plan --test-type http --mesh-type istio --namespace bench",
      "  meshbench plan --test-type grpc --mesh-type linkerd --namespace bench --workers 4"
          + " --rate 4000 --duration 2m | kubectl apply --dry-run=server -f -"
    })
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = "--test-type",
      defaultValue = "http",
      converter = ProtocolConverter.class,
      description = "http, http2, grpc, websocket or ml. Default: ${DEFAULT-VALUE}.")
  Protocol testType;

  @Option(
      names = "--mesh-type",
      defaultValue = "baseline",
      converter = MeshTypeConverter.class,
      description =
          "baseline, istio, istio-ambient, linkerd, cilium, cilium-l7 or consul."
              + " Default: ${DEFAULT-VALUE}.")
  MeshType meshType;

  @Mixin ClusterFlags cluster;

  @Option(
      names = "--rate",
      defaultValue = SpecRules.DEFAULT_RATE_TEXT,
      description = "Requests per second in total; 0 = closed model. Default: ${DEFAULT-VALUE}.")
  double rateRps;

  @Option(
      names = {"-c", "--connections"},
      defaultValue = SpecRules.DEFAULT_CONNECTIONS_TEXT,
      description = "Connections in total. Default: ${DEFAULT-VALUE}.")
  int connections;

  @Option(
      names = {"-d", "--duration"},
      defaultValue = SpecRules.DEFAULT_DURATION_TEXT,
      converter = DurationConverter.class,
      description = "Measured time, after warm-up. Default: ${DEFAULT-VALUE}.")
  long durationMs;

  @Option(
      names = "--warmup",
      defaultValue = SpecRules.DEFAULT_WARMUP_TEXT,
      converter = DurationConverter.class,
      description = "Sent but not recorded. Default: ${DEFAULT-VALUE}.")
  long warmupMs;

  @Option(
      names = "--job-id",
      description =
          "Job id the labels and names carry: 1 to 63 lower-case letters, digits and '-',"
              + " starting and ending with a letter or digit. Default: a new one.")
  String jobId;

  @Option(
      names = "--start-at",
      description =
          "The workers' common start, epoch milliseconds. Default: now plus the start delay"
              + " (MESHBENCH_START_DELAY_S, 30 s).")
  Long startAtMs;

  @Override
  public Integer call() {
    String problem = cluster.problem();
    if (problem != null) {
      throw new ParameterException(command.commandLine(), problem);
    }
    LoadSpec load =
        LoadSpec.builder(testType, JobManifests.serviceTarget(testType, "planned", "default"))
            .rateRps(rateRps)
            .connections(connections)
            .durationMs(durationMs)
            .warmupMs(warmupMs)
            .build();
    String id = jobId != null ? jobId : new JobIds().next(testType.wireName(), meshType.wireName());
    long startAt =
        startAtMs != null
            ? startAtMs
            : System.currentTimeMillis() + ClusterRunSettings.fromEnvironment().startDelayMs();
    ManifestInput input;
    try {
      input =
          new ManifestInput(
              id,
              cluster.clusterNamespace(),
              meshType,
              cluster.sidecar(),
              null,
              load,
              cluster.workers,
              cluster.image(),
              startAt,
              PodResources.DEFAULTS);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--" + e.getMessage());
    }
    long nowMs = System.currentTimeMillis();
    if (startAt < nowMs) {
      // Not an error: a script may compute it a moment early. But a stale plan should be noticed.
      PrintWriter err = command.commandLine().getErr();
      err.printf(
          "meshbench plan: --start-at is %d s in the past: the workers start as soon as they run%n",
          (nowMs - startAt) / 1000);
      err.flush();
    }
    PrintWriter out = command.commandLine().getOut();
    out.print(PlanYaml.render(JobManifests.build(input, nowMs)));
    out.flush();
    return ExitCodes.OK;
  }
}
