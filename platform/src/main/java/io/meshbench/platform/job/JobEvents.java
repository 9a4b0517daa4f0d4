package io.meshbench.platform.job;

import io.meshbench.engine.run.RunProgress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans a job's progress out to whoever listens: the event streams of the API, the metrics. Calls
 * come from the thread running the job; listeners must return quickly and must not throw.
 */
public final class JobEvents {

  /** Hears jobs change. */
  public interface Listener {
    default void started(JobDocument running) {}

    default void progress(String jobId, RunProgress progress) {}

    default void finished(JobDocument finished) {}

    /** The job was deleted before anyone saw it end. */
    default void gone(String jobId) {}
  }

  private final List<Listener> everyJob = new CopyOnWriteArrayList<>();
  private final Map<String, List<Listener>> byJob = new ConcurrentHashMap<>();

  /** Hears every job until the process ends. */
  public void listenToAll(Listener listener) {
    everyJob.add(listener);
  }

  /** Hears one job; close the returned handle to stop. */
  public AutoCloseable listenTo(String jobId, Listener listener) {
    byJob.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(listener);
    return () ->
        byJob.computeIfPresent(
            jobId,
            (id, list) -> {
              list.remove(listener);
              return list.isEmpty() ? null : list;
            });
  }

  void started(JobDocument running) {
    forEach(running.jobId(), l -> l.started(running));
  }

  void progress(String jobId, RunProgress progress) {
    forEach(jobId, l -> l.progress(jobId, progress));
  }

  void finished(JobDocument finished) {
    forEach(finished.jobId(), l -> l.finished(finished));
  }

  private void forEach(String jobId, java.util.function.Consumer<Listener> call) {
    everyJob.forEach(call);
    List<Listener> listeners = byJob.get(jobId);
    if (listeners != null) {
      listeners.forEach(call);
    }
  }
}
