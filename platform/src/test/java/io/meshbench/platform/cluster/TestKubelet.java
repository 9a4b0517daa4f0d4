package io.meshbench.platform.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.platform.job.Json;
import io.meshbench.platform.mesh.ProxyContainers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the cluster's controllers, admission webhooks and kubelet for the mock API server: makes a
 * pod for each Deployment and each index of a Job, injects mesh proxies the way the meshes'
 * webhooks would, runs every worker pod as a real {@code meshbench worker} process (its environment
 * from the pod spec, the Service's address resolved to a real local target), serves the process's
 * output as the pod's log, records the pod's end, and publishes pod metrics.
 *
 * <p>Threading model: one thread of its own polls the API server every 100 ms; worker processes are
 * read by one thread each; logs are read from any thread (concurrent maps, StringBuffers).
 */
public final class TestKubelet implements AutoCloseable {
  static final String NODE = "node-1";

  /** An image the fake registry does not have. */
  public static final String MISSING_IMAGE = "registry.invalid/meshbench:missing";

  /** An image whose target never passes its readiness probe. */
  public static final String NEVER_READY_IMAGE = "meshbench:never-ready";

  private final KubernetesClient client;
  private final String localTarget;
  private final String grpcTarget;
  private final String proxyShutdownUrl;
  private final Map<String, StringBuffer> logs = new ConcurrentHashMap<>();
  private final Set<String> resultsRead = ConcurrentHashMap.newKeySet();
  private final Map<String, List<String>> containers = new ConcurrentHashMap<>();
  private final Map<String, Process> processes = new ConcurrentHashMap<>();
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  private final Thread loop;
  private final AtomicInteger metricTick = new AtomicInteger();
  public volatile boolean crashWorkers;

  /** Holds back the process of worker 1 by this long (workers that start late run late). */
  public volatile long delayWorkerOneMs;

  volatile boolean running = true;

  /**
   * @param localTarget the real target's HTTP URL, which Service addresses resolve to
   * @param proxyShutdownUrl where workers' proxy shutdown POSTs go (a local recorder)
   */
  TestKubelet(
      KubernetesClient client, String localTarget, String grpcTarget, String proxyShutdownUrl) {
    this.client = client;
    this.localTarget = localTarget;
    this.grpcTarget = grpcTarget;
    this.proxyShutdownUrl = proxyShutdownUrl;
    this.loop = new Thread(this::run, "test-kubelet");
    loop.setDaemon(true);
    loop.start();
  }

  /** What a worker pod's process has printed so far, or null for an unknown pod. */
  public String log(String namespaceAndPod) {
    StringBuffer b = logs.get(namespaceAndPod);
    return b == null ? null : b.toString();
  }

  /** A log request's answer: its HTTP status and body. */
  record LogAnswer(int code, String body) {}

  /**
   * Answers a pod log request the way the API server does: a pod with more than one container (a
   * worker beside its mesh proxy) needs the container named. Only the worker prints anything.
   *
   * @param container the request's {@code container} parameter, or null
   */
  LogAnswer logRequest(String namespaceAndPod, String container) {
    StringBuffer b = logs.get(namespaceAndPod);
    List<String> names = containers.get(namespaceAndPod);
    if (b == null || names == null) {
      return new LogAnswer(404, "pods \"" + namespaceAndPod + "\" not found");
    }
    if (container == null && names.size() > 1) {
      return new LogAnswer(
          400,
          "a container name must be specified for pod "
              + namespaceAndPod
              + ", choose one of: "
              + names);
    }
    String asked = container == null ? names.get(0) : container;
    if (!names.contains(asked)) {
      return new LogAnswer(400, "container " + asked + " is not valid for pod " + namespaceAndPod);
    }
    String body = asked.equals(JobManifests.WORKER_CONTAINER) ? b.toString() : "";
    if (body.contains("MESHBENCH_RESULT")) {
      resultsRead.add(namespaceAndPod);
    }
    return new LogAnswer(200, body);
  }

  /** Whether the coordinator has been served a log of this pod that holds its final result. */
  public boolean resultRead(String namespaceAndPod) {
    return resultsRead.contains(namespaceAndPod);
  }

  private void run() {
    while (running) {
      try {
        tick();
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      } catch (KubernetesClientException e) {
        // an object went away under us (cleanup runs concurrently): next tick
      }
    }
  }

  private void tick() {
    Set<String> present = new java.util.HashSet<>();
    List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
    List<Job> jobs = client.batch().v1().jobs().inAnyNamespace().list().getItems();
    deployments.forEach(d -> present.add(uid(d.getMetadata())));
    jobs.forEach(j -> present.add(uid(j.getMetadata())));
    handled.retainAll(present); // a deleted object's name may come back as a new object
    for (Deployment d : deployments) {
      if (isMeshbench(d.getMetadata()) && handled.add(uid(d.getMetadata()))) {
        startTarget(d);
      }
    }
    for (Job j : jobs) {
      if (handled.add(uid(j.getMetadata()))) {
        for (int i = 0; i < j.getSpec().getParallelism(); i++) {
          startWorker(j, i);
        }
      }
    }
    // Pods deleted by cleanup or cancel: their processes die as the kubelet would kill them.
    Set<String> pods = new java.util.HashSet<>();
    client
        .pods()
        .inAnyNamespace()
        .list()
        .getItems()
        .forEach(p -> pods.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
    for (var e : processes.entrySet()) {
      if (!pods.contains(e.getKey())) {
        e.getValue().destroyForcibly();
        processes.remove(e.getKey());
      }
    }
    if (metricTick.incrementAndGet() % 3 == 0) {
      publishMetrics();
    }
  }

  private void startTarget(Deployment d) {
    String ns = d.getMetadata().getNamespace();
    Pod pod =
        pod(
            ns,
            d.getMetadata().getName() + "-0",
            d.getSpec().getTemplate().getMetadata(),
            d.getSpec().getTemplate().getSpec(),
            Map.of());
    pod = client.resource(pod).create();
    String image = pod.getSpec().getContainers().get(0).getImage();
    if (MISSING_IMAGE.equals(image)) {
      setWaiting(pod, "ErrImagePull", "failed to pull image \"" + image + "\": not found");
      return;
    }
    boolean ready = !NEVER_READY_IMAGE.equals(image);
    setRunning(pod, ready);
    if (!ready) {
      client
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(pod.getMetadata().getName() + ".probe")
                  .withNamespace(ns)
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withKind("Pod")
                  .withName(pod.getMetadata().getName())
                  .withNamespace(ns)
                  .endInvolvedObject()
                  .withType("Warning")
                  .withReason("Unhealthy")
                  .withMessage("Readiness probe failed: HTTP probe failed with statuscode: 503")
                  .build())
          .create();
      return;
    }
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName(d.getMetadata().getName())
        .editStatus(
            x -> {
              x.setStatus(
                  new DeploymentStatusBuilder()
                      .withReplicas(1)
                      .withReadyReplicas(1)
                      .withAvailableReplicas(1)
                      .build());
              return x;
            });
  }

  private void startWorker(Job job, int index) {
    String ns = job.getMetadata().getNamespace();
    Pod pod =
        pod(
            ns,
            job.getMetadata().getName() + "-" + index,
            job.getSpec().getTemplate().getMetadata(),
            job.getSpec().getTemplate().getSpec(),
            Map.of("batch.kubernetes.io/job-completion-index", Integer.toString(index)));
    pod = client.resource(pod).create();
    String key = ns + "/" + pod.getMetadata().getName();
    StringBuffer log = new StringBuffer();
    containers.put(key, pod.getSpec().getContainers().stream().map(Container::getName).toList());
    logs.put(key, log);
    Container worker =
        pod.getSpec().getContainers().stream()
            .filter(c -> c.getName().equals(JobManifests.WORKER_CONTAINER))
            .findFirst()
            .orElseThrow();
    if (MISSING_IMAGE.equals(worker.getImage())) {
      setWaiting(pod, "ImagePullBackOff", "Back-off pulling image \"" + worker.getImage() + "\"");
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Xmx256m");
    // Quick start-up, little JIT work: tests run at 100 rps on a shared machine.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add(crashWorkers ? "io.meshbench.NoSuchMain" : "io.meshbench.platform.cli.Meshbench");
    command.addAll(worker.getArgs());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("MESHBENCH_"));
    for (EnvVar e : worker.getEnv()) {
      env.put(e.getName(), resolve(e));
    }
    env.put(WorkerEnv.INDEX, Integer.toString(index));
    setRunning(pod, true);
    if (index == 1 && delayWorkerOneMs > 0) {
      Pod later = pod;
      Thread t =
          new Thread(
              () -> {
                try {
                  Thread.sleep(delayWorkerOneMs);
                  launch(pb, key, log, later);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "test-kubelet-delay");
      t.setDaemon(true);
      t.start();
      return;
    }
    launch(pb, key, log, pod);
  }

  private void launch(ProcessBuilder pb, String key, StringBuffer log, Pod pod) {
    Process p;
    try {
      p = pb.start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    processes.put(key, p);
    Pod started = pod;
    Thread reader = new Thread(() -> follow(p, log, started), "test-kubelet-log-" + key);
    reader.setDaemon(true);
    reader.start();
  }

  /** The Service's DNS name resolves to the local target; proxy shutdowns go to the recorder. */
  private String resolve(EnvVar e) {
    if (e.getName().equals(WorkerEnv.PROXY_SHUTDOWN_URL)) {
      return proxyShutdownUrl;
    }
    if (!e.getName().equals(WorkerEnv.SPEC)) {
      return e.getValue();
    }
    try {
      LoadSpec spec = Json.mapper().readValue(e.getValue(), LoadSpec.class);
      String target =
          switch (spec.protocol()) {
            case GRPC -> grpcTarget;
            case WEBSOCKET -> "ws" + localTarget.substring("http".length()) + "ws";
            default -> localTarget;
          };
      return Json.mapper().writeValueAsString(spec.withTarget(target));
    } catch (Exception ex) {
      return e.getValue();
    }
  }

  private void follow(Process p, StringBuffer log, Pod pod) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        log.append(line).append('\n');
      }
      int exit = p.waitFor();
      setTerminated(pod, exit);
    } catch (Exception e) {
      // the pod was deleted while its process ran
    }
  }

  private Pod pod(
      String ns,
      String name,
      ObjectMeta template,
      PodSpec spec,
      Map<String, String> extraAnnotations) {
    Map<String, String> labels = new LinkedHashMap<>(template.getLabels());
    Map<String, String> annotations =
        new LinkedHashMap<>(
            template.getAnnotations() == null ? Map.of() : template.getAnnotations());
    annotations.putAll(extraAnnotations);
    Namespace namespace = client.namespaces().withName(ns).get();
    Map<String, String> nsLabels =
        namespace.getMetadata().getLabels() == null
            ? Map.of()
            : namespace.getMetadata().getLabels();
    Map<String, String> nsAnnotations =
        namespace.getMetadata().getAnnotations() == null
            ? Map.of()
            : namespace.getMetadata().getAnnotations();
    List<Container> containers = new ArrayList<>(spec.getContainers());
    // The meshes' admission webhooks:
    boolean istio =
        ("enabled".equals(nsLabels.get("istio-injection")) || nsLabels.containsKey("istio.io/rev"))
            && !"false".equals(labels.get("sidecar.istio.io/inject"));
    boolean linkerd =
        "enabled"
            .equals(
                annotations.getOrDefault(
                    "linkerd.io/inject", nsAnnotations.get("linkerd.io/inject")));
    boolean consul = "true".equals(annotations.get("consul.hashicorp.com/connect-inject"));
    if (istio) containers.add(proxy(ProxyContainers.ISTIO));
    if (linkerd) containers.add(proxy(ProxyContainers.LINKERD));
    if (consul) containers.add(proxy(ProxyContainers.CONSUL));
    if ("ambient".equals(nsLabels.get("istio.io/dataplane-mode"))) {
      annotations.put("ambient.istio.io/redirection", "enabled");
    }
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(labels)
            .withAnnotations(annotations)
            .endMetadata()
            .withSpec(spec)
            .build();
    pod.getSpec().setContainers(containers);
    pod.getSpec().setNodeName(NODE);
    if (client.pods().inAnyNamespace().withLabel("k8s-app", "cilium").list().getItems().size()
        > 0) {
      client
          .genericKubernetesResources(io.meshbench.platform.mesh.CiliumResources.ENDPOINTS)
          .inNamespace(ns)
          .resource(
              new GenericKubernetesResourceBuilder()
                  .withApiVersion("cilium.io/v2")
                  .withKind("CiliumEndpoint")
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(ns)
                  .endMetadata()
                  .build())
          .createOr(x -> x.update());
    }
    return pod;
  }

  private static Container proxy(String name) {
    return new ContainerBuilder().withName(name).withImage("mesh/proxy:1.0").build();
  }

  private void setRunning(Pod pod, boolean ready) {
    editStatus(
        pod,
        p -> {
          p.getStatus().setPhase("Running");
          p.getStatus()
              .setContainerStatuses(
                  p.getSpec().getContainers().stream()
                      .map(
                          c ->
                              new ContainerStatusBuilder()
                                  .withName(c.getName())
                                  .withReady(ready)
                                  .withNewState()
                                  .withNewRunning()
                                  .endRunning()
                                  .endState()
                                  .build())
                      .toList());
        });
  }

  private void setWaiting(Pod pod, String reason, String message) {
    editStatus(
        pod,
        p -> {
          p.getStatus().setPhase("Pending");
          p.getStatus()
              .setContainerStatuses(
                  p.getSpec().getContainers().stream()
                      .map(
                          c ->
                              new ContainerStatusBuilder()
                                  .withName(c.getName())
                                  .withReady(false)
                                  .withNewState()
                                  .withNewWaiting()
                                  .withReason(reason)
                                  .withMessage(message)
                                  .endWaiting()
                                  .endState()
                                  .build())
                      .toList());
        });
  }

  private void setTerminated(Pod pod, int exit) {
    editStatus(
        pod,
        p -> {
          p.getStatus().setPhase(exit == 0 ? "Succeeded" : "Failed");
          p.getStatus()
              .setContainerStatuses(
                  List.of(
                      new ContainerStatusBuilder()
                          .withName("worker")
                          .withReady(false)
                          .withNewState()
                          .withNewTerminated()
                          .withExitCode(exit)
                          .withReason(exit == 0 ? "Completed" : "Error")
                          .endTerminated()
                          .endState()
                          .build()));
        });
  }

  private void editStatus(Pod pod, java.util.function.Consumer<Pod> change) {
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .editStatus(
              p -> {
                if (p.getStatus() == null) {
                  p.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
                }
                change.accept(p);
                return p;
              });
    } catch (KubernetesClientException e) {
      // deleted meanwhile
    }
  }

  /** metrics-server's view: the app containers busier than the proxies. */
  private void publishMetrics() {
    for (Pod pod :
        client
            .pods()
            .inAnyNamespace()
            .withLabel(ClusterLabels.MANAGED_BY, ClusterLabels.MANAGER)
            .list()
            .getItems()) {
      if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
        continue;
      }
      int tick = metricTick.get();
      PodMetricsBuilder b =
          new PodMetricsBuilder()
              .withNewMetadata()
              .withName(pod.getMetadata().getName())
              .withNamespace(pod.getMetadata().getNamespace())
              .withLabels(pod.getMetadata().getLabels())
              .endMetadata();
      for (Container c : pod.getSpec().getContainers()) {
        boolean proxy = ProxyContainers.isProxy(c.getName());
        Map<String, Quantity> usage = new HashMap<>();
        usage.put("cpu", new Quantity((proxy ? 50 : 200) + (tick % 2) * 10 + "m"));
        usage.put("memory", new Quantity((proxy ? 40 : 120) + "Mi"));
        b.addToContainers(
            new ContainerMetricsBuilder().withName(c.getName()).withUsage(usage).build());
      }
      PodMetrics m = b.build();
      try {
        client.resource(m).createOr(x -> x.update());
      } catch (KubernetesClientException e) {
        // the pod went away
      }
    }
  }

  private static boolean isMeshbench(ObjectMeta meta) {
    return meta.getLabels() != null
        && ClusterLabels.MANAGER.equals(meta.getLabels().get(ClusterLabels.MANAGED_BY));
  }

  private static String uid(ObjectMeta meta) {
    return meta.getNamespace()
        + "/"
        + meta.getName()
        + "/"
        + meta.getUid()
        + "/"
        + meta.getCreationTimestamp();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    loop.interrupt();
    loop.join(5000);
    processes.values().forEach(Process::destroyForcibly);
  }
}
