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
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private static final String INSERT =
      """
      INSERT INTO jobs (job_id, status, test_type, mesh_type, created_at, document)
      VALUES (?, ?, ?, ?, ?, ?::jsonb)""";

  private static final String UPSERT =
      INSERT
          + """

      ON CONFLICT (job_id) DO UPDATE SET
        status = EXCLUDED.status, test_type = EXCLUDED.test_type, mesh_type = EXCLUDED.mesh_type,
        created_at = EXCLUDED.created_at, document = EXCLUDED.document""";

  private static final String INSERT_IF_ABSENT = INSERT + " ON CONFLICT (job_id) DO NOTHING";

  /** A finished job no longer needs its lease, stop request or progress. */
  private static final String UPDATE =
      """
      UPDATE jobs SET status = ?, test_type = ?, mesh_type = ?, created_at = ?, document = ?::jsonb,
        progress = CASE WHEN ? THEN progress END,
        cancel_requested = cancel_requested AND ?
      WHERE job_id = ?""";

  private static final String CLAIMED =
      "UPDATE jobs SET owner = ?, heartbeat_at = ?, cancel_requested = false, progress = NULL"
          + " WHERE job_id = ?";

  private static final String RENEW =
      "UPDATE jobs SET heartbeat_at = ?, progress = ?::jsonb"
          + " WHERE job_id = ? AND status = 'running' AND owner = ?";

  private static final String STOP_ASKED_OR_GONE =
      """
      SELECT wanted.id FROM unnest(?::text[]) AS wanted(id)
      LEFT JOIN jobs ON jobs.job_id = wanted.id
      WHERE jobs.job_id IS NULL OR jobs.cancel_requested""";

  private static final String EXPIRED =
      """
      SELECT document FROM jobs
      WHERE status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < ?)
      ORDER BY created_at, job_id COLLATE "C"
      FOR UPDATE SKIP LOCKED""";

  private static final String DELETE_OLD =
      """
      DELETE FROM jobs WHERE status NOT IN ('pending', 'running') AND created_at < ?
      RETURNING job_id""";

  /** Keeps the newest finished jobs that fit beside the active ones within maxJobs. */
  private static final String DELETE_EXCESS =
      """
      DELETE FROM jobs WHERE job_id IN (
        SELECT job_id FROM jobs WHERE status NOT IN ('pending', 'running')
        ORDER BY created_at DESC, job_id COLLATE "C" DESC
        OFFSET GREATEST(0, ? - (SELECT count(*) FROM jobs WHERE status IN ('pending', 'running'))))
      RETURNING job_id""";

  private static final String OLDEST_PENDING =
      """
      SELECT document FROM jobs WHERE status = 'pending'
      ORDER BY created_at, job_id COLLATE "C" LIMIT 1
      FOR UPDATE SKIP LOCKED""";

  private static final String ONE_FOR_UPDATE =
      "SELECT document FROM jobs WHERE job_id = ? FOR UPDATE";

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
  public void insert(JobDocument doc) {
    StoredJobs.requireStorable(doc);
    boolean inserted =
        inTransaction(
            "insert job " + doc.jobId(),
            c -> {
              try (PreparedStatement ps = c.prepareStatement(INSERT_IF_ABSENT)) {
                bindRow(ps, doc);
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
    return inTransaction("update job " + doc.jobId(), c -> updateRow(c, doc));
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
        "SELECT document FROM jobs"
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
  public Optional<JobDocument> claimNextPending(Instant startedAt, String owner) {
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
            updateRow(c, next.get());
            try (PreparedStatement ps = c.prepareStatement(CLAIMED)) {
              ps.setString(1, owner);
              ps.setObject(2, timestamp(startedAt));
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
          try (PreparedStatement ps = c.prepareStatement(RENEW)) {
            for (Map.Entry<String, String> e : progressJsonByJob.entrySet()) {
              ps.setObject(1, timestamp(at));
              ps.setString(2, e.getValue());
              ps.setString(3, e.getKey());
              ps.setString(4, owner);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          Set<String> stop = new HashSet<>();
          try (PreparedStatement ps = c.prepareStatement(STOP_ASKED_OR_GONE)) {
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
          try (PreparedStatement ps = c.prepareStatement(ONE_FOR_UPDATE)) {
            ps.setString(1, jobId);
            doc = documents(ps).stream().findFirst();
          }
          if (doc.isEmpty() || doc.get().status() != JobStatus.PENDING) {
            return Optional.empty();
          }
          JobDocument cancelled = doc.get().finished(JobStatus.CANCELLED, at, reason);
          updateRow(c, cancelled);
          return Optional.of(cancelled);
        });
  }

  @Override
  public List<JobDocument> interruptExpired(String reason, Instant at, Instant renewedBefore) {
    return inTransaction(
        "interrupt jobs whose lease expired",
        c -> {
          List<JobDocument> expired;
          try (PreparedStatement ps = c.prepareStatement(EXPIRED)) {
            ps.setObject(1, timestamp(renewedBefore));
            expired = documents(ps);
          }
          List<JobDocument> interrupted = new ArrayList<>(expired.size());
          for (JobDocument doc : expired) {
            JobDocument done = doc.finished(JobStatus.INTERRUPTED, at, reason);
            updateRow(c, done);
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
            try (PreparedStatement ps = c.prepareStatement(DELETE_OLD)) {
              ps.setObject(1, timestamp(createdBefore));
              collectIds(ps, deleted);
            }
          }
          if (maxJobs > 0) {
            // Serialises with other replicas' retention so that two never over-delete together.
            try (Statement st = c.createStatement()) {
              st.execute("LOCK TABLE jobs IN SHARE ROW EXCLUSIVE MODE");
            }
            try (PreparedStatement ps = c.prepareStatement(DELETE_EXCESS)) {
              ps.setInt(1, maxJobs);
              collectIds(ps, deleted);
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

  private static void upsert(Connection c, JobDocument doc) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      bindRow(ps, doc);
      ps.executeUpdate();
    }
  }

  private static void bindRow(PreparedStatement ps, JobDocument doc) throws SQLException {
    ps.setString(1, doc.jobId());
    ps.setString(2, doc.status().wireName());
    ps.setString(3, doc.spec().testType().wireName());
    ps.setString(4, doc.spec().meshType().wireName());
    ps.setObject(5, timestamp(doc.createdAt()));
    ps.setString(6, toJson(doc));
  }

  private static boolean updateRow(Connection c, JobDocument doc) throws SQLException {
    boolean running = doc.status() == JobStatus.RUNNING;
    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
      ps.setString(1, doc.status().wireName());
      ps.setString(2, doc.spec().testType().wireName());
      ps.setString(3, doc.spec().meshType().wireName());
      ps.setObject(4, timestamp(doc.createdAt()));
      ps.setString(5, toJson(doc));
      ps.setBoolean(6, running);
      ps.setBoolean(7, running);
      ps.setString(8, doc.jobId());
      return ps.executeUpdate() > 0;
    }
  }

  private static OffsetDateTime timestamp(Instant at) {
    // PostgreSQL's timestamptz spans 4713 BC to 294276 AD; Instant.MAX means "any time".
    Instant bounded = at.isAfter(LATEST) ? LATEST : at;
    return OffsetDateTime.ofInstant(bounded, ZoneOffset.UTC);
  }

  private static void collectIds(PreparedStatement ps, List<String> into) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        into.add(rs.getString(1));
      }
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
