/**
 * Where job documents live: {@link io.meshbench.platform.store.JobStore} and its two
 * implementations, {@link io.meshbench.platform.store.FileJobStore} (the default, one JSON file per
 * job) and {@link io.meshbench.platform.store.PostgresJobStore} (JSONB, shared by server replicas).
 * {@link io.meshbench.platform.store.JobStores} picks one from the configuration. Both pass one
 * contract test suite ({@code JobStoreContract}).
 *
 * <p>Durability: when {@code save}, {@code insert}, {@code update}, {@code delete}, {@code
 * claimNextPending}, {@code cancelPending}, {@code interruptExpired} or {@code deleteFinished}
 * returns, the change is on disk — the file store has forced the new file and its directory entry
 * (temp file, fsync, atomic rename, directory fsync); PostgreSQL has committed. A process killed at
 * any instant, {@code kill -9} included, leaves every job as last acknowledged, never half-written.
 * Jobs that were running when the process died stay running in the store until their lease expires
 * and a replica calls {@code interruptExpired}. Leases, stop requests and progress are durable in
 * PostgreSQL (they coordinate replicas); the single-process file store keeps them in memory, so at
 * its next start every running job has expired.
 *
 * <p>Atomicity: {@code claimNextPending} hands each pending job to exactly one caller, across the
 * threads of a process (the file store's lock) and across replicas sharing a database ({@code
 * SELECT ... FOR UPDATE SKIP LOCKED}); {@code cancelPending} changes a job only while it is
 * pending, ordered against claims by the same row lock, so a cancel never overwrites a claim;
 * {@code insert} never replaces a job; {@code interruptExpired} is one step (one lock hold, one
 * transaction).
 *
 * <p>Threading model: every store is safe for any number of threads. The file store serialises all
 * operations on one monitor (writes are few: a handful per job) and serves reads from memory; the
 * PostgreSQL store runs each call as its own transaction on a small connection pool.
 *
 * <p>Validation: job ids are 1 to 200 of {@code [A-Za-z0-9._-]}, not starting with a dot; both
 * stores reject any other id on save ({@code IllegalArgumentException}) and simply do not find it,
 * so an id can never name a path outside the store. Failures of the medium (disk, database) are
 * {@link io.meshbench.platform.store.JobStoreException}.
 */
package io.meshbench.platform.store;
