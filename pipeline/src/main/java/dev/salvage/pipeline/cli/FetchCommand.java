package dev.salvage.pipeline.cli;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.UnreadPartitionException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.SourceConfig;
import dev.salvage.pipeline.bundle.RunSummary.NotRead;
import dev.salvage.pipeline.stage.ProgressPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
          + " File sources are skipped. A partition that fails (a folder, a Stripe slice, a"
          + " calendar) does not stop the others; the command then lists what was not fetched and"
          + " exits 3, and a rerun into the same DIR fetches only what is missing."
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

  @Mixin SecretKeyOption secretKey;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Fetches every partition of every network source; a partition that fails is reported and the
   * others are still fetched. Exits {@link SalvageCli#EXIT_INCOMPLETE} when any was not fetched to
   * its end, after listing them last.
   */
  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunConfig run = RunConfig.load(config.file);
    Map<String, List<NotRead>> notFetched = new TreeMap<>();
    Instant backupTakenAt = run.backup() == null ? null : RunInputs.backupTime(run.backup());
    FetchActivity activity = new FetchActivity();
    int fetched;
    // Ctrl-C or a kill ends the JVM without a word otherwise (exit 143): say what the snapshot
    // holds now, as run does
    Thread stoppedNote =
        new Thread(
            () -> {
              err.println(stoppedBeforeTheEnd(snapshot));
              err.flush();
            },
            "fetch-stopped-note");
    Runtime.getRuntime().addShutdownHook(stoppedNote);
    try (ProgressPrinter line =
        ProgressPrinter.start(err, ProgressPrinter.consoleMode(), activity)) {
      fetched = fetchSources(run, backupTakenAt, notFetched, activity);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stoppedNote);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: it says the fetch was stopped
      }
    }
    if (fetched > 0) {
      out.printf(
          "Run from the snapshot by pointing each source at %s/<source> with its file type"
              + " (imap: eml, which reads too the mail only the snapshot's set-aside"
              + " .replaced-* files hold; stripe-api: stripe-json; google-calendar:"
              + " calendar-json)%n",
          snapshot);
      if (!notFetched.isEmpty()) {
        out.printf(
            "The snapshot lacks the partitions listed below: a run reading it reports them as not"
                + " read (exit 3) until a fetch into %s fetches them%n",
            snapshot);
      }
    }
    out.flush();
    if (!notFetched.isEmpty()) {
      Incomplete.printNotFetched(err, notFetched, rerunAdvice(snapshot, notFetched));
      return SalvageCli.EXIT_INCOMPLETE;
    }
    return 0;
  }

  /** What to do about the partitions not fetched: a rerun fetches only what is missing. */
  static String rerunAdvice(Path snapshot, Map<String, List<NotRead>> notFetched) {
    return Incomplete.rerunAdvice(
        "Rerun the same fetch into "
            + snapshot
            + ": it fetches only what is missing (the partitions above, and any not tried).",
        "then a fetch into " + snapshot + " fetches only what is missing.",
        notFetched);
  }

  /**
   * What a fetch stopped from outside (Ctrl-C, a kill) leaves in {@code snapshot}, and what to do.
   */
  static String stoppedBeforeTheEnd(Path snapshot) {
    return "salvage fetch was stopped before it finished: "
        + snapshot
        + " holds what was fetched until then, and each source's "
        + FetchManifest.FILE
        + " lists the partitions not fetched, which a run reading the snapshot reports as not"
        + " read. Run the same fetch again: it fetches only what is missing.";
  }

  /**
   * Fetches every network source of the config; returns how many were fetched, and adds what was
   * not to {@code notFetched}.
   */
  private int fetchSources(
      RunConfig run,
      Instant backupTakenAt,
      Map<String, List<NotRead>> notFetched,
      FetchActivity activity)
      throws IOException, ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // every source is listed before any is fetched: credentials a service refuses are a
    // configuration to mend (exit 2), found before anything is written, as for run
    List<Listed> listed = new ArrayList<>();
    for (SourceConfig source : run.sources()) {
      if (only != null && !only.contains(source.name())) {
        continue;
      }
      if (isFileType(source.type())) {
        out.printf("%s: type %s reads files, nothing to fetch%n", source.name(), source.type());
        continue;
      }
      Path directory = snapshot.resolve(source.name()).toAbsolutePath().normalize();
      Map<String, String> options =
          new HashMap<>(RunInputs.sourceOptions(source, backupTakenAt, secretKey.allowed));
      options.put(SNAPSHOT_OPTION, directory.toString());
      try {
        PartitionedSource opened =
            SourceReaders.open(source.name(), source.type(), source.path(), options);
        // a folder the fetch before listed and the server has since lost is reported gone, where
        // the rerun refused the configuration and fetched no source
        listed.add(
            new Listed(
                source,
                directory,
                options,
                opened,
                opened.partitions(FetchManifest.listed(directory))));
      } catch (InvalidSourceException e) {
        throw new ConfigException(e.getMessage(), e);
      } catch (IOException e) {
        // nothing of the source was read: say so, and go on with the other sources
        err.println("Cannot fetch source " + source.name() + ": " + e.getMessage());
        notFetched.put(source.name(), List.of(NotRead.wholeSource(e)));
      }
    }
    // every partition of every source is listed in the snapshot before any is fetched: a fetch
    // that fails or is killed part-way, even before it reaches a source, leaves a snapshot that
    // says what it lacks, for the run that reads it (a source never reached left no directory, and
    // the run called its path a configuration error)
    Map<String, FetchManifest> manifests = new HashMap<>();
    Map<String, FetchProgress> progresses = new HashMap<>();
    for (Listed each : listed) {
      SourceConfig source = each.source();
      FetchProgress progress =
          FetchProgress.load(snapshot, source.name(), source.type(), each.options());
      List<FetchManifest.Entry> entries = new ArrayList<>();
      Map<String, String> notedBefore = FetchManifest.notes(each.directory());
      for (String partition : each.partitions()) {
        entries.add(
            new FetchManifest.Entry(
                partition,
                each.opened().describe(partition),
                each.opened().snapshotMark(partition),
                progress.fetched(partition),
                notedBefore.get(partition)));
      }
      FetchManifest manifest =
          new FetchManifest(source.name(), source.type(), Instant.now().toString(), entries);
      manifest.write(each.directory());
      manifests.put(source.name(), manifest);
      progresses.put(source.name(), progress);
    }
    int fetched = 0;
    for (Listed each : listed) {
      SourceConfig source = each.source();
      Path directory = each.directory();
      PartitionedSource opened = each.opened();
      List<String> partitions = each.partitions();
      FetchProgress progress = progresses.get(source.name());
      Counting counting = new Counting(err, activity);
      activity.source(source.name(), partitions.size());
      List<NotRead> failed = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      FetchManifest manifest = manifests.get(source.name());
      for (String partition : partitions) {
        if (progress.fetched(partition)) {
          skipped.add(partition);
          continue;
        }
        activity.partition(partition, opened.awaited(partition));
        long before = counting.records;
        counting.note = null;
        try {
          opened.read(partition, counting);
          progress.add(partition, counting.records - before);
          manifest = manifest.withComplete(partition, Instant.now().toString(), counting.note);
          if (counting.note != null) {
            err.println("Source " + source.name() + ": " + counting.note + ".");
          }
          manifest.write(directory);
        } catch (UnreadPartitionException e) {
          err.println(e.failure().describe());
          failed.add(NotRead.of(e.failure()));
          if (counting.note != null) {
            // what the reader said though it failed (messages gone from the server when fetched)
            manifest = manifest.withNote(partition, Instant.now().toString(), counting.note);
            manifest.write(directory);
          }
        } catch (IOException | RuntimeException e) {
          String error = e.getMessage() == null ? e.toString() : e.getMessage();
          err.println("Cannot fetch " + partition + " of source " + source.name() + ": " + error);
          failed.add(new NotRead(partition, "the rest of the partition", 0, error, false));
        }
      }
      if (failed.isEmpty()) {
        progress.clear();
      } else {
        notFetched.put(source.name(), failed);
      }
      fetched++;
      out.printf(
          "%s: %s (%d quarantined)%s%s%s%n",
          source.name(),
          inAll(
              counting.records, counting.replayed, directory, skipped, progress.recordsOf(skipped)),
          counting.quarantined,
          counting.tallied(),
          skipped.isEmpty()
              ? ""
              : "; "
                  + skipped.size()
                  + " partition(s) fetched by the unfinished fetch before, skipped",
          failed.isEmpty()
              ? ""
              : "; " + failed.size() + " of " + partitions.size() + " partition(s) not fetched");
    }
    return fetched;
  }

  /**
   * The records the snapshot in {@code directory} holds: those this fetch passed on, of which
   * {@code replayed} it read from pages a fetch before stored (a resumed partition), and those of
   * the partitions an unfinished fetch before fetched, which were skipped ({@code before}, null
   * when that fetch did not count them). The count of this fetch alone, said as the snapshot's, was
   * the snapshot less what the fetch before had fetched; replayed pages were said as fetched now.
   */
  static String inAll(
      long records, long replayed, Path directory, List<String> skipped, Long before) {
    if (skipped.isEmpty() && replayed == 0) {
      return records + " record(s) in " + directory;
    }
    long now = records - replayed;
    if (before == null) {
      return records
          + " record(s) passed on now into "
          + directory
          + " ("
          + now
          + " fetched now, "
          + replayed
          + " from pages the fetch before stored), beside those of the partitions the fetch before"
          + " fetched (it kept no count)";
    }
    return (records + before)
        + " record(s) in "
        + directory
        + ": "
        + now
        + " fetched now"
        + (replayed == 0 ? "" : ", " + replayed + " replayed from what a fetch before stored")
        + (skipped.isEmpty() ? "" : ", " + before + " by the unfinished fetch before");
  }

  /** A network source opened and listed, to be fetched. */
  private record Listed(
      SourceConfig source,
      Path directory,
      Map<String, String> options,
      PartitionedSource opened,
      List<String> partitions) {
    Listed {
      requireNonNull(source, "source");
      requireNonNull(directory, "directory");
      // a copy that keeps what the config gave, null values included (Map.copyOf refuses them)
      options = Collections.unmodifiableMap(new HashMap<>(options));
      requireNonNull(opened, "opened");
      partitions = List.copyOf(partitions);
    }
  }

  static boolean isFileType(String type) {
    try {
      SourceReaders.forType(type);
      return true;
    } catch (IllegalArgumentException networkType) {
      return false;
    }
  }

  private static final class Counting implements RecordSink {
    private final PrintWriter err;
    private final FetchActivity activity;
    long records;
    long quarantined;

    /** Of {@link #records}, those read from pages an earlier fetch stored. */
    long replayed;

    /** What the source said of the partition being fetched, for its manifest entry, or null. */
    String note;

    private final Map<String, Long> tallies = new TreeMap<>();

    Counting(PrintWriter err, FetchActivity activity) {
      this.err = err;
      this.activity = activity;
    }

    @Override
    public void accept(RawRecord record) {
      records++;
      activity.record();
    }

    @Override
    public void quarantine(Quarantined bad) {
      quarantined++;
      err.println("  quarantined " + bad.location() + ": " + bad.reason());
    }

    @Override
    public void tally(String what, long count) {
      if (what.equals(REPLAYED)) {
        replayed += count;
      } else {
        tallies.merge(what, count, Long::sum);
      }
    }

    @Override
    public void note(String said) {
      note = note == null ? said : note + "; " + said;
    }

    /** {@code "; 32 customer(s) fetched by id, ..."} for each tally, or nothing. */
    String tallied() {
      StringBuilder said = new StringBuilder();
      tallies.forEach(
          (what, count) -> said.append("; of them ").append(count).append(' ').append(what));
      return said.toString();
    }
  }
}
