package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted cluster run cancels its own job through the JobManager's REST API, which here is a
 * local HTTP server answering as Flink 1.19's does ({@code PATCH /jobs/ID?mode=cancel}: 202 when
 * cancelling, 404 for a job it does not know).
 */
class ClusterJobTest {
  private static final String KNOWN = "0123456789abcdef0123456789abcdef";

  private LocalRestServer server;

  @BeforeEach
  void startServer() throws IOException {
    server =
        LocalRestServer.start(
            "/jobs/",
            exchange ->
                exchange.getRequestURI().getPath().equals("/jobs/" + KNOWN)
                    ? new LocalRestServer.Answer(202, "{}")
                    : new LocalRestServer.Answer(
                        404, "{\"errors\":[\"Job could not be found.\"]}"));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private String master() {
    return server.master();
  }

  @Test
  void anInterruptedRunCancelsExactlyTheJobWhoseIdItChose() {
    String said = ClusterJob.cancel(master(), KNOWN);

    // before: the client went away and the job ran on, writing into --out
    assertThat(server.requests()).containsExactly("PATCH /jobs/" + KNOWN + "?mode=cancel");
    assertThat(said)
        .isEqualTo(
            "The run was interrupted: cancelled its job "
                + KNOWN
                + " on the Flink cluster at "
                + master());
  }

  @Test
  void aJobTheClusterDoesNotKnowYetIsSaidNotCancelled() {
    String other = "fedcba9876543210fedcba9876543210";

    assertThat(ClusterJob.cancel(master(), other))
        .isEqualTo(
            "The run was interrupted before its job "
                + other
                + " was running on the Flink cluster at "
                + master());
  }

  @Test
  void aClusterThatDoesNotAnswerIsSaidWithWhatToDo() {
    server.close();

    assertThat(ClusterJob.cancel(master(), KNOWN))
        .startsWith("The run was interrupted, and cancelling its job " + KNOWN)
        .endsWith("cancel it in the web UI, or it goes on writing --out");
  }

  @Test
  void aJobIdIsThirtyTwoHexDigitsAsFlinkWritesThem() {
    assertThat(ClusterJob.newId()).matches("[0-9a-f]{32}").isNotEqualTo(ClusterJob.newId());
  }

  @Test
  void theJobIsRecordedWholeWithNoPartialFileLeft(@TempDir Path root) throws Exception {
    ClusterJob.record(root, master(), KNOWN);
    ClusterJob.record(root, master(), KNOWN);

    assertThat(root.resolve(ClusterJob.RECORD)).hasContent(master() + "\t" + KNOWN);
    try (var files = Files.list(root)) {
      assertThat(files).containsExactly(root.resolve(ClusterJob.RECORD));
    }
  }

  @Test
  void anEarlierRunsClusterThatIsGoneIsSaidInWordsNotNull(@TempDir Path root) throws Exception {
    ClusterJob.record(root, master(), KNOWN);
    server.close();

    assertThat(ClusterJob.cancelLeftOver(root))
        .contains(
            "job " + KNOWN + " on the Flink cluster at " + master() + ", which does not answer")
        .contains(": nothing accepts connections there)")
        .doesNotContain("(null)");
  }

  @Test
  void aRecordThatCannotBeReadIsSaidNotSilentlyForgotten(@TempDir Path root) throws Exception {
    Files.writeString(root.resolve(ClusterJob.RECORD), "http://127.0.0.1:8081");

    assertThat(ClusterJob.cancelLeftOver(root))
        .startsWith("Note: an earlier run into " + root + " left .salvage-cluster-job holding")
        .contains("\"http://127.0.0.1:8081\", not a cluster and a job id")
        .endsWith("cancel it in the web UI, or it writes into this run's directory");
    assertThat(root.resolve(ClusterJob.RECORD)).doesNotExist();
  }
}
