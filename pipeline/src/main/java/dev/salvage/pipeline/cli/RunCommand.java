package dev.salvage.pipeline.cli;

import static dev.salvage.pipeline.cli.EvidenceNotes.noteIgnoredWhy;
import static dev.salvage.pipeline.cli.EvidenceNotes.noteIgnoredWithNotes;
import static dev.salvage.pipeline.cli.EvidenceNotes.warnOfAssumedZone;
import static dev.salvage.pipeline.cli.EvidenceNotes.warnOfSoftDeleted;
import static dev.salvage.pipeline.cli.OutputPlace.checkOutputOwned;
import static dev.salvage.pipeline.cli.OutputPlace.checkOutputPlace;
import static dev.salvage.pipeline.cli.RunInputs.Prepared;
import static dev.salvage.pipeline.cli.RunInputs.readingBackup;
import static dev.salvage.pipeline.cli.RunStopped.noSpaceForTheBundle;
import static dev.salvage.pipeline.cli.RunStopped.removedAfter;
import static dev.salvage.pipeline.cli.RunStopped.stopped;
import static dev.salvage.pipeline.cli.RunStopped.stoppedBeforeTheEnd;

import dev.salvage.mappings.LookupSpec;
import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
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

  // the job's runner, Flink configuration and temp directories, from the options above
  private JobLaunch job;

  @Override
  public Integer call() throws Exception {
    if (flinkMasterInBeamsSpelling != null) {
      flinkMaster = flinkMasterInBeamsSpelling;
    }
    job = new JobLaunch(spec, runner, flinkMaster, parallelism, stallMinutes, tmpDir);
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
      job.removeFlinkTemp();
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
    // said from the start: listing a big run's sources takes minutes before the job reads them
    PreparationActivity preparation = new PreparationActivity();
    Stage lastStage;
    try {
      lastStage = stopAfter == null ? Stage.REPORT : Stage.stoppable(stopAfter);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    if (stallMinutes < 1) {
      throw new ConfigException("--stall-minutes must be at least 1, got " + stallMinutes);
    }
    // checked with the other options, before the output directory is touched: checked only when
    // the job was built, a mistyped runner had already marked an earlier run RUN-NOT-FINISHED
    if (!runner.equals("flink") && !runner.equals("direct")) {
      throw new ConfigException("--runner must be flink or direct, got " + runner);
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
      job.flinkTempBase = job.flinkTempBase(conf);
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
    int workers = job.workers(err, conf);
    RunInputs inputs = new RunInputs(secretKey, maxKeyFanout, linking);
    Prepared prepared;
    try (ProgressPrinter preparing =
        ProgressPrinter.start(err, ProgressPrinter.consoleMode(), preparation)) {
      prepared = inputs.prepare(runConfig, started, err, preparation);
    }
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

    PipelineOptions options = job.pipelineOptions(workers, conf);
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
        job.clusterJobId == null
            ? null
            : new Thread(
                () -> {
                  err.println(ClusterJob.cancel(flinkMaster, job.clusterJobId));
                  err.flush();
                },
                "cancel-flink-job");
    if (cancelOnExit != null) {
      Runtime.getRuntime().addShutdownHook(cancelOnExit);
      // a client killed outright cancels nothing: the next run into this directory does
      ClusterJob.record(layout.root(), flinkMaster, job.clusterJobId);
    }
    // Ctrl-C or a kill ends the JVM without a word otherwise: say what the directory holds now
    stoppedNote =
        new Thread(
            () -> {
              err.println(stoppedBeforeTheEnd(layout.root()));
              err.flush();
              job.removeFlinkTemp();
            },
            "run-stopped-note");
    Runtime.getRuntime().addShutdownHook(stoppedNote);
    FreeSpace space = job.freeSpace(layout);
    // a network source read by the job waits on its server (a 429's Retry-After, a slow folder)
    // with nothing counted and the JVM idle: only a job without one is stopped on its counts
    boolean network =
        runConfig.sources().stream().anyMatch(source -> !FetchCommand.isFileType(source.type()));
    StallWatch stallWatch = runner.equals("flink") ? job.watchForStall(space, !network) : null;
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
      job.removeJobFlinkConf();
      job.removeFlinkTemp();
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
    if (job.clusterJobId != null) {
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
    RunSummaryAssembly.Assembled assembled =
        RunSummaryAssembly.assemble(
            runConfig, inputs, prepared, layout, lastStage, allowIncomplete, run);
    RunSummary summary = assembled.summary();
    Map<String, SourceMapping> parsed = assembled.parsed();
    List<MisfitFields.Misfit> misfits = assembled.misfits();
    List<MisfitFields.MappingError> mappingErrors = assembled.mappingErrors();
    inputs.recordSnapshotReads(summary, err);
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
    RunNotes.say(runConfig, summary, parsed, layout, lastStage, linking, err);
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
}
