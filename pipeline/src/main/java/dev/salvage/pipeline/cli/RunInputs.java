package dev.salvage.pipeline.cli;

import static dev.salvage.pipeline.cli.FieldNotes.withoutBackupKey;
import static dev.salvage.pipeline.cli.RunCommand.BACKUP_SOURCE;
import static dev.salvage.pipeline.cli.RunCommand.Linking;
import static dev.salvage.pipeline.cli.SourceAccounting.decodingNotes;

import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.FileSelection;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.backup.DumpCompletion;
import dev.salvage.connectors.backup.PgDumpReader;
import dev.salvage.connectors.io.Superseded;
import dev.salvage.mappings.BackupConfig;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.SourceConfig;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.mappings.TimeAnchors;
import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.map.MappingPlan;
import dev.salvage.pipeline.read.ReadSources.ReadTask;
import dev.salvage.pipeline.reconcile.MergeSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The run's inputs, prepared before the job: each source opened and its partitions listed, what its
 * folders hold that is not read said (hidden, empty, client and system files, indexes, loops),
 * files two sources share refused, and the mapping plan and merge settings built. What it learns on
 * the way (sources not listed, snapshots unfinished, the fetch's notes) is kept here for the
 * summary after the job.
 */
final class RunInputs {
  // the options of salvage run that preparing reads, under the names RunCommand gives them
  private final SecretKeyOption secretKey;
  private final int maxKeyFanout;
  private final Linking linking;

  RunInputs(SecretKeyOption secretKey, int maxKeyFanout, Linking linking) {
    this.secretKey = secretKey;
    this.maxKeyFanout = maxKeyFanout;
    this.linking = linking;
  }

  /** Sources whose partitions could not be listed at the start, with why. */
  private final Map<String, List<RunSummary.NotRead>> unlisted = new TreeMap<>();

  /** The partitions the pipeline did not read, and the sources it had none of. */
  Map<String, List<RunSummary.NotRead>> withUnlisted(
      Map<String, List<RunSummary.NotRead>> notRead) {
    // an unlisted source gave the pipeline no partition, so it has no entry of its own there
    Map<String, List<RunSummary.NotRead>> all = new TreeMap<>(notRead);
    all.putAll(unlisted);
    // a snapshot's partitions never fetched have no file, so the pipeline met none of them
    unfetched.forEach(
        (source, entries) -> {
          List<RunSummary.NotRead> merged = new ArrayList<>(all.getOrDefault(source, List.of()));
          merged.addAll(entries);
          all.put(source, merged);
        });
    return all;
  }

  /** A network source read with a snapshot_dir, and the partitions the run set out to read. */
  private record SnapshotRead(Path directory, List<String> partitions) {}

  /** Per network source read with a snapshot_dir, what the run read into it. */
  private final Map<String, SnapshotRead> snapshotReads = new TreeMap<>();

  /**
   * Marks in the fetch manifest of each snapshot a network source was read into (when a fetch wrote
   * one there) the partitions this run read to their end: a run that finishes what a failed fetch
   * left undone leaves a snapshot that file types read as complete.
   */
  void recordSnapshotReads(RunSummary summary, PrintWriter err) throws IOException {
    for (Map.Entry<String, SnapshotRead> read : snapshotReads.entrySet()) {
      Set<String> notRead = new HashSet<>();
      summary
          .notRead()
          .getOrDefault(read.getKey(), List.of())
          .forEach(entry -> notRead.add(entry.partition()));
      List<String> completed =
          FetchManifest.markRead(
              read.getValue().directory(),
              read.getValue().partitions(),
              notRead,
              Instant.now().toString());
      if (!completed.isEmpty()) {
        err.printf(
            "Source %s: %d partition(s) the fetch into %s had not finished were read to their end"
                + " by this run; its manifest now says so: %s%n",
            read.getKey(),
            completed.size(),
            read.getValue().directory(),
            String.join(", ", completed));
      }
    }
  }

  /** Per source read from a snapshot, the partitions the fetch listed but did not fetch. */
  private final Map<String, List<RunSummary.NotRead>> unfetched = new TreeMap<>();

  /**
   * Per source read from a snapshot, what the fetch into it said beside its partitions (messages
   * gone from the server when fetched): a run of the snapshot said nothing of them.
   */
  final Map<String, List<String>> fetchNotes = new TreeMap<>();

  /** The source types whose files are mail, each copy of which is read. */
  private static final Set<String> MAIL_FILE_TYPES = Set.of("eml", "eml-dir", "mbox");

  /** The files not read because an earlier file of their source holds the same bytes. */
  private final Set<String> readOnce = new HashSet<>();

  /** Per source, every group of identical files it reads, for summary.json. */
  final Map<String, List<String>> identicalFiles = new TreeMap<>();

  /** Per source (and the backup), the note naming its empty files, for summary.json. */
  final Map<String, List<String>> emptyFiles = new TreeMap<>();

  /**
   * @param inputs what the pipeline reads and how
   * @param leftOut per source, the files its include and exclude globs leave out
   * @param decodingNotes the files to be read in an encoding assumed, or with bytes not valid in
   *     theirs, said at the run's end and in summary.json
   */
  record Prepared(
      SalvagePipeline.Inputs inputs,
      Map<String, List<Path>> leftOut,
      List<DecodingNote> decodingNotes) {}

  /**
   * Names the files under {@code path} with nothing in them to read, whatever their type, on the
   * console and among the source's notes in summary.json: a mail file of that kind gives no record
   * and no other word of it, and was named on the console only until 2026-12-07.
   */
  private void emptyFilesNote(String whose, String source, Path path, PrintWriter err)
      throws IOException {
    activity.step(
        whose.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + whose.substring(1),
        "looking for empty files");
    List<Path> empty = SourceReaders.emptyFiles(path);
    if (!empty.isEmpty()) {
      String note =
          String.format(
              "%d empty file(s) (0 bytes, or a byte order mark alone: nothing in them to read: a"
                  + " folder exported empty, or a copy that failed?): %s",
              empty.size(), firstFew(empty));
      err.printf("%s: %s%n", whose, note);
      emptyFiles.put(source, List.of(note));
    }
  }

  private static String firstFew(List<Path> files) {
    return String.join(", ", files.stream().limit(3).map(Path::toString).toList())
        + (files.size() > 3 ? ", ..." : "");
  }

  /**
   * Refuses a file two sources read (or one source twice), and names files with the same bytes:
   * both were read twice without a word.
   */
  private void sharedInputs(RunConfig runConfig, PrintWriter err)
      throws ConfigException, IOException {
    List<SharedInputs.Input> inputs = new ArrayList<>();
    for (SourceConfig source : runConfig.sources()) {
      if (source.path() != null && !SourceReaders.writesItsPath(source.type())) {
        inputs.add(
            new SharedInputs.Input(
                source.name(),
                source.path(),
                new FileSelection(source.include(), source.exclude()),
                MAIL_FILE_TYPES.contains(source.type())));
      }
    }
    BackupConfig backup = runConfig.backup();
    if (backup != null && backup.path() != null && !SourceReaders.writesItsPath(backup.type())) {
      inputs.add(new SharedInputs.Input(BACKUP_SOURCE, backup.path(), FileSelection.ALL));
    }
    // a fetch writes each object once: two of its files alike are two empty answers (two slices
    // with no customer to fetch by id), not a copy the user kept twice
    Set<String> fetched = new HashSet<>();
    inputs.stream()
        .filter(input -> Files.isRegularFile(input.path().resolve(FetchManifest.FILE)))
        .forEach(input -> fetched.add(input.source()));
    activity.step("all sources", "looking for files two sources share");
    List<SharedInputs.Copies> copies = SharedInputs.check(inputs).identical(activity);
    SharedInputs.notes(copies, fetched).forEach(err::println);
    readOnce.addAll(SharedInputs.readOnce(copies, fetched));
    identicalFiles.putAll(SharedInputs.summaryNotes(copies, fetched));
    err.flush();
  }

  /** What the preparation is doing, for the progress line; told each step as it begins. */
  private PreparationActivity activity = new PreparationActivity();

  /**
   * Prepares the run's inputs, telling {@code activity} each step as it begins: listing a big
   * source's partitions, and the checks of what its folders hold, take minutes.
   */
  Prepared prepare(
      RunConfig runConfig, Instant started, PrintWriter err, PreparationActivity activity)
      throws ConfigException, MappingException, IOException {
    this.activity = activity;
    Map<String, List<Path>> leftOut = new LinkedHashMap<>();
    List<ReadTask> files = new ArrayList<>();
    List<DecodingNote> decodingNotes = new ArrayList<>();
    Map<String, MappingPlan.MappingText> mappings = new LinkedHashMap<>();
    List<String> precedence = new ArrayList<>();
    BackupConfig backup = runConfig.backup();
    sharedInputs(runConfig, err);
    Instant takenAt = backup == null ? null : backupTime(backup);
    for (SourceConfig source : runConfig.sources()) {
      if (source.name().equals(BACKUP_SOURCE)) {
        throw new ConfigException(
            runConfig.file()
                + ": the source name '"
                + BACKUP_SOURCE
                + "' is reserved for the backup");
      }
      FileSelection selection = new FileSelection(source.include(), source.exclude());
      // mail read in the business's zone: the same zone the mappings read local times in
      Map<String, String> options =
          SourceReaders.withBusinessZone(
              source.type(),
              sourceOptions(source, takenAt, secretKey.allowed),
              runConfig.business().timezone());
      PartitionedSource opened =
          open(source.name(), source.type(), source.path(), options, selection);
      java.util.Set<String> listed = new java.util.HashSet<>();
      // a snapshot a fetch left unfinished holds no file for what it did not fetch: only its
      // manifest says what is missing
      List<RunSummary.NotRead> notFetched =
          source.path() != null && Files.isDirectory(source.path())
              ? FetchManifest.notFetched(source.path(), source.name())
              : List.of();
      try {
        // a fetch killed before it reached the source leaves only its manifest: the source is
        // not read (exit 3) and the other sources are, where "nothing to read" stopped the run
        List<ReadTask> sourceTasks =
            tasks(
                activity,
                opened,
                source.path(),
                runConfig.pathPlace(source.name()),
                decodingNotes,
                notFetched.isEmpty() ? Emptiness.REFUSED : Emptiness.NOT_FETCHED);
        sourceTasks =
            sourceTasks.stream().filter(task -> !readOnce.contains(task.partition())).toList();
        sourceTasks.forEach(task -> listed.add(task.partition()));
        files.addAll(sourceTasks);
        String snapshotDir = options.get(FetchCommand.SNAPSHOT_OPTION);
        if (snapshotDir != null && !FetchCommand.isFileType(source.type())) {
          snapshotReads.put(
              source.name(),
              new SnapshotRead(
                  Path.of(snapshotDir), sourceTasks.stream().map(ReadTask::partition).toList()));
        }
      } catch (IOException e) {
        // a server that does not answer even to list its folders, a folder the run may not
        // open: nothing of the source is read; the run says so, goes on with the other sources
        // and exits 3, as fetch does
        RunSummary.NotRead whole = RunSummary.NotRead.wholeSource(e);
        err.println("Cannot read source " + source.name() + ": " + whole.lastError());
        unlisted.put(source.name(), List.of(whole));
        mappings.put(
            source.name(),
            new MappingPlan.MappingText(source.mappingFile().toString(), source.mappingText()));
        precedence.add(source.name());
        continue; // its folders cannot be looked through for hidden files and indexes either
      }
      emptyFilesNote("Source " + source.name(), source.name(), source.path(), err);
      if (source.path() != null && Files.isDirectory(source.path())) {
        List<String> noted =
            FetchManifest.notes(source.path()).values().stream()
                .map(note -> "the fetch into " + source.path() + " said: " + note)
                .toList();
        if (!noted.isEmpty()) {
          fetchNotes.put(source.name(), noted);
        }
      }
      if (!notFetched.isEmpty()) {
        err.printf(
            "Source %s: %d partition(s) listed by the fetch into %s were not fetched to their"
                + " end; reported as not read: %s%s%n",
            source.name(),
            notFetched.size(),
            source.path(),
            String.join(", ", notFetched.stream().map(RunSummary.NotRead::partition).toList()),
            listed.isEmpty() ? " (the snapshot holds nothing else of the source)" : "");
        unfetched.put(source.name(), notFetched);
      }
      activity.step("source " + source.name(), "looking for folders that cannot be listed");
      Map<Path, String> unreadable = SourceReaders.unreadableDirectories(source.path());
      if (!unreadable.isEmpty()) {
        err.printf(
            "Source %s: %d folder(s) could not be listed (permission denied); what they hold is"
                + " not read, reported as not read: %s%n",
            source.name(), unreadable.size(), firstFew(List.copyOf(unreadable.keySet())));
        List<RunSummary.NotRead> entries =
            new ArrayList<>(unfetched.getOrDefault(source.name(), List.of()));
        unreadable.forEach(
            (folder, why) ->
                entries.add(
                    new RunSummary.NotRead(
                        folder.toString(), "every file in the folder", 0, why, false)));
        unfetched.put(source.name(), entries);
      }
      activity.step("source " + source.name(), "looking for symbolic links that loop");
      List<Path> loops = SourceReaders.loopLinks(source.path());
      if (!loops.isEmpty()) {
        err.printf(
            "Source %s: %d symbolic link(s) not followed, each leading back to a directory that"
                + " holds it (a loop; what is under it is read once, through that directory):"
                + " %s%n",
            source.name(), loops.size(), firstFew(loops));
      }
      activity.step("source " + source.name(), "looking for hidden files");
      List<Path> hidden =
          SourceReaders.hiddenFiles(source.path()).stream()
              // the fetch's manifest is read above; an IMAP snapshot's set-aside mail that only
              // they hold is read
              .filter(file -> !file.getFileName().toString().equals(FetchManifest.FILE))
              .filter(file -> !dev.salvage.connectors.email.ImapSource.isStateFile(file))
              .filter(file -> !listed.contains(file.toAbsolutePath().normalize().toString()))
              .toList();
      // pages a newer read replaced are Salvage's own bookkeeping: named among the user's hidden
      // files on every run, they read as evidence left unread
      List<Path> setAside = hidden.stream().filter(Superseded::isSetAside).toList();
      hidden = hidden.stream().filter(file -> !Superseded.isSetAside(file)).toList();
      if (!hidden.isEmpty()) {
        err.printf(
            "Source %s: %d hidden file(s) not read (names starting with '.': %s)%n",
            source.name(), hidden.size(), firstFew(hidden));
      }
      if (!setAside.isEmpty()) {
        err.printf(
            "Source %s: %d file(s) Salvage set aside when it read again (.superseded-*) are"
                + " kept beside what replaced them; delete them when sure%n",
            source.name(), setAside.size());
      }
      if (MAIL_FILE_TYPES.contains(source.type())) {
        activity.step("source " + source.name(), "looking for Maildir deliveries not finished");
        List<Path> deliveries = SourceReaders.maildirDeliveries(source.path());
        if (!deliveries.isEmpty()) {
          err.printf(
              "Source %s: %d file(s) in Maildir tmp/ not read (deliveries not finished when the"
                  + " copy was made; a finished one is in new/ or cur/: look at them by hand if"
                  + " the server is gone): %s%n",
              source.name(), deliveries.size(), firstFew(deliveries));
        }
      }
      activity.step("source " + source.name(), "looking for mail client files");
      List<Path> clientFiles = SourceReaders.mailClientFiles(source.path());
      if (!clientFiles.isEmpty()) {
        err.printf(
            "Source %s: %d mail client file(s) not read (Thunderbird's filter rules, POP state,"
                + " filter log or virtual folders, Apple Mail's folder properties, mailbox index"
                + " (table_of_contents) or library database (Envelope Index), a Maildir"
                + " server's UID lists, indexes and folder markers: no mail in them): %s%n",
            source.name(), clientFiles.size(), firstFew(clientFiles));
      }
      activity.step("source " + source.name(), "looking for system files");
      List<Path> systemFiles = SourceReaders.systemFiles(source.path());
      if (!systemFiles.isEmpty()) {
        err.printf(
            "Source %s: %d system file(s) not read (Windows' thumbnail caches and folder"
                + " settings: no evidence in them): %s%n",
            source.name(), systemFiles.size(), firstFew(systemFiles));
      }
      activity.step("source " + source.name(), "looking for Thunderbird folder indexes");
      List<Path> indexes = SourceReaders.mailIndexFiles(source.path());
      if (!indexes.isEmpty()) {
        // an index whose mbox is gone is the only trace of a folder's mail: say which
        List<Path> orphans =
            indexes.stream()
                .filter(
                    index -> {
                      String name = index.getFileName().toString();
                      return !Files.exists(
                          index.resolveSibling(name.substring(0, name.length() - 4)));
                    })
                .toList();
        err.printf(
            "Source %s: %d Thunderbird folder index(es) not read (.msf, no mail in them: the"
                + " folder's mail is the mbox file of the same name without .msf): %s%s%n",
            source.name(),
            indexes.size(),
            firstFew(indexes),
            orphans.isEmpty()
                ? ""
                : "; WARNING: "
                    + orphans.size()
                    + " of them have no mbox beside them, so those folders' mail is not in the"
                    + " source: "
                    + firstFew(orphans));
      }
      activity.step("source " + source.name(), "looking for files left out by include/exclude");
      List<Path> left = SourceReaders.filesLeftOut(opened);
      if (!selection.all()) {
        leftOut.put(source.name(), left);
        err.printf(
            "Source %s: %d file(s) left out by include/exclude%s%n",
            source.name(), left.size(), left.isEmpty() ? "" : " (" + firstFew(left) + ")");
      }
      mappings.put(
          source.name(),
          new MappingPlan.MappingText(source.mappingFile().toString(), source.mappingText()));
      precedence.add(source.name());
    }
    if (backup != null && backup.path() != null && !SourceReaders.writesItsPath(backup.type())) {
      emptyFilesNote("The backup", BACKUP_SOURCE, backup.path(), err);
    }
    Map<String, List<String>> backupFields = Map.of();
    if (backup != null) {
      files.addAll(
          tasks(
              activity,
              open(
                  BACKUP_SOURCE, backup.type(), backup.path(), backup.options(), FileSelection.ALL),
              backup.path(),
              runConfig.pathPlace(BACKUP_SOURCE),
              decodingNotes,
              Emptiness.REFUSED));
      mappings.put(
          BACKUP_SOURCE,
          new MappingPlan.MappingText(backup.mappingFile().toString(), backup.mappingText()));
      precedence.add(BACKUP_SOURCE);
      SourceMapping backupMapping =
          SourceMapping.parse(
              backup.mappingText(),
              backup.mappingFile().toString(),
              runConfig.entities(),
              runConfig.business());
      backupFields = backupMapping.emittedFields();
      withoutBackupKey(backupFields, backup.mappingFile().toString()).forEach(err::println);
    }
    String entitiesYaml = runConfig.entities().yamlText();
    String entitiesLabel = runConfig.entities().fileLabel();
    Instant asOf = runConfig.asOf() != null ? runConfig.asOf() : started;
    MappingPlan plan =
        new MappingPlan(
            runConfig.business(),
            entitiesYaml,
            entitiesLabel,
            mappings,
            new TimeAnchors(takenAt, asOf));
    MergeSettings merge =
        new MergeSettings(
            entitiesYaml,
            entitiesLabel,
            precedence,
            BACKUP_SOURCE,
            takenAt == null ? Instant.EPOCH : takenAt,
            backupFields,
            asOf,
            runConfig.business().timezone(),
            plan.currentRules());
    List<String> csvFields = new ArrayList<>();
    runConfig
        .entities()
        .types()
        .values()
        .forEach(
            t ->
                t.fields()
                    .keySet()
                    .forEach(
                        f -> {
                          if (!csvFields.contains(f)) {
                            csvFields.add(f);
                          }
                        }));
    csvFields.sort(String::compareTo);
    return new Prepared(
        new SalvagePipeline.Inputs(
            files, plan, merge, maxKeyFanout, csvFields, linking == Linking.probabilistic),
        leftOut,
        decodingNotes);
  }

  /**
   * The options a source is opened with: its own, the backup's time as the default window start,
   * and {@code --allow-secret-key} for Stripe API sources (run and fetch alike).
   */
  static Map<String, String> sourceOptions(
      SourceConfig source, Instant backupTakenAt, boolean allowSecretKey) {
    Map<String, String> options = new LinkedHashMap<>(withBackupTime(source, backupTakenAt));
    if (allowSecretKey && source.type().equals("stripe-api")) {
      options.put("allow_secret_key", "true");
    }
    return options;
  }

  /**
   * The source's options with the backup's time as the default start of its read window (Stripe's
   * created_from, the calendars' time_min), for the sources that have one.
   */
  static Map<String, String> withBackupTime(SourceConfig source, Instant backupTakenAt) {
    return backupTakenAt == null
        ? source.options()
        : SourceReaders.withBackupTime(source.type(), source.options(), backupTakenAt);
  }

  /** When the backup was taken: the config's taken_at, else the dump's header. */
  static Instant backupTime(BackupConfig backup) throws ConfigException {
    return backup.takenAt() != null ? backup.takenAt() : dumpTime(backup);
  }

  private static Instant dumpTime(BackupConfig backup) throws ConfigException {
    boolean dump = backup.type().equals("pgdump") || backup.type().equals("mysqldump");
    if (backup.path() == null || !dump) {
      // only a dump's header says when it was taken; a database or an export does not
      throw new ConfigException(
          "The backup's time is unknown: set backup.taken_at in the config (a "
              + backup.type()
              + " backup does not say when it was taken)");
    }
    try {
      if (backup.type().equals("pgdump")) {
        Optional<Instant> started = PgDumpReader.takenAt(backup.path());
        if (started.isPresent()) {
          return started.get();
        }
      }
      // the completion line is only a hint: mysqldump writes it in the dumping host's local time
      // with no zone, so it is shown with how to set taken_at, never taken as UTC
      Optional<DumpCompletion> completed = Optional.empty();
      for (Path file : SourceReaders.inputFiles(backup.path())) {
        completed = DumpCompletion.read(file);
        if (completed.isPresent()) {
          break;
        }
      }
      String says =
          backup.type().equals("pgdump")
              ? " has no '-- Started on' header (pg_dump --verbose writes it)"
              : " is a " + backup.type() + " file, which has no header saying when it started";
      throw new ConfigException(
          "The backup's time is unknown: "
              + backup.path()
              + says
              + completed
                  .map(
                      hint ->
                          (hint.fromHeader() ? "; its header says " : "; its last line says ")
                              + hint.describe()
                              + ": "
                              + hint.advice())
                  .orElse("; set backup.taken_at in the config"));
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read the backup " + backup.path() + ": " + e.getMessage(), e);
    }
  }

  private static PartitionedSource open(
      String source, String type, Path path, Map<String, String> options, FileSelection selection)
      throws ConfigException {
    try {
      return SourceReaders.open(source, type, path, options, selection);
    } catch (InvalidSourceException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** What a source that lists no partition is. */
  private enum Emptiness {
    /** a configuration error: the path holds nothing the source's type reads */
    REFUSED,
    /** the snapshot's manifest lists partitions not fetched, reported as not read instead */
    NOT_FETCHED
  }

  /**
   * The source's partitions as read tasks, its files' encodings decided first: {@code notes} gets
   * those read in an encoding assumed. {@code pathPlace} is where the run config sets {@code path}
   * (file, place and line), named when it holds nothing to read; null when unknown.
   */
  private static List<ReadTask> tasks(
      PreparationActivity activity,
      PartitionedSource opened,
      Path path,
      String pathPlace,
      List<DecodingNote> notes,
      Emptiness emptiness)
      throws ConfigException, IOException {
    String source = opened.sourceName();
    String whose = source.equals(BACKUP_SOURCE) ? "the backup" : "source " + source;
    List<String> partitions;
    try {
      // listing may show a configuration error too (an IMAP folder that does not exist), and
      // so may a file whose encoding must be declared before it is read
      activity.step(whose, "listing its partitions");
      partitions = opened.partitions();
      activity.step(
          whose, String.format("checking the encodings of %,d partition(s)", partitions.size()));
      notes.addAll(opened.checkEncodings(partitions));
    } catch (InvalidSourceException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    if (partitions.isEmpty() && emptiness == Emptiness.REFUSED) {
      throw new ConfigException(
          "Source "
              + source
              + ": nothing to read"
              + (path == null ? "" : " under " + path)
              + (pathPlace == null ? "" : "; its path is set at " + pathPlace));
    }
    List<ReadTask> tasks = new ArrayList<>();
    for (String partition : partitions) {
      tasks.add(ReadTask.listed(opened, partition));
    }
    return tasks;
  }

  /**
   * {@code " and the backup (taken ...)"} when the run has a backup, else {@code " and no backup"}:
   * without one the time stands at the epoch, and "taken 1970-01-01" read as a backup that was.
   */
  static String readingBackup(RunConfig runConfig, Instant takenAt) {
    return runConfig.backup() == null
        ? " and no backup"
        : " and the backup (taken " + takenAt + ")";
  }
}
