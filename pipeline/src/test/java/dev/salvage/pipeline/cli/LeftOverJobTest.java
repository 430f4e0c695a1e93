package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> state = new AtomicReference<>("RUNNING");

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jobs/",
        exchange -> {
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          boolean known = exchange.getRequestURI().getPath().equals("/jobs/" + JOB);
          int status;
          String body;
          if (!known) {
            status = 404;
            body = "{\"errors\":[\"Job could not be found.\"]}";
          } else if (exchange.getRequestMethod().equals("PATCH")) {
            state.set("CANCELED");
            status = 202;
            body = "{}";
          } else {
            status = 200;
            body = "{\"jid\":\"" + JOB + "\",\"name\":\"salvage-run\",\"state\":\"" + state + "\"}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String master() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void cancelsTheJobAKilledRunLeftRunningAndForgetsIt() throws Exception {
    ClusterJob.record(dir, master(), JOB);

    String said = ClusterJob.cancelLeftOver(dir);

    assertThat(requests)
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
    assertThat(requests).containsExactly("GET /jobs/" + JOB);
    assertThat(dir.resolve(ClusterJob.RECORD)).doesNotExist();
  }

  @Test
  void aClusterThatDoesNotAnswerLeavesANoteAndKeepsTheRecord() throws Exception {
    ClusterJob.record(dir, master(), JOB);
    server.stop(0);

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
    assertThat(requests).contains("PATCH /jobs/" + JOB + "?mode=cancel");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("left its job " + JOB + " on the Flink cluster at " + master() + " running");
    assertThat(out.resolve(ClusterJob.RECORD)).doesNotExist();
    assertThat(out.resolve("summary.json")).exists();
  }
}
