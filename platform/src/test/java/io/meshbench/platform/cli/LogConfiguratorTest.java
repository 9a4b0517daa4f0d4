package io.meshbench.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogConfiguratorTest {

  @Test
  void theProcessIsConfiguredInCodeWithoutTheXmlConfigurator() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
    assertThat(((ConsoleAppender<?>) root.getAppender("STDERR")).getTarget())
        .isEqualTo("System.err");
  }

  @Test
  void aFreshContextGetsOneStderrAppenderAndStopsThere() {
    LoggerContext context = new LoggerContext();
    LogConfigurator configurator = new LogConfigurator();
    configurator.setContext(context);

    ExecutionStatus status = configurator.configure(context);

    assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("STDERR").isStarted()).isTrue();
    assertThat(root.getLevel())
        .isEqualTo(LogConfigurator.level(System.getenv("MESHBENCH_LOG_LEVEL")));
  }

  @Test
  void theLevelComesFromItsNameInAnyCaseAndIsWarnOtherwise() {
    assertThat(LogConfigurator.level("debug")).isEqualTo(Level.DEBUG);
    assertThat(LogConfigurator.level("INFO")).isEqualTo(Level.INFO);
    assertThat(LogConfigurator.level(null)).isEqualTo(Level.WARN);
    assertThat(LogConfigurator.level("loud")).isEqualTo(Level.WARN);
  }

  @Test
  void aNameThatIsNoLevelIsReportedAndWarnUsed() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(LogConfigurator.level("loud", stream)).isEqualTo(Level.WARN);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("MESHBENCH_LOG_LEVEL 'loud' is not a level")
        .contains("using WARN");

    err.reset();
    assertThat(LogConfigurator.level(" debug ", stream)).isEqualTo(Level.DEBUG);
    assertThat(LogConfigurator.level(null, stream)).isEqualTo(Level.WARN);
    assertThat(err.size()).isZero();
  }
}
