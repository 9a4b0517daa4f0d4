package io.meshbench.platform.analysis.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/** A generated report file, as {@code GET /reports/list} shows it. */
@JsonPropertyOrder({"name", "format", "size_bytes", "created_at"})
public record ReportInfo(
    @JsonProperty("name") String name,
    @JsonProperty("format") String format,
    @JsonProperty("size_bytes") long sizeBytes,
    @JsonProperty("created_at") Instant createdAt) {}
