package dev.salvage.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;

/**
 * The job a run submits to a Flink cluster, known by an id the run chooses, so that the run can
 * cancel it when it is interrupted. A session cluster keeps running a job whose client went away
 * (Ctrl-C, SIGTERM, a CI timeout): the job went on writing into --out after the client had released
 * the directory's lock, so a rerun into it could run, and have the orphan's parts joined into its
 * own files. A client killed with SIGKILL cannot cancel its job; the run records it in its output
 * directory ({@link #RECORD}) so that the next run into that directory cancels it first.
 */
final class ClusterJob {
  /**
   * The client setting that fixes the id of the job it submits (Flink's {@code
   * PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID}), read from the flink-conf.yaml the run writes.
   */
  static final String FIXED_JOB_ID = "$internal.pipeline.job-id";

  /** The file in a run's output directory that names the cluster job writing into it. */
  static final String RECORD = ".salvage-cluster-job";

  /** Flink's job states from which a job does nothing more. */
  private static final Set<String> ENDED = Set.of("FINISHED", "CANCELED", "FAILED", "SUSPENDED");

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(60);
  private static final Duration SLOTS_WAIT = Duration.ofSeconds(15);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ClusterJob() {}

  /** A new job id: 16 random bytes in hex, as Flink writes a JobID. */
  static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Asks the cluster at {@code master} to cancel job {@code jobId} ({@code PATCH
   * /jobs/ID?mode=cancel}); what happened, in words, never an exception: it runs while the JVM
   * shuts down.
   */
  static String cancel(String master, String jobId) {
    URI uri;
    try {
      uri = ClusterOverview.overviewUri(master).resolve("/jobs/" + jobId + "?mode=cancel");
    } catch (ConfigException e) {
      return "Cannot cancel Flink job " + jobId + ": " + e.getMessage();
    }
    String where = " on the Flink cluster at " + master;
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(TIMEOUT)
              .build()
              .send(
                  HttpRequest.newBuilder(uri)
                      .timeout(TIMEOUT)
                      .method("PATCH", HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status == 202 || status == 200) {
        return "The run was interrupted: cancelled its job " + jobId + where;
      }
      if (status == 404) {
        return "The run was interrupted before its job " + jobId + " was running" + where;
      }
      return "The run was interrupted, and cancelling its job "
          + jobId
          + where
          + " failed (HTTP "
          + status
          + "): cancel it in the web UI, or it goes on writing --out";
    } catch (IOException e) {
      return "The run was interrupted, and cancelling its job "
          + jobId
          + where
          + " failed ("
          + e
          + "): cancel it in the web UI, or it goes on writing --out";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "The run was interrupted while cancelling its job " + jobId + where;
    }
  }

