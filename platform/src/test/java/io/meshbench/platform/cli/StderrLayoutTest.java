package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StderrLayoutTest {
  private final LoggerContext context = new LoggerContext();

  @Test
  void writesWhatThePatternItReplacesWrites() {
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
    pattern.start();
    StderrLayout layout = new StderrLayout();
    layout.setContext(context);
    layout.start();

    for (LoggingEvent event :
        new LoggingEvent[] {
          event(Level.WARN, "io.meshbench.platform.executor.ClusterRun", 1_764_660_000_007L, null),
          event(Level.INFO, "Short", 1_764_700_000_999L, null),
          event(Level.ERROR, "a.b.C", 1_764_660_000_050L, new IllegalStateException("boom")),
          event(Level.WARN, "a.b.C", 1_764_660_000_500L, withCauseAndSuppressed()),
        }) {
      assertThat(layout.doLayout(event)).isEqualTo(pattern.doLayout(event));
    }
  }

  private static Throwable withCauseAndSuppressed() {
    IllegalStateException e =
        new IllegalStateException("outer", new IOException("connection reset"));
    e.addSuppressed(new RuntimeException("while closing"));
    return e;
  }

  private LoggingEvent event(Level level, String logger, long timeMs, Throwable thrown) {
    LoggingEvent e =
        new LoggingEvent(
            "fqcn", context.getLogger(logger), level, "job {} failed", thrown, new Object[] {"7"});
    e.setTimeStamp(timeMs);
    return e;
  }
}
