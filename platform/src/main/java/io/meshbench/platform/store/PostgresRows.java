package io.meshbench.platform.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshbench.platform.job.JobDocument;
import io.meshbench.platform.job.JobStatus;
import io.meshbench.platform.job.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Rows of the {@code jobs} table to and from job documents, for {@link PostgresJobStore}. */
final class PostgresRows {
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private PostgresRows() {}

  static void upsert(Connection c, JobDocument doc) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PostgresSql.UPSERT)) {
      bindRow(ps, doc);
      ps.executeUpdate();
    }
  }

  static void bindRow(PreparedStatement ps, JobDocument doc) throws SQLException {
    ps.setString(1, doc.jobId());
    ps.setString(2, doc.status().wireName());
    ps.setString(3, doc.spec().testType().wireName());
    ps.setString(4, doc.spec().meshType().wireName());
    ps.setObject(5, timestamp(doc.createdAt()));
    ps.setString(6, toJson(doc));
  }

  static boolean updateRow(Connection c, JobDocument doc) throws SQLException {
    boolean running = doc.status() == JobStatus.RUNNING;
    try (PreparedStatement ps = c.prepareStatement(PostgresSql.UPDATE)) {
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

  static OffsetDateTime timestamp(Instant at) {
    // PostgreSQL's timestamptz spans 4713 BC to 294276 AD; Instant.MAX means "any time".
    Instant bounded = at.isAfter(LATEST) ? LATEST : at;
    return OffsetDateTime.ofInstant(bounded, ZoneOffset.UTC);
  }

  static void collectIds(PreparedStatement ps, List<String> into) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        into.add(rs.getString(1));
      }
    }
  }

  static List<JobDocument> documents(PreparedStatement ps) throws SQLException {
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

  static String toJson(JobDocument doc) {
    try {
      return Json.mapper().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("job " + doc.jobId() + " does not serialise", e);
    }
  }
}
