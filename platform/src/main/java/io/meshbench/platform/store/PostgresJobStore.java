package io.meshbench.platform.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * Jobs in PostgreSQL: the document in a JSONB column beside indexed copies of the fields that lists
 * filter and sort on (see {@code db/migration}). Several server replicas may share one database:
 * each pending job is claimed by exactly one of them ({@code FOR UPDATE SKIP LOCKED}).
 *
 * <p>Every method is one transaction, committed before it returns, so a saved job survives a crash
 * of this process as soon as {@link #save} returns. Job ids sort in byte order ({@code COLLATE
 * "C"}), the same order as in Java and in {@link FileJobStore}, whatever the database's locale.
 */
public final class PostgresJobStore implements JobStore {
  /** Enough for a server's few threads; each replica holds its own pool. */
  private static final int POOL_SIZE = 4;

  private static final long CONNECT_TIMEOUT_MS = 10_000;

  private static final String UPSERT =
      """
      INSERT INTO jobs (job_id, status, test_type, mesh_type, created_at, document)
      VALUES (?, ?, ?, ?, ?, ?::jsonb)
      ON CONFLICT (job_id) DO UPDATE SET
        status = EXCLUDED.status, test_type = EXCLUDED.test_type, mesh_type = EXCLUDED.mesh_type,
        created_at = EXCLUDED.created_at, document = EXCLUDED.document""";

  private static final String OLDEST_PENDING =
      """
      SELECT document FROM jobs WHERE status = 'pending'
      ORDER BY created_at, job_id COLLATE "C" LIMIT 1
      FOR UPDATE SKIP LOCKED""";

  private static final String ALL_RUNNING =
      """
      SELECT document FROM jobs WHERE status = 'running'
      ORDER BY created_at, job_id COLLATE "C"
      FOR UPDATE""";

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
          upsert(c, doc);
          return null;
        });
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
            return documents(ps).stream().findFirst();
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
    List<String> params = new ArrayList<>();
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
              ps.setString(i + 1, params.get(i));
            }
            ps.setInt(params.size() + 1, query.limit());
            return documents(ps);
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
  public Optional<JobDocument> claimNextPending(Instant startedAt) {
    return inTransaction(
        "claim a pending job",
        c -> {
          // The row lock lasts until commit; other replicas skip it instead of waiting for it,
          // and once committed it is no longer pending.
          Optional<JobDocument> next;
          try (PreparedStatement ps = c.prepareStatement(OLDEST_PENDING)) {
            next = documents(ps).stream().findFirst().map(d -> d.started(startedAt));
          }
          if (next.isPresent()) {
            upsert(c, next.get());
          }
          return next;
        });
  }

  @Override
  public List<JobDocument> interruptRunning(String reason, Instant at) {
    return inTransaction(
        "interrupt running jobs",
        c -> {
          List<JobDocument> running;
          try (PreparedStatement ps = c.prepareStatement(ALL_RUNNING)) {
            running = documents(ps);
          }
          List<JobDocument> interrupted = new ArrayList<>(running.size());
          for (JobDocument doc : running) {
            JobDocument done = doc.finished(JobStatus.INTERRUPTED, at, reason);
            upsert(c, done);
            interrupted.add(done);
          }
          return interrupted;
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

  private static void upsert(Connection c, JobDocument doc) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setString(1, doc.jobId());
      ps.setString(2, doc.status().wireName());
      ps.setString(3, doc.spec().testType().wireName());
      ps.setString(4, doc.spec().meshType().wireName());
      ps.setObject(5, OffsetDateTime.ofInstant(doc.createdAt(), ZoneOffset.UTC));
      ps.setString(6, toJson(doc));
      ps.executeUpdate();
    }
  }

  private static List<JobDocument> documents(PreparedStatement ps) throws SQLException {
    List<JobDocument> docs = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String json = rs.getString(1);
        try {
          docs.add(Json.mapper().readValue(json, JobDocument.class));
        } catch (JsonProcessingException e) {
          throw new SQLException("a stored job document does not parse: " + e.getMessage(), e);
        }
      }
    }
    return docs;
  }

  private static String toJson(JobDocument doc) {
    try {
      return Json.mapper().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("job " + doc.jobId() + " does not serialise", e);
    }
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
