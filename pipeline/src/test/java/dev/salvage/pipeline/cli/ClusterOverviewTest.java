package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The preflight against a local HTTP server that answers GET /overview as a Flink 1.19 JobManager
 * does (the JSON below is what scripts/flink-cluster's two-TaskManager cluster returned).
 */
class ClusterOverviewTest {
  private static final String TWO_FREE =
      "{\"taskmanagers\":2,\"slots-total\":2,\"slots-available\":2,\"jobs-running\":0,"
          + "\"jobs-finished\":0,\"jobs-cancelled\":0,\"jobs-failed\":0,"
          + "\"flink-version\":\"1.19.0\",\"flink-commit\":\"eaffd22\"}";

  private LocalRestServer server;
  private volatile int status = 200;
  private volatile String body = TWO_FREE;

  @BeforeEach
  void startServer() throws IOException {
    server = LocalRestServer.start("/", exchange -> new LocalRestServer.Answer(status, body));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private String master() {
    return server.master();
  }

  @Test
  void readsTheClusterAndUsesEveryFreeSlotWhenNoParallelismIsGiven() throws Exception {
    body =
        "{\"taskmanagers\":3,\"slots-total\":6,\"slots-available\":4,\"jobs-running\":1,"
            + "\"jobs-finished\":5,\"jobs-cancelled\":0,\"jobs-failed\":1,"
            + "\"flink-version\":\"1.19.1\",\"flink-commit\":\"f3a4a3c\"}";

    ClusterOverview cluster = ClusterOverview.fetch(master());

    assertThat(server.requests()).containsExactly("GET /overview");
    assertThat(cluster).isEqualTo(new ClusterOverview(master(), 3, 6, 4, "1.19.1"));
    assertThat(cluster.parallelism(null)).isEqualTo(4);
    assertThat(cluster.parallelism(3)).isEqualTo(3);
    assertThat(cluster.describe())
        .isEqualTo(
            "Flink 1.19.1 cluster at " + master() + ": 3 TaskManager(s), 4 of 6 task slot(s) free");
  }

  @Test
  void acceptsAnHttpPrefixAsBeamDoes() throws Exception {
    assertThat(ClusterOverview.fetch("http://" + master()).slotsAvailable()).isEqualTo(2);
  }

  @Test
  void refusesAParallelismAboveTheFreeSlots() throws Exception {
    ClusterOverview cluster = ClusterOverview.fetch(master());

    assertThatThrownBy(() -> cluster.parallelism(3))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "--parallelism 3 is more than the Flink cluster at "
                + master()
                + " can run now: it has 2 free task slot(s) (2 in all on 2 TaskManager(s)), and a"
                + " job needs one slot per parallel task. Lower --parallelism to at most 2 (or"
                + " leave it out to use every free slot), or add TaskManagers");
  }

  @Test
  void refusesToDefaultToNoSlotsWhenEveryOneIsTaken() throws Exception {
    body =
        "{\"taskmanagers\":1,\"slots-total\":1,\"slots-available\":0,\"jobs-running\":1,"
            + "\"jobs-finished\":0,\"jobs-cancelled\":0,\"jobs-failed\":0,"
            + "\"flink-version\":\"1.19.0\",\"flink-commit\":\"eaffd22\"}";
    ClusterOverview cluster = ClusterOverview.fetch(master());

    assertThatThrownBy(() -> cluster.parallelism(null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("has 0 free task slot(s) (1 in all on 1 TaskManager(s))")
        .hasMessageContaining("wait for running jobs to end or add TaskManagers");
  }

  @Test
  void refusesAClusterOfAnotherFlinkVersion() throws Exception {
    body = TWO_FREE.replace("1.19.0", "1.18.1");
    ClusterOverview cluster = ClusterOverview.fetch(master());

    assertThatThrownBy(() -> cluster.parallelism(1))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("runs Flink 1.18.1, but Salvage's job needs Flink 1.19.x");
  }

  @Test
  void saysWhenTheAddressIsNotAFlinkRestApi() {
    status = 404;
    body = "{\"errors\":[\"Not found: /overview\"]}";
    assertThatThrownBy(() -> ClusterOverview.fetch(master()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("answered HTTP 404 to GET http://" + master() + "/overview")
        .hasMessageContaining("rest.port");

    status = 200;
    body = "<html>a web server</html>";
    assertThatThrownBy(() -> ClusterOverview.fetch(master()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not a Flink cluster's");
  }

  @Test
  void saysNothingAnswersOnAFreePort() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    assertThatThrownBy(() -> ClusterOverview.fetch("localhost:" + port))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot reach the Flink cluster at --flink-master localhost:"
                + port
                + " (GET http://localhost:"
                + port
                + "/overview: nothing accepts connections there): check the JobManager's host"
                + " and REST port (rest.port, 8081 by default) and that the cluster is running");
  }

  @Test
  void refusesAMasterThatIsNotHostAndPort() {
    assertThatThrownBy(() -> ClusterOverview.fetch("localhost:8081/jobs"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "--flink-master expects [local] or the JobManager's REST address HOST:PORT, got"
                + " 'localhost:8081/jobs'");
  }
}
