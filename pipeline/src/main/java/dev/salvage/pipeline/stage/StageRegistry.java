package dev.salvage.pipeline.stage;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the stage meters of this process have counted so far. When Flink runs embedded (or on the
 * DirectRunner) every DoFn runs in this JVM, so the console can show progress while the job runs:
 * Flink's batch job gives the client no metrics until it has finished. On a cluster the workers
 * count in their own JVMs and this stays empty.
 */
public final class StageRegistry {
  private static final Map<Stage, Edges> STAGES = new ConcurrentHashMap<>();
  private static final Map<String, LongAdder> READ_BY_SOURCE = new ConcurrentHashMap<>();

  private StageRegistry() {}

  /** Forgets everything: called when a run starts, so a second run in the JVM starts at zero. */
  public static void reset() {
    STAGES.clear();
    READ_BY_SOURCE.clear();
  }

  static void record(Stage stage, StageMeter.Edge edge, long nowMillis, String source) {
    Edges edges = STAGES.computeIfAbsent(stage, s -> new Edges());
    edges.count(edge).increment();
    edges.first.compareAndSet(0, nowMillis);
    long last;
    while (nowMillis > (last = edges.last.get()) && !edges.last.compareAndSet(last, nowMillis)) {
      // another thread moved it; try again
    }
    if (source != null) {
      READ_BY_SOURCE.computeIfAbsent(source, s -> new LongAdder()).increment();
    }
  }

  /** A consistent-enough copy for printing: counts only grow. */
  public static Snapshot snapshot() {
    Map<Stage, Snapshot.Counts> stages = new EnumMap<>(Stage.class);
    STAGES.forEach(
        (stage, edges) ->
            stages.put(
                stage,
                new Snapshot.Counts(
                    edges.in.sum(), edges.out.sum(), edges.first.get(), edges.last.get())));
    Map<String, Long> bySource = new TreeMap<>();
    READ_BY_SOURCE.forEach((source, n) -> bySource.put(source, n.sum()));
    return new Snapshot(stages, bySource);
  }

  /**
   * Everything counted so far, in and out of every stage: it grows while the job gets anywhere, so
   * a job whose count stands still for minutes waits on something that does not come.
   */
  public static long counted() {
    long counted = 0;
    for (Edges edges : STAGES.values()) {
      counted += edges.in.sum() + edges.out.sum();
    }
    return counted;
  }

  /**
   * @param stages per stage that has seen an element, its counts
   * @param readBySource records read per source, sorted by source
   */
  public record Snapshot(Map<Stage, Counts> stages, Map<String, Long> readBySource) {
    public Snapshot {
      Map<Stage, Counts> inOrder = new EnumMap<>(Stage.class);
      inOrder.putAll(stages);
      stages = Collections.unmodifiableMap(inOrder);
      readBySource = Collections.unmodifiableMap(new TreeMap<>(readBySource));
    }

    /**
     * @param in elements that entered the stage
     * @param out elements it emitted
     * @param firstMillis when the first element passed a meter of the stage (epoch millis)
     * @param lastMillis when the last one did
     */
    public record Counts(long in, long out, long firstMillis, long lastMillis) {}

    /** Nothing counted: Flink is starting, or runs elsewhere. */
    public boolean isEmpty() {
      return stages.isEmpty();
    }

    /**
     * The stage the run has reached, or null: the furthest stage that has seen an element from a
     * stage before it that has emitted some. Evidence and the quarantine reach the write stage
     * while matching is still at work; that is not the run reaching it.
     */
    public Stage current() {
      Stage current = null;
      for (Map.Entry<Stage, Counts> stage : stages.entrySet()) {
        if (current == null) {
          current = stage.getKey();
        } else if (stage.getValue().in() > 0 && stages.get(current).out() > 0) {
          current = stage.getKey();
        } else {
          break;
        }
      }
      return current;
    }
  }

  private static final class Edges {
    final LongAdder in = new LongAdder();
    final LongAdder out = new LongAdder();
    final AtomicLong first = new AtomicLong();
    final AtomicLong last = new AtomicLong();

    LongAdder count(StageMeter.Edge edge) {
      return edge == StageMeter.Edge.IN ? in : out;
    }
  }
}
