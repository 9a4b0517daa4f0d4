package io.meshbench.platform.cli;

import io.meshbench.engine.protocol.Transport;
import io.meshbench.platform.job.JobEnvironment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meshbench version}: what is running, and on what. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Prints meshbench's version, Java, OS, CPUs and the I/O transport in use.",
    footer = {"", "Example:", "  meshbench version"})
public final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Override
  public Integer call() {
    for (String line : lines()) {
      command.commandLine().getOut().println(line);
    }
    command.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  static String[] lines() {
    Transport best = Transport.best();
    JobEnvironment env = JobEnvironment.local(best.wireName());
    return new String[] {
      "meshbench " + env.meshbenchVersion(),
      "java      " + env.java() + " (" + System.getProperty("java.vm.name") + ")",
      "os        " + env.os(),
      "cpus      " + env.cpus(),
      "transport "
          + best.wireName()
          + (Transport.IO_URING.available() ? " (io_uring also available)" : "")
    };
  }

  /** Serves {@code meshbench --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return lines();
    }
  }
}
