package io.meshbench.platform.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.Json;
import java.util.List;

/**
 * The JSON of a listed job: by default its summary, without the keys that only whole documents
 * carry (histograms, time series, iterations); with {@code ?full=true} the whole document.
 */
final class Listings {
  /** Keys of {@code result} that a summary leaves out. */
  static final List<String> BULK_RESULT_KEYS =
      List.of("histogram", "service_histogram", "connect_histogram", "timeseries");

  private Listings() {}

  static Object entry(JobDocument doc, boolean full) {
    return full ? doc : summary(doc);
  }

  /** {@code doc} (a summary from the store) as JSON without the bulk keys at all. */
  static ObjectNode summary(JobDocument doc) {
    ObjectNode tree = Json.mapper().valueToTree(doc);
    tree.remove("iterations");
    if (tree.get("result") instanceof ObjectNode result) {
      BULK_RESULT_KEYS.forEach(result::remove);
    }
    return tree;
  }
}
