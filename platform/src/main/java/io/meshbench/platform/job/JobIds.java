package io.meshbench.platform.job;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

/**
 * Job ids that sort by creation time and never collide within a process: {@code
 * yyyyMMdd-HHmmss-<test>-<mesh>-<4 hex>}, e.g. {@code 20261130-061500-http-baseline-3f9a}.
 */
public final class JobIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

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
      id = String.format("%s-%s-%s-%04x", stamp, testType, meshType, random.nextInt(0x10000));
    } while (!issuedThisSecond.add(id));
    return id;
  }
}
