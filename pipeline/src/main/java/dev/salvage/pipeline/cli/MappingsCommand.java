package dev.salvage.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code salvage mappings}: tools for writing mapping files. */
@Command(
    name = "mappings",
    mixinStandardHelpOptions = true,
    description = {"Tools for writing mapping files."},
    subcommands = {MappingsTestCommand.class})
final class MappingsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: test");
  }
}
