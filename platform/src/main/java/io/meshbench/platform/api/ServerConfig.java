package io.meshbench.platform.api;

import io.meshbench.platform.executor.TargetPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How {@code meshbench serve} runs; from flags, else {@code MESHBENCH_*} variables, else defaults.
 *
 * @param databaseUrl PostgreSQL URL; null means the file store under {@code dataDir}
 * @param apiToken when set, every mutating route needs {@code Authorization: Bearer <token>}; at
 *     least {@value #MIN_TOKEN_LENGTH} characters
 * @param allowedHosts MESHBENCH_ALLOWED_HOSTS: extra names the {@code Host} header may carry
 * @param allowedTargets MESHBENCH_ALLOWED_TARGETS: where the API may aim load, or null for the
 *     default (see {@code TargetPolicy})
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String databaseUrl,
    String apiToken,
    String executor,
    String image,
    int maxConcurrentJobs,
    int maxQueuedJobs,
    boolean allowUnauthenticated,
    String allowedHosts,
    String allowedTargets) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8000;
  public static final int MIN_TOKEN_LENGTH = 16;

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535 (got " + port + ")");
    }
    if (maxConcurrentJobs < 1 || maxConcurrentJobs > 64) {
      throw new IllegalArgumentException(
          "MESHBENCH_MAX_CONCURRENT_JOBS must be between 1 and 64 (got " + maxConcurrentJobs + ")");
    }
    if (maxQueuedJobs < 1 || maxQueuedJobs > 100_000) {
      throw new IllegalArgumentException(
          "MESHBENCH_MAX_QUEUED_JOBS must be between 1 and 100000 (got " + maxQueuedJobs + ")");
    }
    if (!executor.equals("auto") && !executor.equals("local") && !executor.equals("kubernetes")) {
      throw new IllegalArgumentException(
          "MESHBENCH_EXECUTOR must be auto, local or kubernetes (got '" + executor + "')");
    }
    apiToken = apiToken == null || apiToken.isBlank() ? null : apiToken;
    if (apiToken != null && apiToken.length() < MIN_TOKEN_LENGTH) {
      // A short token can be guessed by anyone who can reach the port; refuse it at start.
      throw new IllegalArgumentException(
          "MESHBENCH_API_TOKEN must be at least "
              + MIN_TOKEN_LENGTH
              + " characters (got "
              + apiToken.length()
              + "); make one with: openssl rand -hex 32");
    }
    allowedHosts = allowedHosts == null || allowedHosts.isBlank() ? null : allowedHosts.strip();
    allowedTargets =
        allowedTargets == null || allowedTargets.isBlank() ? null : allowedTargets.strip();
    TargetPolicy.parse(allowedTargets, apiToken != null); // refuses a bad entry at start
    databaseUrl = databaseUrl == null || databaseUrl.isBlank() ? null : databaseUrl;
  }

  /** A configuration with the default host and target policies. */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      String databaseUrl,
      String apiToken,
      String executor,
      String image,
      int maxConcurrentJobs,
      int maxQueuedJobs,
      boolean allowUnauthenticated) {
    this(
        host,
        port,
        dataDir,
        databaseUrl,
        apiToken,
        executor,
        image,
        maxConcurrentJobs,
        maxQueuedJobs,
        allowUnauthenticated,
        null,
        null);
  }

  /** Where this server may aim load: MESHBENCH_ALLOWED_TARGETS, or the default for its token. */
  public TargetPolicy targetPolicy() {
    return TargetPolicy.parse(allowedTargets, apiToken != null);
  }

  /** This configuration with MESHBENCH_ALLOWED_HOSTS and MESHBENCH_ALLOWED_TARGETS replaced. */
  public ServerConfig withPolicies(String hosts, String targets) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        databaseUrl,
        apiToken,
        executor,
        image,
        maxConcurrentJobs,
        maxQueuedJobs,
        allowUnauthenticated,
        hosts,
        targets);
  }

  /** Defaults overridden by the environment's MESHBENCH_* variables. */
  public static ServerConfig fromEnvironment(Map<String, String> env) {
    return new ServerConfig(
        env.getOrDefault("MESHBENCH_HOST", DEFAULT_HOST),
        intVar(env, "MESHBENCH_PORT", DEFAULT_PORT),
        Path.of(env.getOrDefault("MESHBENCH_DATA_DIR", "./data")),
        env.get("MESHBENCH_DATABASE_URL"),
        env.get("MESHBENCH_API_TOKEN"),
        env.getOrDefault("MESHBENCH_EXECUTOR", "auto"),
        env.getOrDefault("MESHBENCH_IMAGE", "meshbench:latest"),
        intVar(env, "MESHBENCH_MAX_CONCURRENT_JOBS", 1),
        intVar(env, "MESHBENCH_MAX_QUEUED_JOBS", 100),
        Boolean.parseBoolean(env.getOrDefault("MESHBENCH_ALLOW_UNAUTHENTICATED", "false")),
        env.get("MESHBENCH_ALLOWED_HOSTS"),
        env.get("MESHBENCH_ALLOWED_TARGETS"));
  }

  /**
   * Refuses to expose mutating routes beyond this machine without a token, unless explicitly
   * allowed.
   */
  public void checkExposure() {
    if (apiToken == null && !allowUnauthenticated && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "refusing to listen on "
              + host
              + " without MESHBENCH_API_TOKEN: anyone who reaches it could start load. Set a"
              + " token, bind 127.0.0.1, or pass --allow-unauthenticated.");
    }
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static int intVar(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number (got '" + v + "')");
    }
  }
}
