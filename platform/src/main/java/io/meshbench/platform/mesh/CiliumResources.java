package io.meshbench.platform.mesh;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Cilium's custom resources, named in full so that the client needs no API discovery (which would
 * need more permissions and fail where the resource is not served).
 */
public final class CiliumResources {
  public static final ResourceDefinitionContext NETWORK_POLICIES =
      context("CiliumNetworkPolicy", "ciliumnetworkpolicies");
  public static final ResourceDefinitionContext ENDPOINTS =
      context("CiliumEndpoint", "ciliumendpoints");

  private CiliumResources() {}

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("cilium.io")
        .withVersion("v2")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}
