package dev.salvage.pipeline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --run DIR}: the output directory of a {@code salvage run}, for every command reading it.
 */
final class RunDirOption {
  @Option(
      names = "--run",
      required = true,
      paramLabel = "DIR",
      description = "The output directory of salvage run.")
  Path dir;
}
