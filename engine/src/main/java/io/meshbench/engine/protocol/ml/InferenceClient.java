package io.meshbench.engine.protocol.ml;

import io.meshbench.engine.protocol.ConnectionListener;
import io.meshbench.engine.protocol.ProtocolClient;
import io.meshbench.engine.protocol.Transport;
import io.meshbench.engine.protocol.http.ErrorResponse;
import io.meshbench.engine.protocol.http.Http1Client;
import io.meshbench.engine.spec.LoadSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code ml} protocol: Open Inference Protocol v2 (KServe, Triton, Seldon) over HTTP/1.1. Each
 * request is {@code POST {base}v2/models/{model}/infer} with one FP32 tensor of {@code batch_size}
 * rows, built once per run; sending, parsing and error classes are {@link Http1Client}'s. Before
 * the run the server must say it is ready and serves the model, whose input must take {@code
 * features} values per row when its metadata says how many, and it must answer that request once
 * with a v2 inference (a 2xx JSON object with {@code outputs}).
 */
public final class InferenceClient implements ProtocolClient {
  private final InferenceOptions options;
  private final Http1Client http;

  /**
   * Checks the server (a blocking call: construct off the event loops) and encodes the request.
   *
   * @throws UncheckedIOException with the server's own words when it is not ready, does not serve
   *     the model, the model takes other input, or the test inference brings no outputs
   */
  public InferenceClient(LoadSpec spec, Transport transport) {
    this.options = InferenceOptions.of(spec);
    ServerCheck check = new ServerCheck(options, spec.headers(), spec.timeoutMs());
    ServerCheck.ModelInput input = check.check();
    long[] rowShape = rowShape(input);
    String inputName = input.name() != null ? input.name() : "input-0";
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(spec.headers());
    headers.putIfAbsent("Content-Type", "application/json");
    String body = InferenceBody.json(inputName, options.batchSize(), rowShape, spec.seed());
    check.checkInference(body, headers);
    LoadSpec infer =
        spec.withTarget(options.inferUrl()).toBuilder()
            .method("POST")
            .headers(headers)
            .body(body)
            .build();
    this.http = new Http1Client(infer, transport);
  }

  public InferenceOptions options() {
    return options;
  }

  /** Bytes of one encoded request, headers and body. */
  public int requestBytes() {
    return http.requestBytes();
  }

  /**
   * The shape of one row: the model's own when its metadata gives fixed dimensions that hold {@code
   * features} values, otherwise {@code [features]}.
   */
  private long[] rowShape(ServerCheck.ModelInput input) {
    if (input.datatype() != null && !input.datatype().equals("FP32")) {
      throw failure(
          "model '"
              + options.model()
              + "' takes "
              + input.datatype()
              + " input '"
              + input.name()
              + "'; meshbench sends FP32 tensors");
    }
    long[] dims = input.rowShape();
    if (dims == null || Arrays.stream(dims).anyMatch(d -> d < 1)) {
      return new long[] {options.features()}; // variable or unknown: take ours
    }
    long perRow = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    if (perRow != options.features()) {
      throw failure(
          "model '"
              + options.model()
              + "' takes "
              + perRow
              + " features per row (input '"
              + input.name()
              + "' shape [-1, "
              + String.join(", ", Arrays.stream(dims).mapToObj(Long::toString).toList())
              + "]), but features is "
              + options.features());
    }
    return dims;
  }

  @Override
  public int maxInFlight() {
    return http.maxInFlight();
  }

  @Override
  public void connect(io.netty.channel.EventLoop loop, ConnectionListener listener) {
    http.connect(loop, listener);
  }

  @Override
  public int inferencesPerRequest() {
    return options.batchSize();
  }

  /** The first error response, with an OIP {@code {"error": ...}} body reduced to its text. */
  @Override
  public String firstError() {
    ErrorResponse e = http.firstErrorResponse();
    if (e == null) {
      return null;
    }
    String text = ServerCheck.errorText(e.body());
    return text.isEmpty() ? "HTTP " + e.status() : "HTTP " + e.status() + ": " + text;
  }

  @Override
  public void close() {
    http.close();
  }

  private static UncheckedIOException failure(String message) {
    return new UncheckedIOException(new IOException(message));
  }
}
