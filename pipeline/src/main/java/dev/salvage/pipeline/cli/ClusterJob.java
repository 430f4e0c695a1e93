package dev.salvage.pipeline.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The job a run submits to a Flink cluster, known by an id the run chooses, so that the run can
 * cancel it when it is interrupted. A session cluster keeps running a job whose client went away
 * (Ctrl-C, SIGTERM, a CI timeout): the job went on writing into --out after the client had released
 * the directory's lock, so a rerun into it could run, and have the orphan's parts joined into its
 * own files.
 */
final class ClusterJob {
  /**
   * The client setting that fixes the id of the job it submits (Flink's {@code
   * PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID}), read from the flink-conf.yaml the run writes.
   */
  static final String FIXED_JOB_ID = "$internal.pipeline.job-id";

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
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
}
