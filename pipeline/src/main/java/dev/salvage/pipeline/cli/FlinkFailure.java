package dev.salvage.pipeline.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.util.SerializedThrowable;

/**
 * What a failed Flink job means for the operator: Beam's FlinkRunner reports every failure as
 * {@code RuntimeException: Pipeline execution failed}, with Flink's reason several causes down
 * (and, from a cluster, possibly as a {@link SerializedThrowable} naming the original class). This
 * walks the cause chain, recognises the failures seen on clusters (docs/cluster.md, "When it
 * fails") and says which setting to change.
 *
 * @param kind what went wrong
 * @param cause the cause that says so, as {@code class: message}
 * @param advice what to change, one or more sentences
 */
record FlinkFailure(Kind kind, String cause, String advice) {
  /** The failures Salvage can explain. */
  enum Kind {
    OUT_OF_MEMORY,
    NO_SPACE,
    NETWORK_BUFFERS,
    NOT_ENOUGH_SLOTS,
    UNREACHABLE_MASTER,
    LOST_TASK_MANAGER,
    OTHER
  }

  FlinkFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(advice, "advice");
  }

  /**
   * Explains a failure of {@code pipeline.run()} or {@code waitUntilFinish()}.
   *
   * @param failure what the runner threw
   * @param master the --flink-master value, "[local]" for the embedded Flink
   * @param parallelism the job's parallelism
   */
  static FlinkFailure explain(Throwable failure, String master, int parallelism) {
    return explain(
        failure,
        master,
        parallelism,
        new FreeSpace(List.of(), FreeSpace.Room.ofFileStores()),
        Runtime.getRuntime().maxMemory());
  }

  /**
   * Explains a failure of {@code pipeline.run()} or {@code waitUntilFinish()}.
   *
   * @param failure what the runner threw
   * @param master the --flink-master value, "[local]" for the embedded Flink
   * @param parallelism the job's parallelism
   * @param space the directories the run writes, named when a write failed for want of space
   * @param maxHeap this JVM's heap limit in bytes (Runtime.maxMemory), named when it ran out
   */
  static FlinkFailure explain(
      Throwable failure, String master, int parallelism, FreeSpace space, long maxHeap) {
    boolean embedded = master.equals("[local]");
    List<Throwable> chain = chain(failure);
    // first: a JVM out of memory fails whatever it was doing, and the rest of the chain is that
    for (Throwable t : chain) {
      if (isA(t, "java.lang.OutOfMemoryError")) {
        return new FlinkFailure(
            Kind.OUT_OF_MEMORY,
            describe(t),
            embedded
                ? "The embedded Flink runs in this JVM, whose heap was "
                    + FreeSpace.bytes(maxHeap)
                    + " (-Xmx): give it more, e.g. SALVAGE_JAVA_OPTS=-Xmx"
                    + twice(maxHeap)
                    + " ./salvage run ... (java -Xmx"
                    + twice(maxHeap)
                    + " -jar salvage.jar run ... when running the jar)"
                    + (parallelism > 1
                        ? ", or run with --parallelism 1 (each parallel task holds its own"
                            + " records; this run had "
                            + parallelism
                            + ")."
                        : ".")
                : "A TaskManager of the cluster ran out of memory: give its tasks more heap"
                    + " (taskmanager.memory.task.heap.size, or taskmanager.memory.process.size, in"
                    + " the TaskManagers' Flink configuration; restart them), or run with a lower"
                    + " --parallelism than "
                    + parallelism
                    + ".");
      }
    }
    // the innermost: the wrappers outside it repeat its message after their own class
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      String message = String.valueOf(t.getMessage());
      if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
        return new FlinkFailure(Kind.NO_SPACE, describe(t), space.afterNoSpace(failure));
      }
    }
    for (Throwable t : chain) {
      String message = String.valueOf(t.getMessage());
      // too few buffers in all, or too few free in time: a graph with one shuffle more (the mail
      // copies kept once) waits for buffers other tasks hold and times out, the same remedy
      if (message.contains("Insufficient number of network buffers")
          || message.contains("Timeout triggered when requesting exclusive buffers")) {
        return new FlinkFailure(
            Kind.NETWORK_BUFFERS,
            describe(t),
            embedded
                ? "The embedded Flink has too little network memory for this job at parallelism "
                    + parallelism
                    + ": raise it with --flink-conf taskmanager.memory.network.min=SIZE and"
                    + " --flink-conf taskmanager.memory.network.max=SIZE (at least 160m per"
                    + " parallel task), or lower --parallelism."
                : "The cluster's TaskManagers have too little network memory for this job: set"
                    + " taskmanager.memory.network.min and taskmanager.memory.network.max to at"
                    + " least 160m per task slot (256m at least) in the TaskManagers' Flink"
                    + " configuration and restart them (a job cannot change it), or run with a"
                    + " lower --parallelism than "
                    + parallelism
                    + " (docs/cluster.md, Network memory).");
      }
    }
    for (Throwable t : chain) {
      if (isA(t, "org.apache.flink.runtime.jobmanager.scheduler.NoResourceAvailableException")) {
        return new FlinkFailure(
            Kind.NOT_ENOUGH_SLOTS,
            describe(t),
            "The cluster could not give the job "
                + parallelism
                + " task slot(s) (one per parallel task): lower --parallelism to at most the"
                + " free slots (slots-available of GET /overview on the REST address) or add"
                + " TaskManagers.");
      }
    }
    for (Throwable t : chain) {
      String message = String.valueOf(t.getMessage());
      if (isA(t, "org.apache.flink.runtime.io.network.netty.exception.RemoteTransportException")
          || message.contains("Connection unexpectedly closed by remote task manager")
          || message.contains("is no longer reachable")
          // a TaskManager killed before its tasks were deployed: the JobManager cannot reach it
          || (message.contains("recipient is unreachable") && message.contains("taskmanager"))
          || (message.contains("Heartbeat of TaskManager") && message.contains("timed out"))) {
        return new FlinkFailure(
            Kind.LOST_TASK_MANAGER,
            describe(t),
            "A TaskManager was lost during the run: it died (out of memory, killed) or stopped"
                + " answering. Read its log; give TaskManagers more"
                + " taskmanager.memory.process.size per slot, or a longer heartbeat.timeout on a"
                + " loaded machine. The job does not restart by itself: run again.");
      }
    }
    boolean submission = false;
    for (Throwable t : chain) {
      submission |= isA(t, "org.apache.flink.runtime.client.JobSubmissionException");
      if (isA(t, "java.net.ConnectException")
          || isA(t, "java.net.UnknownHostException")
          || isA(t, "java.net.NoRouteToHostException")
          || (submission && isA(t, "java.util.concurrent.TimeoutException"))) {
        return new FlinkFailure(
            Kind.UNREACHABLE_MASTER,
            describe(t),
            embedded
                ? "The embedded Flink could not reach its own services on this machine (loopback):"
                    + " check that nothing blocks local connections."
                // the run asked the cluster's /overview before submitting: it answered then
                : "Nothing answers at --flink-master "
                    + master
                    + " any more, where the cluster answered when the run started: the"
                    + " JobManager stopped or the network to it failed during the run. Check that"
                    + " the cluster runs (scripts/flink-cluster status, or its web UI), then rerun"
                    + " into the same --out.");
      }
    }
    Throwable root = chain.get(chain.size() - 1);
    return new FlinkFailure(
        Kind.OTHER,
        describe(root),
        embedded
            ? "The job failed; the cause chain below says where."
            : "The job failed on the cluster; the cause chain below says where, and"
                + " GET /jobs/<id>/exceptions on the REST address names the task and"
                + " TaskManager.");
  }

  /** The lines to print: what failed, Flink's cause, what to change. */
  String report(String master) {
    String where = master.equals("[local]") ? "the embedded Flink" : "Flink at " + master;
    String what =
        switch (kind) {
          case OUT_OF_MEMORY -> "the JVM ran out of memory";
          case NO_SPACE -> "no space left on a disk it writes";
          case NETWORK_BUFFERS -> "not enough network buffers";
          case NOT_ENOUGH_SLOTS -> "not enough free task slots";
          case UNREACHABLE_MASTER -> "the JobManager cannot be reached";
          case LOST_TASK_MANAGER -> "a TaskManager was lost";
          case OTHER -> "the job failed";
        };
    return "The run failed on "
        + where
        + ": "
        + what
        + "\n  Flink's cause: "
        + cause
        + "\n  "
        + advice;
  }

  /**
   * Prints where the innermost cause was thrown, for a failure Salvage cannot explain: Flink's own
   * log of the failed task's stack is off (SalvageCli), so this is the one stack on the console. A
   * failure explained above (memory, space, network buffers, slots, a lost TaskManager, the master)
   * says what to change and needs no stack.
   */
  void printWhere(Throwable failure, PrintWriter err) {
    if (kind != Kind.OTHER) {
      return;
    }
    List<Throwable> chain = chain(failure);
    Throwable root = chain.get(chain.size() - 1);
    err.println("Thrown at:");
    for (StackTraceElement frame : root.getStackTrace()) {
      err.println("  at " + frame);
    }
  }

  private static final long QUARTER_GIB = 256L * 1024 * 1024;

  /**
   * A heap twice {@code bytes}, rounded up to 256 MB, as -Xmx takes it: whole gigabytes, else
   * megabytes. Runtime.maxMemory is a little under -Xmx (the collector keeps a survivor space).
   */
  static String twice(long bytes) {
    long quarters = Math.max(1, (2 * bytes + QUARTER_GIB - 1) / QUARTER_GIB);
    long mib = quarters * 256;
    return mib % 1024 == 0 ? (mib / 1024) + "g" : mib + "m";
  }

  /** The causes from the outermost in, each once (a chain may loop). */
  static List<Throwable> chain(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /**
   * Whether the throwable is of the class, or a subclass; a {@link SerializedThrowable} (a cause
   * the client could not deserialise) by the name of the class it stands for.
   */
  private static boolean isA(Throwable t, String className) {
    if (t instanceof SerializedThrowable serialized) {
      return serialized.getOriginalErrorClassName().equals(className);
    }
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }

  /** {@code class: first line of the message}; a SerializedThrowable's toString names its class. */
  private static String describe(Throwable t) {
    String text = t.toString();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
