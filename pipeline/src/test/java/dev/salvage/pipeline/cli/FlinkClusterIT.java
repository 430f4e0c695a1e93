package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the checked-in sample on a Flink 1.19 session cluster of one JobManager and two
 * TaskManagers, each its own JVM (scripts/flink-cluster), and on embedded Flink, and holds the
 * cluster run to the embedded one: same records, evidence, unlinked rows, quarantine, summary
 * counts and evaluation metrics, from a job the cluster reports FINISHED on both TaskManagers.
 *
 * <p>An integration test (maven-failsafe-plugin, after the package phase): both runs go through
 * {@code java -jar salvage.jar} as {@code ./salvage} does, because Beam's FlinkRunner stages the
 * client's classpath, which must be the shaded jar rather than Maven's test classpath. Each step
 * prints its time (docs/cluster.md has the figures); the cluster is stopped in every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlinkClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path JAR = REPO.resolve("pipeline/target/salvage.jar");
  private static final Path SAMPLE = REPO.resolve("samples/scenario");
  private static final Duration RUN_LIMIT = Duration.ofMinutes(10);

  private final HttpClient http = HttpClient.newHttpClient();
  private Path work;
  private Path clusterDir;
  private String restAddress;
  private Path embedded;
  private Path onCluster;
  private String clusterRunOutput;
  private Thread stopOnExit;
  private Process starting;

  @BeforeAll
  void startClusterAndRunBoth() throws Exception {
    assertThat(JAR).as("the shaded jar (built in the package phase)").exists();
    work = Files.createTempDirectory("salvage-flink-cluster");
    clusterDir = work.resolve("cluster");
    // a forked JVM killed by a timeout skips @AfterAll; the cluster's JVMs must not outlive it
    stopOnExit = new Thread(this::stopQuietly, "stop-flink-cluster");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    Instant began = Instant.now();
    // the cluster's JVMs start while the embedded run works: they mostly wait on each other
    Path startLog = work.resolve("start.log");
    starting =
        new ProcessBuilder(
                REPO.resolve("scripts/flink-cluster").toString(),
                "start",
                "--dir",
                clusterDir.toString())
            .directory(REPO.toFile())
            .redirectErrorStream(true)
            .redirectOutput(startLog.toFile())
            .start();

    embedded = work.resolve("embedded");
    onCluster = work.resolve("cluster-run");
    Result local = salvage("run", "--config", config(), "--out", embedded.toString());
    assertThat(local.exitCode()).as(local.output()).isZero();
    began = took("embedded run (cluster starting meanwhile)", began);
    if (!starting.waitFor(5, TimeUnit.MINUTES)) {
      starting.destroyForcibly().waitFor();
    }
    String started = Files.readString(startLog);
    assertThat(starting.exitValue()).as(started).isZero();
    List<String> lines = started.lines().toList();
    restAddress = lines.get(lines.size() - 1);
    assertThat(restAddress).matches("localhost:\\d+");
    began = took("rest of the cluster start", began);

    // no --parallelism: the run takes every free slot the cluster reports
    Result remote =
        salvage(
            "run",
            "--config",
            config(),
            "--out",
            onCluster.toString(),
            "--flink-master",
            restAddress,
            "--flink-conf",
            "taskmanager.network.sort-shuffle.min-buffers=512");
    clusterRunOutput = remote.output();
    assertThat(remote.exitCode()).as(remote.output()).isZero();
    began = took("run on the cluster", began);
    for (Path run : List.of(embedded, onCluster)) {
      Result evaluated =
          salvage(
              "evaluate", "--truth", SAMPLE.resolve("truth").toString(), "--run", run.toString());
      assertThat(evaluated.exitCode()).as(evaluated.output()).isZero();
    }
    took("two evaluations", began);
  }

  /**
   * Prints how long a step took, for CI's time budget, with the CPU time of the commands it ran
   * (wall time on a shared machine says more about the others than about the test); returns now.
   */
  private static Instant took(String step, Instant since) {
    Instant now = Instant.now();
    double cpu = childrenCpuSeconds();
    System.err.printf(
        "FlinkClusterIT: %s took %.1f s (load %.1f; CPU of the commands so far %.1f s)%n",
        step,
        Duration.between(since, now).toMillis() / 1000.0,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        cpu);
    return now;
  }

  /** User + system CPU of the ended child processes of this JVM (/proc/self/stat), in seconds. */
  private static double childrenCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // fields after the command name in parentheses; cutime and cstime are fields 16 and 17
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** User + system CPU of the cluster's JVMs so far (their pids are in DIR/pids), in seconds. */
  private double clusterCpuSeconds() {
    double total = 0;
    try {
      for (String line : Files.readAllLines(clusterDir.resolve("pids"))) {
        String stat = Files.readString(Path.of("/proc", line.split(" ")[1], "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
      }
      return total;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  @AfterAll
  void stopClusterAndClean() throws Exception {
    if (stopOnExit != null) {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }
    if (starting != null && starting.isAlive()) {
      // a start still under way would launch JVMs after the stop below
      starting.waitFor(5, TimeUnit.MINUTES);
    }
    if (clusterDir != null) {
      System.err.printf(
          "FlinkClusterIT: CPU of the cluster's JVMs %.1f s, of the commands %.1f s%n",
          clusterCpuSeconds(), childrenCpuSeconds());
      flinkCluster("stop", Duration.ofMinutes(1));
    }
    if (work != null) {
      try (Stream<Path> paths = Files.walk(work)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void stopQuietly() {
    try {
      run(
          Duration.ofMinutes(1),
          REPO.resolve("scripts/flink-cluster").toString(),
          "stop",
          "--dir",
          clusterDir.toString());
    } catch (IOException | InterruptedException e) {
      System.err.println("FlinkClusterIT: cannot stop the cluster of " + clusterDir + ": " + e);
    }
  }

  @Test
  void theRunAskedTheClusterAndTookEveryFreeSlot() {
    assertThat(clusterRunOutput)
        .contains(
            "Flink 1.19.0 cluster at "
                + restAddress
                + ": 2 TaskManager(s), 2 of 2 task slot(s) free",
            "running on Flink " + restAddress + " with parallelism 2",
            "Note: --flink-conf taskmanager.network.sort-shuffle.min-buffers is read by the"
                + " cluster's JobManager and TaskManagers when they start");
  }

  @Test
  void aParallelismAboveTheFreeSlotsIsRefusedBeforeSubmitting() throws Exception {
    Path out = work.resolve("refused");
    Result refused =
        salvage(
            "run",
            "--config",
            config(),
            "--out",
            out.toString(),
            "--flink-master",
            restAddress,
            "--parallelism",
            "3");

    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(refused.output())
        .contains(
            "--parallelism 3 is more than the Flink cluster at "
                + restAddress
                + " can run now: it has 2 free task slot(s) (2 in all on 2 TaskManager(s))");
    assertThat(out).doesNotExist();
  }

  @Test
  void theJobFinishedOnBothTaskManagers() throws Exception {
    // the refused run submits nothing, the killed client's job is cancelled and its rerun's runs
    // after this one's: the first job to finish is the cluster run's, whatever the order of tests
    List<JsonNode> finished = new ArrayList<>();
    rest("/jobs/overview").path("jobs").forEach(finished::add);
    finished.removeIf(j -> !j.path("state").asText().equals("FINISHED"));
    finished.sort(Comparator.comparingLong(j -> j.path("end-time").asLong()));
    assertThat(finished).isNotEmpty();
    JsonNode job = finished.get(0);
    assertThat(job.path("name").asText()).isEqualTo("salvage-run");
    assertThat(job.path("state").asText()).isEqualTo("FINISHED");
    String jobId = job.path("jid").asText();
    Set<String> taskManagers = new TreeSet<>();
    for (JsonNode vertex : rest("/jobs/" + jobId).path("vertices")) {
      for (JsonNode tm :
          rest("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
              .path("taskmanagers")) {
        assertThat(tm.path("status").asText()).isEqualTo("FINISHED");
        taskManagers.add(tm.path("taskmanager-id").asText());
      }
    }
    // scripts/flink-cluster names its TaskManagers tm-1 .. tm-N (taskmanager.resource-id)
    assertThat(taskManagers).containsExactly("tm-1", "tm-2");
  }

  /**
   * A client killed outright (SIGKILL: no shutdown hook runs) cannot cancel its job, which goes on
   * writing into --out; the next run into that directory cancels it first, then runs.
   */
  @Test
  void aRerunCancelsTheJobOfAClientKilledOutright() throws Exception {
    Path out = work.resolve("killed");
    Path log = work.resolve("killed.log");
    Path clientTemp = Files.createDirectories(work.resolve("killed-tmp"));
    String tmpdir = "-Djava.io.tmpdir=" + clientTemp;
    Process client =
        new ProcessBuilder(
                "java",
                "-Xmx1g",
                tmpdir,
                "-jar",
                JAR.toString(),
                "run",
                "--config",
                config(),
                "--out",
                out.toString(),
                "--flink-master",
                restAddress)
            .directory(REPO.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    String jobId = null;
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (jobId == null && Instant.now().isBefore(deadline) && client.isAlive()) {
      Path record = out.resolve(ClusterJob.RECORD);
      if (Files.isRegularFile(record)) {
        String id = Files.readString(record).strip().split("\t")[1];
        for (JsonNode job : rest("/jobs/overview").path("jobs")) {
          if (job.path("jid").asText().equals(id) && job.path("state").asText().equals("RUNNING")) {
            jobId = id;
          }
        }
      }
      Thread.sleep(100);
    }
    assertThat(jobId).as(Files.readString(log)).isNotNull();
    try {
      client.destroyForcibly().waitFor();
      // the job outlived its client (GET /jobs/ID answers from a cache a few seconds old)
      assertThat(rest("/jobs/" + jobId).path("state").asText())
          .isIn("CREATED", "INITIALIZING", "RUNNING");

      assertThat(flinkTempDirs(clientTemp)).hasSize(1);

      Result rerun =
          run(
              RUN_LIMIT,
              "java",
              "-Xmx1g",
              tmpdir,
              "-jar",
              JAR.toString(),
              "run",
              "--config",
              config(),
              "--out",
              out.toString(),
              "--flink-master",
              restAddress);

      assertThat(rerun.exitCode()).as(rerun.output()).isZero();
      assertThat(rerun.output())
          .contains(
              "left its job "
                  + jobId
                  + " on the Flink cluster at "
                  + restAddress
                  + " running (its client was killed): cancelled it before this run clears the"
                  + " directory");
      assertThat(rest("/jobs/" + jobId).path("state").asText()).isEqualTo("CANCELED");
      assertThat(out.resolve(ClusterJob.RECORD)).doesNotExist();
      assertThat(out.resolve("RUN-NOT-FINISHED")).doesNotExist();
      // the killed client's job configuration is removed by the rerun, which leaves none of its own
      assertThat(rerun.output()).contains("Removed " + clientTemp.resolve("salvage-flink-"));
      assertThat(flinkTempDirs(clientTemp)).isEmpty();
    } finally {
      // whatever happened, the other tests find the cluster's slots free
      ClusterJob.cancel(restAddress, jobId);
      Instant freeBy = Instant.now().plus(Duration.ofSeconds(60));
      while (rest("/overview").path("slots-available").asInt() < 2
          && Instant.now().isBefore(freeBy)) {
        Thread.sleep(250);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "review/records.jsonl",
        "review/evidence.jsonl",
        "review/unlinked.jsonl",
        "review/records.csv",
        "quarantine.jsonl"
      })
  void theClusterWritesTheLinesOfTheEmbeddedRun(String file) throws IOException {
    List<String> expected = sortedLines(embedded.resolve(file));
    if (!file.equals("quarantine.jsonl")) {
      // the sample quarantines nothing; every other file must have rows for the check to bite
      assertThat(expected).as(file).isNotEmpty();
    }
    assertThat(sortedLines(onCluster.resolve(file))).as(file).isEqualTo(expected);
  }

  @Test
  void theSummaryCountsAndMetricsAreThoseOfTheEmbeddedRun() throws IOException {
    assertThat(summaryWithoutRun(onCluster)).isEqualTo(summaryWithoutRun(embedded));
    assertThat(stageCounts(onCluster)).isNotEmpty().isEqualTo(stageCounts(embedded));
    assertThat(JSON.readTree(onCluster.resolve("metrics.json").toFile()))
        .isEqualTo(JSON.readTree(embedded.resolve("metrics.json").toFile()));
    JsonNode run = JSON.readTree(onCluster.resolve("summary.json").toFile()).path("run");
    assertThat(run.path("runner").asText()).isEqualTo("flink " + restAddress);
    assertThat(clusterRunOutput).contains("running on Flink " + restAddress);
  }

  /**
   * summary.json without its "run" block (paths, runner, times differ by design) and its stage
   * timings (wall and CPU seconds differ by nature; CPU is only sampled when Flink runs embedded).
   * The stages' record counts are compared on their own.
   */
  private static JsonNode summaryWithoutRun(Path dir) throws IOException {
    ObjectNode summary = (ObjectNode) JSON.readTree(dir.resolve("summary.json").toFile());
    summary.remove("run");
    summary.remove("stages");
    assertThat(summary.path("records_read").asLong()).isPositive();
    return summary;
  }

  /** Per stage of summary.json, the records in and out (the timings left out). */
  private static java.util.Map<String, String> stageCounts(Path dir) throws IOException {
    java.util.Map<String, String> counts = new java.util.TreeMap<>();
    JSON.readTree(dir.resolve("summary.json").toFile())
        .path("stages")
        .fields()
        .forEachRemaining(
            stage -> {
              if (stage.getValue().has("records_in")) {
                counts.put(
                    stage.getKey(),
                    stage.getValue().path("records_in").asText()
                        + " -> "
                        + stage.getValue().path("records_out").asText());
              }
            });
    return counts;
  }

  private static List<String> sortedLines(Path file) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    lines.sort(null);
    return lines;
  }

  private JsonNode rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + restAddress + path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** scripts/flink-cluster VERB --dir clusterDir, which must succeed. */
  private Result flinkCluster(String verb, Duration limit)
      throws IOException, InterruptedException {
    Result result =
        run(
            limit,
            REPO.resolve("scripts/flink-cluster").toString(),
            verb,
            "--dir",
            clusterDir.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result;
  }

  private static String config() {
    return SAMPLE.resolve("salvage.yaml").toString();
  }

  private Result salvage(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("java", "-Xmx1g", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return run(RUN_LIMIT, command.toArray(String[]::new));
  }

  private static List<Path> flinkTempDirs(Path dir) throws IOException {
    try (Stream<Path> in = Files.list(dir)) {
      return in.filter(p -> p.getFileName().toString().startsWith("salvage-flink-")).toList();
    }
  }

  record Result(int exitCode, String output) {}

  /** Runs a command from the repository root, its stderr merged into its stdout. */
  private Result run(Duration limit, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(work == null ? null : work, "command", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(REPO.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          String.join(" ", command)
              + " did not end within "
              + limit
              + ":\n"
              + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log));
  }
}
