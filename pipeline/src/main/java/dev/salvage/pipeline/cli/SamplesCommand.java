package dev.salvage.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code salvage samples ...}: the sample business. */
@Command(
    name = "samples",
    mixinStandardHelpOptions = true,
    description = "Generate scenarios of the sample rental business, with ground truth.",
    subcommands = {GenerateCommand.class})
final class SamplesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: generate");
  }
}
