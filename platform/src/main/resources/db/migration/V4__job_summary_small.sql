-- Summaries as JobSummaries.of makes them, in both stores: besides the histograms, time series and
-- per-iteration results (V3), a search's steps and a mesh matrix's runs are left out (each carries
-- whole results); the small regression verdict and cluster report stay.
CREATE OR REPLACE FUNCTION meshbench_job_summary(doc jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN jsonb_typeof(doc -> 'result') = 'object' THEN
      jsonb_set(
        jsonb_set(doc - 'search' - 'matrix', '{iterations}', '[]'::jsonb),
        '{result}',
        jsonb_set(
          (doc -> 'result') - 'histogram' - 'service_histogram' - 'connect_histogram',
          '{timeseries}', '[]'::jsonb))
    ELSE jsonb_set(doc - 'search' - 'matrix', '{iterations}', '[]'::jsonb)
  END
$$;

UPDATE jobs SET summary = meshbench_job_summary(document);
