package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.stage.StageRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;

/**
 * Launching the job: the runner's options and parallelism (the cluster asked for its free slots),
 * the Flink configuration written for the job, the embedded Flink's temp directory and its removal,
 * the disks watched for room and the job for a stall. What it makes on disk it removes, also when
 * the run fails or is stopped.
 */
final class JobLaunch {
  // the options of salvage run that launching reads, under the names RunCommand gives them
  private final CommandLine.Model.CommandSpec spec;
  private final String runner;
  private final String flinkMaster;
  private final Integer parallelism;
  private final int stallMinutes;
  private final Path tmpDir;

  JobLaunch(
      CommandLine.Model.CommandSpec spec,
      String runner,
      String flinkMaster,
      Integer parallelism,
      int stallMinutes,
      Path tmpDir) {
    this.spec = spec;
    this.runner = runner;
    this.flinkMaster = flinkMaster;
    this.parallelism = parallelism;
    this.stallMinutes = stallMinutes;
    this.tmpDir = tmpDir;
  }

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

  /** The Flink configuration directory written for the job while it runs, or null. */
  private Path jobFlinkConf;

  /** The marked temp directory holding {@link #jobFlinkConf} of a cluster job, or null. */
  private Path clusterConfTemp;

  /** Where the embedded Flink's temp directory is made; null unless Flink runs embedded. */
  Path flinkTempBase;

  /** The embedded Flink's own temp directory while the job runs, or null. */
  private volatile Path flinkTemp;

  /** The id of the job submitted to a Flink cluster; null when Flink runs embedded. */
  String clusterJobId;

  /**
   * Removes the job's Flink configuration once the job is done with it: deleteOnExit alone left an
   * empty directory per run in the temp folder (the JVM deletes in reverse order of registration,
   * so the directory went first, while it still held the file) and does nothing in a JVM that runs
   * many jobs.
   */
  void removeJobFlinkConf() throws IOException {
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
  int workers(PrintWriter err, FlinkConf conf) throws ConfigException {
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

  /**
   * A watch that ends the job when it stalls: embedded Flink's by interrupting this thread, which
   * waits for it; a cluster's by cancelling it there. {@code onCounts}: whether counting nothing
   * while the JVM idles is a stall too (not while the job reads a network source, which may wait on
   * its server that long).
   */
  StallWatch watchForStall(FreeSpace space, boolean onCounts) {
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
  FreeSpace freeSpace(RunLayout layout) {
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
  Path flinkTempBase(FlinkConf conf) throws ConfigException {
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

  /** Removes the embedded Flink's temp directory, whatever Flink left in it; best effort. */
  void removeFlinkTemp() {
    Path temp = flinkTemp;
    if (temp == null) {
      return;
    }
    flinkTemp = null;
    FlinkTempDirs.remove(temp);
  }

  PipelineOptions pipelineOptions(int workers, FlinkConf conf) throws ConfigException {
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
}
