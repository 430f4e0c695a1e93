package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.FlinkFailure.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.UserCodeException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.runtime.client.JobSubmissionException;
import org.apache.flink.runtime.io.network.netty.exception.RemoteTransportException;
import org.apache.flink.runtime.jobmanager.scheduler.NoResourceAvailableException;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;

/** Cause chains as Beam's FlinkRunner throws them, built from Flink's own exception types. */
class FlinkFailureTest {
  private static final String CLUSTER = "localhost:8081";
  private static final String NETWORK =
      "Insufficient number of network buffers: required 512, but only 310 available. The total"
          + " number of network buffers is currently set to 3481 of 32768 bytes each. You can"
          + " increase this number by setting the configuration keys"
          + " 'taskmanager.memory.network.fraction', 'taskmanager.memory.network.min', and"
          + " 'taskmanager.memory.network.max'.";

  /** What FlinkRunner throws: "Pipeline execution failed" around the job's failure. */
  private static RuntimeException pipelineFailed(Throwable reason) {
    return new RuntimeException(
        "Pipeline execution failed",
        new ExecutionException(
            new JobExecutionException(
                new JobID(),
                "Job execution failed.",
                new JobException(
                    "Recovery is suppressed by NoRestartBackoffTimeStrategy", reason))));
  }

  @Test
  void networkBuffersOnAClusterNameTheTaskManagersNetworkMemoryAndTheParallelism() {
    FlinkFailure failure =
        FlinkFailure.explain(pipelineFailed(new IOException(NETWORK)), CLUSTER, 2);

    assertThat(failure.kind()).isEqualTo(Kind.NETWORK_BUFFERS);
    assertThat(failure.cause())
        .startsWith("java.io.IOException: Insufficient number of network buffers")
        .contains("only 310 available");
    String report = failure.report(CLUSTER);
    assertThat(report)
        .startsWith("The run failed on Flink at localhost:8081: not enough network buffers")
        .contains(
            "taskmanager.memory.network.min",
            "taskmanager.memory.network.max",
            "160m per task slot",
            "lower --parallelism than 2")
        .doesNotContain("--flink-conf");
  }

  @Test
  void networkBuffersEmbeddedSayWhichFlinkConfToPass() {
    FlinkFailure failure =
        FlinkFailure.explain(pipelineFailed(new IOException(NETWORK)), "[local]", 4);

    assertThat(failure.kind()).isEqualTo(Kind.NETWORK_BUFFERS);
    assertThat(failure.report("[local]"))
        .startsWith("The run failed on the embedded Flink: not enough network buffers")
        .contains("--flink-conf taskmanager.memory.network.max=SIZE", "parallelism 4");
  }

  @Test
  void tooFewSlotsAskForALowerParallelismOrMoreTaskManagers() {
    FlinkFailure failure =
        FlinkFailure.explain(
            pipelineFailed(
                new NoResourceAvailableException(
                    "Slot request bulk is not fulfillable! Could not allocate the required slot"
                        + " within slot request timeout",
                    new TimeoutException("Timeout has occurred: 300000 ms"))),
            CLUSTER,
            3);

    assertThat(failure.kind()).isEqualTo(Kind.NOT_ENOUGH_SLOTS);
    assertThat(failure.cause())
        .startsWith(NoResourceAvailableException.class.getName() + ": Slot request bulk");
    assertThat(failure.advice()).contains("3 task slot(s)", "lower --parallelism", "TaskManagers");
  }

  @Test
  void aCauseTheClientCouldNotDeserialiseIsRecognisedByItsOriginalClass() {
    Throwable serialized =
        new SerializedThrowable(new NoResourceAvailableException("Slot request bulk ..."));

    FlinkFailure failure = FlinkFailure.explain(pipelineFailed(serialized), CLUSTER, 2);

    assertThat(failure.kind()).isEqualTo(Kind.NOT_ENOUGH_SLOTS);
    assertThat(failure.cause()).contains("NoResourceAvailableException");
  }

