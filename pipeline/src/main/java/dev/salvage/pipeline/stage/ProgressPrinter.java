package dev.salvage.pipeline.stage;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The console's progress during long work. For a run's pipeline: the stage it has reached and the
 * records read per source with their rate; for other work (a fetch), what its {@link Activity}
 * says. On a terminal one line redrawn every {@value #TERMINAL_INTERVAL_SECONDS} s; otherwise (a
 * log, CI) a line when the work reaches a new step and at most every {@value #LOG_INTERVAL_SECONDS}
 * s in between, so logs stay short. A run's counts come from {@link StageRegistry}: when Flink runs
 * on a cluster they stay empty and the line says only that the run is still working.
 */
public final class ProgressPrinter implements AutoCloseable {
  static final int TERMINAL_INTERVAL_SECONDS = 2;
  static final int LOG_INTERVAL_SECONDS = 30;
  static final String NO_COUNTS_YET = "working (no stage counts yet)";
  static final String NO_COUNTS_ON_A_CLUSTER =
      "working (on a Flink cluster the stage counts come only at the end; its web UI shows the"
          + " job's tasks)";

  /** Where the progress goes, which decides how it is drawn. */
  public enum Mode {
    /** One line, redrawn in place. */
    TERMINAL,
    /** Whole lines, one per stage reached and per {@value #LOG_INTERVAL_SECONDS} s. */
    LOG
  }

  /**
   * Long work other than a run's pipeline, as the progress line tells it. Called from the printer's
   * own thread: implementations read state that another thread updates.
   */
  public interface Activity {
    /** The step reached (a log gets a line whenever it changes); null before the first. */
    Object step();

    /** The line's text after the elapsed time, with rates over the given seconds. */
    String describe(double secondsSinceLastLine);
  }

  private final PrintWriter out;
  private final Mode mode;
  private final Supplier<StageRegistry.Snapshot> counts;
  private final Activity activity;
  private final LongSupplier clock;
  private final String noCounts;
  private final long started;
  private final Map<String, Long> lastRead = new HashMap<>();
  private final Map<Stage, Long> lastStageIn = new java.util.EnumMap<>(Stage.class);
  private long lastMillis;
  private long lastPrinted;
  private Object lastStep;
  private int drawnWidth;
  private ScheduledExecutorService timer;

  ProgressPrinter(
      PrintWriter out,
      Mode mode,
      Supplier<StageRegistry.Snapshot> counts,
      String noCounts,
      LongSupplier clock) {
    this(out, mode, counts, null, noCounts, clock);
  }

  ProgressPrinter(PrintWriter out, Mode mode, Activity activity, LongSupplier clock) {
    this(out, mode, null, activity, NO_COUNTS_YET, clock);
  }

  private ProgressPrinter(
      PrintWriter out,
      Mode mode,
      Supplier<StageRegistry.Snapshot> counts,
      Activity activity,
      String noCounts,
      LongSupplier clock) {
    this.out = out;
    this.mode = mode;
    this.counts = counts;
    this.activity = activity;
    this.noCounts = noCounts;
    this.clock = clock;
    this.started = clock.getAsLong();
    this.lastMillis = started;
    this.lastPrinted = started;
  }

  /**
   * Starts printing this process's progress to {@code out} every few seconds.
   *
   * @param mode {@link Mode#TERMINAL} when {@code out} is a terminal
   */
  public static ProgressPrinter start(PrintWriter out, Mode mode) {
    return started(
        new ProgressPrinter(
            out, mode, StageRegistry::snapshot, NO_COUNTS_YET, System::currentTimeMillis));
  }

  /**
   * Starts printing the progress of a run whose pipeline runs on a Flink cluster, whose counts stay
   * in the workers' JVMs until the job ends: the line says so while there are none.
   *
   * @param mode {@link Mode#TERMINAL} when {@code out} is a terminal
   */
  public static ProgressPrinter startOnCluster(PrintWriter out, Mode mode) {
    return started(
        new ProgressPrinter(
            out, mode, StageRegistry::snapshot, NO_COUNTS_ON_A_CLUSTER, System::currentTimeMillis));
  }

  /**
   * Starts printing the progress of other long work to {@code out} every few seconds.
   *
   * @param mode {@link Mode#TERMINAL} when {@code out} is a terminal
   */
  public static ProgressPrinter start(PrintWriter out, Mode mode, Activity activity) {
    return started(new ProgressPrinter(out, mode, activity, System::currentTimeMillis));
  }

  private static ProgressPrinter started(ProgressPrinter printer) {
    Mode mode = printer.mode;
    printer.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "salvage-progress");
              thread.setDaemon(true);
              return thread;
            });
    int every = mode == Mode.TERMINAL ? TERMINAL_INTERVAL_SECONDS : 1;
    printer.timer.scheduleAtFixedRate(printer::tick, every, every, TimeUnit.SECONDS);
    return printer;
  }

  /** The mode for the console: a terminal when the JVM has one. */
  public static Mode consoleMode() {
    return System.console() != null ? Mode.TERMINAL : Mode.LOG;
  }

  /** Looks at the counts and prints when the mode says so. */
  synchronized void tick() {
    long now = clock.getAsLong();
    StageRegistry.Snapshot snapshot = counts == null ? null : counts.get();
    Object step = snapshot == null ? activity.step() : snapshot.current();
    boolean newStep = step != null && !step.equals(lastStep);
    if (mode == Mode.LOG && !newStep && now - lastPrinted < LOG_INTERVAL_SECONDS * 1000L) {
      return;
    }
    String line = snapshot == null ? activityLine(now) : line(snapshot, now);
    lastStep = step;
    lastPrinted = now;
    if (mode == Mode.TERMINAL) {
      // redraw in place; pad over the rest of a longer previous line
      out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
      drawnWidth = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** One line of an activity's progress. */
  String activityLine(long now) {
    double seconds = Math.max(0.001, (now - lastMillis) / 1000.0);
    lastMillis = now;
    return elapsed(now) + ' ' + activity.describe(seconds);
  }

  private String elapsed(long now) {
    long elapsed = (now - started) / 1000;
    return String.format("  [%d:%02d]", elapsed / 60, elapsed % 60);
  }

  /** One progress line; rates are per second since the previous line. */
  String line(StageRegistry.Snapshot snapshot, long now) {
    StringBuilder line = new StringBuilder(elapsed(now));
    Stage stage = snapshot.current();
    String reading = snapshot.reading().describe();
    if (stage == null && reading != null) {
      line.append(' ').append(reading);
    } else if (stage == null) {
      line.append(' ').append(noCounts);
    } else {
      line.append(' ').append(stage.label());
      double seconds = Math.max(0.001, (now - lastMillis) / 1000.0);
      if (snapshot.reading().allEnded()) {
        // every partition read: the per-source counts stand still, and a line per source at
        // 0/s made each line of a big run's log 280 characters long (trial 80); said so too
        // while the read records wait in an exchange for the next stage to take them
        long read = snapshot.readBySource().values().stream().mapToLong(Long::longValue).sum();
        line.append(" | read ").append(String.format("%,d", read)).append(", every partition done");
        lastRead.putAll(snapshot.readBySource());
      } else {
        String separator = " | read ";
        for (Map.Entry<String, Long> source : snapshot.readBySource().entrySet()) {
          long rate =
              Math.round(
                  (source.getValue() - lastRead.getOrDefault(source.getKey(), 0L)) / seconds);
          line.append(separator)
              .append(source.getKey())
              .append(' ')
              .append(String.format("%,d", source.getValue()))
              .append(" (")
              .append(String.format("%,d", rate))
              .append("/s)");
          separator = ", ";
          lastRead.put(source.getKey(), source.getValue());
        }
      }
      for (Stage later : Stage.values()) {
        StageRegistry.Snapshot.Counts of = snapshot.stages().get(later);
        if (later.compareTo(Stage.READ) > 0 && of != null) {
          line.append(" | ")
              .append(later.label())
              .append(' ')
              .append(String.format("%,d", of.in()));
          if (later == stage) {
            // the stage at work gets a rate too, as the sources do while they are read
            long rate = Math.round((of.in() - lastStageIn.getOrDefault(later, 0L)) / seconds);
            line.append(" (").append(String.format("%,d", rate)).append("/s)");
          }
          lastStageIn.put(later, of.in());
        }
      }
    }
    lastMillis = now;
    return line.toString();
  }

  /** Stops printing; on a terminal ends the redrawn line. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (mode == Mode.TERMINAL && drawnWidth > 0) {
      out.println();
      out.flush();
    }
  }
}
