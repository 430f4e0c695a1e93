package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** salvage run's Flink options as an operator meets them: exit code and what is printed. */
class FlinkRunOptionsTest {
  private static final String SAMPLE =
      Path.of("../samples/scenario/salvage.yaml").toAbsolutePath().normalize().toString();

  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStderr() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStderr() {
    System.setErr(originalErr);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anUnreachableMasterStopsTheRunBeforeAnythingIsRead() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path out = dir.resolve("out");

    int code =
        SalvageCli.execute(
            "run",
            "--config",
            SAMPLE,
            "--out",
            out.toString(),
            "--flink-master",
            "localhost:" + port);

    assertThat(code).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(stderr())
        .contains(
            "Invalid configuration: Cannot reach the Flink cluster at --flink-master localhost:"
                + port
                + " (GET http://localhost:"
                + port
                + "/overview: nothing accepts connections there)",
            "rest.port");
    assertThat(out).doesNotExist();
  }

  @Test
  void beamsSpellingOfTheMasterIsAcceptedButTheHelpNamesFlinkMaster() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    int code =
        SalvageCli.execute(
            "run",
            "--config",
            SAMPLE,
            "--out",
            dir.resolve("out").toString(),
            "--flinkMaster",
            "localhost:" + port);

    assertThat(code).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(stderr()).contains("Cannot reach the Flink cluster at --flink-master localhost:");
    String help = new picocli.CommandLine(new RunCommand()).getUsageMessage();
    assertThat(help).contains("--flink-master=[local]|HOST:PORT").doesNotContain("flinkMaster");
  }

  @Test
  void aFlinkConfThatIsNotKeyEqualsValueIsBadUsage() {
    int code =
        SalvageCli.execute(
            "run",
            "--config",
            SAMPLE,
            "--out",
            dir.resolve("out").toString(),
            "--flink-conf",
            "taskmanager.memory.network.max");

    assertThat(code).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(stderr())
        .contains(
            "--flink-conf expects KEY=VALUE with a Flink option name as KEY, such as"
                + " taskmanager.memory.network.max=256m; got 'taskmanager.memory.network.max'");
  }

  /**
   * The setting reaches the embedded Flink: with 1 MB of network memory (32 buffers) the job's
   * first tasks cannot get the buffers their partitions require, and the run says so; or, as Flink
   * sometimes did with 4 MB (128 buffers, enough to start reading), a task waits for buffers
   * forever and the stall watch says so. 4 MB let the run read the whole sample before failing, and
   * in most runs of the suite the stall watch's minute ran out first (65 s per test); with 1 MB the
   * run fails at its first deployment, in seconds.
   */
  @Test
  void flinkConfReachesTheEmbeddedFlinkAndANetworkBufferFailureNamesTheSetting() throws Exception {
    Path out = dir.resolve("out");

    int code =
        SalvageCli.execute(
            "run",
            "--config",
            SAMPLE,
            "--out",
            out.toString(),
            "--parallelism",
            "2",
            "--flink-conf",
            "taskmanager.memory.network.min=1m",
            "--flink-conf",
            "taskmanager.memory.network.max=1m",
            "--stall-minutes",
            "1");

    assertThat(code).as(stderr()).isEqualTo(SalvageCli.EXIT_FAILURE);
    if (stderr().contains("The run stopped: its Flink job has counted no record")) {
      // Flink does not always refuse the shuffle: about one run in three here, a task waits for
      // buffers that never come instead, and the stall watch ends the run, naming that cause
      assertThat(stderr())
          .contains("embedded Flink's tasks waiting for buffers its spilling could not free");
    } else {
      assertThat(stderr())
          .contains(
              "The run failed on the embedded Flink: not enough network buffers",
              "--flink-conf taskmanager.memory.network.min=SIZE",
              "Cause chain:",
              "Pipeline execution failed");
      assertThat(stderr())
          .containsAnyOf(
              "Flink's cause: java.io.IOException: Insufficient number of network buffers",
              "Flink's cause: java.io.IOException: Timeout triggered when requesting exclusive"
                  + " buffers");
    }
    // the runner's own log of the failure, a stack trace of a hundred lines, came before the
    // explanation and pushed it off the operator's screen; the run prints the cause chain itself
    assertThat(stderr()).doesNotContain("org.apache.beam.runners.flink.FlinkRunner");
    assertThat(out.resolve("summary.json")).doesNotExist();
    // the failed run's directory says so, for whoever finds it
    assertThat(out.resolve("RUN-NOT-FINISHED")).content().contains("has not finished");
  }

  @Test
  void aFailedRunRemovesTheEmbeddedFlinksTempFilesFromTmpDir() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));

    int code =
        SalvageCli.execute(
            "run",
            "--config",
            SAMPLE,
            "--out",
            dir.resolve("out").toString(),
            "--parallelism",
            "2",
            "--tmp-dir",
            temp.toString(),
            "--flink-conf",
            "taskmanager.memory.network.min=1m",
            "--flink-conf",
            "taskmanager.memory.network.max=1m",
            // with 4m the job often waited for buffers rather than failing, and the stall watch's
            // default 5 minutes, then its 1 minute, made this the slowest test of the suite; with
            // 1m it fails at its first deployment
            "--stall-minutes",
            "1");

    assertThat(code).as(stderr()).isEqualTo(SalvageCli.EXIT_FAILURE);
    // a trial found 22 MB of Flink's files (its RPC jar, minicluster_*) left after a failed run
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void theEmbeddedFlinksTempDirectoryIsSetWithTmpDirNotFlinkConf() {
    int code =
        SalvageCli.execute(
            "run",
            "--config",
            SAMPLE,
            "--out",
            dir.resolve("out").toString(),
            "--flink-conf",
            "io.tmp.dirs=/mnt/big");

    assertThat(code).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(stderr())
        .contains(
            "--flink-conf io.tmp.dirs=/mnt/big: the embedded Flink's temp directory is set with"
                + " --tmp-dir DIR");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aTmpDirThatIsNotADirectoryOrForAClusterIsBadUsage() {
    int missing =
        SalvageCli.execute(
            "run",
            "--config",
            SAMPLE,
            "--out",
            dir.resolve("out").toString(),
            "--tmp-dir",
            dir.resolve("nowhere").toString());
    int cluster =
        SalvageCli.execute(
            "run",
            "--config",
            SAMPLE,
            "--out",
            dir.resolve("out").toString(),
            "--flink-master",
            "localhost:1",
            "--tmp-dir",
            dir.toString());

    assertThat(missing).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(cluster).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(stderr())
        .contains("--tmp-dir " + dir.resolve("nowhere") + " is not a directory")
        .contains("--tmp-dir " + dir + " applies to the embedded Flink only");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  /**
   * A runner's name is checked with the other options, before the output directory is touched: a
   * mistyped one, checked only when the job was built, had already marked an earlier run's finished
   * directory RUN-NOT-FINISHED (which import then refused) and emptied its work files.
   */
  @Test
  void aMistypedRunnerIsBadUsageAndLeavesAnEarlierRunsDirectoryAsItWas() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path work = Files.createDirectories(out.resolve(".work"));
    Files.writeString(work.resolve("counts.tsv"), "source.mail.read\t3\n");
    Files.writeString(out.resolve(RunDirLock.FILE), "");

    int code =
        SalvageCli.execute("run", "--config", SAMPLE, "--out", out.toString(), "--runner", "flnk");

    assertThat(code).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(stderr()).contains("--runner must be flink or direct, got flnk");
    assertThat(out.resolve("RUN-NOT-FINISHED")).doesNotExist();
    assertThat(work.resolve("counts.tsv")).hasContent("source.mail.read\t3\n");
  }
}
