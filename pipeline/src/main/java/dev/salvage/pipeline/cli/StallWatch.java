package dev.salvage.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ends a run whose Flink job stalled: the job not finished and no task of it scheduled or running
 * for the patience given. Flink's batch scheduler waits forever when the plan's pipelined regions
 * wait on each other in a cycle (a change to the pipeline once made every run do that: job RUNNING,
 * every task CREATED), and the run then printed "working" until someone killed it. Between two
 * stages Flink schedules the next within milliseconds, so minutes with nothing running is a stall,
 * never a slow stage.
 *
 * <p>Embedded Flink runs its tasks in this JVM, each in a thread of the group "Flink Task Threads":
 * the watch counts them. A cluster's tasks are asked of its REST API ({@code GET /jobs/ID}); tasks
 * waiting for slots there count as scheduled, as Flink itself fails a job that waits too long.
 */
final class StallWatch implements AutoCloseable {
  /**
   * The thread group of Flink's task threads ({@code org.apache.flink.runtime.taskmanager.Task}).
   */
  static final String TASK_THREAD_GROUP = "Flink Task Threads";

  /** Task states of a job that is doing something or about to. */
  private static final Set<String> ACTIVE =
      Set.of("SCHEDULED", "DEPLOYING", "INITIALIZING", "RUNNING", "CANCELING", "RECONCILING");

  private static final Duration POLL = Duration.ofSeconds(5);

  /** How many of the job's tasks are active now; -1 when it cannot be told. */
  interface Probe {
    int activeTasks();
  }

  private final Thread thread;
  private final AtomicReference<String> stall = new AtomicReference<>();

  private StallWatch(Probe probe, Duration patience, Duration poll, Runnable onStall) {
    thread = new Thread(() -> watch(probe, patience, poll, onStall), "salvage-stall-watch");
    thread.setDaemon(true);
  }

  /**
   * Watches the job until {@link #close}; after {@code patience} with no task active it records the
   * stall and runs {@code onStall} (which ends the job).
   */
  static StallWatch start(Probe probe, Duration patience, Runnable onStall) {
    return start(probe, patience, POLL, onStall);
  }

  static StallWatch start(Probe probe, Duration patience, Duration poll, Runnable onStall) {
    StallWatch watch = new StallWatch(probe, patience, poll, onStall);
    watch.thread.start();
    return watch;
  }

  /** The explanation of the stall the watch found, or null when it found none. */
  String stall() {
    return stall.get();
  }

  @Override
  public void close() {
    thread.interrupt();
  }

  private void watch(Probe probe, Duration patience, Duration poll, Runnable onStall) {
    Idle idle = new Idle(patience.toNanos());
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(poll.toMillis());
        if (idle.stalled(probe.activeTasks(), System.nanoTime())) {
          stall.set(explanation(patience));
          onStall.run();
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed: the job ended
    }
  }

  static String explanation(Duration patience) {
    return "The run stopped: its Flink job has run no task for "
        + patience.toMinutes()
        + " minute(s) without finishing (Flink stopped scheduling the job's next tasks), so it"
        + " would never end. No records were written (the output directory stays marked"
        + " RUN-NOT-FINISHED). This is a defect in Salvage's pipeline plan, not in the inputs:"
        + " report it with the command line. --stall-minutes sets how long a job may have no"
        + " running task.";
  }

  /**
   * Tracks how long a job has had no active task. Its first observation starts the clock: a job not
   * yet started has no tasks either, for at most the patience.
   */
  static final class Idle {
    private final long patienceNanos;
    private long idleSince = Long.MIN_VALUE;

    Idle(long patienceNanos) {
      this.patienceNanos = patienceNanos;
    }

    /** Whether the job stalled, given its active tasks ({@code -1}: unknown) at {@code now}. */
    boolean stalled(int activeTasks, long now) {
      if (activeTasks != 0) {
        idleSince = Long.MIN_VALUE;
        return false;
      }
      if (idleSince == Long.MIN_VALUE) {
        idleSince = now;
      }
      return now - idleSince >= patienceNanos;
    }
  }

  /** Flink's task threads alive in this JVM: embedded Flink. */
  static Probe taskThreadsHere() {
    return () -> {
      int active = 0;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        ThreadGroup group = t.getThreadGroup();
        if (group != null && TASK_THREAD_GROUP.equals(group.getName()) && t.isAlive()) {
          active++;
        }
      }
      return active;
    };
  }

  /** The active tasks of job {@code jobId} on the cluster at {@code master} (HOST:PORT). */
  static Probe clusterJob(String master, String jobId) {
    return () -> {
      try {
        JsonNode job = ClusterJob.describe(master, jobId);
        // a job not submitted yet, or a cluster that does not answer: not a sign of a stall
        return job == null ? -1 : activeTasks(job);
      } catch (IOException e) {
        return -1;
      }
    };
  }

  /**
   * The active tasks in a job's {@code GET /jobs/ID} answer: the parallel tasks of its vertices in
   * a state that is doing something; -1 for a job no longer running (it ends on its own).
   */
  static int activeTasks(JsonNode job) {
    if (!"RUNNING".equals(job.path("state").asText())) {
      return -1;
    }
    int active = 0;
    for (JsonNode vertex : job.path("vertices")) {
      JsonNode tasks = vertex.path("tasks");
      for (String state : ACTIVE) {
        active += tasks.path(state).asInt(0);
      }
    }
    return active;
  }
}
