package io.meshbench.platform.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.mesh.MeshAdapter;
import io.meshbench.platform.mesh.MeshAdapters;
import io.meshbench.platform.mesh.Side;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the objects of one job (DESIGN §7): the namespace prepared for the mesh, the target as a
 * Deployment and Service, and the load as an Indexed Job of {@code meshbench worker} pods. The
 * executor applies exactly these; {@code meshbench plan} prints them.
 */
public final class JobManifests {
  public static final int HTTP_PORT = 8080;
  public static final int GRPC_PORT = 50051;

  /** The image runs as this non-root user (see the Dockerfile). */
  public static final long USER_ID = 10001;

  /** The load generator's container in a worker pod (a sidecar mesh adds its proxy beside it). */
  public static final String WORKER_CONTAINER = "worker";

  /** Time after the measured window that a worker may take to drain and report. */
  private static final long WORKER_GRACE_S = 120;

  /** Time before the start that pods may take to be scheduled and to pull the image. */
  private static final long START_SLACK_S = 300;

  private JobManifests() {}

  public static ClusterObjects build(ManifestInput in) {
    return build(in, System.currentTimeMillis());
  }

  /**
   * The objects of one job, planned at {@code nowMs}: a start further ahead than the start delay (a
   * plan applied later, {@code --start-at}) lengthens the Job's deadline by the wait, since
   * Kubernetes counts the deadline from the Job's creation.
   */
  public static ClusterObjects build(ManifestInput in, long nowMs) {
    MeshAdapter mesh = MeshAdapters.forType(in.meshType());
    String base = KubernetesNames.objectBase(in.jobId());
    Map<String, String> jobLabels = ClusterLabels.job(in.jobId());
    Map<String, String> targetLabels =
        ClusterLabels.component(in.jobId(), ClusterLabels.TARGET, in.meshType().wireName());
    Map<String, String> targetSelector = ClusterLabels.selector(in.jobId(), ClusterLabels.TARGET);
    return new ClusterObjects(
        namespace(in, mesh),
        mesh.extraObjects(
            base + "-l7", in.namespace(), jobLabels, targetSelector, List.of(HTTP_PORT, GRPC_PORT)),
        target(in, mesh, base + "-target", targetLabels, targetSelector),
        service(in, base + "-target", targetLabels, targetSelector),
        mesh.workersNeedService(in.sidecarMode()) ? workerService(in, base + "-workers") : null,
        workers(in, mesh, base + "-workers", base + "-target", targetSelector, nowMs));
  }

  /** Where the workers aim: the target's Service, in the form the protocol wants. */
  public static String serviceTarget(Protocol protocol, String serviceName, String namespace) {
    String host = serviceName + "." + namespace + ".svc";
    return switch (protocol) {
      case GRPC -> host + ":" + GRPC_PORT;
      case WEBSOCKET -> "ws://" + host + ":" + HTTP_PORT + "/ws";
      default -> "http://" + host + ":" + HTTP_PORT + "/";
    };
  }

  /**
   * One worker's share: the total rate divided by the number of workers, and the connections
   * rounded down; the first {@code connections % workers} workers keep one more ({@link
   * WorkerEnv#EXTRA_CONNECTIONS}), so that the whole is what was asked for.
   */
  public static LoadSpec workerShare(LoadSpec total, int workers, String target) {
    return total.toBuilder()
        .rateRps(total.rateRps() / workers)
        .connections(Math.max(1, total.connections() / workers))
        .build()
        .withTarget(target);
  }

  private static Namespace namespace(ManifestInput in, MeshAdapter mesh) {
    Map<String, String> labels = new LinkedHashMap<>(ClusterLabels.job(in.jobId()));
    labels.putAll(new java.util.TreeMap<>(mesh.namespaceLabels(in.meshStatus())));
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(in.namespace())
        .withLabels(labels)
        .withAnnotations(sorted(mesh.namespaceAnnotations()))
        .endMetadata()
        .build();
  }

  private static Deployment target(
      ManifestInput in,
      MeshAdapter mesh,
      String name,
      Map<String, String> labels,
      Map<String, String> selector) {
    Container container =
        container(in, "target", in.resources().targetCpu(), in.resources().targetMemory())
            .withArgs(
                "target",
                "--host",
                "0.0.0.0",
                "--http-port",
                Integer.toString(HTTP_PORT),
                "--grpc-port",
                Integer.toString(GRPC_PORT))
            .addNewPort()
            .withName("http")
            .withContainerPort(HTTP_PORT)
            .endPort()
            .addNewPort()
            .withName("grpc")
            .withContainerPort(GRPC_PORT)
            .endPort()
            .withNewReadinessProbe()
            .withNewHttpGet()
            .withPath("/ready")
            .withPort(new IntOrString("http"))
            .endHttpGet()
            .withPeriodSeconds(2)
            .endReadinessProbe()
            .build();
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(in.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels(labels, mesh.podLabels(Side.SERVER, in.sidecarMode())))
        .withAnnotations(sorted(mesh.podAnnotations(Side.SERVER, in.sidecarMode())))
        .endMetadata()
        .withSpec(podSpec(container, "Always").build())
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * A headless Service over the worker pods, for a mesh that registers a pod only through one
   * (Consul). Its port is nominal: the workers serve nothing, they only need a service identity.
   */
  private static Service workerService(ManifestInput in, String name) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(in.namespace())
        .withLabels(
            ClusterLabels.component(in.jobId(), ClusterLabels.WORKER, in.meshType().wireName()))
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withSelector(ClusterLabels.selector(in.jobId(), ClusterLabels.WORKER))
        .addNewPort()
        .withName("http")
        .withPort(HTTP_PORT)
        .endPort()
        .endSpec()
        .build();
  }

