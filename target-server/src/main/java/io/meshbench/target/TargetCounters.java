package io.meshbench.target;

import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide totals. Written by every event loop (LongAdder keeps those writes uncontended), read
 * by anyone; a read is a moment's sum, not a consistent snapshot of both numbers.
 */
final class TargetCounters {
  private final LongAdder requests = new LongAdder();
  private final LongAdder requestBodyBytes = new LongAdder();

  void request(long bodyBytes) {
    requests.increment();
    if (bodyBytes > 0) {
      requestBodyBytes.add(bodyBytes);
    }
  }

  long requests() {
    return requests.sum();
  }

  long requestBodyBytes() {
    return requestBodyBytes.sum();
  }
}
