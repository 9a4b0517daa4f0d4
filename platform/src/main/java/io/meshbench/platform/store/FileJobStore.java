package io.meshbench.platform.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.JobSummaries;
import io.meshbench.platform.job.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default store: one pretty JSON file per job, {@code <dataDir>/jobs/<job_id>.json}, replaced
 * atomically and synced to disk on every change, all of them read into memory at construction.
 *
 * <p>One process per directory: a lock file ({@code jobs/.lock}) makes a second store on the same
 * directory fail at construction instead of both silently overwriting each other's jobs. The OS
 * releases the lock when the process dies, however it dies.
 *
 * <p>Leases (owner, renewal time, stop requests, latest progress) live in memory only: the lock
 * makes this process the only one using the directory, so at the next start every job still marked
 * running belonged to a process that is gone.
 *
 * <p>Files that do not parse are logged and left alone (never deleted: they may be someone's only
 * copy of a result); temp files left by a crash mid-write are removed.
 */
public final class FileJobStore implements JobStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileJobStore.class);
  private static final String SUFFIX = ".json";
  private static final String LOCK_FILE = ".lock";

  private final Path jobsDir;
  private final FileChannel lockChannel;
  // Guarded by "this", like every file in jobsDir: the index always equals the files on disk.
  private final Map<String, JobDocument> jobs = new HashMap<>();
  // Guarded by "this": the summary of every job in "jobs", kept in step by put()/remove().
  private final Map<String, JobDocument> summaries = new HashMap<>();
  // Guarded by "this": leases of running jobs, by job id; a running job without one has expired.
  private final Map<String, Lease> leases = new HashMap<>();
  private boolean closed;

  /** Opens (creating if needed) the store under {@code dataDir}, reading every job file. */
  public FileJobStore(Path dataDir) {
    this.jobsDir = dataDir.resolve("jobs").toAbsolutePath().normalize();
    try {
      Files.createDirectories(jobsDir);
      this.lockChannel = lockDirectory(jobsDir);
    } catch (IOException e) {
      throw new JobStoreException("cannot open job store " + jobsDir + ": " + e.getMessage(), e);
    }
    try {
      load();
    } catch (IOException | RuntimeException e) {
      closeQuietly(lockChannel);
      throw new JobStoreException("cannot read job store " + jobsDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String kind() {
    return "file";
  }

  @Override
  public void save(JobDocument doc) {
    StoredJobs.requireStorable(doc);
    byte[] json = toJson(doc);
    synchronized (this) {
      write(doc, json);
    }
  }

  @Override
  public void insert(JobDocument doc) {
    StoredJobs.requireStorable(doc);
    byte[] json = toJson(doc);
    synchronized (this) {
      ensureOpen();
      if (jobs.containsKey(doc.jobId())) {
        throw new DuplicateJobException(doc.jobId());
      }
      write(doc, json);
    }
  }

  @Override
  public boolean update(JobDocument doc) {
    StoredJobs.requireStorable(doc);
    byte[] json = toJson(doc);
    synchronized (this) {
      ensureOpen();
      if (!jobs.containsKey(doc.jobId())) {
        return false;
      }
      write(doc, json);
      if (doc.status() != JobStatus.RUNNING) {
        leases.remove(doc.jobId());
      }
      return true;
    }
  }

  @Override
  public synchronized Optional<JobDocument> find(String jobId) {
    ensureOpen();
    return StoredJobs.isValidId(jobId) ? Optional.ofNullable(jobs.get(jobId)) : Optional.empty();
  }

  @Override
  public synchronized List<JobDocument> list(JobQuery query) {
    ensureOpen();
    return jobs.values().stream()
        .filter(query::matches)
        .sorted(StoredJobs.NEWEST_FIRST)
        .limit(query.limit())
        .toList();
  }

  @Override
  public synchronized List<JobDocument> listSummaries(JobQuery query) {
    ensureOpen();
    return summaries.values().stream()
        .filter(query::matches)
        .sorted(StoredJobs.NEWEST_FIRST)
        .limit(query.limit())
        .toList();
  }

  @Override
  public synchronized boolean delete(String jobId) {
    ensureOpen();
    if (!StoredJobs.isValidId(jobId) || !jobs.containsKey(jobId)) {
      return false; // a file we could not read is not ours to delete
    }
    try {
      AtomicFiles.delete(fileOf(jobId));
    } catch (IOException e) {
      throw new JobStoreException("cannot delete job " + jobId + ": " + e.getMessage(), e);
    }
    jobs.remove(jobId);
    summaries.remove(jobId);
    leases.remove(jobId);
    return true;
  }

  @Override
  public synchronized long count(JobStatus status) {
    ensureOpen();
    return jobs.values().stream().filter(d -> d.status() == status).count();
  }

  @Override
  public synchronized Optional<JobDocument> claimNextPending(Instant startedAt, String owner) {
    ensureOpen();
    Optional<JobDocument> next =
        jobs.values().stream()
            .filter(d -> d.status() == JobStatus.PENDING)
            .min(StoredJobs.OLDEST_FIRST)
            .map(d -> d.started(startedAt));
    next.ifPresent(
        d -> {
          write(d, toJson(d));
          leases.put(d.jobId(), new Lease(owner, startedAt, false, null));
        });
    return next;
  }

  @Override
  public synchronized Set<String> renewLeases(
      String owner, Map<String, String> progressJsonByJob, Instant at) {
    ensureOpen();
    Set<String> stop = new HashSet<>();
    progressJsonByJob.forEach(
        (jobId, progress) -> {
          if (!jobs.containsKey(jobId)) {
            stop.add(jobId);
            return;
          }
          Lease old = leases.get(jobId);
          boolean cancel = old != null && old.cancelRequested();
          boolean owned = old != null && owner.equals(old.owner());
          if (owned && jobs.get(jobId).status() == JobStatus.RUNNING) {
            leases.put(jobId, new Lease(owner, at, cancel, progress));
          }
          if (cancel) {
            stop.add(jobId);
          }
        });
    return stop;
  }

  @Override
  public synchronized Optional<String> progress(String jobId) {
    ensureOpen();
    Lease lease = leases.get(jobId);
    return lease == null ? Optional.empty() : Optional.ofNullable(lease.progressJson());
  }

  @Override
  public synchronized boolean requestCancel(String jobId) {
    ensureOpen();
    JobDocument doc = StoredJobs.isValidId(jobId) ? jobs.get(jobId) : null;
    if (doc == null || doc.status() != JobStatus.RUNNING) {
      return false;
    }
    Lease old = leases.get(jobId);
    leases.put(
        jobId,
        old == null
            ? new Lease(null, Instant.MIN, true, null)
            : new Lease(old.owner(), old.renewedAt(), true, old.progressJson()));
    return true;
  }

  @Override
  public synchronized Optional<JobDocument> cancelPending(String jobId, Instant at, String reason) {
    ensureOpen();
    JobDocument doc = StoredJobs.isValidId(jobId) ? jobs.get(jobId) : null;
    if (doc == null || doc.status() != JobStatus.PENDING) {
      return Optional.empty();
    }
    JobDocument cancelled = doc.finished(JobStatus.CANCELLED, at, reason);
    write(cancelled, toJson(cancelled));
    return Optional.of(cancelled);
  }

  @Override
  public synchronized List<JobDocument> interruptExpired(
      String reason, Instant at, Instant renewedBefore) {
    ensureOpen();
    List<JobDocument> expired =
        jobs.values().stream()
            .filter(d -> d.status() == JobStatus.RUNNING)
            .filter(
                d -> {
                  Lease lease = leases.get(d.jobId());
                  return lease == null || lease.renewedAt().isBefore(renewedBefore);
                })
            .sorted(StoredJobs.OLDEST_FIRST)
            .toList();
    List<JobDocument> interrupted = new ArrayList<>(expired.size());
    for (JobDocument doc : expired) {
      JobDocument done = doc.finished(JobStatus.INTERRUPTED, at, reason);
      write(done, toJson(done));
      leases.remove(doc.jobId());
      interrupted.add(done);
    }
    return interrupted;
  }

  @Override
  public synchronized List<String> deleteFinished(Instant createdBefore, int maxJobs) {
    ensureOpen();
    List<JobDocument> finishedOldestFirst =
        jobs.values().stream()
            .filter(d -> d.status().finished())
            .sorted(StoredJobs.OLDEST_FIRST)
            .toList();
    int excess = maxJobs > 0 ? Math.max(0, jobs.size() - maxJobs) : 0;
    List<String> deleted = new ArrayList<>();
    for (JobDocument doc : finishedOldestFirst) {
      boolean old = createdBefore != null && doc.createdAt().isBefore(createdBefore);
      if (old || deleted.size() < excess) {
        delete(doc.jobId());
        deleted.add(doc.jobId());
      }
    }
    return deleted;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      closeQuietly(lockChannel); // releases the directory lock
    }
  }

  /** Caller holds "this". The file first: if it cannot be written, memory keeps the old job. */
  private void write(JobDocument doc, byte[] json) {
    ensureOpen();
    try {
      AtomicFiles.write(fileOf(doc.jobId()), json);
    } catch (IOException e) {
      throw new JobStoreException("cannot save job " + doc.jobId() + ": " + e.getMessage(), e);
    }
    put(doc);
  }

  /** Caller holds "this". */
  private void put(JobDocument doc) {
    jobs.put(doc.jobId(), doc);
    summaries.put(doc.jobId(), JobSummaries.of(doc));
  }

  private void load() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(jobsDir)) {
      for (Path file : files) {
        if (AtomicFiles.isTemp(file)) {
          // A crash between creating and renaming a temp file: the job file still holds the
          // previous version, which is all that was ever acknowledged.
          LOG.info("removing temp file left by an interrupted write: {}", file);
          Files.deleteIfExists(file);
        } else if (file.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(file)) {
          loadOne(file);
        }
      }
    }
  }

  private void loadOne(Path file) {
    String name = file.getFileName().toString();
    String jobId = name.substring(0, name.length() - SUFFIX.length());
    try {
      JobDocument doc = Json.mapper().readValue(file.toFile(), JobDocument.class);
      StoredJobs.requireStorable(doc);
      if (!jobId.equals(doc.jobId())) {
        throw new IOException("it holds job_id '" + doc.jobId() + "'");
      }
      put(doc);
    } catch (IOException | RuntimeException e) {
      LOG.warn("skipping unreadable job file {} (left in place): {}", file, e.getMessage());
    }
  }

  /** Who runs a job, when it last said so, and what it last reported. */
  private record Lease(
      String owner, Instant renewedAt, boolean cancelRequested, String progressJson) {}

  private Path fileOf(String jobId) {
    return jobsDir.resolve(jobId + SUFFIX);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("job store " + jobsDir + " is closed");
    }
  }

  private static byte[] toJson(JobDocument doc) {
    try {
      String json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
      return (json + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("job " + doc.jobId() + " does not serialise", e);
    }
  }

  private static FileChannel lockDirectory(Path dir) throws IOException {
    FileChannel ch =
        FileChannel.open(
            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another store in this JVM
    } catch (IOException e) {
      closeQuietly(ch);
      throw e;
    }
    if (lock == null) {
      closeQuietly(ch);
      throw new IllegalStateException(
          "job store "
              + dir
              + " is in use by another meshbench process; give each server its own data"
              + " directory or share a PostgreSQL database (MESHBENCH_DATABASE_URL)");
    }
    return ch;
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      LOG.debug("closing {} failed", ch, e);
    }
  }
}
