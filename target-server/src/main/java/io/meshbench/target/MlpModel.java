package io.meshbench.target;

import java.util.SplittableRandom;

/**
 * The built-in target's inference model: a real two-layer perceptron, {@code features → hidden
 * (ReLU) → outputs (softmax)}, with weights drawn once from a fixed seed, so that every target
 * answers the same input with the same output and the work per request grows linearly with the
 * batch: {@link #multiplyAddsPerRow()} multiply-adds for each row, nothing shared between rows.
 *
 * <p>Immutable after construction and so safe on any thread; {@link #infer} allocates nothing but
 * its scratch row.
 */
final class MlpModel {
  /** The model the target serves. */
  static final String NAME = "meshbench-mlp";

  static final int FEATURES = 16;
  static final int HIDDEN = 64;
  static final int OUTPUTS = 8;
  static final long SEED = 20_240_601L;

  static final MlpModel DEFAULT = new MlpModel(FEATURES, HIDDEN, OUTPUTS, SEED);

  private final int features;
  private final int hidden;
  private final int outputs;
  private final float[] w1; // [hidden][features], row-major
  private final float[] b1;
  private final float[] w2; // [outputs][hidden], row-major
  private final float[] b2;

  MlpModel(int features, int hidden, int outputs, long seed) {
    this.features = features;
    this.hidden = hidden;
    this.outputs = outputs;
    SplittableRandom random = new SplittableRandom(seed);
    // Uniform in ±sqrt(6 / fan-in) (He-style), so activations keep a useful scale.
    this.w1 = weights(random, hidden * features, Math.sqrt(6.0 / features));
    this.b1 = weights(random, hidden, 0.1);
    this.w2 = weights(random, outputs * hidden, Math.sqrt(6.0 / hidden));
    this.b2 = weights(random, outputs, 0.1);
  }

  int features() {
    return features;
  }

  int outputs() {
    return outputs;
  }

  /** The work for one row of a batch: both matrix products. */
  long multiplyAddsPerRow() {
    return (long) features * hidden + (long) hidden * outputs;
  }

  /**
   * Runs {@code batch} rows of {@code input} (row-major, {@code batch × features}) into {@code
   * output} (row-major, {@code batch × outputs}); each output row is a probability distribution.
   *
   * @return the multiply-adds done, {@code batch ×} {@link #multiplyAddsPerRow()}
   */
  long infer(float[] input, int batch, float[] output) {
    if (input.length < batch * features || output.length < batch * outputs) {
      throw new IllegalArgumentException("input or output shorter than the batch");
    }
    float[] h = new float[hidden];
    long multiplyAdds = 0;
    for (int r = 0; r < batch; r++) {
      int in = r * features;
      for (int j = 0; j < hidden; j++) {
        float sum = b1[j];
        int w = j * features;
        for (int i = 0; i < features; i++) {
          sum += w1[w + i] * input[in + i];
        }
        h[j] = Math.max(0f, sum); // ReLU
      }
      multiplyAdds += (long) hidden * features;
      int out = r * outputs;
      float max = Float.NEGATIVE_INFINITY;
      for (int k = 0; k < outputs; k++) {
        float sum = b2[k];
        int w = k * hidden;
        for (int j = 0; j < hidden; j++) {
          sum += w2[w + j] * h[j];
        }
        output[out + k] = sum;
        max = Math.max(max, sum);
      }
      multiplyAdds += (long) outputs * hidden;
      float total = 0;
      for (int k = 0; k < outputs; k++) { // softmax, shifted by the max for stability
        float e = (float) Math.exp(output[out + k] - max);
        output[out + k] = e;
        total += e;
      }
      for (int k = 0; k < outputs; k++) {
        output[out + k] /= total;
      }
    }
    return multiplyAdds;
  }

  private static float[] weights(SplittableRandom random, int n, double scale) {
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
    }
    return w;
  }
}
