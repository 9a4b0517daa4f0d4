package io.meshbench.platform.job;

import io.meshbench.platform.store.JobQuery;
import io.meshbench.platform.store.JobStore;
import io.meshbench.platform.store.JobStoreException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that fails on demand, as a real one does when its database restarts or its disk fills:
 * the next few claims, every save of a result, or every call.
 */
final class FailingStore implements JobStore {
  private final JobStore real;
  final AtomicInteger claimsToFail = new AtomicInteger();
  final AtomicInteger failedCalls = new AtomicInteger();
  volatile boolean resultSavesFail;
  volatile boolean down;

  FailingStore(JobStore real) {
    this.real = real;
  }

  private void maybeFail(String call) {
    if (down) {
      failedCalls.incrementAndGet();
      throw new JobStoreException("injected: the store is down (" + call + ")", null);
    }
  }

  @Override
  public String kind() {
    return real.kind();
  }

  @Override
  public void save(JobDocument doc) {
    maybeFail("save");
    real.save(doc);
  }

  @Override
  public void insert(JobDocument doc) {
    maybeFail("insert");
    real.insert(doc);
  }

  @Override
  public boolean update(JobDocument doc) {
    maybeFail("update");
    if (resultSavesFail && doc.status().finished()) {
      failedCalls.incrementAndGet();
      throw new JobStoreException("injected: cannot save the result of " + doc.jobId(), null);
    }
    return real.update(doc);
  }

  @Override
  public Optional<JobDocument> find(String jobId) {
    maybeFail("find");
    return real.find(jobId);
  }

  @Override
  public List<JobDocument> list(JobQuery query) {
    maybeFail("list");
    return real.list(query);
  }

  @Override
  public boolean delete(String jobId) {
    maybeFail("delete");
    return real.delete(jobId);
  }

  @Override
  public long count(JobStatus status) {
    maybeFail("count");
    return real.count(status);
  }

  @Override
  public Optional<JobDocument> claimNextPending(Instant startedAt, String owner) {
    maybeFail("claim");
    if (claimsToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failedCalls.incrementAndGet();
      throw new JobStoreException("injected: the claim failed", null);
    }
    return real.claimNextPending(startedAt, owner);
  }

  @Override
  public Set<String> renewLeases(String owner, Map<String, String> progress, Instant at) {
    maybeFail("renew");
    return real.renewLeases(owner, progress, at);
  }

  @Override
  public Optional<String> progress(String jobId) {
    maybeFail("progress");
    return real.progress(jobId);
  }

  @Override
  public boolean requestCancel(String jobId) {
    maybeFail("requestCancel");
    return real.requestCancel(jobId);
  }

  @Override
  public Optional<JobDocument> cancelPending(String jobId, Instant at, String reason) {
    maybeFail("cancelPending");
    return real.cancelPending(jobId, at, reason);
  }

  @Override
  public List<JobDocument> interruptExpired(String reason, Instant at, Instant renewedBefore) {
    maybeFail("interruptExpired");
    return real.interruptExpired(reason, at, renewedBefore);
  }

  @Override
  public List<String> deleteFinished(Instant createdBefore, int maxJobs) {
    maybeFail("deleteFinished");
    return real.deleteFinished(createdBefore, maxJobs);
  }

  @Override
  public void close() {
    real.close();
  }
}
