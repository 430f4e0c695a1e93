package dev.salvage.pipeline.cli;

import dev.salvage.mappings.MappingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code salvage} command line: the one place where options are parsed. */
@Command(
    name = "salvage",
    mixinStandardHelpOptions = true,
    versionProvider = SalvageCli.Version.class,
    description = {
      "Rebuilds lost customer and reservation records from mail, payments, calendars and an old"
          + " backup."
    },
    subcommands = {
      SamplesCommand.class,
      RunCommand.class,
      EvaluateCommand.class,
      dev.salvage.pipeline.cli.ReportCommand.class,
      dev.salvage.pipeline.cli.ReviewCommand.class,
      BackupCommand.class,
      FetchCommand.class,
      MappingsCommand.class,
      dev.salvage.pipeline.cli.ImportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SalvageCli implements Runnable {
  /** Exit code for bad usage or bad configuration: nothing was read. */
  public static final int EXIT_USAGE = 2;

  /** Exit code for a failure while working. */
  public static final int EXIT_FAILURE = 1;

  /**
   * Exit code for a command that finished but could not read everything: a partition of a source (a
   * mail folder, a Stripe slice, a calendar, a file) was not read to its end after its retries.
   */
  public static final int EXIT_INCOMPLETE = 3;

  /** The log level of Flink's batch tasks, whose failures log their stack. */
  static final String BATCH_TASK_LOG =
      "org.slf4j.simpleLogger.log.org.apache.flink.runtime.operators.BatchTask";

  /**
   * The log level of Flink's allocator of memory segments, which logs the stack of a direct
   * out-of-memory before rethrowing it.
   */
  static final String MEMORY_SEGMENT_LOG =
      "org.slf4j.simpleLogger.log.org.apache.flink.core.memory.MemorySegmentFactory";

  static {
    // Flink and Beam log at INFO by default; an operator wants our progress lines, not theirs.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    // Flink warns about operator names longer than 80 characters and Beam about temp files it
    // already cleaned up: noise on every run.
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.flink", "error");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.beam.sdk.io.FileBasedSink", "error");
    // A failed job is reported by run itself: Flink's reason and what to change first, then the
    // cause chain. The runner logged the failure before that as a stack trace of about a hundred
    // lines, which pushed the explanation off the screen.
    System.setProperty(
        "org.slf4j.simpleLogger.log.org.apache.beam.runners.flink.FlinkRunner", "off");
    // Flink logged the failed task's stack too, ~140 lines before run's explanation of a heap
    // out of memory; run prints the stack itself where it cannot explain the failure. Kept when
    // SALVAGE_JAVA_OPTS asks for it (-D...BatchTask=error).
    if (System.getProperty(BATCH_TASK_LOG) == null) {
      System.setProperty(BATCH_TASK_LOG, "off");
    }
    // the same for a direct out of memory: 15 lines of stack came before run's explanation, whose
    // cause chain carries the error anyway (-D...MemorySegmentFactory=error keeps it)
    if (System.getProperty(MEMORY_SEGMENT_LOG) == null) {
      System.setProperty(MEMORY_SEGMENT_LOG, "off");
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  public static void main(String[] args) {
    System.exit(executeOnConsole(consoleCommandLine(), System.out, System.err, args));
  }

  /**
   * Runs {@code cli} and returns its exit code, 1 where it would be 0 but its console could not be
   * written (stdout or stderr redirected to a full disk): the run's notes, its incomplete list and
   * its closing lines were lost without a word, and a script checking {@code $?} took a run that
   * said nothing for one that had nothing to say. {@code out} and {@code err} are the streams the
   * command line's writers write to, whose errors those writers do not see.
   */
  static int executeOnConsole(
      CommandLine cli, java.io.PrintStream out, java.io.PrintStream err, String... args) {
    int code = cli.execute(args);
    boolean lost = cli.getOut().checkError() | cli.getErr().checkError();
    lost |= out.checkError() | err.checkError();
    if (code == 0 && lost) {
      err.println(
          "salvage: its console output could not all be written (a full disk or a closed pipe"
              + " behind stdout or stderr); exit 1 instead of 0.");
      return EXIT_FAILURE;
    }
    return code;
  }

  /** Runs the CLI and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The command line writing to System.out and System.err through {@link ConsoleText}, so that
   * control characters of the inputs do not reach the terminal.
   */
  static CommandLine consoleCommandLine() {
    CommandLine cli = commandLine();
    cli.setOut(new java.io.PrintWriter(new ConsoleText(cli.getOut()), true));
    cli.setErr(new java.io.PrintWriter(new ConsoleText(cli.getErr()), true));
    return cli;
  }

  /** The command line with its exit-code rules; tests set its output streams. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SalvageCli());
    // picocli says a missing required option before the unknown ones, and then not those: a
    // misspelt --confg read as "Missing required option: '--config=FILE'" alone
    CommandLine.IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine command = e.getCommandLine();
          java.util.List<String> unknown = command.getUnmatchedArguments();
          if (e instanceof CommandLine.MissingParameterException && !unknown.isEmpty()) {
            CommandLine.UnmatchedArgumentException unmatched =
                new CommandLine.UnmatchedArgumentException(command, unknown);
            command.getErr().println(unmatched.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, command.getErr());
          }
          return standard.handleParseException(e, args);
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof MappingException || e instanceof ConfigException) {
            commandLine.getErr().println("Invalid configuration: " + e.getMessage());
            return EXIT_USAGE;
          }
          String said = describe(e);
          commandLine.getErr().println("salvage failed: " + said);
          for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            String message = describe(cause);
            if (!said.contains(message)) {
              commandLine.getErr().println("  caused by: " + message);
              said = said + "\n" + message;
            }
          }
          return EXIT_FAILURE;
        });
    return cli;
  }

  /**
   * What a failure says: the message alone where it was written for the operator (an input or
   * output problem, or one of ours, which name the file, record or source), else the exception's
   * type too, which is all an unexpected failure's message may be worth.
   */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    boolean written =
        failure instanceof IOException
            || failure instanceof UncheckedIOException
            || failure.getClass().getName().startsWith("dev.salvage.");
    return written && message != null && !message.isBlank() ? message : failure.toString();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SalvageCli.class.getPackage().getImplementationVersion();
      return new String[] {"salvage " + (version == null ? "dev" : version)};
    }
  }
}
