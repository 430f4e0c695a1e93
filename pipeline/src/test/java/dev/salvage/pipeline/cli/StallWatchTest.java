package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StallWatchTest {
  private static final long MINUTE = Duration.ofMinutes(1).toNanos();

  @TempDir Path dir;

  /** A job's GET /jobs/ID answer as Flink 1.19 writes it, trimmed to what the watch reads. */
  private static String job(String state, String... vertexTasks) {
    StringBuilder vertices = new StringBuilder();
    for (String tasks : vertexTasks) {
      if (vertices.length() > 0) {
        vertices.append(',');
      }
      vertices.append("{\"id\":\"v\",\"name\":\"CHAIN FlatMap\",\"tasks\":{").append(tasks);
      vertices.append("}}");
    }
    return "{\"jid\":\"0a\",\"name\":\"salvage-run\",\"state\":\""
        + state
        + "\",\"vertices\":["
        + vertices
        + "]}";
  }

  private static final String ALL_STATES_ZERO =
      "\"SCHEDULED\":0,\"CANCELED\":0,\"INITIALIZING\":0,\"CREATED\":0,\"FAILED\":0,"
          + "\"CANCELING\":0,\"DEPLOYING\":0,\"RUNNING\":0,\"RECONCILING\":0";

  private static String tasks(String state, int n) {
    return ALL_STATES_ZERO.replace("\"" + state + "\":0", "\"" + state + "\":" + n);
  }

  @Test
  void aRunningJobWhoseTasksAreAllFinishedOrCreatedHasNoActiveTask() throws IOException {
    String stalled = job("RUNNING", tasks("FINISHED", 2), tasks("CREATED", 2), tasks("CREATED", 2));

    assertThat(StallWatch.activeTasks(Json.MAPPER.readTree(stalled))).isZero();
  }

  @Test
  void tasksScheduledForSlotsOrRunningCountAsActive() throws IOException {
    String waitingForSlots = job("RUNNING", tasks("SCHEDULED", 2), tasks("CREATED", 1));
    String running = job("RUNNING", tasks("RUNNING", 1), tasks("DEPLOYING", 1));

    assertThat(StallWatch.activeTasks(Json.MAPPER.readTree(waitingForSlots))).isEqualTo(2);
    assertThat(StallWatch.activeTasks(Json.MAPPER.readTree(running))).isEqualTo(2);
  }

  @Test
  void aJobThatIsNoLongerRunningIsNotWatched() throws IOException {
    String finished = job("FINISHED", tasks("FINISHED", 2));

    assertThat(StallWatch.activeTasks(Json.MAPPER.readTree(finished))).isEqualTo(-1);
  }

  @Test
  void stallsOnlyAfterThePatienceWithNoActiveTaskInARow() {
    StallWatch.Idle idle = new StallWatch.Idle(5 * MINUTE);

    assertThat(idle.stalled(0, 0)).isFalse();
    assertThat(idle.stalled(0, 4 * MINUTE)).isFalse();
    // a task ran: the clock starts again
    assertThat(idle.stalled(3, 4 * MINUTE + 1)).isFalse();
    assertThat(idle.stalled(0, 6 * MINUTE)).isFalse();
    assertThat(idle.stalled(0, 10 * MINUTE)).isFalse();
    assertThat(idle.stalled(0, 11 * MINUTE)).isTrue();
  }

  @Test
  void aJobThatCannotBeAskedIsNotCalledStalled() {
    StallWatch.Idle idle = new StallWatch.Idle(MINUTE);

    assertThat(idle.stalled(0, 0)).isFalse();
    assertThat(idle.stalled(-1, 2 * MINUTE)).isFalse();
    assertThat(idle.stalled(0, 2 * MINUTE + 1)).isFalse();
  }

  @Test
  void countsFlinkTaskThreadsAliveInThisJvm() throws InterruptedException {
    StallWatch.Probe here = StallWatch.taskThreadsHere();
    int before = here.activeTasks();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    Thread task =
        new Thread(
            new ThreadGroup(StallWatch.TASK_THREAD_GROUP),
            () -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "CHAIN FlatMap (1/2)#0");
    task.start();
    started.await();

    assertThat(here.activeTasks()).isEqualTo(before + 1);
    release.countDown();
    task.join();
    assertThat(here.activeTasks()).isEqualTo(before);
  }

  private static final AtomicInteger SEEN_FROM_A_TASK = new AtomicInteger(-1);

  /** Records what the watch's probe sees from inside a task of embedded Flink. */
  static final class ProbeFromTaskFn extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer n, OutputReceiver<Integer> out) {
      SEEN_FROM_A_TASK.set(StallWatch.taskThreadsHere().activeTasks());
      out.output(n);
    }
  }

  /** A pipeline of one element through {@code fn} on an embedded Flink of one task. */
  static Pipeline oneElementThrough(DoFn<Integer, Integer> fn) {
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setParallelism(1);
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply(Create.of(1)).apply(ParDo.of(fn));
    return pipeline;
  }

  @Test
  void seesTheTaskThreadsOfARealEmbeddedFlinkJob() {
    Pipeline pipeline = oneElementThrough(new ProbeFromTaskFn());

    pipeline.run().waitUntilFinish();

    // were the thread group's name not Flink's, every run longer than the patience would be ended
    assertThat(SEEN_FROM_A_TASK.get()).isPositive();
  }

  @Test
  void endsAJobWithNoActiveTaskAndSaysWhy() throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);

    try (StallWatch watch =
        StallWatch.start(
            StallWatch.Signals.tasksOnly(() -> 0),
            Duration.ZERO,
            Duration.ofMillis(10),
            ended::countDown)) {
      assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(watch.stall())
          .startsWith("The run stopped: its Flink job has run no task for 0 minute(s)")
          .contains("--stall-minutes");
    }
  }

  @Test
  void leavesAJobWithARunningTaskAlone() throws InterruptedException {
    AtomicInteger asked = new AtomicInteger();
    CountDownLatch ended = new CountDownLatch(1);

    try (StallWatch watch =
        StallWatch.start(
            StallWatch.Signals.tasksOnly(
                () -> {
                  asked.incrementAndGet();
                  return 1;
                }),
            Duration.ZERO,
            Duration.ofMillis(10),
            ended::countDown)) {
      while (asked.get() < 5) {
        Thread.sleep(10);
      }
      assertThat(ended.getCount()).isEqualTo(1);
      assertThat(watch.stall()).isNull();
    }
  }

  @Test
  void stallsAfterThePatienceWithNothingCountedWhateverTheTasksDo() {
    StallWatch.Still still = new StallWatch.Still(5 * MINUTE);

    assertThat(still.stalled(0, 0)).isFalse();
    assertThat(still.stalled(0, 4 * MINUTE)).isFalse();
    // something passed a meter: the clock starts again
    assertThat(still.stalled(120, 4 * MINUTE + 1)).isFalse();
    assertThat(still.stalled(120, 9 * MINUTE)).isFalse();
    assertThat(still.stalled(120, 9 * MINUTE + 1)).isTrue();
  }

  @Test
  void aJobThatComputesWithoutCountingIsNotStalledWhileItUsesACore() {
    StallWatch.Still still = new StallWatch.Still(5 * MINUTE);

    assertThat(still.stalled(120, 0, 0)).isFalse();
    // a model fit on one sample: nothing counted, a core busy the whole time
    assertThat(still.stalled(120, 5 * MINUTE, 5 * MINUTE)).isFalse();
    assertThat(still.stalled(120, 9 * MINUTE, 10 * MINUTE)).isFalse();
    // then the tasks park for buffers: the JVM idles, and after the patience it is a stall
    assertThat(still.stalled(120, 9 * MINUTE + MINUTE / 100, 14 * MINUTE)).isFalse();
    assertThat(still.stalled(120, 9 * MINUTE + MINUTE / 50, 15 * MINUTE)).isTrue();
  }

  @Test
  void aCountThatCannotBeToldNeverStalls() {
    StallWatch.Still still = new StallWatch.Still(MINUTE);

    assertThat(still.stalled(-1, 0)).isFalse();
    assertThat(still.stalled(-1, 10 * MINUTE)).isFalse();
    // the first count known starts the clock
    assertThat(still.stalled(5, 10 * MINUTE)).isFalse();
    assertThat(still.stalled(5, 11 * MINUTE - 1)).isFalse();
  }

  @Test
  void endsAJobWhoseRunningTasksCountNothingAndSaysWhy() throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);

    // the trial's hang: two reading tasks RUNNING, parked for buffers, the count standing at 0
    try (StallWatch watch =
        StallWatch.start(
            new StallWatch.Signals(() -> 2, () -> 0, () -> 0, () -> null),
            Duration.ZERO,
            Duration.ofMillis(10),
            ended::countDown)) {
      assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(watch.stall())
          .startsWith("The run stopped: its Flink job has counted no record for 0 minute(s)")
          .contains("RUN-NOT-FINISHED", "--tmp-dir", "--stall-minutes");
    }
  }

  @Test
  void endsAJobAtOnceWhenADirectoryItWritesIsNearlyFull() throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    AtomicInteger counted = new AtomicInteger();

    try (StallWatch watch =
        StallWatch.start(
            new StallWatch.Signals(
                () -> 2,
                counted::incrementAndGet,
                () -> -1,
                () -> "The run stopped: /tmp is nearly full"),
            Duration.ofHours(1),
            Duration.ofMillis(10),
            ended::countDown)) {
      assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(watch.stall()).isEqualTo("The run stopped: /tmp is nearly full");
    }
  }

  @Test
  void asksAClusterForItsJobsTasksAndTakesAnUnknownJobForNotStalled() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String stalled = job("RUNNING", tasks("FINISHED", 2), tasks("CREATED", 4));
    server.createContext(
        "/jobs/",
        exchange -> {
          boolean known = exchange.getRequestURI().getPath().equals("/jobs/0a");
          byte[] body =
              (known ? stalled : "{\"errors\":[\"Job could not be found.\"]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(known ? 200 : 404, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String master = "127.0.0.1:" + server.getAddress().getPort();

      assertThat(ClusterStill.of(master, "0a", MINUTE, true, line -> {}).activeTasks()).isZero();
      assertThat(ClusterStill.of(master, "0b", MINUTE, true, line -> {}).activeTasks())
          .isEqualTo(-1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aPatienceUnderAMinuteIsBadUsage() {
    int code =
        SalvageCli.execute(
            "run",
            "--config",
            Path.of("../samples/scenario/salvage.yaml").toAbsolutePath().toString(),
            "--out",
            dir.resolve("out").toString(),
            "--stall-minutes",
            "0");

    assertThat(code).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
