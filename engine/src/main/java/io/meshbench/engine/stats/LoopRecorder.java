package io.meshbench.engine.stats;

import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What one event loop measures. Assumptions and guarantees: exactly one thread (the loop) calls the
 * {@code record*}/{@code add*} methods; any thread may read. Histograms use HdrHistogram's {@link
 * SingleWriterRecorder} (wait-free recording, interval histograms on demand); counters are
 * single-writer cells published with release stores, so recording never takes a lock, never
 * allocates, and readers see each counter's latest value without tearing.
 */
public final class LoopRecorder {
  static final int SUCCESSES = 0;
  static final int SENT = 1;
  static final int SCHEDULED = 2;
  static final int BYTES_SENT = 3;
  static final int BYTES_RECEIVED = 4;
  static final int MAX_LAG_NS = 5;
  static final int CONNECTS = 6;
  static final int UNSENT = 7;
  static final int UNSENT_LAG_NS = 8;
  static final int MAX_GENERATOR_LAG_NS = 9;
  static final int MAX_CONNECTION_WAIT_NS = 10;
  static final int ERRORS_BASE = 11;
  static final int SIZE = ERRORS_BASE + ErrorKind.values().length;
  static final int STATUS_CODES = StatusCodes.LIMIT; // HTTP 0..599, gRPC as 1000+code

  /** Values that a batch of never-sent requests' lateness enters the histogram as, at most. */
  static final long UNSENT_GROUPS = 64;

  private final SingleWriterRecorder corrected = new SingleWriterRecorder(3);
  private final SingleWriterRecorder service = new SingleWriterRecorder(3);
  private final SingleWriterRecorder connectTime = new SingleWriterRecorder(3);
  private final SingleWriterRecorder generatorLag = new SingleWriterRecorder(3);
  private final AtomicLongArray counters = new AtomicLongArray(SIZE);
  private final AtomicLongArray statusCodes = new AtomicLongArray(STATUS_CODES);

  /** A successful request: latency from the intended send time, and from the actual send. */
  public void recordSuccess(long correctedMicros, long serviceMicros) {
    corrected.recordValue(Math.max(0, correctedMicros));
    service.recordValue(Math.max(0, serviceMicros));
    increment(SUCCESSES, 1);
  }

  public void recordError(ErrorKind kind) {
    increment(ERRORS_BASE + kind.ordinal(), 1);
  }

  public void recordStatus(int status) {
    if (status >= 0 && status < STATUS_CODES) {
      statusCodes.lazySet(status, statusCodes.get(status) + 1);
    }
  }

  public void addSent(long bytes) {
    increment(SENT, 1);
    increment(BYTES_SENT, bytes);
  }

  /**
   * Takes back the count of one sent request that the server did not process and that goes out
   * again (counted again then); its bytes stay counted, they did go over the wire.
   */
  public void undoSent() {
    increment(SENT, -1);
  }

  public void addReceived(long bytes) {
    increment(BYTES_RECEIVED, bytes);
  }

  public void addScheduled(long n) {
    increment(SCHEDULED, n);
  }

  public void addConnect() {
    increment(CONNECTS, 1);
  }

  /**
   * A connection came up {@code micros} after the engine asked the protocol for it (TCP connect
   * plus any handshake: the HTTP/2 preface, the WebSocket upgrade).
   */
  public void recordConnectTime(long micros) {
    connectTime.recordValue(Math.max(0, micros));
  }

  /**
   * A request went out {@code lagNs} after its intended time; {@code generatorLagNs} of that was
   * the generator's own lateness (a connection was free, the loop was late), the rest was waiting
   * for a free connection (the target's doing).
   */
  public void recordLag(long lagNs, long generatorLagNs) {
    long generator = Math.max(0, Math.min(lagNs, generatorLagNs));
    max(MAX_LAG_NS, lagNs);
    max(MAX_GENERATOR_LAG_NS, generator);
    max(MAX_CONNECTION_WAIT_NS, lagNs - generator);
    generatorLag.recordValue(generator / 1000);
  }

  /**
   * A timer of the loop (a pacing wake-up, the timeout sweep) ran {@code lateNs} after its time:
   * the loop was busy or starved of a core. Counts as the generator's lateness, whether or not a
   * request was waiting, so that a starved generator shows even while every connection is busy.
   */
  public void recordTimerLag(long lateNs) {
    long late = Math.max(0, lateNs);
    max(MAX_GENERATOR_LAG_NS, late);
    generatorLag.recordValue(late / 1000);
  }

  /**
   * {@code count} requests were due before the end but never sent; the oldest of them was due
   * {@code oldestLagNs} before the end, and {@code oldestGeneratorLagNs} of that was the
   * generator's own lateness, split as in {@link #recordLag}: their lateness counts in the maximum
   * lag, and in the longest wait for a free connection or the generator's longest lateness. For the
   * generator's lateness histogram see {@link #recordUnsentGeneratorLag}.
   */
  public void recordUnsent(long count, long oldestLagNs, long oldestGeneratorLagNs) {
    if (count <= 0) {
      return;
    }
    long generator = Math.max(0, Math.min(oldestLagNs, oldestGeneratorLagNs));
    increment(UNSENT, count);
    max(UNSENT_LAG_NS, oldestLagNs);
    max(MAX_LAG_NS, oldestLagNs);
    max(MAX_GENERATOR_LAG_NS, generator);
    max(MAX_CONNECTION_WAIT_NS, oldestLagNs - generator);
  }

  /**
   * {@code count} never-sent requests were the generator's own lateness (due while a connection was
   * free), the oldest {@code oldestNs} late, the others spread evenly after it as the schedule
   * spreads them: they enter the generator's lateness histogram, so that they count towards a
   * saturated generator as late sends do. Constant time: at most {@link #UNSENT_GROUPS} values,
   * each with the count of its share.
   */
  public void recordUnsentGeneratorLag(long count, long oldestNs) {
    if (count <= 0 || oldestNs <= 0) {
      return;
    }
    long groups = Math.min(count, UNSENT_GROUPS);
    for (long g = 0; g < groups; g++) {
      long from = count * g / groups; // request i (0 = oldest) is about oldestNs * (1 - i / count)
      long to = count * (g + 1) / groups;
      double middle = (from + to - 1) / 2.0;
      long lateNs = Math.round(oldestNs * (1 - middle / count));
      generatorLag.recordValueWithCount(lateNs / 1000, to - from);
    }
  }

  /** Moves the values recorded since the last call into {@code into} (a recycled histogram). */
  Histogram intervalCorrected(Histogram recycle) {
    return corrected.getIntervalHistogram(recycle);
  }

  Histogram intervalService(Histogram recycle) {
    return service.getIntervalHistogram(recycle);
  }

  Histogram intervalGeneratorLag(Histogram recycle) {
    return generatorLag.getIntervalHistogram(recycle);
  }

  Histogram intervalConnectTime(Histogram recycle) {
    return connectTime.getIntervalHistogram(recycle);
  }

  long counter(int index) {
    return counters.get(index);
  }

  long statusCount(int status) {
    return statusCodes.get(status);
  }

  private void max(int index, long value) {
    if (value > counters.get(index)) {
      counters.lazySet(index, value);
    }
  }

  private void increment(int index, long by) {
    counters.lazySet(index, counters.get(index) + by);
  }
}
