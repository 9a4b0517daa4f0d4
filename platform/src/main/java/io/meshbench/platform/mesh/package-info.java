/**
 * Mesh adapters: one per {@code mesh_type}, saying how a benchmark's namespace and pods join (or
 * explicitly stay out of) a mesh, how to detect the mesh's control plane and how to verify that it
 * really applies to the pods.
 *
 * <p>Threading model: adapters are stateless and immutable; every method may be called from any
 * thread. {@code detect} and {@code verify} read the cluster through the client they are given
 * (fabric8 clients are thread-safe) and never write to it.
 */
package io.meshbench.platform.mesh;
