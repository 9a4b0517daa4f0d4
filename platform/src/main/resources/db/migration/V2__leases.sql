-- Several replicas on one database: a running job belongs to the replica that claimed it (`owner`)
-- while that replica renews its lease (`heartbeat_at`); a replica interrupts only running jobs whose
-- lease expired. A stop asked of another replica sets `cancel_requested`, which the owner reads when
-- it renews. `progress` keeps the owner's latest progress so that any replica can stream it.
ALTER TABLE jobs
    ADD COLUMN owner            text,
    ADD COLUMN heartbeat_at     timestamptz,
    ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false,
    ADD COLUMN progress         jsonb;

CREATE INDEX jobs_running_heartbeat_idx ON jobs (heartbeat_at) WHERE status = 'running';
