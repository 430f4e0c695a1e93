package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose client was killed outright (SIGKILL) left its job running on the cluster, writing
 * into the output directory; the next run into that directory cancels it before clearing the
 * directory. The JobManager's REST API is a local HTTP server answering as Flink 1.19's does:
 * {@code GET /jobs/ID} gives the job's state, {@code PATCH /jobs/ID?mode=cancel} cancels it (202),
 * and a job it does not know is a 404.
 */
class LeftOverJobTest {
  private static final String JOB = "0123456789abcdef0123456789abcdef";
  private static final String SAMPLE =
      Path.of("../samples/scenario/salvage.yaml").toAbsolutePath().normalize().toString();

  @TempDir Path dir;
  private LocalRestServer server;
  private final AtomicReference<String> state = new AtomicReference<>("RUNNING");

  @BeforeEach
  void startServer() throws IOException {
    server =
        LocalRestServer.start(
            "/jobs/",
            exchange -> {
              if (!exchange.getRequestURI().getPath().equals("/jobs/" + JOB)) {
                return new LocalRestServer.Answer(
                    404, "{\"errors\":[\"Job could not be found.\"]}");
              }
              if (exchange.getRequestMethod().equals("PATCH")) {
                state.set("CANCELED");
                return new LocalRestServer.Answer(202, "{}");
              }
              return new LocalRestServer.Answer(
                  200,
                  "{\"jid\":\"" + JOB + "\",\"name\":\"salvage-run\",\"state\":\"" + state + "\"}");
            });
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private String master() {
    return server.master();
  }

  @Test
  void cancelsTheJobAKilledRunLeftRunningAndForgetsIt() throws Exception {
    ClusterJob.record(dir, master(), JOB);

    String said = ClusterJob.cancelLeftOver(dir);

    assertThat(server.requests())
        .containsSubsequence(
            "GET /jobs/" + JOB, "PATCH /jobs/" + JOB + "?mode=cancel", "GET /jobs/" + JOB);
    assertThat(said)
        .isEqualTo(
            "An earlier run into "
                + dir
                + " left its job "
                + JOB
                + " on the Flink cluster at "
                + master()
                + " running (its client was killed): cancelled it before this run clears the"
                + " directory");
    assertThat(dir.resolve(ClusterJob.RECORD)).doesNotExist();
  }

  @Test
  void aRecordedJobThatEndedIsForgottenWithoutAWord() throws Exception {
    state.set("FINISHED");
    ClusterJob.record(dir, master(), JOB);

    assertThat(ClusterJob.cancelLeftOver(dir)).isNull();
    assertThat(server.requests()).containsExactly("GET /jobs/" + JOB);
    assertThat(dir.resolve(ClusterJob.RECORD)).doesNotExist();
  }

  @Test
  void aClusterThatDoesNotAnswerLeavesANoteAndKeepsTheRecord() throws Exception {
    ClusterJob.record(dir, master(), JOB);
    server.close();

    assertThat(ClusterJob.cancelLeftOver(dir))
        .startsWith("Note: an earlier run into " + dir + " submitted job " + JOB)
        .endsWith(
            "if that job still runs, cancel it in the web UI, or it writes into this run's"
                + " directory");
    assertThat(dir.resolve(ClusterJob.RECORD)).exists();
  }

  @Test
  void aRunIntoTheDirectoryCancelsTheLeftOverJobBeforeItStarts() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    ClusterJob.record(out, master(), JOB);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          SalvageCli.execute(
              "run", "--config", SAMPLE, "--out", out.toString(), "--stop-after", "read");
    } finally {
      System.setErr(originalErr);
    }

    assertThat(code).isZero();
    assertThat(server.requests()).contains("PATCH /jobs/" + JOB + "?mode=cancel");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("left its job " + JOB + " on the Flink cluster at " + master() + " running");
    assertThat(out.resolve(ClusterJob.RECORD)).doesNotExist();
    assertThat(out.resolve("summary.json")).exists();
  }
}
