package io.meshbench.platform.job;

import io.meshbench.platform.cluster.WorkerEnv;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The defaults and limits of every {@link JobSpec} field, in one place. The API's validation
 * ({@code StartRequest}), the OpenAPI schema, the CLI's flag defaults ({@code meshbench run}) and
 * the runner scripts' documentation all read these, so a limit or a default cannot differ between
 * them. The engine's own limits ({@code LoadSpec}) are wider: these are what a job may ask for.
 *
 * <p>The {@code *_TEXT} constants exist because picocli's {@code defaultValue} must be a
 * compile-time constant; they are built from the numbers, never typed twice.
 */
public final class SpecRules {
  private SpecRules() {}

  public static final int DEFAULT_DURATION_S = 60;
  public static final int DEFAULT_WARMUP_S = 5;
  public static final int DEFAULT_RATE_RPS = 1000;
  public static final int DEFAULT_CONNECTIONS = 32;
  public static final String DEFAULT_NAMESPACE = "default";

  /** For picocli: {@code "60s"}, {@code "5s"}, {@code "1000"}, {@code "32"}. */
  public static final String DEFAULT_DURATION_TEXT = DEFAULT_DURATION_S + "s";

  public static final String DEFAULT_WARMUP_TEXT = DEFAULT_WARMUP_S + "s";
  public static final String DEFAULT_RATE_TEXT = "" + DEFAULT_RATE_RPS;
  public static final String DEFAULT_CONNECTIONS_TEXT = "" + DEFAULT_CONNECTIONS;

  /**
   * A job may not ask for more measured time than this in total ({@code duration × iterations}):
   * one day. Longer studies are several jobs, each with its own result.
   */
  public static final double MAX_TOTAL_DURATION_S = 86_400;

  /** A Kubernetes namespace: a DNS-1123 label. */
  public static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public static final int NAMESPACE_MAX_LENGTH = 63;
  public static final int LABEL_NAME_MAX_LENGTH = 63;

  /** URL schemes a {@code service_url} may have. */
  public static final List<String> URL_SCHEMES = List.of("http", "https", "ws", "wss", "grpc");

  /**
   * A numeric field of the start request.
   *
   * @param whole true for integers
   * @param unit what the number counts, for messages and the schema
   */
  public record NumberRule(
      String name, double min, double max, double defaultValue, boolean whole, String unit) {

    /** Null when {@code value} is allowed; otherwise the message, naming the field. */
    public String problem(double value) {
      boolean ok =
          value >= min && value <= max && (!whole || value == Math.rint(value)) && !isNaN(value);
      if (ok) {
        return null;
      }
      return name
          + " must be "
          + (whole ? "a whole number" : "a number")
          + " from "
          + fmt(min)
          + " to "
          + fmt(max)
          + (unit.isEmpty() ? "" : " " + unit);
    }

    private static boolean isNaN(double v) {
      return Double.isNaN(v);
    }
  }

  public static final NumberRule DURATION =
      new NumberRule("duration", 1, 86_400, DEFAULT_DURATION_S, false, "seconds, after warm-up");
  public static final NumberRule WARMUP =
      new NumberRule("warmup", 0, 3_600, DEFAULT_WARMUP_S, false, "seconds, sent but not recorded");
  public static final NumberRule RATE =
      new NumberRule(
          "rate",
          0,
          10_000_000,
          DEFAULT_RATE_RPS,
          false,
          "requests per second in total (0 = closed model)");
  public static final NumberRule CONNECTIONS =
      new NumberRule("concurrent_connections", 1, 10_000, DEFAULT_CONNECTIONS, true, "");
  public static final NumberRule PAYLOAD_BYTES =
      new NumberRule("payload_bytes", 0, 64L * 1024 * 1024, 0, true, "bytes of request body");
  public static final NumberRule WORKERS =
      new NumberRule("workers", 1, WorkerEnv.MAX_WORKERS, 1, true, "load-generator pods");
  public static final NumberRule ITERATIONS =
      new NumberRule("iterations", 1, 100, 1, true, "repetitions of the run");

  /** Every numeric field, in the order of the job document's {@code spec}. */
  public static final List<NumberRule> NUMBERS =
      List.of(DURATION, WARMUP, RATE, CONNECTIONS, PAYLOAD_BYTES, WORKERS, ITERATIONS);

  /** Null when the total measured time is allowed; otherwise the message naming both fields. */
  public static String totalDurationProblem(double durationS, int iterations) {
    double total = durationS * iterations;
    if (total <= MAX_TOTAL_DURATION_S) {
      return null;
    }
    return "duration × iterations must be at most "
        + fmt(MAX_TOTAL_DURATION_S)
        + " seconds (one day) per job (got "
        + fmt(durationS)
        + " × "
        + iterations
        + " = "
        + fmt(total)
        + "); split the study into several jobs";
  }

  /** A mesh matrix compares at least this many meshes (one mesh is a plain job). */
  public static final int MIN_MATRIX_MESHES = 2;

  /**
   * Null when {@code meshes} make a valid mesh matrix ({@code mesh_types}): at least {@link
   * #MIN_MATRIX_MESHES}, none twice; otherwise the message naming the field.
   */
  public static String meshTypesProblem(List<MeshType> meshes) {
    if (meshes.size() < MIN_MATRIX_MESHES) {
      return "mesh_types must list at least "
          + MIN_MATRIX_MESHES
          + " different meshes of "
          + MeshType.allowed()
          + " (got "
          + meshes
          + "); for one mesh use mesh_type";
    }
    List<MeshType> twice =
        meshes.stream().filter(m -> meshes.indexOf(m) != meshes.lastIndexOf(m)).distinct().toList();
    if (!twice.isEmpty()) {
      return "mesh_types must name each mesh at most once, from "
          + MeshType.allowed()
          + " (got "
          + meshes
          + "; twice: "
          + twice
          + ")";
    }
    return null;
  }

  /** The mesh a matrix compares the others against: baseline when listed, else the first. */
  public static MeshType matrixReference(List<MeshType> meshes) {
    return meshes.contains(MeshType.BASELINE) ? MeshType.BASELINE : meshes.get(0);
  }

  /** Null for a valid namespace; otherwise the message. */
  public static String namespaceProblem(String namespace) {
    if (namespace != null
        && namespace.length() <= NAMESPACE_MAX_LENGTH
        && NAMESPACE.matcher(namespace).matches()) {
      return null;
    }
    return "namespace must be a DNS-1123 label: at most 63 lower-case letters, digits and '-',"
        + " starting and ending with a letter or digit (got '"
        + namespace
        + "')";
  }

  public static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
