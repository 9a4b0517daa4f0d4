-- One row per job. The whole job document lives in `document`; the other columns copy the fields
-- that lists filter and sort on, so those queries use indexes instead of looking inside JSONB.
CREATE TABLE jobs (
    job_id     text        PRIMARY KEY,
    status     text        NOT NULL,
    test_type  text        NOT NULL,
    mesh_type  text        NOT NULL,
    created_at timestamptz NOT NULL,
    document   jsonb       NOT NULL
);

CREATE INDEX jobs_status_idx     ON jobs (status);
CREATE INDEX jobs_mesh_type_idx  ON jobs (mesh_type);
CREATE INDEX jobs_test_type_idx  ON jobs (test_type);
CREATE INDEX jobs_created_at_idx ON jobs (created_at);
