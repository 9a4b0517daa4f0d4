package io.meshbench.platform.cli;

import io.meshbench.engine.spec.SpecException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meshbench}: one jar, several roles, one picocli command per verb. */
@Command(
    name = "meshbench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Measures what a service mesh costs: latency, throughput, errors and CPU.",
    footer = {
      "",
      "Examples:",
      "  meshbench run --duration 10s",
      "  meshbench plan --test-type http --mesh-type istio --namespace bench",
      "  meshbench compare baseline.json istio.json",
      "  meshbench search --url http://127.0.0.1:8080/ --slo 'p99<=20ms'",
      "  meshbench export --format smp result.json"
    })
public final class Meshbench implements Runnable {
  /** Wide enough for the longest example line of any verb's footer. */
  static final int EXAMPLE_WIDTH = 130;

  /**
   * The verbs, in the order help lists them. Not in the annotation: picocli would build every
   * verb's model by reflection at each start, when a run needs one (a tenth of a second of CPU).
   */
  private static final List<Class<?>> VERBS =
      List.of(
          RunCommand.class,
          ServeCommand.class,
          TargetCommand.class,
          WorkerCommand.class,
          PlanCommand.class,
          CompareCommand.class,
          SearchCommand.class,
          ExportCommand.class,
          VersionCommand.class,
          CommandLine.HelpCommand.class);

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    // Netty's leak detector samples buffer allocations with stack traces: garbage on the hot path
    // of a load generator. Off unless asked for with -Dio.netty.leakDetection.level=...
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      System.setProperty("io.netty.leakDetection.level", "disabled");
    }
    // Netty's flight-recorder events for its buffer pool: registering them starts JFR's metadata
    // at the first allocation, a twentieth of a second of CPU on the first request's path.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    System.exit(execute(args, null, null));
  }

  /** Runs the CLI with the given streams (null: the process's own); returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Meshbench());
    Class<?> named = args.length == 0 ? null : verbNamed(args[0]);
    for (Class<?> verb : VERBS) {
      // Only the verb asked for; all of them for help, "meshbench" alone or an unknown verb.
      if (named == null || verb == named) {
        cli.addSubcommand(new CommandLine(verb));
      }
    }
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    cli.setParameterExceptionHandler(Meshbench::onUsageError);
    cli.setExecutionExceptionHandler(Meshbench::onFailure);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // -V / --version on every verb, not only on "meshbench": the subcommands have no provider of
    // their own.
    VersionCommand.Provider version = new VersionCommand.Provider();
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
    // Examples in footers are meant to be copied: never wrap one inside its quotes.
    cli.setUsageHelpWidth(EXAMPLE_WIDTH);
    return cli.execute(args);
  }

  /** The verb class whose @Command name or alias is {@code word}; null if none is. */
  private static Class<?> verbNamed(String word) {
    for (Class<?> verb : VERBS) {
      Command command = verb.getAnnotation(Command.class);
      if (command.name().equals(word) || List.of(command.aliases()).contains(word)) {
        return verb == CommandLine.HelpCommand.class ? null : verb;
      }
    }
    return null;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** One line that names the flag and what is allowed, then exit 2. */
  private static int onUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    cmd.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
    cmd.getErr().flush();
    return ExitCodes.USAGE;
  }

  private static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    String name = cmd.getCommandSpec().qualifiedName();
    if (e instanceof SpecException spec) {
      cmd.getErr().println(name + ": " + FlagNames.describe(spec) + " (see '" + name + " --help')");
      cmd.getErr().flush();
      return ExitCodes.USAGE;
    }
    String message =
        e instanceof java.io.UncheckedIOException io ? io.getCause().getMessage() : e.getMessage();
    cmd.getErr().println(name + ": error: " + message);
    if (System.getenv("MESHBENCH_DEBUG") != null) {
      e.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return ExitCodes.FAILED;
  }
}
