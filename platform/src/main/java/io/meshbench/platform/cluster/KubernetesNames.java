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
   * The longest base name: with "-workers" and an Indexed Job's "-99", a pod's hostname fits 63.
   */
  static final int MAX_BASE_LENGTH = 50;

  /**
   * The base name of a job's objects: "mb-" and the job id (lower-case letters, digits and dashes).
   * An id too long for that keeps its end, where job ids carry their random part, and loses the
   * middle: two jobs of one second, test and mesh never share a name.
   */
  public static String objectBase(String jobId) {
    String base = "mb-" + jobId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (base.length() <= MAX_BASE_LENGTH) {
      return base;
    }
    int tail = 13; // "-" and the 12 characters that end a generated id
    String head = base.substring(0, MAX_BASE_LENGTH - tail).replaceAll("-+$", "");
    return (head + "-" + base.substring(base.length() - tail + 1)).replaceAll("--+", "-");
  }
}