  @Test
  void aLostTaskManagerSaysItDiedAndToRunAgain() {
    FlinkFailure failure =
        FlinkFailure.explain(
            pipelineFailed(
                new RemoteTransportException(
                    "Connection unexpectedly closed by remote task manager"
                        + " 'localhost/127.0.0.1:41234 [ tm-2 ] '. This might indicate that the"
                        + " remote task manager was lost.",
                    new InetSocketAddress("localhost", 41234))),
            CLUSTER,
            2);

    assertThat(failure.kind()).isEqualTo(Kind.LOST_TASK_MANAGER);
    assertThat(failure.cause()).contains("tm-2");
    assertThat(failure.advice())
        .contains("taskmanager.memory.process.size", "heartbeat.timeout", "run again");
  }

  @Test
  void aTaskManagerKilledBeforeItsTasksWereDeployedIsLostToo() {
    FlinkFailure failure =
        FlinkFailure.explain(
            pipelineFailed(
                new RuntimeException(
                    "Could not send message [RemoteRpcInvocation(TaskExecutorGateway.submitTask("
                        + "TaskDeploymentDescriptor, JobMasterId, Time))] from sender"
                        + " [unknown] to recipient"
                        + " [pekko.tcp://flink@localhost:42489/user/rpc/taskmanager_0], because"
                        + " the recipient is unreachable. This can either mean that the recipient"
                        + " has been terminated or that the remote RpcService is currently not"
                        + " reachable.")),
            CLUSTER,
            2);

    assertThat(failure.kind()).isEqualTo(Kind.LOST_TASK_MANAGER);
    assertThat(failure.advice()).contains("run again");
  }

  @Test
  void aTaskManagerWhoseHeartbeatTimedOutIsLostToo() {
    FlinkFailure failure =
        FlinkFailure.explain(
            pipelineFailed(
                new TimeoutException("Heartbeat of TaskManager with id tm-1 timed out.")),
            CLUSTER,
            2);

    assertThat(failure.kind()).isEqualTo(Kind.LOST_TASK_MANAGER);
  }

  @Test
  void anUnreachableMasterNamesTheAddressAndThePort() {
    RuntimeException thrown =
        new RuntimeException(
            "Pipeline execution failed",
            new CompletionException(
                new JobSubmissionException(
                    new JobID(),
                    "Failed to submit JobGraph.",
                    new ConnectException("Connection refused"))));

    FlinkFailure failure = FlinkFailure.explain(thrown, "flink-jm.internal:8081", 2);

    assertThat(failure.kind()).isEqualTo(Kind.UNREACHABLE_MASTER);
    assertThat(failure.cause()).isEqualTo("java.net.ConnectException: Connection refused");
    assertThat(failure.report("flink-jm.internal:8081"))
        .contains(
            "--flink-master flink-jm.internal:8081 any more, where the cluster answered when the"
                + " run started",
            "scripts/flink-cluster status");
  }

  @Test
  void anyOtherFailureNamesTheInnermostCause() {
    FlinkFailure failure =
        FlinkFailure.explain(
            pipelineFailed(new IllegalStateException("mapping rule 3 broke\nsecond line")),
            CLUSTER,
            2);

    assertThat(failure.kind()).isEqualTo(Kind.OTHER);
    assertThat(failure.cause()).isEqualTo("java.lang.IllegalStateException: mapping rule 3 broke");
    assertThat(failure.advice()).contains("/jobs/<id>/exceptions");
  }

  @Test
  void aCauseChainThatLoopsIsWalkedOnce() {
    Exception outer = new Exception("outer");
    Exception inner = new Exception("inner");
    outer.initCause(inner);
    inner.initCause(outer);

    assertThat(FlinkFailure.chain(outer)).containsExactly(outer, inner);
    assertThat(FlinkFailure.explain(outer, CLUSTER, 1).kind()).isEqualTo(Kind.OTHER);
  }

  private static final long MIB = 1024 * 1024;

