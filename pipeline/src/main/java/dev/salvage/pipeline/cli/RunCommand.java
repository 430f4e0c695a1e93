package dev.salvage.pipeline.cli;

import static dev.salvage.pipeline.cli.EvidenceNotes.noteIgnoredWhy;
import static dev.salvage.pipeline.cli.EvidenceNotes.noteIgnoredWithNotes;
import static dev.salvage.pipeline.cli.EvidenceNotes.warnOfAssumedZone;
import static dev.salvage.pipeline.cli.EvidenceNotes.warnOfSoftDeleted;
import static dev.salvage.pipeline.cli.FieldNotes.droppedEmits;
import static dev.salvage.pipeline.cli.FieldNotes.ignoredKinds;
import static dev.salvage.pipeline.cli.FieldNotes.neverFilled;
import static dev.salvage.pipeline.cli.FieldNotes.neverFilledFields;
import static dev.salvage.pipeline.cli.FieldNotes.unmappedFields;
import static dev.salvage.pipeline.cli.FieldNotes.withoutBackupKey;
import static dev.salvage.pipeline.cli.LinkingNotes.brokenChecks;
import static dev.salvage.pipeline.cli.LinkingNotes.guessedTimes;
import static dev.salvage.pipeline.cli.LinkingNotes.leftAmbiguous;
import static dev.salvage.pipeline.cli.LinkingNotes.lookAlikeKeys;
import static dev.salvage.pipeline.cli.LinkingNotes.unreachableThresholds;
import static dev.salvage.pipeline.cli.LinkingNotes.unweighedForWantOfLinking;
import static dev.salvage.pipeline.cli.OutputPlace.checkOutputOwned;
import static dev.salvage.pipeline.cli.OutputPlace.checkOutputPlace;
import static dev.salvage.pipeline.cli.RuleNotes.firstQuarantineReasons;
import static dev.salvage.pipeline.cli.RuleNotes.mapped;
import static dev.salvage.pipeline.cli.RuleNotes.mostlyQuarantinedRules;
import static dev.salvage.pipeline.cli.RuleNotes.quarantinedRecords;
import static dev.salvage.pipeline.cli.RuleNotes.unmatchedBackupRules;
import static dev.salvage.pipeline.cli.RuleNotes.unmatchedRules;
import static dev.salvage.pipeline.cli.RuleNotes.unusedBackup;
import static dev.salvage.pipeline.cli.RunStopped.noSpaceForTheBundle;
import static dev.salvage.pipeline.cli.RunStopped.removedAfter;
import static dev.salvage.pipeline.cli.RunStopped.stopped;
import static dev.salvage.pipeline.cli.RunStopped.stoppedBeforeTheEnd;
import static dev.salvage.pipeline.cli.SourceAccounting.PlaceReads;
import static dev.salvage.pipeline.cli.SourceAccounting.decodingNotes;
import static dev.salvage.pipeline.cli.SourceAccounting.firstUnreadReasons;
import static dev.salvage.pipeline.cli.SourceAccounting.sourceNotes;
import static dev.salvage.pipeline.cli.SourceAccounting.sourcesThatGaveNothing;
import static dev.salvage.pipeline.cli.SourceAccounting.unreadPlaces;
import static dev.salvage.pipeline.cli.SourceAccounting.withSourcesReadToNothing;

import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.FileSelection;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.backup.DumpCompletion;
import dev.salvage.connectors.backup.PgDumpReader;
import dev.salvage.connectors.io.Superseded;
import dev.salvage.mappings.BackupConfig;
import dev.salvage.mappings.LookupSpec;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.SourceConfig;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.mappings.TimeAnchors;
import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.map.BuildLookupTables;
import dev.salvage.pipeline.map.MappingPlan;
import dev.salvage.pipeline.read.ReadSources.ReadTask;
import dev.salvage.pipeline.reconcile.MergeSettings;
import dev.salvage.pipeline.stage.ProgressPrinter;
import dev.salvage.pipeline.stage.Stage;
import dev.salvage.pipeline.stage.StageCpuSampler;
import dev.salvage.pipeline.stage.StageMeters;
import dev.salvage.pipeline.stage.StageRegistry;
import dev.salvage.pipeline.stage.StageTimings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code salvage run}: reconstructs records from a run config and writes the review bundle. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Reads every source and the backup named in the config, links and reconciles the evidence,"
          + " and writes DIR/review/records.jsonl, DIR/review/records.csv, DIR/quarantine.jsonl"
          + " and DIR/summary.json."
    })
final class RunCommand implements Callable<Integer> {
  /** The source name backup observations carry in evidence ids and the summary. */
  static final String BACKUP_SOURCE = "backup";

  /**
   * Lets a record larger than a sorter's buffer through every GroupByKey, embedded and on a
   * cluster: without it a record over a few MB (a backup row keeping a document or an image in a
   * column, 5 MB here: the sort memory split among the job's sorters, less with more slots) failed
   * the whole job. The client compiles the job, so the client's configuration decides it.
   */
  static final String LARGE_RECORDS = "taskmanager.runtime.large-record-handler";

  /**
   * Configuration for the embedded Flink, under --flink-conf: on a busy machine its task manager
   * can miss the default 50 s heartbeat and the whole job fails, so give it a generous timeout.
   * Every GroupByKey sorts in Flink's managed memory, shared by the ~30 sorters of the job; the
   * local default (128 MB) leaves each a few MB, so they spill gigabytes to disk even on a
   * 10k-reservation scenario. A fixed, larger budget keeps the sorts in memory without growing with
   * the input.
   */
  private static final Map<String, String> EMBEDDED_FLINK_CONF =
      Map.of(
          "heartbeat.timeout",
          "600000",
          "heartbeat.interval",
          "10000",
          "taskmanager.memory.managed.size",
          "768m",
          LARGE_RECORDS,
          "true");

