package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An interrupted cluster run cancels its own job through the JobManager's REST API, which here is a
 * local HTTP server answering as Flink 1.19's does ({@code PATCH /jobs/ID?mode=cancel}: 202 when
 * cancelling, 404 for a job it does not know).
 */
class ClusterJobTest {
  private static final String KNOWN = "0123456789abcdef0123456789abcdef";

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jobs/",
        exchange -> {
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          boolean known = exchange.getRequestURI().getPath().equals("/jobs/" + KNOWN);
          byte[] body = (known ? "{}" : "{\"errors\":[\"Job could not be found.\"]}").getBytes();
          exchange.sendResponseHeaders(known ? 202 : 404, body.length);
          exchange.getResponseBody().write(body);
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
  void anInterruptedRunCancelsExactlyTheJobWhoseIdItChose() {
    String said = ClusterJob.cancel(master(), KNOWN);

    // before: the client went away and the job ran on, writing into --out
    assertThat(requests).containsExactly("PATCH /jobs/" + KNOWN + "?mode=cancel");
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
    server.stop(0);

    assertThat(ClusterJob.cancel(master(), KNOWN))
        .startsWith("The run was interrupted, and cancelling its job " + KNOWN)
        .endsWith("cancel it in the web UI, or it goes on writing --out");
  }

  @Test
  void aJobIdIsThirtyTwoHexDigitsAsFlinkWritesThem() {
    assertThat(ClusterJob.newId()).matches("[0-9a-f]{32}").isNotEqualTo(ClusterJob.newId());
  }
}
