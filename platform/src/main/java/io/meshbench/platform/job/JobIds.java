package io.meshbench.platform.job;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

/**
 * Job ids that sort by creation time (to the second) and never collide: {@code
 * yyyyMMdd-HHmmss-<test>-<mesh>-<12 hex>}, e.g. {@code 20261130-061500-http-baseline-3f9a07c1d2e4}.
 * Within a process an id is never issued twice; across replicas sharing a database, 48 random bits
 * make a collision within one second negligible (about 10^-9 for a thousand ids in one second), and
 * the store's insert-if-absent turns the rare one into a retry, never an overwrite.
 */
public final class JobIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private static final long RANDOM_MASK = (1L << 48) - 1;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Set<String> issuedThisSecond = new HashSet<>();
  private String currentStamp = "";

  public JobIds(Clock clock) {
    this.clock = clock;
  }

  public JobIds() {
    this(Clock.systemUTC());
  }

  public synchronized String next(String testType, String meshType) {
    String stamp = STAMP.format(clock.instant());
    if (!stamp.equals(currentStamp)) {
      currentStamp = stamp;
      issuedThisSecond.clear();
    }
    String id;
    do {
      long bits = random.nextLong() & RANDOM_MASK;
      id = String.format("%s-%s-%s-%012x", stamp, testType, meshType, bits);
    } while (!issuedThisSecond.add(id));
    return id;
  }
}
