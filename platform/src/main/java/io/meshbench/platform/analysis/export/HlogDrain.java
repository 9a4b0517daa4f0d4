package io.meshbench.platform.analysis.export;

import io.meshbench.engine.stats.HistogramCodec;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * What a job's whole histogram holds beyond the sum of its per-second ones: the requests that
 * completed during the drain after the measured end ({@code completed_after_end}); documents
 * written before a stopped run's cut-short second became a point of its own also hold that second
 * here. {@link HlogExport} writes it as one last interval, so that the log's intervals add up to
 * the document's whole histogram, value for value.
 */
final class HlogDrain {
  private HlogDrain() {}

  /**
   * {@code whole} minus {@code seconds}, in a new histogram; neither argument changes.
   *
   * @param what names the histogram in the error, e.g. "job X, corrected latency"
   * @throws IllegalArgumentException when {@code seconds} holds some value more often than {@code
   *     whole}: the document contradicts itself, and a difference with negative counts would be
   *     garbage
   */
  static Histogram rest(Histogram whole, Histogram seconds, String what) {
    long wholeMax = whole.getMaxValue();
    for (HistogramIterationValue v : seconds.recordedValues()) {
      long value = v.getValueIteratedTo();
      // getCountAtValue clamps values past the histogram's range to its last bucket: compare
      // against the whole's recorded maximum instead.
      long inWhole = value > wholeMax ? 0 : whole.getCountAtValue(value);
      if (v.getCountAtValueIteratedTo() > inWhole) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s: the per-second histograms count %d at %.3f ms, the whole histogram %d;"
                    + " the document contradicts itself, so no interval log of it can add up to it",
                what,
                v.getCountAtValueIteratedTo(),
                value / 1000.0,
                inWhole));
      }
    }
    Histogram rest = HistogramCodec.newHistogram();
    rest.add(whole);
    rest.subtract(seconds);
    return rest;
  }
}
