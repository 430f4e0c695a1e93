package dev.salvage.pipeline.cli;

import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.SourceConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code salvage fetch}: reads the network sources of a run config (IMAP, APIs) into raw snapshots
 * without running the pipeline, so later runs can read the files instead of the services.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Reads every network source of the config (IMAP, APIs) into DIR/<source>/ in the format of"
          + " the matching file reader (e.g. .eml files for imap), without running the pipeline."
          + " File sources are skipped. A repeated fetch into the same DIR resumes where the last"
          + " one stopped when the connector supports it."
    })
final class FetchCommand implements Callable<Integer> {
  /** The option every snapshotting connector understands. */
  static final String SNAPSHOT_OPTION = "snapshot_dir";

  @Mixin ConfigOption config;

  @Option(
      names = "--snapshot",
      required = true,
      paramLabel = "DIR",
      description = "Where to write the snapshots, one directory per source.")
  Path snapshot;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Fetch only these sources (repeatable; default: every network source).")
  List<String> only;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunConfig run = RunConfig.load(config.file);
    int failed = 0;
    int fetched = 0;
    Instant backupTakenAt = run.backup() == null ? null : RunCommand.backupTime(run.backup());
    for (SourceConfig source : run.sources()) {
      if (only != null && !only.contains(source.name())) {
        continue;
      }
      if (isFileType(source.type())) {
        out.printf("%s: type %s reads files, nothing to fetch%n", source.name(), source.type());
        continue;
      }
      Path directory = snapshot.resolve(source.name()).toAbsolutePath().normalize();
      Map<String, String> options = new HashMap<>(RunCommand.withBackupTime(source, backupTakenAt));
      options.put(SNAPSHOT_OPTION, directory.toString());
      PartitionedSource opened;
      try {
        opened = SourceReaders.open(source.name(), source.type(), source.path(), options);
      } catch (InvalidSourceException e) {
        throw new ConfigException(e.getMessage(), e);
      }
      Counting counting = new Counting(err);
      try {
        for (String partition : opened.partitions()) {
          opened.read(partition, counting);
        }
      } catch (InvalidSourceException e) {
        throw new ConfigException(e.getMessage(), e);
      } catch (IOException e) {
        err.println("Cannot fetch source " + source.name() + ": " + e.getMessage());
        failed++;
        continue;
      }
      fetched++;
      out.printf(
          "%s: %d record(s) in %s (%d quarantined)%n",
          source.name(), counting.records, directory, counting.quarantined);
    }
    if (fetched > 0) {
      out.printf(
          "Run from the snapshot by pointing each source at %s/<source> with its file type"
              + " (imap: type eml)%n",
          snapshot);
    }
    return failed == 0 ? 0 : SalvageCli.EXIT_FAILURE;
  }

  private static boolean isFileType(String type) {
    try {
      SourceReaders.forType(type);
      return true;
    } catch (IllegalArgumentException networkType) {
      return false;
    }
  }

  private static final class Counting implements RecordSink {
    private final PrintWriter err;
    long records;
    long quarantined;

    Counting(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void accept(RawRecord record) {
      records++;
    }

    @Override
    public void quarantine(Quarantined bad) {
      quarantined++;
      err.println("  quarantined " + bad.location() + ": " + bad.reason());
    }
  }
}
