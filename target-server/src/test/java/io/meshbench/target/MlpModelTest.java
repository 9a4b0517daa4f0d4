package io.meshbench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MlpModelTest {
  private static final MlpModel MODEL = MlpModel.DEFAULT;

  private static float[] input(int batch, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[batch * MlpModel.FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return x;
  }

  private static float[] infer(MlpModel model, float[] x, int batch) {
    float[] y = new float[batch * model.outputs()];
    model.infer(x, batch, y);
    return y;
  }

  @Test
  void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
    float[] x = input(4, 7);
    MlpModel again =
        new MlpModel(MlpModel.FEATURES, MlpModel.HIDDEN, MlpModel.OUTPUTS, MlpModel.SEED);
    MlpModel other = new MlpModel(MlpModel.FEATURES, MlpModel.HIDDEN, MlpModel.OUTPUTS, 99);

    assertThat(infer(again, x, 4)).containsExactly(infer(MODEL, x, 4));
    assertThat(infer(other, x, 4)).isNotEqualTo(infer(MODEL, x, 4));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 64, 1000})
  void everyRowIsAProbabilityDistributionOverEightClasses(int batch) {
    float[] y = infer(MODEL, input(batch, batch), batch);

    assertThat(y).hasSize(batch * 8);
    for (int r = 0; r < batch; r++) {
      float sum = 0;
      for (int k = 0; k < 8; k++) {
        assertThat(y[r * 8 + k]).isBetween(0f, 1f);
        sum += y[r * 8 + k];
      }
      assertThat(sum).isCloseTo(1f, within(1e-5f));
    }
  }

  @Test
  void outputsDependOnTheInput() {
    float[] y = infer(MODEL, input(2, 3), 2);
    assertThat(Arrays.copyOfRange(y, 0, 8)).isNotEqualTo(Arrays.copyOfRange(y, 8, 16));
  }

  @Test
  void workGrowsLinearlyWithTheBatchAndRowsAreIndependent() {
    assertThat(MODEL.multiplyAddsPerRow()).isEqualTo(16 * 64 + 64 * 8);
    int batch = 64;
    float[] x = input(batch, 11);
    float[] y = new float[batch * 8];
    for (int b : new int[] {1, 8, 64}) {
      assertThat(MODEL.infer(x, b, y)).isEqualTo(b * MODEL.multiplyAddsPerRow());
    }
    // Row r of a batch is what the row alone gives: no work is shared between rows.
    MODEL.infer(x, batch, y);
    for (int r : new int[] {0, 31, 63}) {
      float[] row = Arrays.copyOfRange(x, r * 16, r * 16 + 16);
      assertThat(infer(MODEL, row, 1)).containsExactly(Arrays.copyOfRange(y, r * 8, r * 8 + 8));
    }
  }
}
