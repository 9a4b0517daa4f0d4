package io.meshbench.engine.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Moves a whole histogram as text: HdrHistogram's compressed encoding in base64. Decoding and
 * {@link Histogram#add} give exact merges across processes.
 */
public final class HistogramCodec {
  private HistogramCodec() {}

  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  /**
   * Reads what {@link #encode} wrote; null or empty is an empty histogram.
   *
   * @throws IllegalArgumentException if the text is not a compressed histogram
   */
  public static Histogram decode(String base64) {
    if (base64 == null || base64.isEmpty()) {
      return newHistogram();
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
      return Histogram.decodeFromCompressedByteBuffer(buffer, 0);
    } catch (DataFormatException | RuntimeException e) {
      // The text comes from another process; HdrHistogram reports truncated or corrupted input
      // with whatever the read ran into (BufferUnderflowException, IndexOutOfBoundsException...).
      throw new IllegalArgumentException("histogram is not a valid compressed HdrHistogram", e);
    }
  }

  /** The histogram shape every recorder uses: microseconds, 3 significant digits, auto-resizing. */
  public static Histogram newHistogram() {
    Histogram h = new Histogram(3);
    h.setAutoResize(true);
    return h;
  }
}
