package io.meshbench.platform.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;

/**
 * Jobs in PostgreSQL: the document in a JSONB column beside indexed copies of the fields that lists
 * filter and sort on (see {@code db/migration}). Several server replicas may share one database:
 * each pending job is claimed by exactly one of them ({@code FOR UPDATE SKIP LOCKED}), runs under
 * its owner's lease ({@code owner}, {@code heartbeat_at}), and can be stopped from any replica
 * through {@code cancel_requested}.
 *
 * <p>Every method is one transaction, committed before it returns, so a saved job survives a crash
 * of this process as soon as {@link #save} returns. Job ids sort in byte order ({@code COLLATE
 * "C"}), the same order as in Java and in {@link FileJobStore}, whatever the database's locale.
 */
public final class PostgresJobStore implements JobStore {
  /** Enough for a server's few threads; each replica holds its own pool. */
  private static final int POOL_SIZE = 4;

  private static final long CONNECT_TIMEOUT_MS = 10_000;

  private final HikariDataSource pool;
  private final String description;

  /** Connects to {@code databaseUrl} (either form {@link DatabaseUrl} accepts) and migrates. */
  public PostgresJobStore(String databaseUrl) {
    this(DatabaseUrl.parse(databaseUrl));
  }

  public PostgresJobStore(DatabaseUrl url) {
    this.description = url.toString();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    config.setPassword(url.password());
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    config.setPoolName("meshbench-job-store");
    try {
      this.pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new JobStoreException("cannot connect to " + description + ": " + e.getMessage(), e);
    }
    try {
      migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new JobStoreException("cannot migrate " + description + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String kind() {
    return "postgres";
  }

  @Override
  public void save(JobDocument doc) {
    StoredJobs.requireStorable(doc);
    inTransaction(
        "save job " + doc.jobId(),
        c -> {
          PostgresRows.upsert(c, doc);
          return null;
        });
  }

  @Override
  public void insert(JobDocument doc) {
    StoredJobs.requireStorable(doc);
    boolean inserted =
        inTransaction(
            "insert job " + doc.jobId(),
            c -> {
              try (PreparedStatement ps = c.prepareStatement(PostgresSql.INSERT_IF_ABSENT)) {
                PostgresRows.bindRow(ps, doc);
                return ps.executeUpdate() > 0;
              }
            });
    if (!inserted) {
      throw new DuplicateJobException(doc.jobId());
    }
  }

  @Override
  public boolean update(JobDocument doc) {
    StoredJobs.requireStorable(doc);
    return inTransaction("update job " + doc.jobId(), c -> PostgresRows.updateRow(c, doc));
  }

  @Override
  public Optional<JobDocument> find(String jobId) {
    if (!StoredJobs.isValidId(jobId)) {
      return Optional.empty();
    }
    return inTransaction(
        "find job " + jobId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT document FROM jobs WHERE job_id = ?")) {
            ps.setString(1, jobId);
            return PostgresRows.documents(ps).stream().findFirst();
          }
        });
  }

  @Override
  public List<JobDocument> list(JobQuery query) {
    return select("document", query);
  }

  /** The {@code summary} column, which a trigger keeps in step with the document (V3). */
  @Override
  public List<JobDocument> listSummaries(JobQuery query) {
    return select("summary", query);
  }

  private List<JobDocument> select(String column, JobQuery query) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (query.status() != null) {
      where.add("status = ?");
      params.add(query.status().wireName());
    }
    if (query.testType() != null) {
      where.add("test_type = ?");
      params.add(query.testType().wireName());
    }
    if (query.meshType() != null) {
      where.add("mesh_type = ?");
      params.add(query.meshType().wireName());
    }
    if (query.createdSince() != null) {
      where.add("created_at >= ?");
      params.add(PostgresRows.timestamp(query.createdSince()));
    }
    if (query.createdBefore() != null) {
      where.add("created_at < ?");
      params.add(PostgresRows.timestamp(query.createdBefore()));
    }
    String sql =
        "SELECT "
            + column
            + " FROM jobs"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY created_at DESC, job_id COLLATE \"C\" DESC LIMIT ?";
    return inTransaction(
        "list jobs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
              ps.setObject(i + 1, params.get(i));
            }
            ps.setInt(params.size() + 1, query.limit());
            return PostgresRows.documents(ps);
          }
        });
  }

  @Override
  public boolean delete(String jobId) {
    if (!StoredJobs.isValidId(jobId)) {
      return false;
    }
    return inTransaction(
        "delete job " + jobId,
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM jobs WHERE job_id = ?")) {
            ps.setString(1, jobId);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public long count(JobStatus status) {
    return inTransaction(
        "count jobs",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT count(*) FROM jobs WHERE status = ?")) {
            ps.setString(1, status.wireName());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public Optional<JobDocument> claimNextPending(Instant startedAt, String owner) {
    return inTransaction(
        "claim a pending job",
        c -> {
          // The row lock lasts until commit; other replicas skip it instead of waiting for it,
          // and once committed it is no longer pending.
          Optional<JobDocument> next;
          try (PreparedStatement ps = c.prepareStatement(PostgresSql.OLDEST_PENDING)) {
            next = PostgresRows.documents(ps).stream().findFirst().map(d -> d.started(startedAt));
          }
          if (next.isPresent()) {
            PostgresRows.updateRow(c, next.get());
            try (PreparedStatement ps = c.prepareStatement(PostgresSql.CLAIMED)) {
              ps.setString(1, owner);
              ps.setObject(2, PostgresRows.timestamp(startedAt));
              ps.setString(3, next.get().jobId());
              ps.executeUpdate();
            }
          }
          return next;
        });
  }

  @Override
  public Set<String> renewLeases(String owner, Map<String, String> progressJsonByJob, Instant at) {
    if (progressJsonByJob.isEmpty()) {
      return Set.of();
    }
    return inTransaction(
        "renew leases of " + owner,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(PostgresSql.RENEW)) {
            for (Map.Entry<String, String> e : progressJsonByJob.entrySet()) {
              ps.setObject(1, PostgresRows.timestamp(at));
              ps.setString(2, e.getValue());
              ps.setString(3, e.getKey());
              ps.setString(4, owner);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          Set<String> stop = new HashSet<>();
          try (PreparedStatement ps = c.prepareStatement(PostgresSql.STOP_ASKED_OR_GONE)) {
            ps.setArray(1, c.createArrayOf("text", progressJsonByJob.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                stop.add(rs.getString(1));
              }
            }
          }
          return stop;
        });
  }

  @Override
  public Optional<String> progress(String jobId) {
    if (!StoredJobs.isValidId(jobId)) {
      return Optional.empty();
    }
    return inTransaction(
        "read progress of " + jobId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT progress FROM jobs WHERE job_id = ? AND status = 'running'")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean requestCancel(String jobId) {
    if (!StoredJobs.isValidId(jobId)) {
      return false;
    }
    return inTransaction(
        "request a stop of " + jobId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE jobs SET cancel_requested = true"
                      + " WHERE job_id = ? AND status = 'running'")) {
            ps.setString(1, jobId);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public Optional<JobDocument> cancelPending(String jobId, Instant at, String reason) {
    if (!StoredJobs.isValidId(jobId)) {
      return Optional.empty();
    }
    return inTransaction(
        "cancel pending job " + jobId,
        c -> {
          // The row lock orders this against a claim: whichever commits first wins, and the
          // other sees the status it left.
          Optional<JobDocument> doc;
          try (PreparedStatement ps = c.prepareStatement(PostgresSql.ONE_FOR_UPDATE)) {
            ps.setString(1, jobId);
            doc = PostgresRows.documents(ps).stream().findFirst();
          }
          if (doc.isEmpty() || doc.get().status() != JobStatus.PENDING) {
            return Optional.empty();
          }
          JobDocument cancelled = doc.get().finished(JobStatus.CANCELLED, at, reason);
          PostgresRows.updateRow(c, cancelled);
          return Optional.of(cancelled);
        });
  }

  @Override
  public List<JobDocument> interruptExpired(String reason, Instant at, Instant renewedBefore) {
    return inTransaction(
        "interrupt jobs whose lease expired",
        c -> {
          List<JobDocument> expired;
          try (PreparedStatement ps = c.prepareStatement(PostgresSql.EXPIRED)) {
            ps.setObject(1, PostgresRows.timestamp(renewedBefore));
            expired = PostgresRows.documents(ps);
          }
          List<JobDocument> interrupted = new ArrayList<>(expired.size());
          for (JobDocument doc : expired) {
            JobDocument done = doc.finished(JobStatus.INTERRUPTED, at, reason);
            PostgresRows.updateRow(c, done);
            interrupted.add(done);
          }
          return interrupted;
        });
  }

  @Override
  public List<String> deleteFinished(Instant createdBefore, int maxJobs) {
    return inTransaction(
        "delete old jobs",
        c -> {
          List<String> deleted = new ArrayList<>();
          if (createdBefore != null) {
            try (PreparedStatement ps = c.prepareStatement(PostgresSql.DELETE_OLD)) {
              ps.setObject(1, PostgresRows.timestamp(createdBefore));
              PostgresRows.collectIds(ps, deleted);
            }
          }
          if (maxJobs > 0) {
            // Serialises with other replicas' retention so that two never over-delete together.
            try (Statement st = c.createStatement()) {
              st.execute("LOCK TABLE jobs IN SHARE ROW EXCLUSIVE MODE");
            }
            try (PreparedStatement ps = c.prepareStatement(PostgresSql.DELETE_EXCESS)) {
              ps.setInt(1, maxJobs);
              PostgresRows.collectIds(ps, deleted);
            }
          }
          return deleted;
        });
  }

  @Override
  public void close() {
    pool.close();
  }

  private void migrate() {
    Flyway.configure(PostgresJobStore.class.getClassLoader())
        .dataSource(pool)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  private <T> T inTransaction(String what, SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new JobStoreException(
          "cannot " + what + " in " + description + ": " + e.getMessage(), e);
    }
  }

  /** One unit of work on a connection inside a transaction. */
  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
