package io.meshbench.platform.cli;

import io.meshbench.engine.protocol.ml.InferenceOptions;
import io.meshbench.engine.spec.Protocol;
import io.meshbench.engine.spec.SpecException;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags only {@code --protocol ml} reads. */
final class InferenceFlags {
  @Option(
      names = "--model",
      description =
          "ml: the model to infer with; the URL is the server's base. Default: "
              + InferenceOptions.DEFAULT_MODEL
              + " (the built-in target's).")
  String model;

  @Option(
      names = "--batch-size",
      description = "ml: rows per inference request, 1 to 4096. Default: 1.")
  Integer batchSize;

  @Option(
      names = "--features",
      description =
          "ml: FP32 values per row, 1 to 65536; must match the model's input. Default: "
              + InferenceOptions.DEFAULT_FEATURES
              + ".")
  Integer features;

  /** What is wrong with these flags for {@code protocol}, naming the flag; null when nothing. */
  String problem(Protocol protocol) {
    if (protocol != Protocol.ML) {
      String flag =
          model != null
              ? "--model"
              : batchSize != null ? "--batch-size" : features != null ? "--features" : null;
      return flag == null
          ? null
          : flag + " applies to --protocol ml only (got --protocol " + protocol + ")";
    }
    if (batchSize != null && (batchSize < 1 || batchSize > InferenceOptions.MAX_BATCH_SIZE)) {
      return "--batch-size must be between 1 and "
          + InferenceOptions.MAX_BATCH_SIZE
          + " (got "
          + batchSize
          + ")";
    }
    if (features != null && (features < 1 || features > InferenceOptions.MAX_FEATURES)) {
      return "--features must be between 1 and "
          + InferenceOptions.MAX_FEATURES
          + " (got "
          + features
          + ")";
    }
    long values =
        (long) (batchSize == null ? 1 : batchSize)
            * (features == null ? InferenceOptions.DEFAULT_FEATURES : features);
    if (values > InferenceOptions.MAX_VALUES) {
      return "--batch-size times --features must be at most "
          + InferenceOptions.MAX_VALUES
          + " values per request (got "
          + values
          + ")";
    }
    if (model != null) {
      try {
        new InferenceOptions("http://x/", model, 1, 1);
      } catch (SpecException e) {
        return "--model" + e.getMessage().substring(e.field().length());
      }
    }
    return null;
  }

  void addOptions(Map<String, String> options) {
    if (model != null) {
      options.put(InferenceOptions.MODEL_OPTION, model);
    }
    if (batchSize != null) {
      options.put(InferenceOptions.BATCH_SIZE_OPTION, Integer.toString(batchSize));
    }
    if (features != null) {
      options.put(InferenceOptions.FEATURES_OPTION, Integer.toString(features));
    }
  }
}
