package io.meshbench.platform.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the service can reach its store, as seen by its own calls (claims every idle second,
 * lease renewals every tick): the last call decides. A failure is logged once when it starts, with
 * its cause; the reason given to {@code /health} names no address or path.
 */
final class StoreHealth {
  private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

  private final String storeKind;
  private final Clock clock;
  private final IntSupplier unsavedResults;
  private Instant failingSince; // guarded by this
  private String failedCall; // guarded by this

  StoreHealth(String storeKind, Clock clock, IntSupplier unsavedResults) {
    this.storeKind = storeKind;
    this.clock = clock;
    this.unsavedResults = unsavedResults;
  }

  synchronized void succeeded() {
    if (failingSince != null) {
      LOG.info("the job store ({}) answers again (unreachable since {})", storeKind, failingSince);
      failingSince = null;
      failedCall = null;
    }
  }

  synchronized void failed(String call, RuntimeException e) {
    if (failingSince == null) {
      failingSince = clock.instant();
      LOG.warn("the job store ({}) failed to {}; retrying with back-off", storeKind, call, e);
    } else {
      LOG.debug("the job store ({}) still fails to {}: {}", storeKind, call, e.toString());
    }
    failedCall = call;
  }

  /** Why the server is degraded, or empty when it is healthy. */
  synchronized Optional<String> degradedReason() {
    List<String> reasons = new ArrayList<>(2);
    if (failingSince != null) {
      reasons.add(
          "the job store ("
              + storeKind
              + ") is unreachable since "
              + failingSince
              + " (last failed call: "
              + failedCall
              + "); workers retry with back-off");
    }
    int unsaved = unsavedResults.getAsInt();
    if (unsaved > 0) {
      reasons.add(
          unsaved
              + " finished result(s) wait in the local spill directory (spill/ in the data"
              + " directory) until the job store ("
              + storeKind
              + ") takes them");
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }
}
