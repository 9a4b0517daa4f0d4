package io.meshbench.platform.cluster;

import java.util.regex.Pattern;

/** Kubernetes name rules, checked before anything reaches a cluster. */
public final class KubernetesNames {
  /** RFC 1123 label: what namespace names must be. */
  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private KubernetesNames() {}

  /** Null when {@code name} is a valid namespace name, else what is wrong with it. */
  public static String namespaceProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "namespace is required (a DNS-1123 label such as meshbench)";
    }
    if (name.length() > 63) {
      return "namespace must be at most 63 characters (got " + name.length() + ")";
    }
    if (!DNS_1123_LABEL.matcher(name).matches()) {
      return "namespace must be a DNS-1123 label: lower-case letters, digits and '-', starting"
          + " and ending with a letter or digit (got '"
          + name
          + "')";
    }
    return null;
  }

  /**
   * The base name of a job's objects: "mb-" and the job id, which is already lower-case letters,
   * digits and dashes and short enough (at most 47 characters) for every suffix used here.
   */
  public static String objectBase(String jobId) {
    String base = "mb-" + jobId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return base.length() > 50 ? base.substring(0, 50).replaceAll("-+$", "") : base;
  }
}
