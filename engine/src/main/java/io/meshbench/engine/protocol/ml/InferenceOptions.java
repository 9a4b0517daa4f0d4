package io.meshbench.engine.protocol.ml;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.spec.SpecException;
import io.meshbench.engine.spec.TargetAddress;
import java.util.regex.Pattern;

/**
 * The {@code ml} protocol's options, read from a spec: {@code model} (default {@value
 * #DEFAULT_MODEL}, the built-in target's), {@code batch_size} (rows per request, 1 to {@value
 * #MAX_BATCH_SIZE}) and {@code features} (values per row, 1 to {@value #MAX_FEATURES}; default
 * {@value #DEFAULT_FEATURES}, the built-in model's input width). The spec's target is the server's
 * base URL; the routes are appended to its path.
 */
public record InferenceOptions(String baseUrl, String model, int batchSize, int features) {
  public static final String MODEL_OPTION = "model";
  public static final String BATCH_SIZE_OPTION = "batch_size";
  public static final String FEATURES_OPTION = "features";

  public static final String DEFAULT_MODEL = "meshbench-mlp";
  public static final int DEFAULT_FEATURES = 16;
  public static final int MAX_BATCH_SIZE = 4096;
  public static final int MAX_FEATURES = 65_536;

  /** Values in one request at most: about 30 MB of JSON, under the spec's body limit. */
  public static final int MAX_VALUES = 4 * 1024 * 1024;

  /** Model names as KServe, Triton and Seldon allow them, and safe in a path unescaped. */
  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  public InferenceOptions {
    if (!MODEL_NAME.matcher(model).matches()) {
      throw new SpecException(
          "options." + MODEL_OPTION,
          "must be a model name of letters, digits, '.', '_' and '-' (got '" + model + "')");
    }
    if ((long) batchSize * features > MAX_VALUES) {
      throw new SpecException(
          "options." + BATCH_SIZE_OPTION,
          "times features must be at most "
              + MAX_VALUES
              + " values per request (got "
              + batchSize
              + " × "
              + features
              + ")");
    }
  }

  public static InferenceOptions of(LoadSpec spec) {
    String model = spec.options().getOrDefault(MODEL_OPTION, DEFAULT_MODEL);
    int batch = spec.intOption(BATCH_SIZE_OPTION, 1, 1, MAX_BATCH_SIZE);
    int features = spec.intOption(FEATURES_OPTION, DEFAULT_FEATURES, 1, MAX_FEATURES);
    TargetAddress a = spec.address();
    String pathAndQuery = a.pathAndQuery();
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String base = "http://" + a.authority() + (path.endsWith("/") ? path : path + "/");
    return new InferenceOptions(base, model, batch, features);
  }

  /** The URL of a route below the base, e.g. {@code url("v2/health/ready")}. */
  public String url(String route) {
    return baseUrl + route;
  }

  public String inferUrl() {
    return url("v2/models/" + model + "/infer");
  }

  public String metadataUrl() {
    return url("v2/models/" + model);
  }

  public String readyUrl() {
    return url("v2/health/ready");
  }
}
