package dev.salvage.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * What a Flink session cluster says about itself on its REST API ({@code GET /overview}), asked
 * before a job is submitted: a job waits minutes for slots that are not there before Flink fails
 * it, and a cluster of another Flink version fails it in obscure ways, so both are refused up
 * front.
 *
 * @param address the REST address asked, {@code host:port}
 * @param taskManagers registered TaskManagers
 * @param slotsTotal task slots of all TaskManagers
 * @param slotsAvailable task slots no running job holds
 * @param flinkVersion the cluster's Flink version
 */
record ClusterOverview(
    String address, int taskManagers, int slotsTotal, int slotsAvailable, String flinkVersion) {
  /** The Flink minor version Beam 2.62's beam-runners-flink-1.19 is built against. */
  static final String FLINK_MINOR = "1.19";

  /** Flink's default REST port, which Beam uses when --flink-master names no port. */
  private static final int DEFAULT_REST_PORT = 8081;

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  ClusterOverview {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(flinkVersion, "flinkVersion");
  }

  /**
   * Asks the cluster at {@code master} (HOST:PORT, as --flink-master takes it; an http:// prefix is
   * allowed, as Beam allows it).
   *
   * @throws ConfigException when nothing answers there or the answer is not a Flink cluster's
   */
  static ClusterOverview fetch(String master) throws ConfigException {
    URI uri = overviewUri(master);
    String address = uri.getHost() + ":" + uri.getPort();
    HttpResponse<String> response;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable(master, uri, "nothing accepts connections there", e);
    } catch (HttpTimeoutException e) {
      throw unreachable(master, uri, "no answer within " + TIMEOUT.toSeconds() + " s", e);
    } catch (IOException e) {
      throw unreachable(master, uri, e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(master, uri, "interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw new ConfigException(
          "The Flink cluster at --flink-master "
              + master
              + " answered HTTP "
              + response.statusCode()
              + " to GET "
              + uri
              + ": is this the JobManager's REST port (rest.port, 8081 by default)?");
    }
    return parse(address, response.body());
  }

  /** Reads the JSON of {@code GET /overview}. */
  static ClusterOverview parse(String address, String json) throws ConfigException {
    JsonNode overview;
    try {
      overview = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      overview = null;
    }
    if (overview == null
        || !overview.path("taskmanagers").isInt()
        || !overview.path("slots-total").isInt()
        || !overview.path("slots-available").isInt()
        || !overview.path("flink-version").isTextual()) {
      throw new ConfigException(
          "The answer of "
              + address
              + " to GET /overview is not a Flink cluster's (no taskmanagers, slots-total,"
              + " slots-available and flink-version): is --flink-master the JobManager's REST"
              + " address?");
    }
    return new ClusterOverview(
        address,
        overview.path("taskmanagers").asInt(),
        overview.path("slots-total").asInt(),
        overview.path("slots-available").asInt(),
        overview.path("flink-version").asText());
  }

  /**
   * The job's parallelism on this cluster: {@code requested} when the free slots allow it, every
   * free slot when nothing was requested.
   *
   * @throws ConfigException when the version is not 1.19.x or the free slots are too few
   */
  int parallelism(Integer requested) throws ConfigException {
    if (!flinkVersion.equals(FLINK_MINOR) && !flinkVersion.startsWith(FLINK_MINOR + ".")) {
      throw new ConfigException(
          "The Flink cluster at "
              + address
              + " runs Flink "
              + flinkVersion
              + ", but Salvage's job needs Flink "
              + FLINK_MINOR
              + ".x (the cluster loads Flink's classes from its own lib, and Beam 2.62's runner is"
              + " built for "
              + FLINK_MINOR
              + "): run it on a "
              + FLINK_MINOR
              + " cluster");
    }
    String slots =
        slotsAvailable
            + " free task slot(s) ("
            + slotsTotal
            + " in all on "
            + taskManagers
            + " TaskManager(s))";
    if (requested == null) {
      if (slotsAvailable < 1) {
        throw new ConfigException(
            "The Flink cluster at "
                + address
                + " has "
                + slots
                + ": the job needs at least one; wait for running jobs to end or add"
                + " TaskManagers");
      }
      return slotsAvailable;
    }
    if (requested > slotsAvailable) {
      throw new ConfigException(
          "--parallelism "
              + requested
              + " is more than the Flink cluster at "
              + address
              + " can run now: it has "
              + slots
              + ", and a job needs one slot per parallel task. Lower --parallelism to at most "
              + slotsAvailable
              + " (or leave it out to use every free slot), or add TaskManagers");
    }
    return requested;
  }

  /** One line for the run's log. */
  String describe() {
    return "Flink "
        + flinkVersion
        + " cluster at "
        + address
        + ": "
        + taskManagers
        + " TaskManager(s), "
        + slotsAvailable
        + " of "
        + slotsTotal
        + " task slot(s) free";
  }

  static URI overviewUri(String master) throws ConfigException {
    String hostPort = master.replaceFirst("^https?://", "");
    URI uri;
    try {
      uri = URI.create("http://" + hostPort);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
      throw new ConfigException(
          "--flink-master expects [local] or the JobManager's REST address HOST:PORT, got '"
              + master
              + "'");
    }
    int port = uri.getPort() < 0 ? DEFAULT_REST_PORT : uri.getPort();
    return URI.create("http://" + uri.getHost() + ":" + port + "/overview");
  }

  private static ConfigException unreachable(
      String master, URI uri, String reason, Exception cause) {
    return new ConfigException(
        "Cannot reach the Flink cluster at --flink-master "
            + master
            + " (GET "
            + uri
            + ": "
            + reason
            + "): check the JobManager's host and REST port (rest.port, 8081 by default) and that"
            + " the cluster is running",
        cause);
  }
}
