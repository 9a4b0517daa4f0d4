/**
 * Reports of the job history: one {@link io.meshbench.platform.analysis.report.ResultFormat} per
 * export format (html, json, csv), all fed the same jobs and summary, and the {@link
 * io.meshbench.platform.analysis.report.ReportService} that writes them under the data directory.
 *
 * <p>Framework-free: the HTTP API calls these classes; nothing here knows about HTTP. Formats are
 * stateless; the service is thread-safe.
 */
package io.meshbench.platform.analysis.report;
