package dev.salvage.pipeline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the run config, for every command that reads the sources it names. */
final class ConfigOption {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The run config (salvage.yaml).")
  Path file;
}
