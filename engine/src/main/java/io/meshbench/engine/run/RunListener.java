package io.meshbench.engine.run;

import io.meshbench.engine.spec.LoadSpec;
import io.meshbench.engine.stats.RunResult;

/**
 * Hears a run's progress. The CLI's progress bar, the server's event stream and the job store all
 * listen here. Calls come from the run's coordinating thread, about once a second; a listener must
 * return quickly and must not throw.
 */
public interface RunListener {
  RunListener NONE = new RunListener() {};

  default void onStart(LoadSpec spec, RunEnvironment environment) {}

  default void onProgress(RunProgress progress) {}

  default void onComplete(RunResult result) {}
}
