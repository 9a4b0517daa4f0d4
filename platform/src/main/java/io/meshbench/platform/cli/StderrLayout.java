package io.meshbench.platform.cli;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * One log line as {@code %d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n} would write it, then the
 * stack trace if any. Written out because compiling that pattern (its parser, converters and date
 * formatter) cost a few hundredths of a second at every start, for lines most runs never print.
 */
final class StderrLayout extends LayoutBase<ILoggingEvent> {
  private final TargetLengthBasedClassNameAbbreviator abbreviator =
      new TargetLengthBasedClassNameAbbreviator(20);

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    LocalTime t =
        LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneId.systemDefault());
    two(line, t.getHour()).append(':');
    two(line, t.getMinute()).append(':');
    two(line, t.getSecond()).append('.');
    int ms = t.getNano() / 1_000_000;
    line.append(ms < 100 ? "0" : "").append(ms < 10 ? "0" : "").append(ms).append(' ');
    String level = event.getLevel().levelStr;
    line.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ');
    line.append(abbreviator.abbreviate(event.getLoggerName())).append(" - ");
    line.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown));
    }
    return line.toString();
  }

  private static StringBuilder two(StringBuilder b, int value) {
    return b.append(value < 10 ? "0" : "").append(value);
  }
}
