package io.meshbench.platform.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.PrintStream;

/**
 * Logging for every verb: libraries speak only of problems, on stderr, since the CLI prints its
 * report on stdout. {@code MESHBENCH_LOG_LEVEL} (default WARN) sets the level.
 *
 * <p>In code rather than a logback.xml: parsing XML at start-up cost a tenth of a second of CPU on
 * each run, a visible share of an idle benchmark; for the same reason the lines are laid out by
 * {@link StderrLayout}, not by a pattern that logback would compile at every start. A file named by
 * {@code -Dlogback.configurationFile} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  static final String LEVEL_ENV = "MESHBENCH_LOG_LEVEL";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    StderrLayout layout = new StderrLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(System.getenv(LEVEL_ENV), System.err));
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * The level named, or WARN; a name that is not a level is reported on {@code err} (logging is not
   * up yet, and a misspelt level should not pass unnoticed).
   */
  static Level level(String named, PrintStream err) {
    Level level = level(named);
    if (named != null && !named.isBlank() && !level.levelStr.equalsIgnoreCase(named.trim())) {
      err.println(
          "meshbench: "
              + LEVEL_ENV
              + " '"
              + named
              + "' is not a level (TRACE, DEBUG, INFO, WARN, ERROR or OFF); using WARN");
    }
    return level;
  }

  /** The level named (any case), or WARN when it is unset or names no level. */
  static Level level(String name) {
    return Level.toLevel(name == null ? null : name.trim(), Level.WARN);
  }
}
