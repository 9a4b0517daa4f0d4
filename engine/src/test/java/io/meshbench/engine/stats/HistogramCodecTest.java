package io.meshbench.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistogramCodecTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void randomValuesSurviveTheRoundTrip(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Histogram original = HistogramCodec.newHistogram();
    for (int i = 0; i < 50_000; i++) {
      // Log-uniform from 1 µs to about 100 s, so that the histogram has to resize.
      original.recordValue((long) Math.exp(random.nextDouble() * Math.log(1e8)));
    }
    original.recordValue(3_600_000_000L); // one hour

    Histogram decoded = HistogramCodec.decode(HistogramCodec.encode(original));

    assertThat(decoded).isEqualTo(original);
    assertThat(decoded.getTotalCount()).isEqualTo(original.getTotalCount()).isEqualTo(50_001);
    assertThat(decoded.getMinValue()).isEqualTo(original.getMinValue());
    assertThat(decoded.getMaxValue()).isEqualTo(original.getMaxValue());
    for (double p : new double[] {0, 10, 50, 90, 99, 99.9, 99.99, 100}) {
      assertThat(decoded.getValueAtPercentile(p))
          .as("p%s", p)
          .isEqualTo(original.getValueAtPercentile(p));
    }
    assertThat(LatencyStats.ofMicros(decoded)).isEqualTo(LatencyStats.ofMicros(original));
    // Every bucket, not only the summary figures.
    original
        .recordedValues()
        .forEach(
            v ->
                assertThat(decoded.getCountAtValue(v.getValueIteratedTo()))
                    .isEqualTo(v.getCountAtValueIteratedTo()));
  }

  @Test
  void emptyHistogramRoundTrips() {
    Histogram empty = HistogramCodec.newHistogram();
    Histogram decoded = HistogramCodec.decode(HistogramCodec.encode(empty));
    assertThat(decoded.getTotalCount()).isZero();
    assertThat(LatencyStats.ofMicros(decoded)).isEqualTo(LatencyStats.EMPTY);
  }

  @Test
  void absentHistogramDecodesAsEmpty() {
    assertThat(HistogramCodec.decode(null).getTotalCount()).isZero();
    assertThat(HistogramCodec.decode("").getTotalCount()).isZero();
  }

  @Test
  void decodedHistogramsMergeWithAdd() {
    Histogram a = HistogramCodec.newHistogram();
    Histogram b = HistogramCodec.newHistogram();
    a.recordValue(100);
    b.recordValue(5_000_000_000L); // far beyond a's current range
    Histogram merged = HistogramCodec.newHistogram();
    merged.add(HistogramCodec.decode(HistogramCodec.encode(a)));
    merged.add(HistogramCodec.decode(HistogramCodec.encode(b)));
    assertThat(merged.getTotalCount()).isEqualTo(2);
    assertThat(merged.getMaxValue()).isEqualTo(b.getMaxValue());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not base64 at all!",
        "AAAA", // three zero bytes: too short for a header
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAA", // zeros: no histogram cookie
        "aGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IGEgaGlzdG9ncmFt" // "hello world, this is not..."
      })
  void garbageIsRejectedWithIllegalArgument(String garbage) {
    assertThatThrownBy(() -> HistogramCodec.decode(garbage))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void truncatedEncodingIsRejectedWithIllegalArgument() {
    Histogram h = HistogramCodec.newHistogram();
    for (int i = 1; i <= 1000; i++) {
      h.recordValue(i * 37L);
    }
    byte[] bytes = Base64.getDecoder().decode(HistogramCodec.encode(h));
    for (int length : new int[] {1, 4, 7, 8, 12, bytes.length / 2, bytes.length - 1}) {
      byte[] cut = Arrays.copyOf(bytes, length);
      String text = Base64.getEncoder().encodeToString(cut);
      assertThatThrownBy(() -> HistogramCodec.decode(text))
          .as("first %d of %d bytes", length, bytes.length)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void corruptedPayloadIsRejectedWithIllegalArgument() {
    Histogram h = HistogramCodec.newHistogram();
    for (int i = 1; i <= 1000; i++) {
      h.recordValue(i * 37L);
    }
    byte[] bytes = Base64.getDecoder().decode(HistogramCodec.encode(h));
    // Keep the 8-byte header (cookie and length), scramble the deflated payload.
    for (int i = 8; i < bytes.length; i++) {
      bytes[i] = (byte) (bytes[i] ^ 0x5A);
    }
    String text = Base64.getEncoder().encodeToString(bytes);
    assertThatThrownBy(() -> HistogramCodec.decode(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mutatedEncodingsDecodeOrFailWithIllegalArgument() {
    Histogram h = HistogramCodec.newHistogram();
    for (int i = 1; i <= 1000; i++) {
      h.recordValue(i * 37L);
    }
    byte[] valid = Base64.getDecoder().decode(HistogramCodec.encode(h));
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 3000; round++) {
      byte[] bytes = valid.clone();
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) {
        // Mostly the 8-byte header and the start of the deflate stream, where lengths live.
        int at = random.nextInt(round % 2 == 0 ? Math.min(24, bytes.length) : bytes.length);
        bytes[at] = (byte) random.nextInt(256);
      }
      String text = Base64.getEncoder().encodeToString(bytes);
      try {
        HistogramCodec.decode(text);
      } catch (IllegalArgumentException expected) {
        // the documented failure
      } catch (RuntimeException e) {
        throw new AssertionError("round " + round + " threw " + e, e);
      }
    }
  }
}
