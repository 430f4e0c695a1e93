package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster side of the stall watch, against a local HTTP server answering what a Flink 1.19.0
 * cluster answered while a run hung on full io.tmp.dirs (captured, see flink-rest/README.md).
 */
class ClusterStillTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final long MINUTE = Duration.ofMinutes(1).toNanos();
  private static final long NO_ANSWER = -1;

  /** The captured job's id and its RUNNING vertex's. */
  private static final String JOB = "ec5e02ab38f7b429cf1ad97177407183";

  private static final String RUNNING_VERTEX = "42486b80344fe8e3b6d9c8ffabe8d5f7";

  private HttpServer server;
  private String master;

  /** What the server answers, by path and query: a JSON text, or an HTTP status for none. */
  private final Map<String, Object> answers = new ConcurrentHashMap<>();

  private final List<String> notes = new ArrayList<>();

  private ObjectNode job;

  @BeforeEach
  void startServer() throws IOException {
    job = (ObjectNode) captured("job.json");
    answers.put("/jobs/" + JOB, job.toString());
    answers.put(
        "/jobs/" + JOB + "/vertices/" + RUNNING_VERTEX + "/taskmanagers",
        captured("vertex-taskmanagers.json").toString());
    cpu("tm-1", 12_880_000_000L);
    cpu("tm-2", 14_800_000_000L);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          Object answer =
              answers.get(exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query));
          if (answer instanceof Supplier<?> asked) {
            answer = asked.get();
          }
          if (answer instanceof Long delay) {
            try {
              Thread.sleep(delay);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            answer = null;
          }
          int status = answer instanceof Integer code ? code : answer == null ? 404 : 200;
          byte[] body =
              (answer instanceof String text ? text : "{\"errors\":[\"Not found: /x\"]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    // a slow answer must not hold up the next request, nor the server's stop
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    master = "127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static JsonNode captured(String name) throws IOException {
    try (InputStream in = ClusterStillTest.class.getResourceAsStream("flink-rest/" + name)) {
      return Json.MAPPER.readTree(in);
    }
  }

  /** The TaskManager's answer to GET /taskmanagers/TM/metrics?get=Status.JVM.CPU.Time. */
  private void cpu(String taskManager, long nanos) {
    answers.put(
        "/taskmanagers/" + taskManager + "/metrics?get=Status.JVM.CPU.Time",
        "[{\"id\":\"Status.JVM.CPU.Time\",\"value\":\"" + nanos + "\"}]");
  }

  /** Both TaskManagers idled {@code seconds} more: 0.02 of a core, as measured while parked. */
  private void idled(long seconds) {
    tm1 += seconds * 20_000_000L;
    tm2 += seconds * 20_000_000L;
    cpu("tm-1", tm1);
    cpu("tm-2", tm2);
  }

  private long tm1 = 12_880_000_000L;
  private long tm2 = 14_800_000_000L;

  private ObjectNode runningVertex() {
    for (JsonNode vertex : job.path("vertices")) {
      if (vertex.path("id").asText().equals(RUNNING_VERTEX)) {
        return (ObjectNode) vertex;
      }
    }
    throw new AssertionError("no running vertex in job.json");
  }

  /** The running vertex has written {@code records} records (and as many times 900 bytes). */
  private void written(long records) {
    ObjectNode metrics = (ObjectNode) runningVertex().path("metrics");
    metrics.put("write-records", records);
    metrics.put("write-bytes", records * 900);
    answers.put("/jobs/" + JOB, job.toString());
  }

  private ClusterStill watch(boolean onCounts) {
    return ClusterStill.of(master, JOB, MINUTE, onCounts, notes::add);
  }

  /** One poll of the watch at {@code now}: the job asked, then judged. */
  private static String poll(ClusterStill watch, long now) {
    watch.activeTasks();
    return watch.stalled(now);
  }

  @Test
  void aJobWhoseCountsStandStillWhileItsTaskManagersIdleIsStoppedAfterThePatience() {
    ClusterStill watch = watch(true);

    assertThat(poll(watch, 0)).isNull();
    assertThat(poll(watch, 5 * SECOND)).isNull();
    // the trial's figures: about 0.02 of a core each while parked
    cpu("tm-1", 12_880_000_000L + 1_200_000_000L);
    cpu("tm-2", 14_800_000_000L + 1_100_000_000L);
    assertThat(poll(watch, MINUTE - 1)).isNull();

    assertThat(poll(watch, MINUTE))
        .startsWith("The run stopped: its Flink job " + JOB + " on the cluster at " + master)
        .contains(
            "counted nothing for 60 s",
            "2 of its tasks are RUNNING",
            "tm-1 0.022 of a core",
            "tm-2 0.020 of a core",
            "io.tmp.dirs",
            "`df` of io.tmp.dirs on tm-1, tm-2",
            "RUN-NOT-FINISHED",
            "--stall-minutes");
    assertThat(notes).isEmpty();
  }

  @Test
  void countsThatMoveStartTheClockAgain() {
    ClusterStill watch = watch(true);

    assertThat(poll(watch, 0)).isNull();
    assertThat(poll(watch, 50 * SECOND)).isNull();
    written(40_000);
    assertThat(poll(watch, 55 * SECOND)).isNull();
    assertThat(poll(watch, 60 * SECOND)).isNull();
    assertThat(poll(watch, 114 * SECOND)).isNull();
    idled(55);
    assertThat(poll(watch, 115 * SECOND)).startsWith("The run stopped");
  }

  @Test
  void aTaskStateThatChangesIsMovementToo() {
    ClusterStill watch = watch(true);

    assertThat(poll(watch, 0)).isNull();
    ObjectNode tasks = (ObjectNode) runningVertex().path("tasks");
    tasks.put("RUNNING", 1).put("FINISHED", 1);
    answers.put("/jobs/" + JOB, job.toString());
    assertThat(poll(watch, 50 * SECOND)).isNull();
    assertThat(poll(watch, 60 * SECOND)).isNull();
  }

  @Test
  void aTaskManagerThatComputesWithoutCountingKeepsTheJobAlive() {
    ClusterStill watch = watch(true);

    assertThat(poll(watch, 0)).isNull();
    assertThat(poll(watch, 5 * SECOND)).isNull();
    // a big sort on tm-2: half a core for the whole minute, nothing counted
    cpu("tm-2", 14_800_000_000L + 30_000_000_000L);
    assertThat(poll(watch, 65 * SECOND)).isNull();
    // then it parks too: after another patience of idling it is a stall
    assertThat(poll(watch, 120 * SECOND)).isNull();
    idled(60);
    assertThat(poll(watch, 125 * SECOND)).startsWith("The run stopped");
  }

  @Test
  void aRestCallThatFailsIsNoObservationAndIsSaidOnce() {
    ClusterStill watch = watch(true);

    assertThat(poll(watch, 0)).isNull();
    answers.put("/jobs/" + JOB, 503);
    assertThat(watch.activeTasks()).isEqualTo(NO_ANSWER);
    assertThat(watch.stalled(30 * SECOND)).isNull();
    assertThat(watch.activeTasks()).isEqualTo(NO_ANSWER);
    assertThat(watch.stalled(90 * SECOND)).isNull();
    assertThat(notes)
        .singleElement()
        .asString()
        .contains("did not answer for job " + JOB, "HTTP 503", "keeps watching");

    // it answers again with the same counts: counts only grow, so nothing moved meanwhile; the
    // CPU is measured from the first poll that saw them stand
    answers.put("/jobs/" + JOB, job.toString());
    idled(5);
    assertThat(poll(watch, 95 * SECOND)).isNull();
    idled(60);
    assertThat(poll(watch, 155 * SECOND)).startsWith("The run stopped");
  }

  @Test
  void aClusterThatDoesNotAnswerInTimeIsNoObservation() {
    ClusterStill watch = watch(true);
    answers.put("/jobs/" + JOB, 5_300L); // the watch waits 5 s for an answer

    assertThat(watch.activeTasks()).isEqualTo(NO_ANSWER);
    assertThat(watch.stalled(10 * MINUTE)).isNull();
    assertThat(notes).singleElement().asString().contains("no answer within 5 s");
  }

  @Test
  void countsFlinkHasNotReportedForARunningVertexAreUnknownNotZero() {
    ObjectNode metrics = (ObjectNode) runningVertex().path("metrics");
    for (String count : ClusterStill.COUNTS) {
      metrics.put(count, 0).put(count + "-complete", false);
    }
    answers.put("/jobs/" + JOB, job.toString());
    ClusterStill watch = watch(true);

    for (long now = 0; now <= 5 * MINUTE; now += 5 * SECOND) {
      assertThat(poll(watch, now)).isNull();
    }
    assertThat(notes)
        .singleElement()
        .asString()
        .contains("has not reported the record counts of the running vertex", "cannot tell");

    // reported at last: the clock starts there
    written(38_000);
    for (String count : ClusterStill.COUNTS) {
      metrics.put(count + "-complete", true);
    }
    answers.put("/jobs/" + JOB, job.toString());
    assertThat(poll(watch, 6 * MINUTE)).isNull();
    assertThat(poll(watch, 6 * MINUTE + 5 * SECOND)).isNull();
    idled(55);
    assertThat(poll(watch, 7 * MINUTE)).startsWith("The run stopped");
  }

  @Test
  void aCpuTimeThatDidNotChangeAtAllIsAStaleMetricNotAnIdleTaskManager() {
    // metrics.fetcher.update-interval longer than the patience: the counts and the CPU times are
    // as old as the last fetch, and the job may be working meanwhile
    ClusterStill watch = watch(true);

    for (long now = 0; now <= 5 * MINUTE; now += 5 * SECOND) {
      assertThat(poll(watch, now)).isNull();
    }
    assertThat(notes)
        .singleElement()
        .asString()
        .contains("reported the same Status.JVM.CPU.Time", "metrics.fetcher.update-interval");
  }

  @Test
  void aTaskManagerWhoseCpuTimeIsNotKnownCountsAsBusy() {
    // Flink answers [] for a TaskManager whose metrics it has not fetched yet
    answers.put("/taskmanagers/tm-1/metrics?get=Status.JVM.CPU.Time", "[]");
    ClusterStill watch = watch(true);

    for (long now = 0; now <= 5 * MINUTE; now += 5 * SECOND) {
      assertThat(poll(watch, now)).isNull();
    }
    assertThat(notes)
        .singleElement()
        .asString()
        .contains("TaskManager tm-1 has reported no Status.JVM.CPU.Time", "counts as busy");
  }

  @Test
  void aJobWhoseTaskManagersCannotBeToldIsNotStopped() {
    answers.put("/jobs/" + JOB + "/vertices/" + RUNNING_VERTEX + "/taskmanagers", 500);
    ClusterStill watch = watch(true);

    for (long now = 0; now <= 5 * MINUTE; now += 5 * SECOND) {
      assertThat(poll(watch, now)).isNull();
    }
    assertThat(notes).singleElement().asString().contains("HTTP 500");
  }

  @Test
  void aJobThatReadsANetworkSourceIsNotStoppedOnItsCounts() {
    // a Stripe list waiting out a Retry-After: nothing counted, nothing computed, for minutes
    ClusterStill watch = watch(false);

    for (long now = 0; now <= 5 * MINUTE; now += 5 * SECOND) {
      assertThat(poll(watch, now)).isNull();
    }
  }

  @Test
  void tasksWaitingForSlotsAreLeftToTheRuleOfNoActiveTask() {
    ObjectNode tasks = (ObjectNode) runningVertex().path("tasks");
    tasks.put("RUNNING", 0).put("SCHEDULED", 2);
    answers.put("/jobs/" + JOB, job.toString());
    ClusterStill watch = watch(true);

    for (long now = 0; now <= 5 * MINUTE; now += 5 * SECOND) {
      assertThat(poll(watch, now)).isNull();
    }
  }

  @Test
  void aJobThatEndedIsNotWatched() {
    job.put("state", "FINISHED");
    answers.put("/jobs/" + JOB, job.toString());
    ClusterStill watch = watch(true);

    assertThat(watch.activeTasks()).isEqualTo(NO_ANSWER);
    assertThat(watch.stalled(0)).isNull();
    assertThat(watch.activeTasks()).isEqualTo(NO_ANSWER);
    assertThat(watch.stalled(10 * MINUTE)).isNull();
  }

  @Test
  void theStallWatchCancelsAClusterJobThatStandsStill() throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    AtomicLong cpu = new AtomicLong(12_880_000_000L);
    Supplier<String> idling =
        () -> "[{\"id\":\"Status.JVM.CPU.Time\",\"value\":\"" + cpu.addAndGet(100_000) + "\"}]";
    answers.put("/taskmanagers/tm-1/metrics?get=Status.JVM.CPU.Time", idling);
    answers.put("/taskmanagers/tm-2/metrics?get=Status.JVM.CPU.Time", idling);

    try (StallWatch watch =
        StallWatch.start(
            StallWatch.Signals.cluster(
                ClusterStill.of(master, JOB, 0, true, notes::add), () -> null),
            Duration.ZERO,
            Duration.ofMillis(10),
            ended::countDown)) {
      assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(watch.stall()).startsWith("The run stopped: its Flink job " + JOB);
      assertThat(watch.outOfRoom()).isFalse();
    }
  }
}
