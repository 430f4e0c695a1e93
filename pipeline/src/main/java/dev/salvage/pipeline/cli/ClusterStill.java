package dev.salvage.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Watches a job on a Flink cluster for the stall a run's own meters cannot see there: tasks {@code
 * RUNNING} and parked for good, the job's counts standing still and its TaskManagers idle. Measured
 * (trial 80, and again 2026-12-07): with a TaskManager's {@code io.tmp.dirs} full, its tasks wait
 * in {@code LocalBufferPool.requestMemorySegmentBlocking} for buffers their sort-shuffle cannot
 * write out, no error in any log, and the run printed "working" for ever.
 *
 * <p>It reads what the cluster's REST API says: the job's vertices ({@code GET /jobs/ID}: each
 * vertex's task states and its {@code metrics} read-records, write-records, read-bytes,
 * write-bytes, which Flink's metric fetcher refreshes about every 10 s), and, once these stood
 * still a poll, the CPU time of each TaskManager running the job's tasks ({@code GET
 * /jobs/ID/vertices/VID/taskmanagers}, then {@code GET
 * /taskmanagers/TM/metrics?get=Status.JVM.CPU.Time}). The job stalled when for the patience no
 * count and no task state moved AND every one of those TaskManagers used less than {@link
 * StallWatch.Still#BUSY_SHARE} of a core. What it cannot see is never taken for "nothing moved": a
 * REST call that fails or times out is no observation (said once), a running vertex whose metrics
 * Flink has not reported yet makes the counts unknown, and a TaskManager whose CPU time it does not
 * know counts as busy. Counts only grow, so comparing two known observations across such a gap
 * still says whether anything moved in between.
 */
final class ClusterStill {
  /** The counts of a vertex, as {@code GET /jobs/ID} names them in each vertex's metrics. */
  static final List<String> COUNTS =
      List.of("read-records", "write-records", "read-bytes", "write-bytes");

  /** The TaskManager metric read: the JVM's CPU time in nanoseconds, a number in a string. */
  static final String CPU_TIME = "Status.JVM.CPU.Time";

  /** Asks the cluster's REST API ({@link ClusterJob#get}); a test answers from a map. */
  interface Rest {
    /** The answer to {@code GET path}, or null for 404; IOException when there is none. */
    JsonNode get(String path) throws IOException;
  }

  private final Rest rest;
  private final String master;
  private final String jobId;
  private final long patienceNanos;
  private final boolean onCounts;
  private final Consumer<String> note;

  private JsonNode job;
  private String jobFailure;
  private boolean saidJobFailure;
  private boolean saidCpuUnknown;
  private boolean saidCountsUnknown;

  private Progress last;
  private long since;
  private long unknownSince = Long.MIN_VALUE;
  private Map<String, Long> cpuStart;
  private long cpuStartAt;

  /**
   * @param master the cluster's REST address HOST:PORT
   * @param jobId the job watched
   * @param patienceNanos how long nothing may move
   * @param onCounts whether standing counts are a stall at all (not while the job reads a network
   *     source, which may wait on its server that long with nothing counted and nothing computed)
   * @param note where to say, once, what the watch cannot see
   */
  ClusterStill(
      Rest rest,
      String master,
      String jobId,
      long patienceNanos,
      boolean onCounts,
      Consumer<String> note) {
    this.rest = rest;
    this.master = master;
    this.jobId = jobId;
    this.patienceNanos = patienceNanos;
    this.onCounts = onCounts;
    this.note = note;
  }

  /** The watch of job {@code jobId} on the cluster at {@code master} (HOST:PORT). */
  static ClusterStill of(
      String master, String jobId, long patienceNanos, boolean onCounts, Consumer<String> note) {
    return new ClusterStill(
        path -> ClusterJob.get(master, path), master, jobId, patienceNanos, onCounts, note);
  }

  /**
   * Asks the cluster for the job once a poll (the answer is kept for {@link #stalled}): its active
   * tasks ({@link StallWatch#activeTasks}), or -1 when the job is unknown, no longer running, or
   * the cluster does not answer (said once).
   */
  int activeTasks() {
    job = null;
    try {
      job = rest.get("/jobs/" + jobId);
    } catch (IOException e) {
      jobFailure = describe(e);
      if (!saidJobFailure) {
        saidJobFailure = true;
        note.accept(
            "Note: the Flink cluster at "
                + master
                + " did not answer for job "
                + jobId
                + " ("
                + jobFailure
                + "); the run keeps watching it (a cluster that does not answer is not taken for a"
                + " stalled job, and this is said once)");
      }
      return -1;
    }
    return job == null ? -1 : StallWatch.activeTasks(job);
  }

  /**
   * Why the job stalled, or null: judged on the answer {@link #activeTasks} got this poll, at
   * {@code now} (nanoseconds).
   */
  String stalled(long now) {
    JsonNode seen = job;
    job = null;
    if (!onCounts || seen == null || !"RUNNING".equals(seen.path("state").asText())) {
      return null;
    }
    Progress progress = Progress.of(seen);
    if (progress.unknownVertex() != null) {
      if (unknownSince == Long.MIN_VALUE) {
        unknownSince = now;
      }
      if (now - unknownSince >= patienceNanos && !saidCountsUnknown) {
        saidCountsUnknown = true;
        note.accept(
            "Note: Flink has not reported the record counts of the running vertex \""
                + shortName(progress.unknownVertex())
                + "\" of job "
                + jobId
                + " for "
                + minutes(now - unknownSince)
                + ", so the run cannot tell whether the job moves: it is not stopped for that (said"
                + " once). If the run only says \"working\" for long, check the TaskManagers'"
                + " logs and `df` of their io.tmp.dirs.");
      }
      return null;
    }
    unknownSince = Long.MIN_VALUE;
    if (!progress.equals(last)) {
      last = progress;
      since = now;
      cpuStart = null;
      return null;
    }
    if (cpuStart == null) {
      // the first poll that saw nothing move: the CPU time from here on tells waiting from working
      cpuStart = cpuTimes(seen);
      cpuStartAt = now;
    }
    if (now - since < patienceNanos) {
      return null;
    }
    if (cpuStart.isEmpty()) {
      // no task RUNNING (waiting for slots, deploying): the rule of no active task judges that
      cpuStart = null;
      return null;
    }
    Map<String, Long> cpuNow = cpuTimes(cpuStart.keySet());
    long window = now - cpuStartAt;
    Map<String, Double> shares = new LinkedHashMap<>();
    boolean idle = window > 0;
    for (Map.Entry<String, Long> start : cpuStart.entrySet()) {
      Long end = cpuNow.get(start.getKey());
      if (start.getValue() == null || end == null) {
        idle = false; // unknown counts as busy
        continue;
      }
      if (end.equals(start.getValue())) {
        // a live JVM uses some CPU every minute (0.015-0.03 of a core measured while parked): the
        // same time is a metric Flink did not fetch again (metrics.fetcher.update-interval longer
        // than the patience), and then the counts may be as old
        idle = false;
        cpuUnknown(
            "TaskManager "
                + start.getKey()
                + " reported the same "
                + CPU_TIME
                + " "
                + minutes(window)
                + " apart: Flink did not fetch its metrics again (metrics.fetcher.update-interval"
                + " longer than --stall-minutes?)");
        continue;
      }
      double share = (end - start.getValue()) / (double) window;
      shares.put(start.getKey(), share);
      if (share >= StallWatch.Still.BUSY_SHARE) {
        idle = false;
      }
    }
    if (!idle) {
      // a big sort, a model fit: tasks that compute without counting; or a CPU time not known.
      // The clock starts again from here
      since = now;
      cpuStart = cpuNow;
      cpuStartAt = now;
      return null;
    }
    return message(progress, shares, now - since);
  }

  /**
   * The CPU time of each TaskManager running a task of the job now (null for one whose time is not
   * known); empty when no task runs.
   */
  private Map<String, Long> cpuTimes(JsonNode job) {
    TreeSet<String> taskManagers = new TreeSet<>();
    for (JsonNode vertex : job.path("vertices")) {
      if (vertex.path("tasks").path("RUNNING").asInt(0) == 0) {
        continue;
      }
      JsonNode answer;
      try {
        answer =
            rest.get(
                "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers");
      } catch (IOException e) {
        cpuUnknown("GET /jobs/" + jobId + "/vertices/…/taskmanagers: " + describe(e));
        answer = null;
      }
      if (answer == null) {
        // which TaskManagers run it is not known: nothing known is idle
        taskManagers.add("?");
        continue;
      }
      for (JsonNode tm : answer.path("taskmanagers")) {
        if (tm.path("status-counts").path("RUNNING").asInt(0) > 0) {
          taskManagers.add(tm.path("taskmanager-id").asText("?"));
        }
      }
    }
    return cpuTimes(taskManagers);
  }

  private Map<String, Long> cpuTimes(Iterable<String> taskManagers) {
    Map<String, Long> times = new LinkedHashMap<>();
    for (String tm : taskManagers) {
      times.put(tm, "?".equals(tm) ? null : cpuTime(tm));
    }
    return times;
  }

  /** A TaskManager's CPU time in nanoseconds, or null when Flink does not say (yet). */
  private Long cpuTime(String taskManager) {
    JsonNode answer;
    try {
      answer = rest.get("/taskmanagers/" + taskManager + "/metrics?get=" + CPU_TIME);
    } catch (IOException e) {
      cpuUnknown("TaskManager " + taskManager + ": " + describe(e));
      return null;
    }
    if (answer != null) {
      for (JsonNode metric : answer) {
        if (CPU_TIME.equals(metric.path("id").asText())) {
          try {
            return Long.valueOf(metric.path("value").asText());
          } catch (NumberFormatException e) {
            break;
          }
        }
      }
    }
    cpuUnknown("TaskManager " + taskManager + " has reported no " + CPU_TIME + " yet");
    return null;
  }

  private void cpuUnknown(String why) {
    if (!saidCpuUnknown) {
      saidCpuUnknown = true;
      note.accept(
          "Note: the run could not read the CPU time of a TaskManager running job "
              + jobId
              + " on the Flink cluster at "
              + master
              + " ("
              + why
              + "); a TaskManager whose CPU time is not known counts as busy, so a stall of the"
              + " job there is not stopped (said once)");
    }
  }

  private String message(Progress progress, Map<String, Double> shares, long stillNanos) {
    List<String> cpu = new ArrayList<>();
    shares.forEach(
        (tm, share) ->
            cpu.add(tm + " " + String.format(Locale.ROOT, "%.3f", share) + " of a core"));
    return "The run stopped: its Flink job "
        + jobId
        + " on the cluster at "
        + master
        + " counted nothing for "
        + minutes(stillNanos)
        + " without finishing though "
        + progress.runningTasks()
        + " of its tasks are RUNNING: the read and write counts of its "
        + progress.started()
        + " started vertices (records and bytes, GET /jobs/"
        + jobId
        + ") stood at "
        + progress.records()
        + " records written, and the TaskManagers running its tasks used almost no CPU ("
        + String.join(", ", cpu)
        + "; under "
        + StallWatch.Still.BUSY_SHARE
        + " counts as waiting). They wait for something that does not come, so it would never end:"
        + " the run cancelled the job. No records were written (the output directory stays marked"
        + " RUN-NOT-FINISHED). Likely causes: a TaskManager's io.tmp.dirs full (its tasks park for"
        + " network buffers their sort-shuffle cannot write out, with no error in any log): check"
        + " `df` of io.tmp.dirs on "
        + String.join(", ", shares.keySet())
        + " and give them room (docs/cluster.md, Sizes); or a shared file system (--out, the"
        + " inputs) that stopped answering on one of them. jstack of a TaskManager's JVM shows"
        + " where its tasks wait; --stall-minutes sets how long a job may count nothing.";
  }

  private static String minutes(long nanos) {
    long seconds = Math.round(nanos / 1e9);
    return seconds < 120 ? seconds + " s" : (seconds / 60) + " minutes";
  }

  private static String shortName(String name) {
    return name.length() > 120 ? name.substring(0, 120) + "…" : name;
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * What moves while a job gets anywhere: each started vertex's task states and counts. Vertices
   * not started (every task CREATED) count nothing yet and are left out, as Flink reports no
   * metrics for them ({@code read-records-complete: false}).
   *
   * @param state each started vertex's id, task states and counts
   * @param unknownVertex the name of a vertex with running tasks whose counts Flink has not all
   *     reported, or null
   */
  record Progress(
      Map<String, String> state,
      String unknownVertex,
      int started,
      int runningTasks,
      long records) {
    static Progress of(JsonNode job) {
      Map<String, String> state = new LinkedHashMap<>();
      String unknown = null;
      int running = 0;
      long records = 0;
      for (JsonNode vertex : job.path("vertices")) {
        JsonNode tasks = vertex.path("tasks");
        int all = 0;
        for (JsonNode n : tasks) {
          all += n.asInt(0);
        }
        if (all == tasks.path("CREATED").asInt(0)) {
          continue;
        }
        int runningHere = tasks.path("RUNNING").asInt(0);
        running += runningHere;
        JsonNode metrics = vertex.path("metrics");
        StringBuilder line = new StringBuilder(tasks.toString());
        for (String count : COUNTS) {
          boolean complete = metrics.path(count + "-complete").asBoolean(false);
          if (!complete && runningHere > 0 && unknown == null) {
            unknown = vertex.path("name").asText(vertex.path("id").asText());
          }
          line.append(' ').append(complete ? metrics.path(count).asText() : "?");
        }
        records += metrics.path("write-records").asLong(0);
        state.put(vertex.path("id").asText(), line.toString());
      }
      return new Progress(state, unknown, state.size(), running, records);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Progress p && state.equals(p.state);
    }

    @Override
    public int hashCode() {
      return Objects.hash(state);
    }
  }
}
