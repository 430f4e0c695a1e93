package dev.salvage.pipeline.cli;

import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.FileSelection;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.backup.DumpCompletion;
import dev.salvage.connectors.backup.PgDumpReader;
import dev.salvage.connectors.email.MailNotes;
import dev.salvage.connectors.io.Superseded;
import dev.salvage.mappings.BackupConfig;
import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.LookupSpec;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.SourceConfig;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.mappings.TimeAnchors;
import dev.salvage.mappings.ValueCheck;
import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.bundle.EvidenceEntry;
import dev.salvage.pipeline.bundle.IgnoredEntry;
import dev.salvage.pipeline.bundle.IgnoredWhy;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.map.BuildLookupTables;
import dev.salvage.pipeline.map.MapRecords;
import dev.salvage.pipeline.map.MappingPlan;
import dev.salvage.pipeline.read.ReadSources.ReadTask;
import dev.salvage.pipeline.reconcile.LookAlikeKeys;
import dev.salvage.pipeline.reconcile.MergeSettings;
import dev.salvage.pipeline.reconcile.ValueChecks;
import dev.salvage.pipeline.stage.ProgressPrinter;
import dev.salvage.pipeline.stage.Stage;
import dev.salvage.pipeline.stage.StageCpuSampler;
import dev.salvage.pipeline.stage.StageMeters;
import dev.salvage.pipeline.stage.StageRegistry;
import dev.salvage.pipeline.stage.StageTimings;
import dev.salvage.pipeline.values.LookAlikes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
            withMailsTooLarge(
                withSourcesReadToNothing(
                    counted,
                    withUnlisted(RunSummary.readNotRead(layout.notReadTsv())),
                    firstUnreadReasons(layout),
                    unreadPlaces,
                    PlaceReads.ofWhereRefused(layout, unreadPlaces)),
                counted,
                layout),
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

  /**
   * What to say when the backup gave rows and its mapping used none of them, else null. No record
   * then has a backup counterpart: every one is NEW, and an import would insert copies of the rows
   * the application holds. It happens when the rules name the tables otherwise than the reader does
   * ({@code camping_guest} for a Django dumpdata's {@code camping.guest}, {@code customers} for
   * {@code billing.customers}).
   */
  static String unusedBackup(RunSummary summary, String mappingFile) {
    RunSummary.SourceCounts backup = summary.sources().get(BACKUP_SOURCE);
    if (backup == null || backup.used() > 0 || !mapped(summary)) {
      return null;
    }
    if (backup.read() == 0) {
      return null; // listed as not read, and said there (withSourcesReadToNothing)
    }
    String quarantinedByRules = quarantinedByRules(backup);
    String said =
        "The backup's "
            + backup.read()
            + " row(s) were read and none was used: "
            + (backup.ignored() == backup.read()
                ? "no rule of " + mappingFile + " matched any of them"
                : backup.ignored() == 0 && !quarantinedByRules.isEmpty()
                    ? "the rules of "
                        + mappingFile
                        + " matched them ("
                        + quarantinedByRules
                        + ") and every one was quarantined (quarantine.jsonl says why of each: a"
                        + " value its rule could not map)"
                    : backup.ignored()
                        + " matched no rule of "
                        + mappingFile
                        + ", "
                        + backup.quarantined()
                        + " were quarantined (quarantine.jsonl says why)")
            + ". No record has a backup counterpart, so every one is NEW and an import would"
            + " insert copies of rows the application holds.";
    if (backup.ignored() > 0 || quarantinedByRules.isEmpty()) {
      said +=
          " Compare the tables the rules name with those the backup holds (salvage backup"
              + " inspect lists them, as the rules see them).";
    }
    if (!quarantinedByRules.isEmpty()) {
      said += WHEN_QUARANTINED;
    }
    return said;
  }

  /**
   * What to do of rows a backup rule matched and could not map: a value the rule does not expect,
   * or, when every value looks garbled, a file read in another encoding than it was written in.
   */
  private static final String WHEN_QUARANTINED =
      " Mend the values or the rule (salvage mappings test shows what a row gives); if every"
          + " value looks garbled, the file was read in another encoding than it was written in"
          + " (set the backup option encoding).";

  /** {@code rule_a 26, rule_b 3}: the rows each backup rule matched and could not map. */
  private static String quarantinedByRules(RunSummary.SourceCounts backup) {
    List<String> counts = new ArrayList<>();
    backup.rulesQuarantined().forEach((rule, count) -> counts.add(rule + " " + count));
    return String.join(", ", counts);
  }

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

  /**
   * What to say of the emits of {@code source}'s rules dropped for a required value the record did
   * not give while the record's other emits stood, per rule and emit: what the emit would have said
   * is in no record, and only a note on each record's evidence said so.
   */
  static Optional<String> droppedEmits(String source, Map<String, Long> counters) {
    List<String> said = new ArrayList<>();
    countedUnder(MapRecords.DROPPED_EMIT + source + ".", counters)
        .forEach(
            (ruleEmit, count) -> {
              String[] ruleAndEmit = ruleEmit.split("/", 2);
              said.add(
                  "rule "
                      + ruleAndEmit[0]
                      + " emit "
                      + ruleAndEmit[1]
                      + " in "
                      + count
                      + " record(s)");
            });
    if (said.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Source "
            + source
            + ": a required value missing dropped "
            + String.join(", ", said)
            + "; the records' other emits stand, and each record's first observation notes the"
            + " field (mappings/README.md, required). Without required the emit stands without"
            + " that value.");
  }

  /**
   * What to say of the records of {@code source} ignored because no rule of its mapping names their
   * kind, per kind: a Stripe object of a type the mappings do not read was counted among the
   * ignored without a word, like a charge no rule's condition held for.
   */
  static Optional<String> ignoredKinds(
      String source, String mappingFile, Map<String, Long> counters) {
    List<String> said = new ArrayList<>();
    Map<String, Long> counted = countedUnder(MapRecords.IGNORED_KIND + source + ".", counters);
    counted.forEach((kind, count) -> said.add(kind + " (" + count + ")"));
    if (said.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Source "
            + source
            + ": record(s) of kind(s) "
            + String.join(", ", said)
            + " were ignored: no rule of "
            + mappingFile
            + " reads that kind (for Stripe, an object type the mappings do not read). If they"
            + " are evidence, add a rule with that kind; else leave them out of the source."
            + (counted.containsKey(STRIPE_EVENT) ? STRIPE_EVENT_HINT : ""));
  }

  private static final String STRIPE_EVENT = "stripe.event";

  /**
   * How to map Stripe's webhook events, which a log of them read as {@code stripe-json} gives: an
   * operator told only to "add a rule with that kind" copied the charge rule's paths, which find
   * nothing one level down, or its {@code created}, which is the charge's, not the event's.
   */
  static final String STRIPE_EVENT_HINT =
      " The stripe.event records are webhook events: each holds its object as it was then at"
          + " data.object (map a charge event with kind: stripe.event, when: {path: type, in:"
          + " [charge.succeeded, charge.refunded]}, paths data.object.amount,"
          + " data.object.metadata.…) and observed_at: {path: created, format: epoch_seconds},"
          + " the event's own time, so that a later event's state wins over an earlier one's"
          + " (docs/stripe.md, Webhook events).";

  /** The counters named {@code prefix} and more, above 0, by what follows the prefix. */
  private static Map<String, Long> countedUnder(String prefix, Map<String, Long> counters) {
    Map<String, Long> counted = new TreeMap<>();
    counters.forEach(
        (counter, count) -> {
          if (counter.startsWith(prefix) && count > 0) {
            counted.put(counter.substring(prefix.length()), count);
          }
        });
    return counted;
  }

  /**
   * The fields of {@code source}'s rules no record the rule matched filled, as {@code
   * rule/entity/field} to the records the rule matched: what {@link #neverFilled} says, for
   * summary.json.
   */
  static Map<String, Long> neverFilledFields(
      String source,
      Map<String, Map<String, List<String>>> fieldsByRule,
      RunSummary summary,
      Map<String, Long> counters) {
    Map<String, Long> never = new TreeMap<>();
    for (UnfilledField unfilled : unfilledFields(source, fieldsByRule, summary, counters)) {
      never.put(
          unfilled.rule() + "/" + unfilled.entity() + "/" + unfilled.field(), unfilled.matched());
    }
    return never;
  }

  /** A field of a rule that no record of the {@code matched} the rule matched filled. */
  record UnfilledField(String rule, String entity, String field, long matched) {}

  /**
   * The fields of {@code source}'s rules that no record the rule matched filled, once the rule
   * matched {@value #NEVER_FILLED_AFTER} records: the one reading of the fill counters behind both
   * the console's note ({@link #neverFilled}) and summary.json ({@link #neverFilledFields}).
   */
  private static List<UnfilledField> unfilledFields(
      String source,
      Map<String, Map<String, List<String>>> fieldsByRule,
      RunSummary summary,
      Map<String, Long> counters) {
    RunSummary.SourceCounts counts = summary.sources().get(source);
    List<UnfilledField> unfilled = new ArrayList<>();
    if (counts == null) {
      return unfilled;
    }
    fieldsByRule.forEach(
        (rule, byEntity) -> {
          long matched = counts.rules().getOrDefault(rule, 0L);
          if (matched < NEVER_FILLED_AFTER) {
            return;
          }
          byEntity.forEach(
              (entity, fields) -> {
                for (String field : fields) {
                  if (counters.getOrDefault(
                          MapRecords.filledCounter(source, rule, entity, field), 0L)
                      == 0) {
                    unfilled.add(new UnfilledField(rule, entity, field, matched));
                  }
                }
              });
        });
    return unfilled;
  }

  /**
   * One line per entity of the model declaring fields that no rule of any source's mapping (the
   * backup's too), no {@code resolve} and no {@code derive} gives a value: every record leaves them
   * empty. An outside trial declared a skipper's name on its charters that no mapping read, and no
   * run said so; a rule's field no record filled is said apart ({@link #neverFilled}).
   */
  static List<String> unmappedFields(
      EntityModel entities, java.util.Collection<SourceMapping> mappings) {
    Map<String, Set<String>> mapped = new HashMap<>();
    for (SourceMapping mapping : mappings) {
      mapping
          .fieldsByRule()
          .values()
          .forEach(
              byEntity ->
                  byEntity.forEach(
                      (entity, fields) ->
                          mapped.computeIfAbsent(entity, e -> new HashSet<>()).addAll(fields)));
    }
    List<String> lines = new ArrayList<>();
    entities
        .types()
        .forEach(
            (name, type) -> {
              if (!mapped.containsKey(name)) {
                lines.add(
                    "Entity "
                        + name
                        + " ("
                        + entities.fileLabel()
                        + "): no rule of any source's mapping emits it, so no record of it can"
                        + " come out but the backup's carried rows; map a source to it, or drop it"
                        + " from the entity model");
                return;
              }
              List<String> unmapped =
                  type.fields().keySet().stream()
                      .filter(field -> !mapped.get(name).contains(field))
                      .filter(field -> !type.resolve().containsKey(field))
                      .filter(
                          field -> type.derive().stream().noneMatch(d -> d.field().equals(field)))
                      .toList();
              if (!unmapped.isEmpty()) {
                lines.add(
                    "Entity "
                        + name
                        + " ("
                        + entities.fileLabel()
                        + "): no rule of any source's mapping, no resolve: and no derive: gives a"
                        + " value to "
                        + String.join(", ", unmapped)
                        + ": every record leaves "
                        + (unmapped.size() == 1 ? "it" : "them")
                        + " empty; map "
                        + (unmapped.size() == 1 ? "it" : "them")
                        + " in a source's rule (a field name misspelt there?), or drop "
                        + (unmapped.size() == 1 ? "it" : "them")
                        + " from the entity model");
              }
            });
    return lines;
  }

  /** A rule must have matched this many records before a field it never filled is said. */
  static final long NEVER_FILLED_AFTER = 10;

  /**
   * What to say of the fields of {@code source}'s rules that no record the rule matched filled: a
   * path naming a column or JSON field the records do not have ({@code columns.e_mail}) gives
   * nothing, not an error, so every record of the entity lacks the value (customers UPDATED from a
   * null email). Said once a rule matched {@value #NEVER_FILLED_AFTER} records, so that a field
   * that is only sometimes there does not cry wolf on a rule that matched two.
   */
  static Optional<String> neverFilled(
      String source,
      Map<String, Map<String, List<String>>> fieldsByRule,
      RunSummary summary,
      Map<String, Long> counters) {
    List<String> empty = new ArrayList<>();
    List<String> inQuote = new ArrayList<>();
    for (UnfilledField unfilled : unfilledFields(source, fieldsByRule, summary, counters)) {
      String place =
          "rule "
              + unfilled.rule()
              + " field "
              + unfilled.field()
              + " ("
              + unfilled.matched()
              + " records matched)";
      // its path is right: checking it sent an operator to the path with the quote, whose values
      // were the old booking the reply restated, unflagged
      boolean quoted =
          counters.getOrDefault(
                  MapRecords.quotedOnlyCounter(
                      source, unfilled.rule(), unfilled.entity(), unfilled.field()),
                  0L)
              > 0;
      (quoted ? inQuote : empty).add(place);
    }
    List<String> said = new ArrayList<>();
    if (!empty.isEmpty()) {
      said.add(
          "Source "
              + source
              + ": no record gave a value to "
              + String.join(", ", empty)
              + ". A path naming a column or field the records do not have, or one whose every"
              + " value is empty, gives nothing, not an error; check these paths (salvage mappings test --input FILE --type TYPE"
              + " --show-record shows what a record holds).");
    }
    if (!inQuote.isEmpty()) {
      said.add(
          "Source "
              + source
              + ": no record gave a value to "
              + String.join(", ", inQuote)
              + ": found only in quoted text, which text_new leaves out on purpose: a reply"
              + " restating the old booking. Reading text instead would give the old values; the"
              + " path is right if the replies do not write the value themselves.");
    }
    return said.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", said));
  }

  /**
   * What to say of each source (the backup has its own note) that gave no record at all: a 0-byte
   * mbox, files of another format the reader passed over. Its files were read to their end, so it
   * is not "not read", but whatever it should have held is missing from every record.
   */
  /**
   * What to say of each entity type the backup mapping fills without {@code backup_id}: a record is
   * known by its backup row's key only through that field, so its UPDATED records get an id that
   * names no row, and import cannot update them. A model naming the key after the table ({@code
   * rental_id}) ran through without a word and only the plan said, pointing at the wrong database.
   */
  static List<String> withoutBackupKey(Map<String, List<String>> backupFields, String mapping) {
    List<String> notes = new ArrayList<>();
    backupFields.forEach(
        (entity, fields) -> {
          if (!fields.contains("backup_id")) {
            notes.add(
                "Note: "
                    + mapping
                    + " fills no backup_id of "
                    + entity
                    + ": a record is tied to its backup row by that field alone, so its UPDATED"
                    + " records get new ids that name no row and import cannot update them; map"
                    + " the backup table's primary key to a field named backup_id (a text field"
                    + " of the entity model, listed in its keys) as docs/backup.md shows");
          }
        });
    return notes;
  }

  static List<String> sourcesThatGaveNothing(RunSummary summary) {
    if (!mapped(summary)) {
      return List.of();
    }
    List<String> said = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counts) -> {
              // a source with partitions not read is said last, with what was not read and why:
              // advice on files would be wrong for a server that did not answer
              if (!source.equals(BACKUP_SOURCE)
                  && counts.read() == 0
                  && !summary.notRead().containsKey(source)) {
                said.add(
                    "Source "
                        + source
                        + " gave no record at all: its files are empty or hold nothing its reader"
                        + " knows. Every record it would have supported is missing; check its path"
                        + " and type (salvage mappings test --input FILE --type TYPE shows what a"
                        + " file gives).");
              }
            });
    return said;
  }

  /**
   * What to say of the rules of a source (not the backup, which has its own note) that matched none
   * of its records while the source gave some: a condition that never holds (a subject or a sender
   * written otherwise than the rule expects), or nothing of that kind in this run. Either way
   * whatever the rule would have said is in no record, and the rule was listed nowhere.
   */
  static Optional<String> unmatchedRules(RunSummary summary, String source, List<String> rules) {
    return unmatchedRules(summary, List.of(source), rules);
  }

  /**
   * The same for the sources that share one mapping file: a rule is said when it matched none of
   * the records of any of them.
   */
  static Optional<String> unmatchedRules(
      RunSummary summary, List<String> sources, List<String> rules) {
    return unmatchedRules(summary, sources, rules, Map.of());
  }

  /**
   * The same, a rule whose records were all quarantined said as such (with {@code firstReasons}'
   * reason for it, by rule), not as one that matched none: its condition holds, its values did not
   * map, and "a condition that never holds" sent the operator to the wrong place.
   */
  static Optional<String> unmatchedRules(
      RunSummary summary,
      List<String> sources,
      List<String> rules,
      Map<String, String> firstReasons) {
    long read = 0;
    Map<String, Long> matched = new HashMap<>();
    Map<String, Long> quarantined = new HashMap<>();
    Map<String, Long> shadowed = new TreeMap<>();
    for (String source : sources) {
      RunSummary.SourceCounts counts = summary.sources().get(source);
      if (counts != null) {
        read += counts.read() - counts.quarantinedByReader() - counts.superseded();
        counts.rules().forEach((rule, count) -> matched.merge(rule, count, Long::sum));
        counts.rulesShadowed().forEach((pair, count) -> shadowed.merge(pair, count, Long::sum));
        counts
            .rulesQuarantined()
            .forEach((rule, count) -> quarantined.merge(rule, count, Long::sum));
      }
    }
    // records its reader quarantined met no rule: "matched none of its 9 record(s): a condition
    // that never holds" blamed the rules for 9 rows whose dates the reader could not read
    if (read == 0 || !mapped(summary)) {
      return Optional.empty();
    }
    List<String> unused =
        rules.stream().filter(rule -> matched.getOrDefault(rule, 0L) == 0).toList();
    List<String> allQuarantined = allQuarantined(unused, quarantined);
    Map<String, String> takenEarlier = takenByEarlierRules(unused, shadowed);
    List<String> unmatched =
        unused.stream()
            .filter(rule -> !allQuarantined.contains(rule) && !takenEarlier.containsKey(rule))
            .toList();
    if (unused.isEmpty()) {
      return Optional.empty();
    }
    String sourcesSaid =
        (sources.size() == 1 ? "Source " : "Sources ") + String.join(", ", sources);
    List<String> said = new ArrayList<>();
    if (!allQuarantined.isEmpty()) {
      said.add(
          sourcesSaid
              + ": rule(s) "
              + matchedAllQuarantined(allQuarantined, quarantined, firstReasons, "record(s)")
              + ": a value the rule could not map (quarantine.jsonl says why of each; salvage"
              + " mappings test --input FILE shows what a record gives).");
    }
    for (Map.Entry<String, String> taken : takenEarlier.entrySet()) {
      said.add(
          sourcesSaid
              + ": rule "
              + taken.getKey()
              + " matched none of "
              + (sources.size() == 1 ? "its " : "their ")
              + read
              + " record(s), but its conditions held for "
              + taken.getValue()
              + ": if those are this rule's, put it above that rule or narrow that rule's"
              + " conditions (salvage mappings test --mail FILE names the rules a record also"
              + " matches).");
    }
    if (!unmatched.isEmpty()) {
      said.add(
          sourcesSaid
              + ": rule(s) "
              + String.join(", ", unmatched)
              + " matched none of "
              + (sources.size() == 1 ? "its " : "their ")
              + read
              + " record(s)"
              + (sources.size() == 1 ? "" : " (one mapping file for them all)")
              + ": a condition that never holds (a subject or sender written otherwise),"
              + " or nothing of that kind in this run (salvage mappings test --input FILE shows"
              + " which rule a record meets).");
    }
    return Optional.of(String.join(System.lineSeparator(), said));
  }

  /**
   * Of the {@code unused} rules, those whose conditions held for records an earlier rule took, each
   * with how many and which rules took them ({@code 2 that an earlier rule took (first match wins):
   * bekreftelse_no 2}), from the counts per {@code rule/earlier rule}.
   */
  private static Map<String, String> takenByEarlierRules(
      List<String> unused, Map<String, Long> shadowed) {
    Map<String, String> said = new LinkedHashMap<>();
    for (String rule : unused) {
      List<String> earlier = new ArrayList<>();
      long total = 0;
      for (Map.Entry<String, Long> pair : shadowed.entrySet()) {
        if (pair.getKey().startsWith(rule + "/")) {
          earlier.add(pair.getKey().substring(rule.length() + 1) + " " + pair.getValue());
          total += pair.getValue();
        }
      }
      if (!earlier.isEmpty()) {
        said.put(
            rule,
            total + " that an earlier rule took (first match wins): " + String.join(", ", earlier));
      }
    }
    return said;
  }

  /**
   * Whether every record read was mapped: a whole run, or one stopped after {@code map} or {@code
   * link}. What the run's end says of the mapping (a rule that matched nothing, one that
   * quarantined most of what it matched, a source or backup that gave nothing the rules used) needs
   * no more, and {@code --stop-after map}, the way to try a mapping on whole sources, says it too
   * (until 2026-12-07 only a whole run did).
   */
  static boolean mapped(RunSummary summary) {
    return !Stage.READ.label().equals(summary.stoppedAfter());
  }

  /** The share of a rule's matched records quarantined from which the run's end says so. */
  static final double MOSTLY_QUARANTINED = 0.2;

  /**
   * What to say of the rules that gave records but had a large share ({@link #MOSTLY_QUARANTINED}
   * or more, and at least 5) of the records they matched quarantined: a value one emit cannot map
   * ({@code required} on an optional phone) quarantines the whole record, with what its other emits
   * said, and an outside trial lost 855 of 1,515 calendar events so with exit 0 and nothing said
   * beyond a count in summary.json.
   */
  static Optional<String> mostlyQuarantinedRules(
      RunSummary summary, List<String> sources, Map<String, String> firstReasons) {
    if (!mapped(summary)) {
      return Optional.empty();
    }
    Map<String, Long> used = new java.util.TreeMap<>();
    Map<String, Long> quarantined = new java.util.TreeMap<>();
    for (String source : sources) {
      RunSummary.SourceCounts counts = summary.sources().get(source);
      if (counts != null) {
        counts.rules().forEach((rule, count) -> used.merge(rule, count, Long::sum));
        counts
            .rulesQuarantined()
            .forEach((rule, count) -> quarantined.merge(rule, count, Long::sum));
      }
    }
    List<String> said = new ArrayList<>();
    quarantined.forEach(
        (rule, lost) -> {
          long gave = used.getOrDefault(rule, 0L);
          long matched = gave + lost;
          if (gave > 0 && lost >= 5 && lost >= MOSTLY_QUARANTINED * matched) {
            String reason = firstReasons.get(rule);
            said.add(
                rule
                    + " quarantined "
                    + lost
                    + " of the "
                    + matched
                    + " record(s) it matched ("
                    + Math.round(100.0 * lost / matched)
                    + "%)"
                    + (reason == null ? "" : " (first reason: " + shortened(reason) + ")"));
          }
        });
    if (said.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        (sources.size() == 1 ? "Source " : "Sources ")
            + String.join(", ", sources)
            + ": rule(s) "
            + String.join("; ", said)
            + ": a value one field could not map quarantines the whole record, with what its other"
            + " fields and emits said (quarantine.jsonl says why of each; a condition on the emit,"
            + " or a regex narrowed to what the field reads, keeps the rest).");
  }

  /**
   * The rules of {@code unused} (which gave no record) that matched records all of which were
   * quarantined: their condition holds and their values did not map.
   */
  private static List<String> allQuarantined(List<String> unused, Map<String, Long> quarantined) {
    return unused.stream().filter(rule -> quarantined.getOrDefault(rule, 0L) > 0).toList();
  }

  /** {@code booking_en matched 4 record(s), all quarantined (first reason: ...)} for each rule. */
  private static String matchedAllQuarantined(
      List<String> rules,
      Map<String, Long> quarantined,
      Map<String, String> firstReasons,
      String unit) {
    List<String> said = new ArrayList<>();
    for (String rule : rules) {
      String reason = firstReasons.get(rule);
      said.add(
          rule
              + " matched "
              + quarantined.get(rule)
              + " "
              + unit
              + ", all quarantined"
              + (reason == null ? "" : " (first reason: " + shortened(reason) + ")"));
    }
    return String.join("; ", said);
  }

  private static String shortened(String reason) {
    return reason.length() <= 300 ? reason : reason.substring(0, 300) + "...";
  }

  // "Cannot map mail email:<x@y>: rule booking_en field observed_at: ...", as Rule writes it
  private static final Pattern QUARANTINED_BY_RULE = Pattern.compile(": rule (\\S+) ");

  /**
   * What to say of the records each source quarantined: those quarantined before any rule read them
   * (a mail past the size limit, a page that is not JSON), and those its rules could not map (a
   * mail without a Date header). What they held is in no record, and a count in the table was all
   * that said so (an outside trial's 213 MB mail, exit 0); the notes on rules name only rules most
   * or all of whose records were quarantined, so an outside trial's table said {@code quarantined
   * 2} of a source while the console explained one.
   */
  static List<String> quarantinedRecords(RunLayout layout) throws IOException {
    Map<String, Long> unread = new java.util.TreeMap<>();
    Map<String, String> firstUnread = new HashMap<>();
    Map<String, Long> unmapped = new java.util.TreeMap<>();
    Map<String, String> firstUnmapped = new HashMap<>();
    if (!layout.quarantine().exists()) {
      return List.of();
    }
    layout
        .quarantine()
        .scan(
            (line, entry) -> {
              boolean byRule = QUARANTINED_BY_RULE.matcher(entry.reason()).find();
              (byRule ? unmapped : unread).merge(entry.source(), 1L, Long::sum);
              (byRule ? firstUnmapped : firstUnread).putIfAbsent(entry.source(), entry.reason());
            });
    List<String> said = new ArrayList<>();
    unread.forEach(
        (source, count) ->
            said.add(
                "Source "
                    + source
                    + ": "
                    + count
                    + " record(s) could not be read at all and are in no record (quarantine.jsonl"
                    + " says why of each; first: "
                    + shortened(firstUnread.get(source))
                    + ")"));
    unmapped.forEach(
        (source, count) ->
            said.add(
                "Source "
                    + source
                    + ": "
                    + count
                    + " record(s) were read but its rules could not map them, and are in no record"
                    + " (quarantine.jsonl says why of each; first: "
                    + shortened(firstUnmapped.get(source))
                    + ")"));
    return said;
  }

  /**
   * {@code notRead} with an entry for each source that read records and whose reader quarantined
   * every one, or more than half of them (given {@code firstReasons}' reason, by source), unless it
   * has entries already: it read nothing usable, or too little to trust, like a partition not read,
   * and is said last and exits 3 as one. An outside trial's payments export re-saved by a UK
   * spreadsheet had every row quarantined for its dates, and the run exited 0 with no payment;
   * another's, re-saved by Czech Excel, had 139 of 179 rows quarantined, exit 0 again. A reader
   * refusing most of what it read is refusing the file's format, not a few damaged records: those
   * stay at exit 0, said per source by {@link #unreadRecords}. So does a backup that gave no row at
   * all (a 0-byte file, a schema-only dump): every record comes out NEW and an import would insert
   * copies, while an empty Stripe page, a source's file alike, was already not read.
   */
  static Map<String, List<RunSummary.NotRead>> withSourcesReadToNothing(
      RunSummary summary,
      Map<String, List<RunSummary.NotRead>> notRead,
      Map<String, String> firstReasons,
      Map<String, Map<String, Long>> unreadPlaces) {
    return withSourcesReadToNothing(summary, notRead, firstReasons, unreadPlaces, null);
  }

  /**
   * As above, and also, for a source left out by it (most of its records were read), an entry for
   * each file of which its reader quarantined every record, at least {@value
   * #MIN_REFUSED_IN_PLACE}: a whole file in a format the reader does not read (an Exchange calendar
   * of one room among others, each event refused), which exited 0 when the source's other files
   * held more records. {@code reads} says which files gave a record; null (no evidence written: a
   * run stopped early) leaves files out.
   */
  static Map<String, List<RunSummary.NotRead>> withSourcesReadToNothing(
      RunSummary summary,
      Map<String, List<RunSummary.NotRead>> notRead,
      Map<String, String> firstReasons,
      Map<String, Map<String, Long>> unreadPlaces,
      PlaceReads reads) {
    Map<String, List<RunSummary.NotRead>> all =
        withSourcesMostlyRefused(summary, notRead, firstReasons, unreadPlaces);
    if (reads == null) {
      return all;
    }
    unreadPlaces.forEach(
        (source, places) -> {
          if (all.containsKey(source) || !summary.sources().containsKey(source)) {
            return;
          }
          List<RunSummary.NotRead> refused = new ArrayList<>();
          new TreeMap<>(places)
              .forEach(
                  (place, count) -> {
                    if (count >= MIN_REFUSED_IN_PLACE && !reads.gaveRecords(source, place)) {
                      refused.add(
                          new RunSummary.NotRead(
                              place,
                              "anything usable of this file: its reader quarantined every one of"
                                  + " its "
                                  + count
                                  + " record(s) before any rule read them (quarantine.jsonl says"
                                  + " why of each), though the source's other files were read",
                              count,
                              reads.firstRefusal(place, firstReasons.getOrDefault(source, "")),
                              false));
                    }
                  });
          if (!refused.isEmpty()) {
            all.put(source, List.copyOf(refused));
          }
        });
    return all;
  }

  /** The fewest records a file's reader must refuse, all it read, for the file to be not read. */
  static final int MIN_REFUSED_IN_PLACE = 3;

  /**
   * Per source, the places ({@link #placeOf}) that gave a record a rule read (used, ignored or
   * quarantined by a rule), and the first reason a reader gave for a record it refused, by place.
   */
  record PlaceReads(Map<String, Set<String>> read, Map<String, String> firstRefusals) {
    boolean gaveRecords(String source, String place) {
      return read.getOrDefault(source, Set.of()).contains(place);
    }

    String firstRefusal(String place, String otherwise) {
      return firstRefusals.getOrDefault(place, otherwise);
    }

    /** From the run's bundle; null when it holds no evidence.jsonl (a run stopped early). */
    static PlaceReads of(RunLayout layout) throws IOException {
      if (!layout.evidence().exists()) {
        return null;
      }
      Map<String, Set<String>> read = new HashMap<>();
      Map<String, String> first = new HashMap<>();
      layout
          .evidence()
          .scan(
              (line, entry) -> {
                if (entry.location() != null) {
                  read.computeIfAbsent(entry.source(), s -> new HashSet<>())
                      .add(placeOf(entry.location()));
                }
              });
      if (layout.ignored().exists()) {
        layout
            .ignored()
            .scan(
                (line, entry) -> {
                  if (entry.location() != null) {
                    read.computeIfAbsent(entry.source(), s -> new HashSet<>())
                        .add(placeOf(entry.location()));
                  }
                });
      }
      if (layout.quarantine().exists()) {
        layout
            .quarantine()
            .scan(
                (line, entry) -> {
                  String place = placeOf(entry.location());
                  if (QUARANTINED_BY_RULE.matcher(entry.reason()).find()) {
                    read.computeIfAbsent(entry.source(), s -> new HashSet<>()).add(place);
                  } else {
                    first.putIfAbsent(place, entry.reason());
                  }
                });
      }
      return new PlaceReads(read, first);
    }

    /**
     * As {@link #of}, or null without reading anything when no place of {@code unreadPlaces} had
     * {@value #MIN_REFUSED_IN_PLACE} records refused, so none can be a file not read:
     * evidence.jsonl is the run's largest file, and its scan took 3 % of a 10k run's CPU samples,
     * on one thread after the job, for nothing on a run whose readers refused nothing.
     */
    static PlaceReads ofWhereRefused(RunLayout layout, Map<String, Map<String, Long>> unreadPlaces)
        throws IOException {
      boolean anyPlaceMostlyRefused =
          unreadPlaces.values().stream()
              .flatMap(places -> places.values().stream())
              .anyMatch(count -> count >= MIN_REFUSED_IN_PLACE);
      return anyPlaceMostlyRefused ? of(layout) : null;
    }
  }

  /** The partition of the entry that lists a source's mails too large to be read. */
  static final String MAILS_TOO_LARGE = "(mails too large to read)";

  /**
   * {@code notRead} and, per source whose reader quarantined a mail past the size a mail is read
   * whole (128 MB), an entry naming each such mail: nothing of it was read, not even its sender,
   * date and text, so the run is incomplete (exit 3) as for a file cut short. Until 2026-12-07 such
   * a mail was one quarantined record among damaged ones, at exit 0: an outside trial's customer
   * reply with a 112 MB video was said on the console and missed by a script checking {@code $?}. A
   * source already listed as (most or every record) refused keeps that entry alone.
   */
  static Map<String, List<RunSummary.NotRead>> withMailsTooLarge(
      Map<String, List<RunSummary.NotRead>> notRead, RunSummary summary, RunLayout layout)
      throws IOException {
    boolean anyRefused =
        summary.sources().values().stream().anyMatch(counts -> counts.quarantinedByReader() > 0);
    if (!anyRefused || !layout.quarantine().exists()) {
      return notRead;
    }
    Map<String, List<String>> places = new TreeMap<>();
    Map<String, String> firstReason = new HashMap<>();
    layout
        .quarantine()
        .scan(
            (line, entry) -> {
              if (MailNotes.isTooLarge(entry.reason())) {
                places
                    .computeIfAbsent(entry.source(), s -> new ArrayList<>())
                    .add(entry.location());
                firstReason.putIfAbsent(entry.source(), entry.reason());
              }
            });
    if (places.isEmpty()) {
      return notRead;
    }
    Map<String, List<RunSummary.NotRead>> all = new TreeMap<>(notRead);
    places.forEach(
        (source, at) -> {
          List<RunSummary.NotRead> entries = new ArrayList<>(all.getOrDefault(source, List.of()));
          if (entries.stream()
              .anyMatch(
                  e ->
                      e.partition().equals("(every record)")
                          || e.partition().equals("(most records)"))) {
            return;
          }
          RunSummary.SourceCounts counts = summary.sources().get(source);
          entries.add(
              new RunSummary.NotRead(
                  MAILS_TOO_LARGE,
                  at.size()
                      + " mail(s) larger than the most a mail is read whole (128 MB), nothing of"
                      + " which was read: "
                      + String.join(", ", at.stream().limit(5).toList())
                      + (at.size() > 5 ? " and " + (at.size() - 5) + " more" : "")
                      + " (quarantine.jsonl holds the start of each)",
                  counts == null ? 0 : counts.read(),
                  firstReason.get(source),
                  false,
                  "a rerun meets the same limit: if the mail holds no evidence, accept the run"
                      + " with --allow-incomplete; else save its text and the parts that hold"
                      + " evidence with a mail client, or remove its largest attachment"));
          all.put(source, List.copyOf(entries));
        });
    return all;
  }

  private static Map<String, List<RunSummary.NotRead>> withSourcesMostlyRefused(
      RunSummary summary,
      Map<String, List<RunSummary.NotRead>> notRead,
      Map<String, String> firstReasons,
      Map<String, Map<String, Long>> unreadPlaces) {
    Map<String, List<RunSummary.NotRead>> all = new TreeMap<>(notRead);
    summary
        .sources()
        .forEach(
            (source, counts) -> {
              long refused = counts.quarantinedByReader();
              // copies left out for a newer copy of the same record were read fine: neither
              // refused nor among what the reader could have refused
              long candidates = counts.read() - counts.superseded();
              if (candidates == 0 || all.containsKey(source) || !mostOf(refused, candidates)) {
                return;
              }
              boolean every = refused == candidates;
              all.put(
                  source,
                  List.of(
                      new RunSummary.NotRead(
                          every ? "(every record)" : "(most records)",
                          every
                              ? "anything usable: its reader quarantined every one of its "
                                  + candidates
                                  + " record(s) before any rule read them"
                                  + inPlaces(unreadPlaces.get(source))
                                  + " (quarantine.jsonl says why of each)"
                              : "most of it: its reader quarantined "
                                  + refused
                                  + " of its "
                                  + candidates
                                  + " record(s) before any rule read them"
                                  + inPlaces(unreadPlaces.get(source))
                                  + ", more than half: a format it does not read rather than a"
                                  + " few damaged records (quarantine.jsonl says why of each; the"
                                  + " other "
                                  + (candidates - refused)
                                  + " were read)",
                          counts.read(),
                          firstReasons.getOrDefault(source, "(none given)"),
                          false)));
            });
    RunSummary.SourceCounts backup = summary.sources().get(BACKUP_SOURCE);
    if (backup != null && backup.read() == 0 && !all.containsKey(BACKUP_SOURCE)) {
      all.put(
          BACKUP_SOURCE,
          List.of(
              new RunSummary.NotRead(
                  "(the whole backup)",
                  "any row: the backup gave none (an empty file, a dump of the schema only?)",
                  0,
                  NO_BACKUP_ROW,
                  false)));
    }
    return all;
  }

  /**
   * Where a source's reader quarantined its records, for the operator to open: {@code " in FILE"},
   * or {@code " in FILE (n), FILE2 (m)"} when there are several, the most first; empty when not
   * known. Without it the entry of a source of many files named none of them.
   */
  static String inPlaces(Map<String, Long> places) {
    if (places == null || places.isEmpty()) {
      return "";
    }
    if (places.size() == 1) {
      return " in " + places.keySet().iterator().next();
    }
    List<String> named = new ArrayList<>();
    places.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(MAX_PLACES)
        .forEach(place -> named.add(place.getKey() + " (" + place.getValue() + ")"));
    return " in "
        + String.join(", ", named)
        + (places.size() > MAX_PLACES
            ? " and " + (places.size() - MAX_PLACES) + " other place(s)"
            : "");
  }

  private static final int MAX_PLACES = 10;

  /**
   * The file, mail folder or URL a quarantined record's location names: the location without its
   * line and column or byte offset ({@code file:12:3}) or its UID ({@code imap:INBOX#7}).
   */
  static String placeOf(String location) {
    return TRAILING_POSITION.matcher(location).replaceFirst("");
  }

  private static final Pattern TRAILING_POSITION = Pattern.compile("(?::\\d+){1,2}$|#\\d+$");

  /**
   * Per source, per place ({@link #placeOf}), the records its reader quarantined: where to look
   * when most of a source's records were refused.
   */
  static Map<String, Map<String, Long>> unreadPlaces(RunLayout layout) throws IOException {
    Map<String, Map<String, Long>> places = new HashMap<>();
    if (layout.quarantine().exists()) {
      layout
          .quarantine()
          .scan(
              (line, entry) -> {
                if (!QUARANTINED_BY_RULE.matcher(entry.reason()).find()) {
                  places
                      .computeIfAbsent(entry.source(), s -> new TreeMap<>())
                      .merge(placeOf(entry.location()), 1L, Long::sum);
                }
              });
    }
    return places;
  }

  /**
   * Whether a reader that quarantined {@code refused} of the {@code read} records it read refused
   * more than half: the share past which the run calls the source incomplete.
   */
  static boolean mostOf(long refused, long read) {
    return read > 0 && refused * 2 > read;
  }

  private static final String NO_BACKUP_ROW =
      "The backup gave no row at all (an empty file, a dump of the schema only?). No record has a"
          + " backup counterpart, so every one is NEW and an import would insert copies of rows"
          + " the application holds. Check the backup with salvage backup inspect; if the"
          + " application's database really was empty then, --allow-incomplete accepts the run.";

  /**
   * The first reason quarantine.jsonl gives for a record each source's reader quarantined, by
   * source.
   */
  static Map<String, String> firstUnreadReasons(RunLayout layout) throws IOException {
    Map<String, String> first = new HashMap<>();
    if (layout.quarantine().exists()) {
      layout
          .quarantine()
          .scan(
              (line, entry) -> {
                if (!QUARANTINED_BY_RULE.matcher(entry.reason()).find()) {
                  first.putIfAbsent(entry.source(), entry.reason());
                }
              });
    }
    return first;
  }

  /**
   * The first reason quarantine.jsonl gives for each rule's records (of any source), by rule: what
   * to say of a rule all of whose records were quarantined.
   */
  static Map<String, String> firstQuarantineReasons(RunLayout layout) throws IOException {
    Map<String, String> reasons = new HashMap<>();
    if (!layout.quarantine().exists()) {
      return reasons;
    }
    layout
        .quarantine()
        .scan(
            (line, entry) -> {
              Matcher rule = QUARANTINED_BY_RULE.matcher(entry.reason());
              if (rule.find()) {
                reasons.putIfAbsent(rule.group(1), entry.reason());
              }
            });
    return reasons;
  }

  /**
   * What to say of each file read as text in an encoding assumed (not UTF-8, none declared) or with
   * bytes not valid in its encoding: read so, a file in another encoding is mojibake in every
   * value, and a warning among the workers' log lines was all that said so.
   */
  static List<String> decodingNotes(RunSummary summary) {
    return summary.decodingNotes().stream()
        .map(note -> "Source " + note.source() + ": " + note.note() + ".")
        .toList();
  }

  /**
   * What the sources' readers said of partitions they read to their end (a backup table some of
   * whose JSON objects lack keys its others have): said on the worker that read them, which on a
   * cluster is not the operator's console.
   */
  static List<String> sourceNotes(RunSummary summary) {
    List<String> said = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counts) ->
                counts.notes().forEach(note -> said.add("Source " + source + ": " + note + ".")));
    return said;
  }

  /**
   * What to say when some rules of the backup mapping matched no row while others did, else null. A
   * rule of a backup names a table; one that matched nothing names it otherwise than the reader
   * does (a Django dumpdata's {@code shop.client} for pg_dump's {@code shop_client}), or the table
   * is empty. Then every record of its entity is NEW, and an import would insert copies of the rows
   * the application holds: said even though the rest of the backup was used.
   */
  static String unmatchedBackupRules(RunSummary summary, List<String> rules, String mappingFile) {
    RunSummary.SourceCounts backup = summary.sources().get(BACKUP_SOURCE);
    if (backup == null || backup.read() == 0 || !mapped(summary)) {
      return null;
    }
    List<String> unused =
        rules.stream().filter(rule -> backup.rules().getOrDefault(rule, 0L) == 0).toList();
    // a rule whose rows were all quarantined matched them: its table's name is right, its values
    // did not map (a backup read in the wrong encoding, a value missing from a map)
    List<String> allQuarantined = allQuarantined(unused, backup.rulesQuarantined());
    List<String> unmatched =
        unused.stream().filter(rule -> !allQuarantined.contains(rule)).toList();
    if (unused.isEmpty()) {
      return null;
    }
    List<String> said = new ArrayList<>();
    if (!allQuarantined.isEmpty()) {
      List<String> counts =
          allQuarantined.stream()
              .map(rule -> rule + " matched " + backup.rulesQuarantined().get(rule) + " row(s)")
              .toList();
      said.add(
          "Backup rule(s) "
              + String.join(", ", counts)
              + " of "
              + mappingFile
              + ", and every one of them was quarantined (quarantine.jsonl says why of each: a"
              + " value its rule could not map). What such a rule emits has no backup"
              + " counterpart, so each of those records is NEW and an import would insert copies"
              + " of rows the application holds."
              + WHEN_QUARANTINED);
    }
    if (!unmatched.isEmpty()) {
      said.add(
          "Backup rule(s) "
              + String.join(", ", unmatched)
              + " of "
              + mappingFile
              + " matched none of the backup's "
              + backup.read()
              + " row(s). What such a rule emits has no backup counterpart, so each of those"
              + " records is NEW and an import would insert copies of rows the application"
              + " holds. Unless the table the rule names is empty, compare its name with those"
              + " the backup holds (salvage backup inspect lists them, as the rules see them).");
    }
    return String.join(System.lineSeparator(), said);
  }

  /**
   * What to say of each entity type some of whose records broke a check of the entity model: the
   * records flagged for a value that breaks one, and the claims that lost for breaking one to a
   * claim that keeps it, counted per check. Each record's reason says which value and evidence;
   * this says how often, so that a mapping that reads every refund mail's amount as negative is
   * seen as one mistake rather than found record by record.
   */
  static List<String> brokenChecks(EntityModel model, JsonlFile<ReconstructedRecord> recordsFile)
      throws IOException {
    // a scan parses every record (a tenth of the client's work after a 10k run): none without
    // checks
    if (model.types().values().stream().allMatch(type -> type.checks().isEmpty())) {
      return List.of();
    }
    Map<String, Map<String, Long>> flagged = new TreeMap<>();
    Map<String, Map<String, Long>> beaten = new TreeMap<>();
    recordsFile.scan(
        (line, record) -> {
          EntityType type = model.types().get(record.entity());
          if (type == null || type.checks().isEmpty()) {
            return;
          }
          for (ValueCheck check : ValueChecks.broken(type, record.fields())) {
            flagged
                .computeIfAbsent(type.name(), t -> new LinkedHashMap<>())
                .merge(check.field() + " " + check.describe(), 1L, Long::sum);
          }
          record
              .fields()
              .forEach(
                  (field, value) -> {
                    for (var alternative : value.alternatives()) {
                      String check = ValueChecks.beatenBy(alternative);
                      if (check != null) {
                        beaten
                            .computeIfAbsent(type.name(), t -> new LinkedHashMap<>())
                            .merge(field + " " + check, 1L, Long::sum);
                      }
                    }
                  });
        });
    List<String> said = new ArrayList<>();
    Set<String> types = new TreeSet<>(flagged.keySet());
    types.addAll(beaten.keySet());
    for (String type : types) {
      List<String> parts = new ArrayList<>();
      Map<String, Long> flaggedBy = flagged.getOrDefault(type, Map.of());
      Map<String, Long> beatenBy = beaten.getOrDefault(type, Map.of());
      if (!flaggedBy.isEmpty()) {
        parts.add(
            flaggedBy.values().stream().mapToLong(Long::longValue).sum()
                + " broken check(s) flagged for review ("
                + perCheck(flaggedBy)
                + ")");
      }
      if (!beatenBy.isEmpty()) {
        parts.add(
            beatenBy.values().stream().mapToLong(Long::longValue).sum()
                + " value(s) that broke a check lost to a claim that keeps it ("
                + perCheck(beatenBy)
                + ")");
      }
      said.add(
          type
              + ": checks of the entity model: "
              + String.join("; ", parts)
              + ". Each record's reasons and alternatives in review/records.jsonl name the value"
              + " and its evidence; many of one check may be one mapping reading a value wrongly"
              + " (a refund's amount as the price).");
    }
    return said;
  }

  private static String perCheck(Map<String, Long> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((check, count) -> parts.add(check + ": " + count));
    return String.join(", ", parts);
  }

  /**
   * What to say of each entity type whose evidence stayed unlinked and was never weighed against
   * the identified records because the type has no {@code linking:} section: probabilistic linking
   * is the default, and nothing else says that it did nothing for the type (a calendar event
   * without the booking's code, which a section comparing the patient, practitioner and time would
   * have attached, stays in unlinked.jsonl).
   */
  static List<String> unweighedForWantOfLinking(
      RunSummary summary, EntityModel model, JsonlFile<ReconstructedRecord> unlinkedFile)
      throws IOException {
    if (summary.stoppedAfter() != null) {
      return List.of();
    }
    // the types some unlinked piece of was read of, and those with a piece that could link
    Set<String> seen = new HashSet<>();
    Set<String> couldLink = new HashSet<>();
    unlinkedFile.scan(
        (line, piece) -> {
          seen.add(piece.entity());
          if (!couldLink.contains(piece.entity()) && couldLink(piece, model)) {
            couldLink.add(piece.entity());
          }
        });
    List<String> said = new ArrayList<>();
    summary
        .entities()
        .forEach(
            (type, byAction) -> {
              long unlinked = byAction.getOrDefault(RunSummary.UNLINKED, 0L);
              if (unlinked > 0
                  && model.types().containsKey(type)
                  && model.linking(type) == null
                  && seen.contains(type)
                  && !couldLink.contains(type)) {
                // a name alone weighs below any link threshold: a section attached such pieces
                // for review, flagging 54 % of an outside trial's students, changing no value
                said.add(
                    type
                        + ": "
                        + unlinked
                        + " unlinked cluster(s) of evidence, each holding one text value only"
                        + " (a name), were not weighed against the identified "
                        + type
                        + " records (the entity model gives "
                        + type
                        + " no linking: section). A name alone is not enough to link: a linking:"
                        + " section would attach such pieces below its link threshold, for"
                        + " review, flagging their records (docs/linking.md, Known gaps). They"
                        + " are in review/unlinked.jsonl.");
              } else if (unlinked > 0
                  && model.types().containsKey(type)
                  && model.linking(type) == null) {
                said.add(
                    type
                        + ": "
                        + unlinked
                        + " unlinked cluster(s) of evidence were not weighed against the"
                        + " identified "
                        + type
                        + " records: the entity model gives "
                        + type
                        + " no linking: section, so --linking probabilistic does nothing for it."
                        + " They are in review/unlinked.jsonl; to have them matched, add a"
                        + " linking: section with the fields to compare and block on"
                        + " (docs/linking.md, Configuration).");
              }
            });
    return said;
  }

  /**
   * Whether an unlinked piece holds more to link by than one text value (a name): a second value,
   * or a value of another type (an email, a phone, a time).
   */
  private static boolean couldLink(ReconstructedRecord piece, EntityModel model) {
    EntityType type = model.types().get(piece.entity());
    if (type == null || piece.fields().size() > 1) {
      return true;
    }
    return piece.fields().keySet().stream()
        .map(field -> type.fields().get(field))
        .anyMatch(fieldType -> fieldType != FieldType.TEXT && fieldType != FieldType.NAME);
  }

  /**
   * The note of each entity type whose fitted model cannot weigh any pair up to its {@code link}
   * (or {@code review}) threshold ({@link dev.salvage.pipeline.bundle.BestPossibleWeight}): its
   * evidence without keys was weighed piece by piece and each came out "below threshold", which
   * reads like evidence that agrees too little, when no evidence could have agreed enough.
   */
  /**
   * One line per entity type some of whose records are flagged for a date-time read from a
   * wall-clock time its zone skips or repeats: the reason is on each record, and the count here
   * says they are there (an outside trial's pickup at the repeated 1:30 AM was one record among
   * many, unflagged, until 2026-12-05).
   */
  static List<String> guessedTimes(Map<String, Long> counters, Iterable<String> entityTypes) {
    return perEntityType(
        counters,
        entityTypes,
        SalvagePipeline::guessedTimesCounter,
        (entity, n) ->
            n
                + " "
                + entity
                + " record(s) flagged: a date-time was read from a wall-clock time its zone skips"
                + " or repeats (the night the clocks change), or from a calendar time written both"
                + " in UTC and under a TZID, and no evidence gives the instant; their reasons say"
                + " which (\"is a guess\")");
  }

  /**
   * One line per entity type some of whose evidence was left unlinked because two identified
   * records matched it about equally: the table's UNLINKED column does not tell them from pieces
   * that matched nothing, and an outside trial's five weekly bookings of one customer were lost
   * that way without a word at the end of the run (until 2026-12-05).
   */
  static List<String> leftAmbiguous(Map<String, Long> counters, Iterable<String> entityTypes) {
    return perEntityType(
        counters,
        entityTypes,
        SalvagePipeline::ambiguousCounter,
        (entity, n) ->
            entity
                + ": "
                + n
                + " piece(s) of evidence left unlinked as ambiguous: two identified "
                + entity
                + " records match each about equally (its reason in review/unlinked.jsonl names"
                + " both); a person decides which, if either");
  }

  /** The line {@code said} gives of each entity type whose counter is above 0, in their order. */
  private static List<String> perEntityType(
      Map<String, Long> counters,
      Iterable<String> entityTypes,
      java.util.function.Function<String, String> counter,
      java.util.function.BiFunction<String, Long, String> said) {
    List<String> lines = new ArrayList<>();
    for (String entity : entityTypes) {
      long n = counters.getOrDefault(counter.apply(entity), 0L);
      if (n > 0) {
        lines.add(said.apply(entity, n));
      }
    }
    return lines;
  }

  /**
   * The note per entity type and key field whose values read as another value of it when Greek or
   * Cyrillic letters are read as Latin ones ({@link LookAlikeKeys}), with two examples: an outside
   * trial's Greek mails wrote {@code ΑΣ-1043} for Stripe's {@code AS-1043}, and 55 duplicate
   * bookings came out with no word anywhere.
   */
  static List<String> lookAlikeKeys(Path collisionsTsv) throws IOException {
    if (!Files.isRegularFile(collisionsTsv)) {
      return List.of();
    }
    // per "type field", each value written in another script and the values it reads as
    Map<String, Map<String, Set<String>>> byField = new TreeMap<>();
    for (String line : Files.readAllLines(collisionsTsv, StandardCharsets.UTF_8)) {
      String[] parts = line.split("\t", -1);
      if (parts.length < 5) {
        continue;
      }
      List<String> values = Arrays.asList(parts).subList(3, parts.length);
      for (String value : values) {
        if (!LookAlikes.readings(value).isEmpty()) {
          Set<String> others =
              byField
                  .computeIfAbsent(parts[0] + "\t" + parts[1], f -> new TreeMap<>())
                  .computeIfAbsent(value, v -> new TreeSet<>());
          values.stream().filter(other -> !other.equals(value)).forEach(others::add);
        }
      }
    }
    List<String> notes = new ArrayList<>();
    byField.forEach(
        (typeAndField, values) -> {
          String type = typeAndField.substring(0, typeAndField.indexOf('\t'));
          String field = typeAndField.substring(type.length() + 1);
          List<String> examples = new ArrayList<>();
          values.entrySet().stream()
              .limit(2)
              .forEach(
                  example ->
                      examples.add(
                          example.getKey()
                              + " ("
                              + LookAlikes.describe(example.getKey())
                              + ") beside "
                              + String.join(" and ", example.getValue())));
          notes.add(
              "Note: "
                  + values.size()
                  + " "
                  + type
                  + " "
                  + field
                  + " value(s) read as another "
                  + type
                  + "'s "
                  + field
                  + " when their Greek or Cyrillic letters are read as Latin ones, e.g. "
                  + String.join("; ", examples)
                  + ". Keys compare exactly, so each is likely one "
                  + type
                  + " in two records (or one beside the backup's); both are flagged in review. If"
                  + " the business writes one "
                  + field
                  + " in two scripts, make the mapping write it one way: a join of a const"
                  + " holding the Latin letters and a regex reading only the part that does not"
                  + " change (mappings/README.md, \"Keys written in two scripts\"), and run again"
                  + " (summary.json linking."
                  + type
                  + "."
                  + LookAlikeKeys.COUNTER
                  + field
                  + ")");
        });
    return notes;
  }

  static List<String> unreachableThresholds(RunSummary summary) {
    if (summary.stoppedAfter() != null || summary.linking() == null) {
      return List.of();
    }
    return summary.linking().notes();
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

  static String stoppedBeforeTheEnd(Path out) {
    return "salvage run was stopped before it finished: "
        + out
        + " is left marked RUN-NOT-FINISHED: what it holds is not this run's result (review"
        + " and import refuse it). Run the same command again to redo it from the"
        + " start.";
  }

  /**
   * Why the watch ended the job; when a directory was nearly full, also the partial files of the
   * bundle this run wrote, which it removes: they kept the full disk full for nothing.
   */
  private static String stopped(StallWatch watch, RunLayout layout, Instant started) {
    String why = watch.stall();
    if (!watch.outOfRoom()) {
      return why;
    }
    String removed = FreeSpace.removeWrittenParts(layout.partsDir(), started);
    return removed.isEmpty() ? why : why + " " + removed;
  }

  /**
   * After a failed job, the partial files of the bundle this run wrote when Flink itself failed for
   * want of space (a write filled the disk between two looks of the watch, which then never fired):
   * removed as when the watch stops the run, since they keep the full disk full for nothing. The
   * sentence saying so, or "" when the failure is another or nothing was removed.
   */
  static String removedAfter(FlinkFailure failure, RunLayout layout, Instant started) {
    return failure.kind() == FlinkFailure.Kind.NO_SPACE
        ? FreeSpace.removeWrittenParts(layout.partsDir(), started)
        : "";
  }

  /**
   * What to say when joining or writing the bundle after the job ran out of space (the job's own
   * writes fit, the joined files did not: they take as much again as their parts), or null when
   * {@code failure} is not for want of space. Said as a failed job's is: each directory's free
   * space, the one to give room, and the partial files of {@code .work/parts} removed (they kept
   * the disk full). Until 2026-12-07 the run said only {@code salvage failed: No space left on
   * device}, naming no directory, and left the parts behind.
   */
  static String noSpaceForTheBundle(
      Throwable failure, FreeSpace space, RunLayout layout, Instant started) {
    if (!FreeSpace.isNoSpace(failure)) {
      return null;
    }
    String removed = FreeSpace.removeWrittenParts(layout.partsDir(), started);
    return "The run failed writing its review bundle in "
        + layout.root()
        + " after the job had finished: no space left on a disk it writes ("
        + FreeSpace.noSpaceMessage(failure)
        + ")\n  "
        + space.afterNoSpace(failure)
        + (removed.isEmpty() ? "" : "\n" + removed)
        + "\nThe bundle's files there are partial: the directory stays marked RUN-NOT-FINISHED"
        + " (review and import refuse it); rerun into it once there is room.";
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

  /** {@code "mail 3"} for each source whose count is not 0, in the summary's order. */
  private static List<String> perSource(
      RunSummary summary, java.util.function.ToLongFunction<RunSummary.SourceCounts> count) {
    List<String> said = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counted) -> {
              if (count.applyAsLong(counted) > 0) {
                said.add(source + " " + count.applyAsLong(counted));
              }
            });
    return said;
  }

  /**
   * Says which sources ignored records (no rule used them) that carry their reader's notes: a
   * garbled base64 part or a cut text may be why no rule matched, and an ignored record is in no
   * other output. The first few are named; all are in {@code review/ignored.jsonl}. Says too how
   * many used records of each source had text read in another charset, or times read in a zone
   * guessed, which their notes alone would show only in the evidence.
   */
  static void noteIgnoredWithNotes(RunSummary summary, RunLayout layout, PrintWriter err)
      throws IOException {
    List<String> counts = perSource(summary, RunSummary.SourceCounts::ignoredNoted);
    List<String> misdecoded = perSource(summary, RunSummary.SourceCounts::usedMisdecoded);
    if (!misdecoded.isEmpty()) {
      err.println(
          "Used records with text read in another charset than the one it declares (its bytes"
              + " are not valid in it, or it declares none or one unknown here and holds 8-bit"
              + " bytes, or a header holds 8-bit bytes that are not UTF-8 and names no charset,"
              + " or U+FFFD where a server or exporter already lost its bytes; values taken from"
              + " that text may be garbled): "
              + String.join(", ", misdecoded)
              + ". Each record's notes name the part or header and the charset it was read in"
              + " (summary.json"
              + " sources.<source>.used_misdecoded; the review shows the notes beside the"
              + " evidence)");
    }
    List<String> invitations = perSource(summary, RunSummary.SourceCounts::invitationsUnread);
    if (!invitations.isEmpty()) {
      long mails =
          summary.sources().values().stream()
              .mapToLong(RunSummary.SourceCounts::invitationsUnread)
              .sum();
      String first = firstUnreadInvitation(layout);
      err.println(
          mails
              + (mails == 1 ? " mail had" : " mails had")
              + " a calendar invitation (text/calendar, application/ics) that could not be read,"
              + " whole or in part, and what it held is in no record: "
              + String.join(", ", invitations)
              + (first == null ? "" : "; first: " + shortened(first))
              + ". Each mail's notes name the part and why (review/evidence.jsonl for a used"
              + " mail, review/ignored.jsonl for an ignored one; summary.json"
              + " sources.<source>.invitations_unread), and a record whose rule reads that"
              + " mail's invitations is flagged");
    }
    List<String> possiblyCut = perSource(summary, RunSummary.SourceCounts::usedPossiblyCut);
    if (!possiblyCut.isEmpty()) {
      List<String> first = possiblyCutExamples(layout, 2);
      err.println(
          "Used mails their reader notes may be cut or have a part garbled (a multipart or HTML"
              + " that never closes, damaged base64, a quoted-printable escape half written; values"
              + " taken from them may be cut short, an amount of 1'050.00 read as 100): "
              + String.join(", ", possiblyCut)
              + (first.isEmpty() ? "" : "; e.g. " + String.join("; ", first))
              + ". Each mail's notes say what was cut (summary.json"
              + " sources.<source>.used_possibly_cut; the review shows the notes beside the"
              + " evidence), and a value that rests on such mail alone is flagged");
    }
    List<String> zoneGuessed = perSource(summary, RunSummary.SourceCounts::usedZoneGuessed);
    if (!zoneGuessed.isEmpty()) {
      err.println(
          "Used calendar events with times read in a zone the file does not name (a guess: a TZID"
              + " naming no zone, a floating time where the calendar names none; their times may"
              + " be hours off): "
              + String.join(", ", zoneGuessed)
              + ". Each event's notes name the zone taken and why (summary.json"
              + " sources.<source>.used_zone_guessed; the review shows the notes beside the"
              + " evidence); set the source's timezone option if that zone is wrong");
    }
    List<String> splitDoubted = perSource(summary, RunSummary.SourceCounts::usedSplitDoubted);
    if (!splitDoubted.isEmpty()) {
      err.println(
          "Used mails whose mbox separator line may be a body line of the mail before, pasted"
              + " there unquoted with an older mail after it (their values may be that older"
              + " mail's): "
              + String.join(", ", splitDoubted)
              + ". Each mail's notes start with \"doubtful mbox split\" (summary.json"
              + " sources.<source>.used_split_doubted); a rule keeps them out with not: {path:"
              + " notes, matches: '^doubtful mbox split'}");
    }
    List<String> discarded = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counted) ->
                counted
                    .usedDiscarded()
                    .forEach((why, n) -> discarded.add(source + " " + n + " " + why)));
    if (!discarded.isEmpty()) {
      err.println(
          "Used mails their owner discarded (deleted in Thunderbird but not yet compacted away, in"
              + " a Trash or Spam folder, or labelled so by Gmail: a staff test, a wrong mail"
              + " deleted, a phishing mail are among them, and so are real mails filed there): "
              + String.join(", ", discarded)
              + ". Each mail's notes start with \"discarded\" (summary.json"
              + " sources.<source>.used_discarded); a mail Thunderbird moved to another folder"
              + " leaves such a deleted copy until the folder is compacted, and a record that has"
              + " the mail from where it went is not noted for it; a record that rests on such"
              + " mail alone is flagged. A rule keeps them out with not: {path: discarded, exists:"
              + " true}");
    }
    List<String> autoReplied = perSource(summary, RunSummary.SourceCounts::usedAutoReplied);
    if (!autoReplied.isEmpty()) {
      err.println(
          "Used mails that a machine wrote in reply to another (an out-of-office reply quotes the"
              + " mail it answers, and its sender is whoever was away): "
              + String.join(", ", autoReplied)
              + ". Each mail's notes start with \"automatic reply\" (summary.json"
              + " sources.<source>.used_auto_replied), and a record that rests on such mail alone"
              + " is flagged; a rule keeps them out with not: {path: auto_submitted, equals:"
              + " auto-replied}");
    }
    List<String> unauthenticated = perSource(summary, RunSummary.SourceCounts::usedUnauthenticated);
    if (!unauthenticated.isEmpty()) {
      err.println(
          "Used mails whose sender a receiving server did not authenticate (its Authentication-Results"
              + " or Received-SPF header says dmarc=fail, or spf=fail for the From's domain with no"
              + " dkim=pass of it: anyone may have written their From, a phishing mail with the"
              + " application's address among them): "
              + String.join(", ", unauthenticated)
              + ". Each mail's notes start with \"sender not authenticated\" (summary.json"
              + " sources.<source>.used_unauthenticated), and a record that rests on such mail"
              + " alone is flagged; a rule keeps them out with not: {path: sender_authentication,"
              + " equals: fail} (docs/mail.md, Forged senders)");
    }
    List<String> leftOut = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counted) ->
                counted
                    .valuesLeftOut()
                    .forEach((rule, n) -> leftOut.add(source + " rule " + rule + " " + n)));
    if (!leftOut.isEmpty()) {
      err.println(
          "Values found and left out as unreadable (unreadable: leave_out), their records kept: "
              + String.join(", ", leftOut)
              + ". Each observation's notes name the field and why (\"left out, unreadable:"
              + " ...\"; summary.json sources.<source>.values_left_out)");
    }
    List<String> redated = perSource(summary, RunSummary.SourceCounts::usedRedated);
    if (!redated.isEmpty()) {
      err.println(
          "Used mails dated by a server's Received header (or, without one, their mbox separator"
              + " line), their Date header being plainly wrong (after the mail was received or"
              + " stored, or a reset clock's, by 2001-01-01): "
              + String.join(", ", redated)
              + ". Each mail's notes give both dates (summary.json sources.<source>.used_redated);"
              + " the date taken decides which evidence is newest");
    }
    List<String> copies = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counted) ->
                counted
                    .copiesOf()
                    .forEach((kept, n) -> copies.add(source + " " + n + " of " + kept)));
    if (!copies.isEmpty()) {
      err.println(
          "Records read more than once (mails differing at most in delivery headers such as"
              + " Received, X-Folder or a mail client's flags; other records read again by their"
              + " source with the same id and content, in one file or in two that overlap, such as"
              + " an event in two calendar exports or a Stripe object in two exports), each one"
              + " piece of evidence, the copy kept being one not discarded, else the source named"
              + " first in the config's, else the first read: "
              + String.join(", ", copies)
              + " (summary.json sources.<source>.copies_of)");
    }
    List<String> sharedIds = perSource(summary, RunSummary.SourceCounts::messageIdShared);
    if (!sharedIds.isEmpty()) {
      err.println(
          "Mails sharing a Message-ID with other mail of other content, kept apart as pieces of"
              + " evidence of their own: "
              + String.join(", ", sharedIds)
              + ". Each one's notes name the others (summary.json"
              + " sources.<source>.message_id_shared)");
    }
    List<String> bounced = perSource(summary, RunSummary.SourceCounts::bouncedByMessageId);
    if (!bounced.isEmpty()) {
      err.println(
          "Mails whose recipient a bounce of the same Message-ID says delivery failed to (the"
              + " sender's own copy of a mail returned undelivered), that address left out of their"
              + " to and cc and put in delivery_failed_to: "
              + String.join(", ", bounced)
              + ". Each one's notes name the bounce (summary.json"
              + " sources.<source>.bounced_by_message_id)");
    }
    if (counts.isEmpty()) {
      return;
    }
    Path file = layout.ignored().path();
    List<String> first = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      try (java.util.stream.Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
        java.util.Iterator<String> each = lines.iterator();
        while (first.size() < 3 && each.hasNext()) {
          String line = each.next();
          if (!line.contains("\"notes\":[")) {
            continue;
          }
          IgnoredEntry entry = Json.MAPPER.readValue(line, IgnoredEntry.class);
          if (entry.why().equals(IgnoredWhy.RULE_WITHOUT_EMIT.key())) {
            continue;
          }
          entry.notes().stream()
              .filter(note -> !MailNotes.isSeparatorNotDating(note))
              .findFirst()
              .ifPresent(note -> first.add(entry.ref() + " (" + entry.location() + "): " + note));
        }
      }
    }
    err.println(
        "Ignored records with reader notes (no rule used them; what the reader noted, such as a"
            + " garbled part or a cut text, may be why): "
            + String.join(", ", counts)
            + (first.isEmpty() ? "" : "; e.g. " + String.join("; ", first))
            + ". All are listed with their notes in "
            + layout.root().relativize(file));
  }

  /**
   * Says per source why its ignored records were ignored ({@code mail 17 ignored: 3 delivery
   * reports (bounces), 7 automatic replies, ...}), and where each is listed with its evidence id:
   * {@code summary.json}'s {@code "ignored": 17} alone left an operator asked why a mail did not
   * count with nothing to look at.
   */
  static void noteIgnoredWhy(RunSummary summary, RunLayout layout, PrintWriter err) {
    List<String> said = new ArrayList<>();
    summary
        .sources()
        .forEach(
            (source, counted) -> {
              if (counted.ignored() == 0 || counted.ignoredWhy().isEmpty()) {
                return;
              }
              List<String> parts = new ArrayList<>();
              counted
                  .ignoredWhy()
                  .forEach(
                      (key, count) -> {
                        IgnoredWhy why = IgnoredWhy.of(key);
                        parts.add(why == null ? count + " " + key : why.said(count));
                      });
              said.add(source + " " + counted.ignored() + " ignored: " + String.join(", ", parts));
            });
    if (said.isEmpty()) {
      return;
    }
    err.println(
        "Ignored records by why: "
            + String.join("; ", said)
            + ". Each is listed with its evidence id and why in "
            + layout.root().relativize(layout.ignored().path())
            + " (summary.json sources.<source>.ignored_why)");
  }

  /**
   * The first mail of the bundle, used ({@code review/evidence.jsonl}) else ignored ({@code
   * review/ignored.jsonl}), with a calendar part not read, as its ref and the note past {@code
   * invitation in}: {@code <ref> part 2 (text/calendar) invite.ics: Cannot read ...}; null when
   * none is there (a mail a rule quarantined is in quarantine.jsonl only). Only the lines holding
   * such a note are parsed.
   */
  private static String firstUnreadInvitation(RunLayout layout) throws IOException {
    for (Path file : List.of(layout.evidence().path(), layout.ignored().path())) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try (java.util.stream.Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
        java.util.Iterator<String> each = lines.iterator();
        while (each.hasNext()) {
          String line = each.next();
          if (!line.contains(MailNotes.INVITATION_IN)) {
            continue;
          }
          String ref;
          List<String> notes = new ArrayList<>();
          if (file.equals(layout.evidence().path())) {
            EvidenceEntry entry = Json.MAPPER.readValue(line, EvidenceEntry.class);
            ref = entry.ref();
            if (entry.json() != null) {
              entry.json().path("notes").forEach(note -> notes.add(note.asText()));
            }
          } else {
            IgnoredEntry entry = Json.MAPPER.readValue(line, IgnoredEntry.class);
            ref = entry.ref();
            notes.addAll(entry.notes());
          }
          for (String note : notes) {
            if (MailNotes.isInvitationUnread(note)) {
              return ref + " " + note.substring("invitation in ".length());
            }
          }
        }
      }
    }
    return null;
  }

  /**
   * The first {@code limit} used mails of the bundle whose reader notes say they may be cut or
   * garbled, each as its ref, location and that note. Only the lines holding such a note are
   * parsed.
   */
  private static List<String> possiblyCutExamples(RunLayout layout, int limit) throws IOException {
    Path file = layout.evidence().path();
    List<String> first = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return first;
    }
    try (java.util.stream.Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      java.util.Iterator<String> each = lines.iterator();
      while (first.size() < limit && each.hasNext()) {
        String line = each.next();
        if (!line.contains(MailNotes.MAY_BE_CUT) && !line.contains(": base64 body ")) {
          continue;
        }
        EvidenceEntry entry = Json.MAPPER.readValue(line, EvidenceEntry.class);
        if (entry.json() == null) {
          continue;
        }
        for (com.fasterxml.jackson.databind.JsonNode note : entry.json().path("notes")) {
          if (MailNotes.isPossiblyCut(note.asText())) {
            first.add(entry.ref() + " (" + entry.location() + "): " + note.asText());
            break;
          }
        }
      }
    }
    return first;
  }

  /**
   * Says which backup fields read date-times written without an offset in the business timezone
   * because nothing said which zone they are in: a {@code timestamp without time zone} column holds
   * whatever its application wrote, UTC for Prisma and Rails, and read in another zone every time
   * is off by its offset, each backup row then disagreeing with the evidence by that much.
   */
  /**
   * Names the backup rows a rule used that a soft-delete column marks deleted: the application hid
   * them, the run reads them as live, and evidence merges with them (a student deleted in April who
   * registered again in July with the same email became the deleted row, and the import could not
   * bring the July student back). The backup's {@code when} leaves them out.
   */
  private static void warnOfSoftDeleted(RunSummary summary, PrintWriter err) {
    RunSummary.SourceCounts backup = summary.sources().get(BACKUP_SOURCE);
    if (backup == null || backup.softDeleted().isEmpty()) {
      return;
    }
    List<String> places = new ArrayList<>();
    backup
        .softDeleted()
        .forEach(
            (place, rows) -> {
              int dot = place.lastIndexOf('.');
              places.add(
                  rows
                      + " row(s) of table "
                      + place.substring(0, dot)
                      + " ("
                      + place.substring(dot + 1)
                      + " set)");
            });
    String first = backup.softDeleted().keySet().iterator().next();
    String column = first.substring(first.lastIndexOf('.') + 1);
    err.println(
        "Warning: the backup rows the application marked deleted were read as live: "
            + String.join("; ", places)
            + ". Each is a record's backup row, so as many records rest on a deleted row, and"
            + " evidence that shares a key with one (a customer who registered again with the"
            + " same email) merges with it. To leave them out, add to the backup rule's when:"
            + " not: {path: columns."
            + column
            + (column.equals("deleted_at") ? ", exists: true}" : ", in: ['1', 't', 'true']}")
            + " (docs/backup.md, Rows the application soft-deleted).");
  }

  private static void warnOfAssumedZone(RunSummary summary, RunConfig runConfig, PrintWriter err) {
    RunSummary.SourceCounts backup = summary.sources().get(BACKUP_SOURCE);
    if (backup == null || backup.zoneAssumed().isEmpty()) {
      return;
    }
    List<String> places = new ArrayList<>();
    backup.zoneAssumed().forEach((place, rows) -> places.add(place + " (" + rows + " row(s))"));
    err.println(
        "Warning: the backup mapping "
            + runConfig.backup().mappingFile()
            + " read date-times written without a UTC offset in the business timezone "
            + runConfig.business().timezone()
            + ", as no zone was given: "
            + String.join("; ", places)
            + ". A timestamp column without time zone holds the zone its application wrote:"
            + " Prisma and Rails write UTC, so such a backup needs zone: UTC (beside"
            + " rules: in the mapping file, or on each field); if the application wrote local"
            + " times, say zone: "
            + runConfig.business().timezone()
            + " there. See docs/backup.md, Timestamps without a zone.");
  }
}
