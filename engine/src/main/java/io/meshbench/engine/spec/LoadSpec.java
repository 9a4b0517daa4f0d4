package io.meshbench.engine.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What to run: an immutable, validated definition that travels as snake_case JSON (to worker pods
 * in {@code MESHBENCH_SPEC}). A running instance of it is a {@code LoadRun}.
 *
 * <p>{@code rateRps} is the total over all connections; 0 selects the closed model (every
 * connection keeps its requests in flight back to back). Times are milliseconds. Warm-up runs
 * before {@code durationMs} and is sent but not reported (what it records is dropped).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadSpec(
    @JsonProperty("protocol") Protocol protocol,
    @JsonProperty("target") String target,
    @JsonProperty("rate_rps") double rateRps,
    @JsonProperty("connections") int connections,
    @JsonProperty("streams") int streams,
    @JsonProperty("duration_ms") long durationMs,
    @JsonProperty("warmup_ms") long warmupMs,
    @JsonProperty("timeout_ms") long timeoutMs,
    @JsonProperty("payload_bytes") int payloadBytes,
    @JsonProperty("body") String body,
    @JsonProperty("method") String method,
    @JsonProperty("headers") Map<String, String> headers,
    @JsonProperty("options") Map<String, String> options,
    @JsonProperty("arrival") Arrival arrival,
    @JsonProperty("seed") long seed,
    @JsonProperty("threads") int threads) {

  public static final double MAX_RATE_RPS = 10_000_000;
  public static final int MAX_CONNECTIONS = 100_000;
  public static final long MAX_DURATION_MS = 7L * 24 * 3600 * 1000;
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

  /**
   * Requests in flight at once, connections × streams (× pipeline depth): the engine sizes its
   * per-request state by it before any I/O, so the largest allowed spec must still fit in memory.
   */
  public static final long MAX_IN_FLIGHT = 200_000;

  private static final Pattern TRANSPORTS = Pattern.compile("(?i)auto|epoll|io[_-]uring|nio");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public LoadSpec {
    if (protocol == null) {
      throw new SpecException("protocol", "is required; one of " + Protocol.allowed());
    }
    if (target == null || target.isBlank()) {
      throw new SpecException("target", "is required (a URL such as http://127.0.0.1:8080/)");
    }
    TargetAddress.parse(protocol, target); // validates scheme, host and port
    if (!(rateRps >= 0) || Double.isInfinite(rateRps) || rateRps > MAX_RATE_RPS) {
      throw new SpecException(
          "rate_rps", "must be between 0 (closed model) and " + (long) MAX_RATE_RPS);
    }
    if (connections < 1 || connections > MAX_CONNECTIONS) {
      throw new SpecException("connections", "must be between 1 and " + MAX_CONNECTIONS);
    }
    if (streams < 1 || streams > 1000) {
      throw new SpecException("streams", "must be between 1 and 1000");
    }
    if (durationMs < 1 || durationMs > MAX_DURATION_MS) {
      throw new SpecException("duration_ms", "must be between 1 ms and 7 days");
    }
    if (warmupMs < 0 || warmupMs > MAX_DURATION_MS) {
      throw new SpecException("warmup_ms", "must be between 0 and 7 days");
    }
    if (timeoutMs < 1 || timeoutMs > 3_600_000) {
      throw new SpecException("timeout_ms", "must be between 1 ms and 1 hour");
    }
    if (payloadBytes < 0 || payloadBytes > MAX_PAYLOAD_BYTES) {
      throw new SpecException("payload_bytes", "must be between 0 and " + MAX_PAYLOAD_BYTES);
    }
    method = method == null ? (body != null || payloadBytes > 0 ? "POST" : "GET") : method;
    if (!TOKEN.matcher(method).matches()) {
      throw new SpecException("method", "must be an HTTP method token such as GET or POST");
    }
    headers = headers == null ? Map.of() : headers;
    for (var h : headers.entrySet()) { // before copying: a null would surface as a bare NPE
      if (h.getKey() == null || !TOKEN.matcher(h.getKey()).matches()) {
        throw new SpecException("headers", "name '" + h.getKey() + "' is not a valid header name");
      }
      if (h.getValue() == null
          || h.getValue().indexOf('\r') >= 0
          || h.getValue().indexOf('\n') >= 0) {
        throw new SpecException("headers", "value of '" + h.getKey() + "' must be one line");
      }
    }
    // Sorted copies, so that documents print the same way every time.
    headers = Collections.unmodifiableMap(new TreeMap<>(headers));
    options = options == null ? Map.of() : options;
    for (var o : options.entrySet()) {
      if (o.getKey() == null || o.getValue() == null) {
        throw new SpecException("options", "'" + o.getKey() + "' must have a name and a value");
      }
    }
    options = Collections.unmodifiableMap(new TreeMap<>(options));
    String transport = options.get("transport");
    if (transport != null && !TRANSPORTS.matcher(transport).matches()) {
      throw new SpecException(
          "options.transport", "must be auto, epoll, io_uring or nio (got '" + transport + "')");
    }
    String pipeline = options.get("pipeline");
    long perConnection = streams;
    if (pipeline != null && pipeline.trim().matches("[0-9]{1,9}")) {
      perConnection = Math.max(perConnection, Long.parseLong(pipeline.trim()));
    }
    if ((long) connections * perConnection > MAX_IN_FLIGHT) {
      throw new SpecException(
          "connections",
          "connections × streams (or × options.pipeline) must be at most "
              + MAX_IN_FLIGHT
              + " requests in flight (got "
              + connections
              + " × "
              + perConnection
              + "); use fewer connections or fewer streams");
    }
    arrival = arrival == null ? Arrival.CONSTANT : arrival;
    if (threads < 0 || threads > 1024) {
      throw new SpecException("threads", "must be between 0 (one per core) and 1024");
    }
  }

  /** Reads the JSON form, where every field but protocol and target may be absent. */
  @JsonCreator
  static LoadSpec fromJson(
      @JsonProperty("protocol") Protocol protocol,
      @JsonProperty("target") String target,
      @JsonProperty("rate_rps") Double rateRps,
      @JsonProperty("connections") Integer connections,
      @JsonProperty("streams") Integer streams,
      @JsonProperty("duration_ms") Long durationMs,
      @JsonProperty("warmup_ms") Long warmupMs,
      @JsonProperty("timeout_ms") Long timeoutMs,
      @JsonProperty("payload_bytes") Integer payloadBytes,
      @JsonProperty("body") String body,
      @JsonProperty("method") String method,
      @JsonProperty("headers") Map<String, String> headers,
      @JsonProperty("options") Map<String, String> options,
      @JsonProperty("arrival") Arrival arrival,
      @JsonProperty("seed") Long seed,
      @JsonProperty("threads") Integer threads) {
    Builder b = builder(protocol, target);
    if (rateRps != null) b.rateRps(rateRps);
    if (connections != null) b.connections(connections);
    if (streams != null) b.streams(streams);
    if (durationMs != null) b.durationMs(durationMs);
    if (warmupMs != null) b.warmupMs(warmupMs);
    if (timeoutMs != null) b.timeoutMs(timeoutMs);
    if (payloadBytes != null) b.payloadBytes(payloadBytes);
    if (seed != null) b.seed(seed);
    if (threads != null) b.threads(threads);
    return b.body(body).method(method).headers(headers).options(options).arrival(arrival).build();
  }

  public static Builder builder(Protocol protocol, String target) {
    return new Builder(protocol, target);
  }

  public Builder toBuilder() {
    return new Builder(protocol, target)
        .rateRps(rateRps)
        .connections(connections)
        .streams(streams)
        .durationMs(durationMs)
        .warmupMs(warmupMs)
        .timeoutMs(timeoutMs)
        .payloadBytes(payloadBytes)
        .body(body)
        .method(method)
        .headers(headers)
        .options(options)
        .arrival(arrival)
        .seed(seed)
        .threads(threads);
  }

  /** The same spec aimed at another target (e.g. a built-in target's ephemeral port). */
  public LoadSpec withTarget(String newTarget) {
    return new LoadSpec(
        protocol,
        newTarget,
        rateRps,
        connections,
        streams,
        durationMs,
        warmupMs,
        timeoutMs,
        payloadBytes,
        body,
        method,
        headers,
        options,
        arrival,
        seed,
        threads);
  }

  /** True when every connection sends back to back instead of following a schedule. */
  public boolean closedModel() {
    return rateRps == 0;
  }

  public TargetAddress address() {
    return TargetAddress.parse(protocol, target);
  }

  /** A protocol-specific option as a whole number, or {@code fallback} when absent. */
  public int intOption(String name, int fallback, int min, int max) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new SpecException(
        "options." + name,
        "must be a whole number from " + min + " to " + max + " (got " + v + ")");
  }

  /** Fluent construction with the documented defaults. */
  public static final class Builder {
    private final Protocol protocol;
    private final String target;
    private double rateRps = 0;
    private int connections = 16;
    private int streams = 1;
    private long durationMs = 10_000;
    private long warmupMs = 1_000;
    private long timeoutMs = 10_000;
    private int payloadBytes = 0;
    private String body;
    private String method;
    private Map<String, String> headers = Map.of();
    private Map<String, String> options = Map.of();
    private Arrival arrival = Arrival.CONSTANT;
    private long seed = 1;
    private int threads = 0;

    private Builder(Protocol protocol, String target) {
      this.protocol = protocol;
      this.target = target;
    }

    public Builder rateRps(double v) {
      rateRps = v;
      return this;
    }

    public Builder connections(int v) {
      connections = v;
      return this;
    }

    public Builder streams(int v) {
      streams = v;
      return this;
    }

    public Builder durationMs(long v) {
      durationMs = v;
      return this;
    }

    public Builder warmupMs(long v) {
      warmupMs = v;
      return this;
    }

    public Builder timeoutMs(long v) {
      timeoutMs = v;
      return this;
    }

    public Builder payloadBytes(int v) {
      payloadBytes = v;
      return this;
    }

    public Builder body(String v) {
      body = v;
      return this;
    }

    public Builder method(String v) {
      method = v;
      return this;
    }

    public Builder headers(Map<String, String> v) {
      headers = v;
      return this;
    }

    public Builder options(Map<String, String> v) {
      options = v;
      return this;
    }

    public Builder arrival(Arrival v) {
      arrival = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder threads(int v) {
      threads = v;
      return this;
    }

    public LoadSpec build() {
      return new LoadSpec(
          protocol,
          target,
          rateRps,
          connections,
          streams,
          durationMs,
          warmupMs,
          timeoutMs,
          payloadBytes,
          body,
          method,
          headers,
          options,
          arrival,
          seed,
          threads);
    }
  }
}
