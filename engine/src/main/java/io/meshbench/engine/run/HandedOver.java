package io.meshbench.engine.run;

import java.util.Arrays;

/**
 * Requests another loop handed over, oldest first: each its intended time and the generator's part
 * of its lateness at hand-over. Grows only on the overload path (a loop claims at most the slots it
 * offered); single-threaded, on the adopting loop.
 */
final class HandedOver {
  private long[] items = new long[32]; // pairs: intended ns, generator lag ns
  private int head; // index of the oldest pair's first value
  private int size; // pairs

  void add(long intendedNs, long generatorLagNs) {
    if (2 * (size + 1) > items.length - head) {
      compactOrGrow();
    }
    int at = head + 2 * size;
    items[at] = intendedNs;
    items[at + 1] = generatorLagNs;
    size++;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long peekIntendedNs() {
    return items[head];
  }

  long peekGeneratorLagNs() {
    return items[head + 1];
  }

  void remove() {
    head += 2;
    if (--size == 0) {
      head = 0;
    }
  }

  private void compactOrGrow() {
    long[] into = 2 * (size + 1) > items.length / 2 ? new long[items.length * 2] : items;
    System.arraycopy(items, head, into, 0, 2 * size);
    if (into == items) {
      Arrays.fill(items, 2 * size, items.length, 0);
    }
    items = into;
    head = 0;
  }
}