  @Mixin ConfigOption config;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "Output directory (created if missing; an earlier run's output there is replaced, a"
              + " directory holding other files is refused without --into-foreign-out).")
  Path out;

  @Option(
      names = "--flink-master",
      defaultValue = "[local]",
      paramLabel = "[local]|HOST:PORT",
      description =
          "Flink to run on: [local] embeds Flink in this process (default); HOST:PORT submits to a cluster whose workers see the same input and output paths.")
  String flinkMaster;

  // Beam's own spelling, still accepted; hidden, since picocli's synopsis names an option by its
  // shortest name and showed this one where every doc writes --flink-master
  // (picocli gives an option not on the command line its default after parsing, so this spelling
  // is taken over --flink-master's default in call())
  @Option(names = "--flinkMaster", hidden = true, paramLabel = "[local]|HOST:PORT")
  String flinkMasterInBeamsSpelling;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "Parallel tasks (default: the number of cores, ${sys:salvage.cores}; on a cluster, its"
              + " free task slots, which it may not exceed).")
  Integer parallelism;

  @Option(
      names = "--flink-conf",
      paramLabel = "KEY=VALUE",
      description =
          "A Flink configuration option for the job, repeatable (e.g."
              + " taskmanager.memory.network.max=256m). The embedded Flink takes any option; a"
              + " cluster takes the job's and the client's options, not those of its own JVMs.")
  List<String> flinkConf = new ArrayList<>();

  @Option(
      names = "--runner",
      defaultValue = "flink",
      paramLabel = "flink|direct",
      description =
          "Beam runner. direct is Beam's test runner: tiny inputs only (default: ${DEFAULT-VALUE}).")
  String runner;

  @Option(
      names = "--max-key-fanout",
      defaultValue = "1000",
      paramLabel = "N",
      description =
          "A key value shared by more observations than this is not used to link (default: ${DEFAULT-VALUE}).")
  int maxKeyFanout;

  @Mixin SecretKeyOption secretKey;

  @Option(
      names = "--allow-incomplete",
      description =
          "Exit 0 even when a partition of a source (a mail folder, a Stripe slice, a calendar, a"
              + " file) could not be read to its end. Without it such a run exits 3. The partitions"
              + " not read are listed in summary.json either way.")
  boolean allowIncomplete;

  @Option(
      names = "--into-foreign-out",
      description =
          "Write into --out even when it is a non-empty directory no salvage run wrote (the run"
              + " overwrites its summary.json, review/ and the bundle's other files of the same"
              + " names). Without it such a directory is refused before anything is read.")
  boolean intoForeignOut;

  /** How evidence is linked: exact keys only, or exact keys then probabilistic matching. */
  enum Linking {
    exact,
    probabilistic
  }

  @Option(
      names = "--linking",
      defaultValue = "probabilistic",
      paramLabel = "exact|probabilistic",
      description =
          "exact: link only by shared strong keys; probabilistic: then attach unlinked evidence to"
              + " identified entities of types with a linking section, and make evidence that"
              + " matches none a new entity flagged for review when the section says so"
              + " (default: ${DEFAULT-VALUE}).")
  Linking linking;

  @Option(
      names = "--stop-after",
      paramLabel = "read|map|link",
      description =
          "Stop after this stage: every record read is still accounted for in summary.json, which"
              + " says the run stopped early; no records are written. --stop-after map tries a"
              + " mapping on whole sources: it says the rules that matched nothing, the fields no"
              + " record gave a value and the MAPPING ERRORs of formats that fit the values"
              + " nowhere (salvage mappings test tries one file); it is also the read+map floor"
              + " scripts/bench compares a whole run with.")
  String stopAfter;

  @Option(
      names = "--stall-minutes",
      defaultValue = "5",
      paramLabel = "N",
      description =
          "Fail the run when its Flink job has had no task running, or has counted no record"
              + " in any stage while its JVMs (embedded: this one; on a cluster: the TaskManagers"
              + " running its tasks) use under a tenth of a core, for N minutes without finishing"
              + " (a stalled job, which would never end; a slow stage always has a task running"
              + " and counts what passes or computes). Not on counts while the run reads a network"
              + " source (default: ${DEFAULT-VALUE}).")
  int stallMinutes;

  @Option(
      names = "--tmp-dir",
      paramLabel = "DIR",
      description =
          "Where the embedded Flink writes its sort spill files, the job's jar and its working"
              + " files, in a directory of its own removed when the run ends (default: the JVM's"
              + " temp directory, java.io.tmpdir, now ${sys:java.io.tmpdir}). The run stops,"
              + " naming it, when it is nearly full. Embedded Flink only: a cluster's TaskManagers"
              + " spill where their io.tmp.dirs says.")
  Path tmpDir;

  @Option(
      names = "--decisions-from",
      paramLabel = "EARLIER_DIR",
      description =
          "Carries the review decisions of an earlier run directory into --out (a copy of"
              + " EARLIER_DIR/review/decisions.jsonl), so they hold as they would on a rerun into"
              + " EARLIER_DIR itself: each for its record if it comes out the same, a record that"
              + " comes out otherwise shown as decided on another version. Refused when --out"
              + " holds decisions of its own.")
  Path decisionsFrom;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static {
    System.setProperty(
        "salvage.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
  }

  // the output directory, held from when the checks passed until the command ends
  private RunDirLock outputHeld;

  // says, if the JVM is stopped from outside, that the directory is left unfinished: held from the
  // pipeline's start until the directory is marked finished or the command ends otherwise
  private Thread stoppedNote;

  // after the Flink job finished: what to say when joining and writing the bundle runs out of space
  private BundleWrite bundleWrite;

  /** The bundle being joined and written after the job: where, since when, and the disks' room. */
  private record BundleWrite(FreeSpace space, RunLayout layout, Instant started) {}

  @Override
  public Integer call() throws Exception {
    if (flinkMasterInBeamsSpelling != null) {
      flinkMaster = flinkMasterInBeamsSpelling;
    }
    try {
      return checkThenRun();
    } catch (IOException | UncheckedIOException e) {
      String said =
          bundleWrite == null
              ? null
              : noSpaceForTheBundle(
                  e, bundleWrite.space(), bundleWrite.layout(), bundleWrite.started());
      if (said == null) {
        throw e;
      }
      spec.commandLine().getErr().println(said);
      spec.commandLine().getErr().flush();
      return SalvageCli.EXIT_FAILURE;
    } finally {
      removeFlinkTemp();
      forgetStoppedNote();
      if (outputHeld != null) {
        outputHeld.close();
        outputHeld = null;
      }
    }
  }

  /**
   * The decisions file --decisions-from names, checked before anything is read; null without the
   * option. A directory's own decisions are never replaced: they are the later word.
   */
  private Path decisionsToCarry(RunLayout layout) throws IOException, ConfigException {
    if (decisionsFrom == null) {
      return null;
    }
    Path from = RunLayout.of(decisionsFrom).decisions().path();
    if (!Files.isRegularFile(from)) {
      throw new ConfigException(
          "--decisions-from "
              + decisionsFrom
              + ": "
              + from
              + " does not exist; name the output directory of the earlier run that was reviewed");
    }
    Path to = layout.decisions().path();
    if (Files.exists(to) && Files.isSameFile(from, to)) {
      return null; // a rerun into the same directory keeps its decisions anyway
    }
    if (Files.exists(to) && Files.size(to) > 0) {
      throw new ConfigException(
          "--decisions-from "
              + decisionsFrom
              + ": "
              + to
              + " already holds decisions of its own, which carrying would mix with the earlier"
              + " run's; run into a new directory, or leave out --decisions-from");
    }
    return from;
  }

  private void forgetStoppedNote() {
    if (stoppedNote != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(stoppedNote);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: it says the run was stopped
      }
      stoppedNote = null;
    }
  }

  private Integer checkThenRun() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Instant started = Instant.now();
    Stage lastStage;
    try {
      lastStage = stopAfter == null ? Stage.REPORT : Stage.stoppable(stopAfter);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    if (stallMinutes < 1) {
      throw new ConfigException("--stall-minutes must be at least 1, got " + stallMinutes);
    }
    if (tmpDir != null && !(runner.equals("flink") && flinkMaster.equals("[local]"))) {
      throw new ConfigException(
          "--tmp-dir "
              + tmpDir
              + " applies to the embedded Flink only (--flink-master [local]); a cluster's"
              + " TaskManagers spill where their io.tmp.dirs says");
    }
    RunConfig runConfig = RunConfig.load(config.file);
    runConfig.mergeOrderNotes().forEach(err::println);
    runConfig.neverExtractedNotes().forEach(err::println);
    runConfig.negatedNotSummedNotes().forEach(err::println);
    // known from the mappings alone: said before anything is read, and again at the end
    runConfig.noSharedKeyNotes().values().forEach(err::println);
    FlinkConf conf = FlinkConf.parse(flinkConf);
    if (runner.equals("flink") && flinkMaster.equals("[local]")) {
      flinkTempBase = flinkTempBase(conf);
    }
    RunLayout layout = RunLayout.of(out);
    checkOutputPlace(layout.root(), runConfig);
    if (!intoForeignOut) {
      checkOutputOwned(layout);
    }
    Path carried = decisionsToCarry(layout);
    if (Files.isRegularFile(layout.root().resolve(ClusterJob.RECORD))) {
      // an earlier run's job, its client killed, may still write here and hold the cluster's
      // slots: cancelled before the cluster is asked, with the directory held (a live run holds it)
      outputHeld = RunDirLock.acquire(layout.root());
      String leftOver = ClusterJob.cancelLeftOver(layout.root());
      if (leftOver != null) {
        err.println(leftOver);
        err.flush();
      }
    }
    // the cluster is asked before any source is opened: a wrong address or too few slots is a
    // mistake on the command line, found in a second rather than after minutes of waiting
    int workers = workers(err, conf);
    Prepared prepared = prepare(runConfig, started, err);
    if (outputHeld == null) {
      // before anything in it is cleared: another run may be writing it
      outputHeld = RunDirLock.acquire(layout.root());
    }
    Files.createDirectories(layout.root().resolve("review"));
    if (carried != null) {
      Files.copy(carried, layout.decisions().path());
      err.println(
          "Note: carried the decisions of "
              + carried
              + " into "
              + layout.decisions().path()
              + ": each holds for its record only if the record comes out the same; one that comes"
              + " out otherwise is undecided again (review shows it so, import plan skips it).");
    } else if (Files.exists(layout.decisions().path())
        && Files.size(layout.decisions().path()) > 0) {
      err.println(
          "Note: "
              + layout.decisions().path()
              + " holds the decisions of an earlier review of this directory: each holds for its"
              + " record only if the record comes out the same; one that comes out otherwise is"
              + " undecided again (review shows it so, import plan skips it).");
    }
    SalvagePipeline.prepareOutput(layout);

    PipelineOptions options = pipelineOptions(workers, conf);
    Pipeline pipeline = Pipeline.create(options);
    StageMeters meters = StageMeters.from(started.toEpochMilli());
    SalvagePipeline.build(pipeline, prepared.inputs(), layout, lastStage, meters);

    err.printf(
        "Reading %d partition(s) from %d source(s)%s; as of %s%s; running on %s with parallelism %d%n",
        prepared.inputs().files().size(),
        runConfig.sources().size(),
        readingBackup(runConfig, prepared.inputs().merge().backupTakenAt()),
        prepared.inputs().merge().asOf(),
        runConfig.asOf() == null ? " (the run's start; set as_of in the config to fix it)" : "",
        runner.equals("direct") ? "the DirectRunner" : "Flink " + flinkMaster,
        workers);
    err.flush();
    StageRegistry.reset();
    // the workers run in this JVM unless Flink runs on a cluster: only then can CPU be sampled here
    boolean embedded = runner.equals("direct") || flinkMaster.equals("[local]");
    if (embedded) {
      StageRegistry.partitionsListed(prepared.inputs().files().size());
    }
    StageCpuSampler sampler = embedded ? StageCpuSampler.start() : null;
    PipelineResult result;
    PipelineResult.State state;
    // a cluster keeps running a job whose client is gone: cancel it when this JVM is stopped
    Thread cancelOnExit =
        clusterJobId == null
            ? null
            : new Thread(
                () -> {
                  err.println(ClusterJob.cancel(flinkMaster, clusterJobId));
                  err.flush();
                },
                "cancel-flink-job");
    if (cancelOnExit != null) {
      Runtime.getRuntime().addShutdownHook(cancelOnExit);
      // a client killed outright cancels nothing: the next run into this directory does
      ClusterJob.record(layout.root(), flinkMaster, clusterJobId);
    }
    // Ctrl-C or a kill ends the JVM without a word otherwise: say what the directory holds now
    stoppedNote =
        new Thread(
            () -> {
              err.println(stoppedBeforeTheEnd(layout.root()));
              err.flush();
              removeFlinkTemp();
            },
            "run-stopped-note");
    Runtime.getRuntime().addShutdownHook(stoppedNote);
    FreeSpace space = freeSpace(layout);
    // a network source read by the job waits on its server (a 429's Retry-After, a slow folder)
    // with nothing counted and the JVM idle: only a job without one is stopped on its counts
    boolean network =
        runConfig.sources().stream().anyMatch(source -> !FetchCommand.isFileType(source.type()));
    StallWatch stallWatch = runner.equals("flink") ? watchForStall(space, !network) : null;
    try (ProgressPrinter progress =
        embedded
            ? ProgressPrinter.start(err, ProgressPrinter.consoleMode())
            : ProgressPrinter.startOnCluster(err, ProgressPrinter.consoleMode())) {
      result = pipeline.run();
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      if (!runner.equals("flink")) {
        throw e;
      }
      if (stallWatch != null && stallWatch.stall() != null) {
        err.println(stopped(stallWatch, layout, started));
        return SalvageCli.EXIT_FAILURE;
      }
      // Beam reports every Flink failure as "Pipeline execution failed"; name Flink's reason and
      // what to change first, then the whole chain for the details
      FlinkFailure failure =
          FlinkFailure.explain(e, flinkMaster, workers, space, Runtime.getRuntime().maxMemory());
      err.println(failure.report(flinkMaster));
      String removed = removedAfter(failure, layout, started);
      if (!removed.isEmpty()) {
        err.println(removed);
      }
      err.println("Cause chain:");
      for (Throwable cause : FlinkFailure.chain(e)) {
        err.println("  " + cause);
      }
      failure.printWhere(e, err);
      return SalvageCli.EXIT_FAILURE;
    } finally {
      if (stallWatch != null) {
        stallWatch.close();
        Thread.interrupted(); // the watch's interrupt, if it came after the job had ended
      }
      if (cancelOnExit != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(cancelOnExit);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or about to: it cancels the job
        }
      }
      if (sampler != null) {
        sampler.close();
      }
      removeJobFlinkConf();
      removeFlinkTemp();
    }
    Map<String, Double> cpu = sampler == null ? null : sampler.stop();
    Instant finished = Instant.now();
    if (state != PipelineResult.State.DONE) {
      err.println(
          stallWatch != null && stallWatch.stall() != null
              ? stopped(stallWatch, layout, started)
              : "The pipeline ended in state " + state);
      return SalvageCli.EXIT_FAILURE;
    }
    if (clusterJobId != null) {
      // finished: kept otherwise, so that the next run into this directory checks on it
      ClusterJob.forget(layout.root());
    }
    StageTimings timings =
        StageTimings.measured(result, meters.base())
            .partitions(prepared.inputs().files().size())
            .cpu(cpu);

    ClientClock assembling = ClientClock.start();
    bundleWrite = new BundleWrite(space, layout, started);
    // a big run's parts take a minute to join after the job: said, where the console fell silent
    // (trial 80: 55-74 s without a line)
    try (ProgressPrinter joining =
        ProgressPrinter.start(err, ProgressPrinter.consoleMode(), joiningActivity(layout))) {
      SalvagePipeline.finish(prepared.inputs(), layout);
    }
    SalvagePipeline.addMeasuredCounts(result, layout);
    if (lastStage == Stage.REPORT) {
      assembling.charge(timings, Stage.WRITE, null);
    } else {
      removeUnwrittenBundle(layout);
    }
    List<String> sourceNames = new ArrayList<>();
    runConfig.sources().forEach(s -> sourceNames.add(s.name()));
    if (runConfig.backup() != null) {
      sourceNames.add(BACKUP_SOURCE);
    }
    List<String> entityTypes =
        new ArrayList<>(new TreeSet<>(runConfig.entities().types().keySet()));
    RunSummary.RunInfo run =
        new RunSummary.RunInfo(
            config.file.toAbsolutePath().normalize().toString(),
            runner.equals("direct") ? "direct" : "flink " + flinkMaster,
            workers,
            prepared.inputs().merge().backupTakenAt().toString(),
            runConfig.business().timezone().toString(),
            prepared.inputs().merge().asOf().toString(),
            started.toString(),
            finished.toString(),
            Duration.between(started, finished).toMillis() / 1000.0);
    Map<String, Integer> leftOut = new LinkedHashMap<>();
    prepared.leftOut().forEach((source, files) -> leftOut.put(source, files.size()));
    Map<String, String> lookupCounters = new LinkedHashMap<>();
    for (LookupSpec lookup : prepared.inputs().mapping().lookups()) {
      lookupCounters.put(lookup.describe(), BuildLookupTables.rowCounter(lookup));
    }
    // each source's mapping, parsed again (it parsed at the start): what its rules declare
    Map<String, SourceMapping> parsed = new LinkedHashMap<>();
    for (SourceConfig source : runConfig.sources()) {
      parsed.put(
          source.name(),
          SourceMapping.parse(
              source.mappingText(),
              source.mappingFile().toString(),
              runConfig.entities(),
              runConfig.business()));
    }
    if (runConfig.backup() != null) {
      parsed.put(
          BACKUP_SOURCE,
          SourceMapping.parse(
              runConfig.backup().mappingText(),
              runConfig.backup().mappingFile().toString(),
              runConfig.entities(),
              runConfig.business()));
    }
    Map<String, List<String>> declaredRules = new LinkedHashMap<>();
    parsed.forEach((name, mapping) -> declaredRules.put(name, mapping.ruleNames()));
    RunSummary counted =
        RunSummary.fromCounts(
            layout.countsTsv(), sourceNames, entityTypes, leftOut, lookupCounters, run);
    Map<String, String> mappingFiles = new LinkedHashMap<>();
    runConfig.sources().forEach(s -> mappingFiles.put(s.name(), s.mappingFile().toString()));
    if (runConfig.backup() != null) {
      mappingFiles.put(BACKUP_SOURCE, runConfig.backup().mappingFile().toString());
    }
    // before anything reads the quarantine's reasons: theirs say the mapping, not the source
    List<MisfitFields.Misfit> misfits =
        MisfitFields.find(counted, layout.quarantine(), mappingFiles);
    MisfitFields.markInQuarantine(layout.quarantine(), misfits);
    List<MisfitFields.MappingError> mappingErrors = new ArrayList<>(misfits);
    if (lastStage != Stage.READ) {
      mappingErrors.addAll(MisfitFields.nothingMatched(counted, mappingFiles));
    }
    if (counted.stoppedAfter() == null && lastStage == Stage.REPORT) {
      mappingErrors.addAll(
          MisfitFields.disagreements(
              RunSummary.counters(layout.countsTsv()), layout.records(), mappingFiles));
    }
    Map<String, Map<String, Long>> unreadPlaces = unreadPlaces(layout);
    Map<String, List<RunSummary.NotRead>> notRead =
        MisfitFields.withMisfits(
            withSourcesReadToNothing(
                counted,
                withUnlisted(RunSummary.readNotRead(layout.notReadTsv())),
                firstUnreadReasons(layout),
                unreadPlaces,
                PlaceReads.ofWhereRefused(layout, unreadPlaces)),
            mappingErrors);
    RunSummary summary =
        (allowIncomplete ? counted.withNotReadAccepted(notRead) : counted.withNotRead(notRead))
            .withDeclaredRules(declaredRules)
            .withSourceNotes(RunSummary.readSourceNotes(layout.notReadTsv()))
            .withSourceNotes(fetchNotes)
            .withSourceNotes(identicalFiles)
            .withSourceNotes(emptyFiles);
    if (lastStage != Stage.REPORT) {
      summary = summary.withStoppedAfter(lastStage.label());
    }
    summary = summary.withDecodingNotes(prepared.decodingNotes());
    if (lastStage != Stage.READ) {
      // said on the console at the end, and kept where a script reads the run (until 2026-12-07
      // on the console only)
      Map<String, Long> mapped = RunSummary.counters(layout.countsTsv());
      Map<String, Map<String, Long>> neverFilled = new LinkedHashMap<>();
      for (Map.Entry<String, SourceMapping> source : parsed.entrySet()) {
        neverFilled.put(
            source.getKey(),
            neverFilledFields(source.getKey(), source.getValue().fieldsByRule(), summary, mapped));
      }
      summary = summary.withFieldsNeverFilled(neverFilled);
    }
    summary = summary.withNoSharedKey(runConfig.noSharedKeyNotes());
    summary.write(layout.summaryJson());
    recordSnapshotReads(summary, err);
    warnOfAssumedZone(summary, runConfig, err);
    warnOfSoftDeleted(summary, err);
    noteIgnoredWhy(summary, layout, err);
    noteIgnoredWithNotes(summary, layout, err);
    for (LookupSpec lookup : prepared.inputs().mapping().lookups()) {
      if (summary.lookupTables().getOrDefault(lookup.describe(), 0L) == 0) {
        err.println(
            "The backup has no rows of table "
                + lookup.table()
                + " with a "
                + lookup.match()
                + ": every lookup "
                + lookup.describe()
                + " missed");
      }
    }

    if (lastStage == Stage.REPORT) {
      ClientClock reporting = ClientClock.start();
      stdout.println("Report: " + dev.salvage.pipeline.review.ReportWriter.write(layout.root()));
      long written = 0;
      for (Map<String, Long> byAction : summary.entities().values()) {
        for (Map.Entry<String, Long> action : byAction.entrySet()) {
          written += action.getKey().equals(RunSummary.CARRIED_OVER) ? 0 : action.getValue();
        }
      }
      reporting.charge(timings, Stage.REPORT, written);
    } else {
      stdout.printf(
          "Stopped after %s (--stop-after): no records written, no report%n", lastStage.label());
    }
    // the summary once more, now with the stage timings (the report has its own clock) and the
    // command's own end: joining the bundle's files and the report take a while after the job
    Instant done = Instant.now();
    summary = summary.withStages(timings.build(lastStage)).withFinish(done);
    summary.write(layout.summaryJson());
    stdout.print(summary.report());
    stdout.printf("%n%s", StageTimings.table(summary.stages()));
    if (sampler != null) {
      stdout.printf("(the CPU sampling itself took %.1f s of jvm)%n", sampler.samplingSeconds());
    }
    stdout.printf(
        "%nWrote %s (%.1f s)%n",
        layout.root(), Duration.between(started, done).toMillis() / 1000.0);
    stdout.flush();
    if (runConfig.backup() != null) {
      String backupMapping = runConfig.backup().mappingFile().toString();
      String unusedBackup = unusedBackup(summary, backupMapping);
      String unmatched =
          unusedBackup != null
              ? unusedBackup
              : unmatchedBackupRules(summary, parsed.get(BACKUP_SOURCE).ruleNames(), backupMapping);
      if (unmatched != null) {
        err.println(unmatched);
      }
    }
    sourcesThatGaveNothing(summary).forEach(err::println);
    // sources sharing one mapping file (a Stripe mapping for the API and the CSV export, as
    // docs/stripe.md shows) each meet only some of its rules: a rule is said when it matched none
    // of the records of all of them
    Map<Path, List<String>> byMappingFile = new LinkedHashMap<>();
    for (SourceConfig source : runConfig.sources()) {
      byMappingFile
          .computeIfAbsent(
              source.mappingFile().toAbsolutePath().normalize(), file -> new ArrayList<>())
          .add(source.name());
    }
    // read only when some rule had records quarantined: the file may be long
    Map<String, String> firstReasons =
        summary.sources().values().stream().anyMatch(counts -> !counts.rulesQuarantined().isEmpty())
            ? firstQuarantineReasons(layout)
            : Map.of();
    for (List<String> sharing : byMappingFile.values()) {
      // a rule whose records are in partitions not read matched none for that reason: "a
      // condition that never holds" sent the operator to the rules after a key revoked mid-run,
      // and the not_read list already says what is missing
      if (sharing.stream().noneMatch(summary.notRead()::containsKey)) {
        unmatchedRules(summary, sharing, parsed.get(sharing.get(0)).ruleNames(), firstReasons)
            .ifPresent(err::println);
      }
      mostlyQuarantinedRules(summary, sharing, firstReasons).ifPresent(err::println);
    }
    decodingNotes(summary).forEach(err::println);
    sourceNotes(summary).forEach(err::println);
    if (summary.sources().values().stream().anyMatch(counts -> counts.quarantined() > 0)) {
      quarantinedRecords(layout).forEach(err::println);
    }
    // what the mapping did is known once every record is mapped: --stop-after map, which tries a
    // mapping on whole sources, says it too (until 2026-12-07 only a whole run did)
    if (lastStage != Stage.READ) {
      Map<String, Long> counters = RunSummary.counters(layout.countsTsv());
      unmappedFields(runConfig.entities(), parsed.values()).forEach(err::println);
      if (summary.linking() != null) {
        summary.linking().noSharedKey().values().forEach(err::println);
      }
      for (Map.Entry<String, SourceMapping> source : parsed.entrySet()) {
        neverFilled(source.getKey(), source.getValue().fieldsByRule(), summary, counters)
            .ifPresent(err::println);
        droppedEmits(source.getKey(), counters).ifPresent(err::println);
        ignoredKinds(source.getKey(), source.getValue().fileLabel(), counters)
            .ifPresent(err::println);
      }
    }
    if (summary.stoppedAfter() == null) {
      Map<String, Long> counters = RunSummary.counters(layout.countsTsv());
      guessedTimes(counters, runConfig.entities().types().keySet()).forEach(err::println);
      leftAmbiguous(counters, runConfig.entities().types().keySet()).forEach(err::println);
      UnlinkedGroups.notes(
              layout.unlinked(),
              summary.linking() == null ? Set.of() : summary.linking().noSharedKey().keySet())
          .forEach(err::println);
      lookAlikeKeys(layout.lookAlikeKeysTsv()).forEach(err::println);
    }
    if (summary.stoppedAfter() == null) {
      brokenChecks(runConfig.entities(), layout.records()).forEach(err::println);
    }
    if (linking == Linking.probabilistic) {
      unweighedForWantOfLinking(summary, runConfig.entities(), layout.unlinked())
          .forEach(err::println);
      unreachableThresholds(summary).forEach(err::println);
    }
    List<String> unaccounted = summary.unaccountedSources();
    if (!unaccounted.isEmpty()) {
      err.println("Records not accounted for: " + String.join(", ", unaccounted));
      return SalvageCli.EXIT_FAILURE;
    }
    forgetStoppedNote(); // from here on the directory is no longer left unfinished
    SalvagePipeline.markFinished(layout);
    // once each, after every other note and just before the incomplete list it belongs to
    mappingErrors.forEach(error -> err.println(error.said()));
    if (summary.incomplete()) {
      // last, so that it is what the operator sees when the run ends
      Incomplete.print(
          err,
          summary.notRead(),
          allowIncomplete,
          "summary.json lists them under not_read. "
              + Incomplete.rerunAdvice(
                  "A file that cannot be read as it is (each one's error says why) needs mending"
                      + " or converting first, or, if it is not evidence, leaving out with the"
                      + " source's exclude; for a server that did not answer, rerun when it does"
                      + " (with a snapshot_dir, IMAP and Stripe resume where they stopped, and"
                      + " google-calendar reads the calendars it fetched to their end from the"
                      + " snapshot)."
                      + (misfits.isEmpty()
                          ? ""
                          : " A rule's field listed so needs its mapping mended (its MAPPING"
                              + " ERROR line says how), not its source."),
                  "then run again.",
                  summary.notRead()));
      return allowIncomplete ? 0 : SalvageCli.EXIT_INCOMPLETE;
    }
    return 0;
  }

  /** Sources whose partitions could not be listed at the start, with why. */
  private final Map<String, List<RunSummary.NotRead>> unlisted = new TreeMap<>();

  /** The partitions the pipeline did not read, and the sources it had none of. */
  private Map<String, List<RunSummary.NotRead>> withUnlisted(
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
  private void recordSnapshotReads(RunSummary summary, PrintWriter err) throws IOException {
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
  private final Map<String, List<String>> fetchNotes = new TreeMap<>();

  /** The source types whose files are mail, each copy of which is read. */
  private static final Set<String> MAIL_FILE_TYPES = Set.of("eml", "eml-dir", "mbox");

  /** The files not read because an earlier file of their source holds the same bytes. */
  private final Set<String> readOnce = new HashSet<>();

  /** Per source, every group of identical files it reads, for summary.json. */
  private final Map<String, List<String>> identicalFiles = new TreeMap<>();

  /** Per source (and the backup), the note naming its empty files, for summary.json. */
  private final Map<String, List<String>> emptyFiles = new TreeMap<>();

  /** The Flink configuration directory written for the job while it runs, or null. */
  private Path jobFlinkConf;

  /** The marked temp directory holding {@link #jobFlinkConf} of a cluster job, or null. */
  private Path clusterConfTemp;

  /** Where the embedded Flink's temp directory is made; null unless Flink runs embedded. */
  private Path flinkTempBase;

  /** The embedded Flink's own temp directory while the job runs, or null. */
  private volatile Path flinkTemp;

  /** The id of the job submitted to a Flink cluster; null when Flink runs embedded. */
  private String clusterJobId;

  /**
   * Removes the job's Flink configuration once the job is done with it: deleteOnExit alone left an
   * empty directory per run in the temp folder (the JVM deletes in reverse order of registration,
   * so the directory went first, while it still held the file) and does nothing in a JVM that runs
   * many jobs.
   */
  private void removeJobFlinkConf() throws IOException {
    if (jobFlinkConf == null) {
      return;
    }
    Files.deleteIfExists(jobFlinkConf.resolve("flink-conf.yaml"));
    Files.deleteIfExists(jobFlinkConf);
    jobFlinkConf = null;
    if (clusterConfTemp != null) {
      FlinkTempDirs.remove(clusterConfTemp);
      clusterConfTemp = null;
    }
  }

  /**
   * The directory, marked as this process's, that holds the configuration of a job sent to a
   * cluster. A client killed outright (kill -9) cannot remove it, and a plain temp directory stayed
   * in java.io.tmpdir for ever (one per killed client); marked, the next run removes it as it
   * removes the embedded Flink's.
   */
  private Path newClusterConfTemp() throws ConfigException {
    Path base = Path.of(System.getProperty("java.io.tmpdir"));
    sayRemoved(FlinkTempDirs.removeLeftBehind(base));
    try {
      return FlinkTempDirs.create(base);
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot make a temp directory for the cluster job's Flink configuration in "
              + base
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private void sayRemoved(List<FlinkTempDirs.Left> removed) {
    PrintWriter err = spec.commandLine().getErr();
    for (FlinkTempDirs.Left left : removed) {
      err.println(
          "Removed "
              + left.directory()
              + " ("
              + FreeSpace.bytes(left.bytes())
              + "), the Flink temp directory of a run that was stopped without removing it");
    }
  }

  /**
   * The job's parallelism: --parallelism, else the cores for the embedded Flink; on a cluster
   * checked against (or, when not given, taken from) its free task slots.
   */
  private int workers(PrintWriter err, FlinkConf conf) throws ConfigException {
    if (parallelism != null && parallelism < 1) {
      throw new ConfigException("--parallelism must be at least 1, got " + parallelism);
    }
    if (!runner.equals("flink")) {
      if (!conf.settings().isEmpty()) {
        throw new ConfigException("--flink-conf applies to --runner flink only");
      }
      return parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
    }
    if (flinkMaster.equals("[local]")) {
      return parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
    }
    ClusterOverview cluster = ClusterOverview.fetch(flinkMaster);
    err.println(cluster.describe());
    for (String key : conf.clusterOnlyKeys()) {
      err.println(
          "Note: --flink-conf "
              + key
              + " is read by the cluster's JobManager and TaskManagers when they start; a job"
              + " cannot change it (set it in the cluster's Flink configuration)");
    }
    err.flush();
    return cluster.parallelism(parallelism);
  }

  /** What a run stopped from outside (Ctrl-C, a kill) leaves in {@code out}, and what to do. */
  /**
   * Removes the review files a run stopped by {@code --stop-after} leaves empty: an empty
   * records.jsonl reads as "nothing recovered", where nothing was reconstructed at all. Evidence
   * read before the stop is kept.
   */
  private static void removeUnwrittenBundle(RunLayout layout) throws IOException {
    Files.deleteIfExists(layout.records().path());
    Files.deleteIfExists(layout.recordsCsv());
    Files.deleteIfExists(layout.unlinked().path());
    Path evidence = layout.evidence().path();
    if (Files.exists(evidence) && Files.size(evidence) == 0) {
      Files.delete(evidence);
    }
  }

  /**
   * A watch that ends the job when it stalls: embedded Flink's by interrupting this thread, which
   * waits for it; a cluster's by cancelling it there. {@code onCounts}: whether counting nothing
   * while the JVM idles is a stall too (not while the job reads a network source, which may wait on
   * its server that long).
   */
  private StallWatch watchForStall(FreeSpace space, boolean onCounts) {
    Duration patience = Duration.ofMinutes(stallMinutes);
    if (clusterJobId == null) {
      Thread waiting = Thread.currentThread();
      return StallWatch.start(
          new StallWatch.Signals(
              StallWatch.taskThreadsHere(),
              onCounts ? StageRegistry::counted : () -> -1,
              StallWatch::processCpuNanos,
              space::nearlyFull),
          patience,
          waiting::interrupt);
    }
    String jobId = clusterJobId;
    // the workers count in their own JVMs: their counts and CPU are asked of the REST API
    PrintWriter err = spec.commandLine().getErr();
    ClusterStill job =
        ClusterStill.of(
            flinkMaster,
            jobId,
            patience.toNanos(),
            onCounts,
            line -> {
              err.println(line);
              err.flush();
            });
    return StallWatch.start(
        StallWatch.Signals.cluster(job, space::nearlyFull),
        patience,
        () -> ClusterJob.cancel(flinkMaster, jobId));
  }

  /**
   * The directories the run writes whose free space it watches: its output directory and, when
   * Flink runs embedded, Flink's temp directory.
   */
  private FreeSpace freeSpace(RunLayout layout) {
    List<FreeSpace.Place> places = new ArrayList<>();
    if (flinkTemp != null) {
      places.add(
          new FreeSpace.Place(
              flinkTemp,
              "the embedded Flink's temp directory (its sort spill files)",
              "embedded Flink would wait for ever on a full temp directory",
              "Free space there, or give the run a directory on a disk with room: --tmp-dir DIR"
                  + " (docs/performance.md, Disk, says how much a run needs)."));
    }
    places.add(
        new FreeSpace.Place(
            layout.root(),
            "the output directory (--out, with its .work)",
            "the review bundle's files and their parts in .work would break off part-way",
            "Free space there, or write the run to a disk with room: --out DIR (the review"
                + " bundle and its parts take about twice the size of the records written)."));
    return new FreeSpace(places, FreeSpace.Room.ofFileStores());
  }

  /**
   * The directory the embedded Flink gets for its temp files (io.tmp.dirs): a new one in --tmp-dir,
   * so that what Flink leaves behind when the run fails or is stopped (its RPC jar, its working
   * directory, spill files: 22 MB in a trial) can be removed with it.
   */
  private Path newFlinkTemp() throws ConfigException {
    sayRemoved(FlinkTempDirs.removeLeftBehind(flinkTempBase));
    try {
      return FlinkTempDirs.create(flinkTempBase);
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot make the embedded Flink's temp directory in "
              + flinkTempBase
              + ": "
              + e.getMessage()
              + " (give another with --tmp-dir DIR)",
          e);
    }
  }

  /**
   * Where the embedded Flink's temp directory goes: --tmp-dir, else java.io.tmpdir; checked before
   * anything is read or the output directory touched.
   */
  private Path flinkTempBase(FlinkConf conf) throws ConfigException {
    if (conf.settings().containsKey("io.tmp.dirs")) {
      throw new ConfigException(
          "--flink-conf io.tmp.dirs="
              + conf.settings().get("io.tmp.dirs")
              + ": the embedded Flink's temp directory is set with --tmp-dir DIR (the run makes a"
              + " directory of its own in it and removes it at the end)");
    }
    Path base = tmpDir != null ? tmpDir : Path.of(System.getProperty("java.io.tmpdir"));
    if (!Files.isDirectory(base)) {
      throw new ConfigException(
          (tmpDir != null ? "--tmp-dir " : "The JVM's temp directory (java.io.tmpdir) ")
              + base
              + " is not a directory");
    }
    return base;
  }

  /** The joining of the bundle's parts after the job, as the progress line tells it. */
  private static ProgressPrinter.Activity joiningActivity(RunLayout layout) {
    long begun = System.nanoTime();
    return new ProgressPrinter.Activity() {
      @Override
      public Object step() {
        // a join of a few seconds, every small run's, says nothing
        return System.nanoTime() - begun < 5_000_000_000L ? null : "joining";
      }

      @Override
      public String describe(double secondsSinceLastLine) {
        return "the job finished; joining its files in " + layout.root() + " (records, evidence)";
      }
    };
  }

  /** Removes the embedded Flink's temp directory, whatever Flink left in it; best effort. */
  private void removeFlinkTemp() {
    Path temp = flinkTemp;
    if (temp == null) {
      return;
    }
    flinkTemp = null;
    FlinkTempDirs.remove(temp);
  }

  private PipelineOptions pipelineOptions(int workers, FlinkConf conf) throws ConfigException {
    switch (runner) {
      case "flink" -> {
        FlinkPipelineOptions flink = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
        flink.setRunner(FlinkRunner.class);
        flink.setFlinkMaster(flinkMaster);
        flink.setParallelism(workers);
        flink.setMaxParallelism(Math.max(128, workers));
        // No DoFn changes its input (the direct runner's immutability check in the tests would
        // fail), so the copy between operators is not needed; set, the runner stops warning on
        // every run. Measured on the 10k benchmark: no change in time or output.
        flink.setFasterCopy(true);
        flink.setJobName("salvage-run");
        // the only difference between the two modes: the embedded Flink gets this process's
        // settings under the job's own
        if (flinkMaster.equals("[local]")) {
          flinkTemp = newFlinkTemp();
          FlinkTempDirs.extractNativeLibrariesInto(flinkTemp);
          Map<String, String> embedded = new LinkedHashMap<>(EMBEDDED_FLINK_CONF);
          embedded.put("io.tmp.dirs", flinkTemp.toString());
          // its REST server's upload directory, made in java.io.tmpdir otherwise
          embedded.put("web.tmpdir", flinkTemp.toString());
          jobFlinkConf = conf.over(embedded).writeDir(flinkTemp);
          flink.setFlinkConfDir(jobFlinkConf.toString());
        } else {
          // the job's id chosen here, so that an interrupted run can cancel exactly its job
          clusterJobId = ClusterJob.newId();
          clusterConfTemp = newClusterConfTemp();
          jobFlinkConf =
              conf.over(Map.of(ClusterJob.FIXED_JOB_ID, clusterJobId, LARGE_RECORDS, "true"))
                  .writeDir(clusterConfTemp);
          flink.setFlinkConfDir(jobFlinkConf.toString());
        }
        return flink;
      }
      case "direct" -> {
        PipelineOptions direct = PipelineOptionsFactory.create();
        direct.setRunner(DirectRunner.class);
        return direct;
      }
      default -> throw new ConfigException("--runner must be flink or direct, got " + runner);
    }
  }

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
    List<SharedInputs.Copies> copies = SharedInputs.check(inputs).identical();
    SharedInputs.notes(copies, fetched).forEach(err::println);
    readOnce.addAll(SharedInputs.readOnce(copies, fetched));
    identicalFiles.putAll(SharedInputs.summaryNotes(copies, fetched));
    err.flush();
  }

  private Prepared prepare(RunConfig runConfig, Instant started, PrintWriter err)
      throws ConfigException, MappingException, IOException {
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
      List<Path> loops = SourceReaders.loopLinks(source.path());
      if (!loops.isEmpty()) {
        err.printf(
            "Source %s: %d symbolic link(s) not followed, each leading back to a directory that"
                + " holds it (a loop; what is under it is read once, through that directory):"
                + " %s%n",
            source.name(), loops.size(), firstFew(loops));
      }
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
      if (source.type().equals("eml")
          || source.type().equals("eml-dir")
          || source.type().equals("mbox")) {
        List<Path> deliveries = SourceReaders.maildirDeliveries(source.path());
        if (!deliveries.isEmpty()) {
          err.printf(
              "Source %s: %d file(s) in Maildir tmp/ not read (deliveries not finished when the"
                  + " copy was made; a finished one is in new/ or cur/: look at them by hand if"
                  + " the server is gone): %s%n",
              source.name(), deliveries.size(), firstFew(deliveries));
        }
      }
      List<Path> clientFiles = SourceReaders.mailClientFiles(source.path());
      if (!clientFiles.isEmpty()) {
        err.printf(
            "Source %s: %d mail client file(s) not read (Thunderbird's filter rules, POP state,"
                + " filter log or virtual folders, Apple Mail's folder properties, mailbox index"
                + " (table_of_contents) or library database (Envelope Index), a Maildir"
                + " server's UID lists, indexes and folder markers: no mail in them): %s%n",
            source.name(), clientFiles.size(), firstFew(clientFiles));
      }
      List<Path> systemFiles = SourceReaders.systemFiles(source.path());
      if (!systemFiles.isEmpty()) {
        err.printf(
            "Source %s: %d system file(s) not read (Windows' thumbnail caches and folder"
                + " settings: no evidence in them): %s%n",
            source.name(), systemFiles.size(), firstFew(systemFiles));
      }
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
      PartitionedSource opened,
      Path path,
      String pathPlace,
      List<DecodingNote> notes,
      Emptiness emptiness)
      throws ConfigException, IOException {
    String source = opened.sourceName();
    List<String> partitions;
    try {
      // listing may show a configuration error too (an IMAP folder that does not exist), and
      // so may a file whose encoding must be declared before it is read
      partitions = opened.partitions();
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
