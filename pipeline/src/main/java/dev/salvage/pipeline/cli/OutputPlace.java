package dev.salvage.pipeline.cli;

import dev.salvage.mappings.RunConfig;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The checks on the output directory made before anything is read: it must not hold, or lie inside,
 * what the run reads, and must be a run's own (or empty), so that a mistyped --out never clears a
 * directory of the user's.
 */
final class OutputPlace {
  private OutputPlace() {}

  /**
   * Refuses an output directory that is a file, or that lies inside a source's or the backup's
   * path: the next run would read the last one's output (records, quarantine, work files) as
   * evidence.
   */
  static void checkOutputPlace(Path root, RunConfig runConfig) throws ConfigException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new ConfigException(
          "--out " + root + " is a file, not a directory: give a directory for the run's output");
    }
    Path output = root.toAbsolutePath().normalize();
    Map<String, Path> inputs = new LinkedHashMap<>();
    runConfig.sources().stream()
        .filter(source -> source.path() != null)
        .forEach(source -> inputs.put("source " + source.name(), source.path()));
    if (runConfig.backup() != null && runConfig.backup().path() != null) {
      inputs.put("the backup", runConfig.backup().path());
    }
    for (Map.Entry<String, Path> input : inputs.entrySet()) {
      Path path = input.getValue().toAbsolutePath().normalize();
      if (output.startsWith(path)) {
        throw new ConfigException(
            "--out "
                + root
                + " is inside the path of "
                + input.getKey()
                + " ("
                + input.getValue()
                + "): a later run would read this run's output as evidence. Give a directory"
                + " outside every source's path");
      }
    }
  }

  /**
   * Refuses an output directory that holds files and was never a salvage run's: a run wrote into an
   * operator's directory without a word and replaced a summary.json of theirs. A run's directory is
   * known by what every run leaves in it before writing anything else: the lock file (kept after
   * the run), RUN-NOT-FINISHED, a cluster job's record, or a summary.json naming a run config.
   */
  static void checkOutputOwned(RunLayout layout) throws ConfigException, IOException {
    Path root = layout.root();
    if (!Files.isDirectory(root)
        || Files.exists(root.resolve(RunDirLock.FILE))
        || Files.exists(layout.unfinished())
        || Files.exists(root.resolve(ClusterJob.RECORD))) {
      return;
    }
    List<String> held;
    try (Stream<Path> entries = Files.list(root)) {
      held = entries.map(p -> p.getFileName().toString()).sorted().limit(6).toList();
    }
    if (held.isEmpty()) {
      return;
    }
    if (Files.isRegularFile(layout.summaryJson())) {
      try {
        if (RunSummary.read(layout.summaryJson()).config() != null) {
          return;
        }
      } catch (IOException notOurs) {
        // not a summary a run wrote: the directory is refused below, naming what it holds
      }
    }
    throw new ConfigException(
        "--out "
            + root
            + " is a directory that holds files and was never a salvage run's (it holds "
            + String.join(", ", held.subList(0, Math.min(5, held.size())))
            + (held.size() > 5 ? ", ..." : "")
            + "; no .salvage-run.lock, RUN-NOT-FINISHED or summary.json of a run): a run would"
            + " write its review bundle among them and replace files of the same names"
            + " (summary.json, review/records.jsonl, ...). Give an empty or new directory, or a"
            + " run's directory, or add --into-foreign-out to write there anyway");
  }
}
