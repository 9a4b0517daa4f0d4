/**
 * Job documents in other tools' formats: the Service Mesh Performance spec (SMP, for Meshery),
 * HdrHistogram interval logs (for {@code HistogramLogReader} and HistogramLogAnalyzer), CSV (per-
 * second series and percentile spectra, for spreadsheets) and the HTML report. Each is one {@link
 * io.meshbench.platform.analysis.export.JobExport}; the CLI's {@code export} verb and the API's
 * {@code /benchmarks/jobs/{id}/export} look them up by name in {@link
 * io.meshbench.platform.analysis.export.JobExports}.
 *
 * <p>Pure functions of the documents given: no I/O but the output stream, no clock. Stateless and
 * thread-safe.
 */
package io.meshbench.platform.analysis.export;
