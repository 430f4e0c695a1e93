package dev.salvage.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Ends a run whose Flink job stalled: the job not finished and no task of it scheduled or running
 * for the patience given, or, where the stage meters count in this JVM (embedded Flink), nothing
 * counted for that long whatever the tasks' states. Flink's batch scheduler waits forever when the
 * plan's pipelined regions wait on each other in a cycle (a change to the pipeline once made every
 * run do that: job RUNNING, every task CREATED), and the run then printed "working" until someone
 * killed it. Between two stages Flink schedules the next within milliseconds, so minutes with
 * nothing running is a stall, never a slow stage. Tasks can also wait while RUNNING: with its temp
 * directory full, embedded Flink's reading tasks waited for ever in {@code
 * LocalBufferPool.requestMemorySegmentBlocking} for buffers its spilling could not free, and the
 * run printed "working" for ten minutes until it was killed. Every stage's meters count each
 * element, so minutes without a count are no slow stage either. The watch also ends the job when a
 * directory the run writes is nearly full ({@link FreeSpace}), saying which.
 *
 * <p>Embedded Flink runs its tasks in this JVM, each in a thread of the group "Flink Task Threads":
 * the watch counts them. A cluster's tasks are asked of its REST API ({@code GET /jobs/ID}); tasks
 * waiting for slots there count as scheduled, as Flink itself fails a job that waits too long. A
 * cluster's counts are the workers', so there the watch reads the job's vertex counts and its
 * TaskManagers' CPU from the REST API too ({@link ClusterStill}): with a TaskManager's io.tmp.dirs
 * full, its tasks stayed RUNNING and parked, and the run printed "working" for ever (trial 80).
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
  private volatile boolean outOfRoom;

  /**
   * What the watch looks at.
   *
   * @param tasks the job's active tasks
   * @param progress a count that grows while the job gets anywhere; -1 when it cannot be told (the
   *     workers count in other JVMs)
   * @param cpu the CPU time the job's JVM has used, in nanoseconds, or -1 when it cannot be told:
   *     tasks that count nothing while they compute (one sample's model fit, a large sort) are
   *     working, where tasks parked for buffers use none
   * @param room what to say of a directory the run writes that is nearly full, or null when each
   *     has room
   * @param elsewhere why a job whose tasks run in other JVMs (a cluster's) stalled, given the time
   *     now in nanoseconds, or null when it did not ({@link ClusterStill#stalled})
   */
  record Signals(
      Probe tasks,
      LongSupplier progress,
      LongSupplier cpu,
      Supplier<String> room,
      LongFunction<String> elsewhere) {
    /** Signals of this JVM: nothing watched elsewhere. */
    Signals(Probe tasks, LongSupplier progress, LongSupplier cpu, Supplier<String> room) {
      this(tasks, progress, cpu, room, now -> null);
    }

    /** The tasks alone: no counts here, no directory watched. */
    static Signals tasksOnly(Probe tasks) {
      return new Signals(tasks, () -> -1, () -> -1, () -> null);
    }

    /**
     * A job on a cluster ({@link ClusterStill}): its tasks, its counts and its TaskManagers' CPU
     * asked of the REST API, and the directories this JVM writes.
     */
    static Signals cluster(ClusterStill job, Supplier<String> room) {
      return new Signals(job::activeTasks, () -> -1, () -> -1, room, job::stalled);
    }
  }

  /** This JVM's CPU time in nanoseconds, or -1 when the platform does not say. */
  static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  private StallWatch(Signals signals, Duration patience, Duration poll, Runnable onStall) {
    thread = new Thread(() -> watch(signals, patience, poll, onStall), "salvage-stall-watch");
    thread.setDaemon(true);
  }

  /**
   * Watches the job until {@link #close}; after {@code patience} with no task active or nothing
   * counted, or as soon as a directory is nearly full, it records why and runs {@code onStall}
   * (which ends the job).
   */
  static StallWatch start(Signals signals, Duration patience, Runnable onStall) {
    return start(signals, patience, POLL, onStall);
  }

  static StallWatch start(Signals signals, Duration patience, Duration poll, Runnable onStall) {
    StallWatch watch = new StallWatch(signals, patience, poll, onStall);
    watch.thread.start();
    return watch;
  }

  /** Why the watch ended the job (a stall or a full directory), or null when it did not. */
  String stall() {
    return stall.get();
  }

  /** Whether the watch ended the job because a directory the run writes was nearly full. */
  boolean outOfRoom() {
    return outOfRoom;
  }

  @Override
  public void close() {
    thread.interrupt();
  }

  private void watch(Signals signals, Duration patience, Duration poll, Runnable onStall) {
    Idle idle = new Idle(patience.toNanos());
    Still still = new Still(patience.toNanos());
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(poll.toMillis());
        long now = System.nanoTime();
        String why = signals.room().get();
        outOfRoom = why != null;
        if (why == null && idle.stalled(signals.tasks().activeTasks(), now)) {
          why = explanation(patience);
        }
        if (why == null
            && still.stalled(signals.progress().getAsLong(), signals.cpu().getAsLong(), now)) {
          why = nothingCounted(patience);
        }
        if (why == null) {
          why = signals.elsewhere().apply(now);
        }
        if (why != null) {
          stall.set(why);
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

  static String nothingCounted(Duration patience) {
    return "The run stopped: its Flink job has counted no record for "
        + patience.toMinutes()
        + " minute(s) without finishing though its tasks are running: they wait for something"
        + " that does not come, so it would never end. No records were written (the output"
        + " directory stays marked RUN-NOT-FINISHED). Seen so far: embedded Flink's tasks waiting"
        + " for buffers its spilling could not free, the temp directory full (the run now stops"
        + " by itself when a directory it writes is nearly full, so check the free space of"
        + " --tmp-dir and --out all the same), and a heap too small. jstack PID shows where the"
        + " tasks wait; --stall-minutes sets how long a job may count nothing.";
  }

  /**
   * Tracks how long a job's count of elements has not moved. Its first observation starts the
   * clock, as Flink's start-up counts nothing either; an unknown count ({@code -1}) says nothing.
   */
  static final class Still {
    /**
     * The share of one core below which a JVM whose count stands still is taken for waiting: the
     * progress printer, the watch and the GC use a little while tasks wait.
     */
    static final double BUSY_SHARE = 0.1;

    private final long patienceNanos;
    private long last = -1;
    private long since;
    private long cpuSince = -1;

    Still(long patienceNanos) {
      this.patienceNanos = patienceNanos;
    }

    /** Whether the job stalled, given its count ({@code -1}: unknown) at {@code now}. */
    boolean stalled(long counted, long now) {
      return stalled(counted, -1, now);
    }

    /**
     * Whether the job stalled, given its count ({@code -1}: unknown) and the CPU time used so far
     * ({@code -1}: unknown) at {@code now}: nothing counted for the patience, and, where the CPU
     * time is known, less than {@link #BUSY_SHARE} of a core used meanwhile (a stage computing
     * without counting starts the clock again).
     */
    boolean stalled(long counted, long cpu, long now) {
      if (counted < 0) {
        last = -1;
        return false;
      }
      if (counted != last) {
        last = counted;
        since = now;
        cpuSince = cpu;
        return false;
      }
      if (now - since < patienceNanos) {
        return false;
      }
      if (cpu >= 0 && cpuSince >= 0 && cpu - cpuSince >= BUSY_SHARE * (now - since)) {
        since = now;
        cpuSince = cpu;
        return false;
      }
      return true;
    }
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
