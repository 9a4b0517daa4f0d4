-- A summary beside each document: the document without its histograms, time series and
-- per-iteration results (io.meshbench.platform.job.JobSummaries). Listings, /metrics/summary and
-- reports read this column, so they never parse whole documents. A trigger keeps it in step with
-- `document` however a row is written; the store contract test checks that it equals the Java
-- summary.
ALTER TABLE jobs ADD COLUMN summary jsonb;

CREATE FUNCTION meshbench_job_summary(doc jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN jsonb_typeof(doc -> 'result') = 'object' THEN
      jsonb_set(
        jsonb_set(doc, '{iterations}', '[]'::jsonb),
        '{result}',
        jsonb_set(
          (doc -> 'result') - 'histogram' - 'service_histogram' - 'connect_histogram',
          '{timeseries}', '[]'::jsonb))
    ELSE jsonb_set(doc, '{iterations}', '[]'::jsonb)
  END
$$;

CREATE FUNCTION meshbench_job_summary_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.summary := meshbench_job_summary(NEW.document);
  RETURN NEW;
END
$$;

CREATE TRIGGER jobs_summary BEFORE INSERT OR UPDATE OF document ON jobs
  FOR EACH ROW EXECUTE FUNCTION meshbench_job_summary_trigger();

UPDATE jobs SET summary = meshbench_job_summary(document);

ALTER TABLE jobs ALTER COLUMN summary SET NOT NULL;