  /** Runs out of heap, as the mail reader's copy of an oversize mail did in a trial. */
  static final class OutOfHeapFn extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(@Element Integer n, OutputReceiver<Integer> out) {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void aHeapRunOutInAJobOfTheEmbeddedFlinkSaysTheHeapItHadAndHowToGiveItMore() {
    Pipeline pipeline = StallWatchTest.oneElementThrough(new OutOfHeapFn());
    RuntimeException thrown = null;
    try {
      pipeline.run().waitUntilFinish();
    } catch (RuntimeException e) {
      thrown = e;
    }
    assertThat(thrown).isNotNull();

    FlinkFailure failure =
        FlinkFailure.explain(thrown, "[local]", 2, noPlaces(), 341 * MIB + 512 * 1024);

    assertThat(failure.kind()).isEqualTo(Kind.OUT_OF_MEMORY);
    assertThat(failure.report("[local]"))
        .startsWith(
            "The run failed on the embedded Flink: the JVM ran out of memory\n"
                + "  Flink's cause: java.lang.OutOfMemoryError: Java heap space\n")
        .contains(
            "whose heap was 341.5 MB",
            "SALVAGE_JAVA_OPTS=-Xmx768m",
            "--parallelism 1",
            "this run had 2");
    assertThat(
            FlinkFailure.explain(thrown, "[local]", 1, noPlaces(), 341 * MIB + 512 * 1024)
                .report("[local]"))
        .as("a run that had one task is not told to have one")
        .contains("SALVAGE_JAVA_OPTS=-Xmx768m")
        .doesNotContain("--parallelism 1");
  }

  @Test
  void aTaskManagerOutOfHeapOnAClusterIsToldToGiveItsTasksMoreHeap() {
    SerializedThrowable serialized =
        new SerializedThrowable(new OutOfMemoryError("Java heap space"));

    FlinkFailure failure =
        FlinkFailure.explain(pipelineFailed(serialized), CLUSTER, 4, noPlaces(), 1024 * MIB);

    assertThat(failure.kind()).isEqualTo(Kind.OUT_OF_MEMORY);
    assertThat(failure.advice()).contains("taskmanager.memory.task.heap.size", "--parallelism");
    assertThat(failure.advice()).doesNotContain("SALVAGE_JAVA_OPTS");
  }

  @Test
  void theHeapSuggestedIsTwiceTheOneTheJvmHadRoundedUpToAQuarterGigabyte() {
    // -Xmx384m with the parallel collector: maxMemory is 341.5 MB
    assertThat(FlinkFailure.twice(341 * MIB + 512 * 1024)).isEqualTo("768m");
    // -Xmx1g: 910 MB
    assertThat(FlinkFailure.twice(910 * MIB)).isEqualTo("2g");
    assertThat(FlinkFailure.twice(4096 * MIB)).isEqualTo("8g");
  }

  @Test
  void noSpaceLeftNamesTheDirectoriesTheRunWritesTheirFreeSpaceAndWhatToDo() {
    Path out = Path.of("/mnt/t23/out");
    FreeSpace space =
        new FreeSpace(
            List.of(
                new FreeSpace.Place(
                    out, "the output directory (--out)", "its files break off", "Use --out DIR.")),
            new FreeSpace.Room() {
              @Override
              public long usable(Path directory) {
                return 0;
              }

              @Override
              public long total(Path directory) {
                return 30 * MIB;
              }
            });

    FlinkFailure failure =
        FlinkFailure.explain(
            pipelineFailed(UserCodeException.wrap(new IOException("No space left on device"))),
            "[local]",
            2,
            space,
            1024 * MIB);

    assertThat(failure.kind()).isEqualTo(Kind.NO_SPACE);
    assertThat(failure.report("[local]"))
        .startsWith("The run failed on the embedded Flink: no space left on a disk it writes")
        .contains(
            "Flink's cause: java.io.IOException: No space left on device",
            "the output directory (--out) /mnt/t23/out: 0 bytes free of 30.0 MB",
            "Use --out DIR.");
  }

  private static FreeSpace noPlaces() {
    return new FreeSpace(List.of(), FreeSpace.Room.ofFileStores());
  }
}
