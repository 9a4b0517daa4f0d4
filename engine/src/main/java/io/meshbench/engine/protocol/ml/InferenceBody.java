package io.meshbench.engine.protocol.ml;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.SplittableRandom;

/**
 * The request body of a run: one FP32 input tensor in the Open Inference Protocol v2 JSON form,
 * {@code {"inputs":[{"name":...,"shape":[batch,...],"datatype":"FP32","data":[...]}]}}, with values
 * drawn from the run's seed (uniform in [-1, 1], three decimals) so that runs repeat.
 */
final class InferenceBody {
  private InferenceBody() {}

  /**
   * @param rowShape the shape of one row (its product is the row's values), e.g. {@code [16]}
   */
  static String json(String inputName, int batchSize, long[] rowShape, long seed) {
    long perRow = 1;
    for (long d : rowShape) {
      perRow *= d;
    }
    long values = batchSize * perRow;
    StringBuilder b = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 64, values * 7 + 128));
    b.append("{\"inputs\":[{\"name\":\"")
        .append(JsonStringEncoder.getInstance().quoteAsString(inputName))
        .append("\",\"shape\":[")
        .append(batchSize);
    for (long d : rowShape) {
      b.append(',').append(d);
    }
    b.append("],\"datatype\":\"FP32\",\"data\":[");
    SplittableRandom random = new SplittableRandom(seed);
    for (long i = 0; i < values; i++) {
      if (i > 0) {
        b.append(',');
      }
      int milli = random.nextInt(-1000, 1001); // the value in thousandths, written exactly
      if (milli < 0) {
        b.append('-');
        milli = -milli;
      }
      b.append(milli / 1000).append('.');
      int frac = milli % 1000;
      b.append((char) ('0' + frac / 100)).append((char) ('0' + frac / 10 % 10));
      b.append((char) ('0' + frac % 10));
    }
    return b.append("]}]}").toString();
  }
}