  private static Service service(
      ManifestInput in, String name, Map<String, String> labels, Map<String, String> selector) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(in.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withSelector(selector)
        .addNewPort()
        // "http"/"grpc" port names let Istio and Linkerd pick the protocol without sniffing.
        .withName(in.loadSpec().protocol() == Protocol.HTTP2 ? "http2" : "http")
        .withPort(HTTP_PORT)
        .withTargetPort(new IntOrString("http"))
        .endPort()
        .addNewPort()
        .withName("grpc")
        .withPort(GRPC_PORT)
        .withTargetPort(new IntOrString("grpc"))
        .endPort()
        .endSpec()
        .build();
  }

  private static Job workers(
      ManifestInput in,
      MeshAdapter mesh,
      String name,
      String serviceName,
      Map<String, String> targetSelector,
      long nowMs) {
    Map<String, String> labels =
        ClusterLabels.component(in.jobId(), ClusterLabels.WORKER, in.meshType().wireName());
    LoadSpec share =
        workerShare(
            in.loadSpec(),
            in.workers(),
            serviceTarget(in.loadSpec().protocol(), serviceName, in.namespace()));
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar(WorkerEnv.SPEC, json(share), null));
    env.add(new EnvVar(WorkerEnv.START_AT, Long.toString(in.startAtMs()), null));
    env.add(new EnvVar(WorkerEnv.WORKERS, Integer.toString(in.workers()), null));
    int extra = in.loadSpec().connections() % in.workers();
    if (extra > 0) {
      env.add(new EnvVar(WorkerEnv.EXTRA_CONNECTIONS, Integer.toString(extra), null));
    }
    env.add(new EnvVar(WorkerEnv.JAVA_OPTS, WorkerEnv.WORKER_JAVA_OPTS, null));
    String shutdown = mesh.proxyShutdownUrl(in.sidecarMode());
    if (shutdown != null) {
      env.add(new EnvVar(WorkerEnv.PROXY_SHUTDOWN_URL, shutdown, null));
    }
    Container container =
        container(in, WORKER_CONTAINER, in.resources().workerCpu(), in.resources().workerMemory())
            .withArgs("worker")
            .withEnv(env)
            .build();
    PodSpec pod =
        podSpec(container, "Never")
            // Load and target on different nodes where the cluster has room: a generator sharing
            // the target's CPUs measures itself.
            .withNewAffinity()
            .withNewPodAntiAffinity()
            .addNewPreferredDuringSchedulingIgnoredDuringExecution()
            .withWeight(100)
            .withNewPodAffinityTerm()
            .withNewLabelSelector()
            .withMatchLabels(targetSelector)
            .endLabelSelector()
            .withTopologyKey("kubernetes.io/hostname")
            .endPodAffinityTerm()
            .endPreferredDuringSchedulingIgnoredDuringExecution()
            .endPodAntiAffinity()
            .endAffinity()
            .build();
    // A bound on a forgotten job: the wait for the common start, time to schedule and pull, to
    // run, and to report.
    long waitS = Math.max(0, in.startAtMs() - nowMs) / 1000;
    long deadlineS =
        waitS + START_SLACK_S + (share.warmupMs() + share.durationMs()) / 1000 + WORKER_GRACE_S;
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(in.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withCompletionMode("Indexed")
        .withCompletions(in.workers())
        .withParallelism(in.workers())
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(deadlineS)
        .withTtlSecondsAfterFinished(600)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels(labels, mesh.podLabels(Side.CLIENT, in.sidecarMode())))
        .withAnnotations(sorted(mesh.podAnnotations(Side.CLIENT, in.sidecarMode())))
        .endMetadata()
        .withSpec(pod)
        .endTemplate()
        .endSpec()
        .build();
  }

  private static ContainerBuilder container(
      ManifestInput in, String name, String cpu, String memory) {
    Map<String, Quantity> amounts = new LinkedHashMap<>();
    amounts.put("cpu", new Quantity(cpu));
    amounts.put("memory", new Quantity(memory));
    return new ContainerBuilder()
        .withName(name)
        .withImage(in.image())
        .withImagePullPolicy("IfNotPresent")
        .withResources(
            new ResourceRequirementsBuilder().withRequests(amounts).withLimits(amounts).build())
        .withSecurityContext(
            new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(USER_ID)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .build())
        // The root filesystem is read-only: the JVM and Netty's native library need a /tmp.
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount();
  }

  private static PodSpecBuilder podSpec(Container container, String restartPolicy) {
    return new PodSpecBuilder()
        .withRestartPolicy(restartPolicy)
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(USER_ID)
        .withRunAsGroup(USER_ID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addToContainers(container)
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("256Mi"))
        .endEmptyDir()
        .endVolume();
  }

  private static Map<String, String> podLabels(
      Map<String, String> labels, Map<String, String> meshLabels) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.putAll(new java.util.TreeMap<>(meshLabels));
    return all;
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return map.isEmpty() ? null : new java.util.TreeMap<>(map);
  }

  private static String json(LoadSpec spec) {
    try {
      return Json.mapper().writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