  /** Records, in the output directory {@code root}, the job about to write into it. */
  static void record(Path root, String master, String jobId) throws IOException {
    // written whole or not at all: a client killed while writing it left a cut line, which the
    // next run took for no record, so the job it names went on writing into the directory
    Path partial = root.resolve(RECORD + ".partial");
    Files.writeString(partial, master + "\t" + jobId + "\n", StandardCharsets.UTF_8);
    Files.move(
        partial,
        root.resolve(RECORD),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Forgets the recorded job of {@code root}: it ended, or was cancelled. */
  static void forget(Path root) throws IOException {
    Files.deleteIfExists(root.resolve(RECORD));
  }

  /**
   * Cancels the cluster job an earlier run into {@code root} left running (its client killed, so it
   * could not), before this run clears the directory that job writes into; called with the
   * directory held ({@link RunDirLock}), so no live run owns that job.
   *
   * @return what was done, for the console; null when no earlier job runs
   * @throws ConfigException when the job does not end within a minute of being cancelled
   */
  static String cancelLeftOver(Path root) throws IOException, ConfigException {
    Path record = root.resolve(RECORD);
    if (!Files.isRegularFile(record)) {
      return null;
    }
    String text = Files.readString(record, StandardCharsets.UTF_8).strip();
    String[] fields = text.split("\t");
    if (fields.length != 2) {
      // a record this tool did not write whole: the job it named is unknown, and may still run
      forget(root);
      return "Note: an earlier run into "
          + root
          + " left "
          + RECORD
          + " holding \""
          + (text.length() > 200 ? text.substring(0, 200) + "..." : text)
          + "\", not a cluster and a job id: if a job of that run still runs on a Flink cluster,"
          + " cancel it in the web UI, or it writes into this run's directory";
    }
    String master = fields[0];
    String jobId = fields[1];
    String where = "job " + jobId + " on the Flink cluster at " + master;
    String state;
    try {
      state = state(master, jobId);
    } catch (IOException e) {
      return "Note: an earlier run into "
          + root
          + " submitted "
          + where
          + ", which does not answer ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + "): if that job still runs, cancel it in the web UI, or it writes into this run's"
          + " directory";
    }
    if (state == null || ENDED.contains(state)) {
      forget(root);
      return null;
    }
    int freeBefore = freeSlots(master);
    String said = cancel(master, jobId);
    long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
    while (state != null && !ENDED.contains(state)) {
      if (System.nanoTime() > deadline) {
        throw new ConfigException(
            "Cannot run into "
                + root
                + ": an earlier run's "
                + where
                + " is still "
                + state
                + " a minute after it was cancelled ("
                + said
                + "); wait for it to end, or give another --out");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while cancelling " + where);
      }
      state = state(master, jobId);
    }
    // an ended job's slots come back to the cluster a moment later; this run asks for them next
    long slotsDeadline = System.nanoTime() + SLOTS_WAIT.toNanos();
    while (freeBefore >= 0
        && freeSlots(master) <= freeBefore
        && System.nanoTime() < slotsDeadline) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while cancelling " + where);
      }
    }
    forget(root);
    return "An earlier run into "
        + root
        + " left its "
        + where
        + " running (its client was killed): cancelled it before this run clears the directory";
  }

  /** The cluster's free task slots, or -1 when it does not say. */
  private static int freeSlots(String master) {
    try {
      return ClusterOverview.fetch(master).slotsAvailable();
    } catch (ConfigException e) {
      return -1;
    }
  }

  /** The job's state on the cluster ({@code GET /jobs/ID}), or null when it does not know it. */
  private static String state(String master, String jobId) throws IOException {
    JsonNode job = describe(master, jobId);
    return job == null ? null : job.path("state").asText(null);
  }

  /**
   * What the cluster at {@code master} says of job {@code jobId} ({@code GET /jobs/ID}: its state
   * and its vertices' tasks by state), or null when it does not know the job.
   *
   * @throws IOException when the cluster does not answer, or answers other than 200 or 404
   */
  static JsonNode describe(String master, String jobId) throws IOException {
    return get(master, "/jobs/" + jobId);
  }

  /**
   * What the cluster's REST API at {@code master} answers to {@code GET path} (a path with its
   * query), or null when it answers 404.
   *
   * @throws IOException when the cluster does not answer within 5 s, or answers other than 200 or
   *     404, or not JSON
   */
  static JsonNode get(String master, String path) throws IOException {
    URI uri;
    try {
      uri = ClusterOverview.overviewUri(master).resolve(path);
    } catch (ConfigException e) {
      throw new IOException(e.getMessage(), e);
    }
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newBuilder()
              .connectTimeout(TIMEOUT)
              .build()
              .send(
                  HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
      // the JDK's ConnectException has no message: say what it means
      throw new IOException("GET " + uri + ": nothing accepts connections there", e);
    } catch (java.net.http.HttpTimeoutException e) {
      throw new IOException("GET " + uri + ": no answer within " + TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while asking GET " + uri);
    }
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
    }
    return Json.MAPPER.readTree(response.body());
  }
}
