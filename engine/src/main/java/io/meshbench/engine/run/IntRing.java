package io.meshbench.engine.run;

/** A fixed-capacity FIFO of ints; no allocation after construction. Single-threaded. */
final class IntRing {
  private final int[] items;
  private final int mask;
  private int head;
  private int size;

  IntRing(int minCapacity) {
    int capacity = Integer.highestOneBit(Math.max(1, minCapacity - 1)) << 1;
    items = new int[capacity];
    mask = capacity - 1;
  }

  void push(int value) {
    if (size == items.length) {
      throw new IllegalStateException("ring full: " + size);
    }
    items[(head + size++) & mask] = value;
  }

  /** The oldest value, or -1 when empty. */
  int poll() {
    if (size == 0) {
      return -1;
    }
    int value = items[head];
    head = (head + 1) & mask;
    size--;
    return value;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
