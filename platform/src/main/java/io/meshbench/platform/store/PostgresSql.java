package io.meshbench.platform.store;

/**
 * The statements of {@link PostgresJobStore}, in one place beside the schema they rely on ({@code
 * db/migration}). Job ids compare in byte order ({@code COLLATE "C"}), as in Java.
 */
final class PostgresSql {
  private PostgresSql() {}

  static final String INSERT =
      """
      INSERT INTO jobs (job_id, status, test_type, mesh_type, created_at, document)
      VALUES (?, ?, ?, ?, ?, ?::jsonb)""";

  static final String UPSERT =
      INSERT
          + """

      ON CONFLICT (job_id) DO UPDATE SET
        status = EXCLUDED.status, test_type = EXCLUDED.test_type, mesh_type = EXCLUDED.mesh_type,
        created_at = EXCLUDED.created_at, document = EXCLUDED.document""";

  static final String INSERT_IF_ABSENT = INSERT + " ON CONFLICT (job_id) DO NOTHING";

  /** A finished job no longer needs its lease, stop request or progress. */
  static final String UPDATE =
      """
      UPDATE jobs SET status = ?, test_type = ?, mesh_type = ?, created_at = ?, document = ?::jsonb,
        progress = CASE WHEN ? THEN progress END,
        cancel_requested = cancel_requested AND ?
      WHERE job_id = ?""";

  static final String CLAIMED =
      "UPDATE jobs SET owner = ?, heartbeat_at = ?, cancel_requested = false, progress = NULL"
          + " WHERE job_id = ?";

  static final String RENEW =
      "UPDATE jobs SET heartbeat_at = ?, progress = ?::jsonb"
          + " WHERE job_id = ? AND status = 'running' AND owner = ?";

  static final String STOP_ASKED_OR_GONE =
      """
      SELECT wanted.id FROM unnest(?::text[]) AS wanted(id)
      LEFT JOIN jobs ON jobs.job_id = wanted.id
      WHERE jobs.job_id IS NULL OR jobs.cancel_requested""";

  static final String EXPIRED =
      """
      SELECT document FROM jobs
      WHERE status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < ?)
      ORDER BY created_at, job_id COLLATE "C"
      FOR UPDATE SKIP LOCKED""";

  static final String DELETE_OLD =
      """
      DELETE FROM jobs WHERE status NOT IN ('pending', 'running') AND created_at < ?
      RETURNING job_id""";

  /** Keeps the newest finished jobs that fit beside the active ones within maxJobs. */
  static final String DELETE_EXCESS =
      """
      DELETE FROM jobs WHERE job_id IN (
        SELECT job_id FROM jobs WHERE status NOT IN ('pending', 'running')
        ORDER BY created_at DESC, job_id COLLATE "C" DESC
        OFFSET GREATEST(0, ? - (SELECT count(*) FROM jobs WHERE status IN ('pending', 'running'))))
      RETURNING job_id""";

  static final String OLDEST_PENDING =
      """
      SELECT document FROM jobs WHERE status = 'pending'
      ORDER BY created_at, job_id COLLATE "C" LIMIT 1
      FOR UPDATE SKIP LOCKED""";

  static final String ONE_FOR_UPDATE = "SELECT document FROM jobs WHERE job_id = ? FOR UPDATE";
}
