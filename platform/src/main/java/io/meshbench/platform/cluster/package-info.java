/**
 * Reading a Kubernetes cluster for the server: {@link
 * io.meshbench.platform.cluster.KubernetesClients} finds the configuration (KUBECONFIG,
 * ~/.kube/config, in-cluster service account) and builds every fabric8 client, with the bounded
 * timeouts of its purpose (routes fail fast, jobs ride out a blip); {@link
 * io.meshbench.platform.cluster.ClusterConnection} holds it with a cached reachability check;
 * {@link io.meshbench.platform.cluster.ClusterInspector} reads namespaces, nodes, services, pods
 * and the mesh status of a namespace; {@link io.meshbench.platform.mesh.MeshDetection} finds each
 * mesh's control plane.
 *
 * <p>All of it only reads: nothing here creates, changes or deletes an object in a cluster.
 *
 * <p>Threading model: every class is safe for any number of threads. The inspector and the mesh
 * detection keep no state between calls (the fabric8 client is thread-safe); each call makes its
 * own API requests, each bounded by the routes' request timeout ({@link
 * io.meshbench.platform.cluster.KubernetesClients.Purpose#ROUTES}). {@link
 * io.meshbench.platform.cluster.ReachabilityCheck} runs at most one probe at a time on its own
 * daemon thread and publishes each result through an atomic reference; callers wait for a probe
 * under way at most {@code waitMs}, then take the previous answer.
 */
package io.meshbench.platform.cluster;
