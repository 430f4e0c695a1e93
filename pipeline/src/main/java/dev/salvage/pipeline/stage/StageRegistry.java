package dev.salvage.pipeline.stage;

import static java.util.Objects.requireNonNull;

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
  // the partitions a reader has begun and not finished, each as Reading.named gives it
  private static final Map<String, LongAdder> READING = new ConcurrentHashMap<>();
  private static final LongAdder READ_TO_THE_END = new LongAdder();
  private static final AtomicLong LISTED = new AtomicLong();

  private StageRegistry() {}

  /** Forgets everything: called when a run starts, so a second run in the JVM starts at zero. */
  public static void reset() {
    STAGES.clear();
    READ_BY_SOURCE.clear();
    READING.clear();
    READ_TO_THE_END.reset();
    LISTED.set(0);
  }

  /**
   * How many partitions the run reads in this JVM; said by the client only when the workers run in
   * it (on a cluster nothing here would ever begin one).
   */
  public static void partitionsListed(long count) {
    LISTED.set(count);
  }

  /** A reader begins a partition: until records are counted, the progress line names it. */
  public static void partitionBegun(String source, String partition) {
    READING.computeIfAbsent(Reading.named(source, partition), p -> new LongAdder()).increment();
  }

  /** A reader is done with a partition, to its end or not. */
  public static void partitionEnded(String source, String partition) {
    String named = Reading.named(source, partition);
    READING.computeIfPresent(
        named,
        (p, n) -> {
          n.decrement();
          return n.sum() <= 0 ? null : n;
        });
    READ_TO_THE_END.increment();
  }

  /**
   * A reader passed on a record of {@code source}: counted as the read stage's output where it is
   * read. The meter after the reader sees the records only once Flink hands them on, which for a
   * batch job's blocking exchange is when the reading task has finished every partition it took: an
   * outside trial's 3 GB mailbox showed "no record counted yet" for three minutes of reading.
   */
  public static void recordRead(String source) {
    record(Stage.READ, StageMeter.Edge.OUT, System.currentTimeMillis(), requireNonNull(source));
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
    return new Snapshot(
        stages,
        bySource,
        new Reading(
            LISTED.get(), READ_TO_THE_END.sum(), new java.util.TreeSet<>(READING.keySet())));
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
  public record Snapshot(
      Map<Stage, Counts> stages, Map<String, Long> readBySource, Reading reading) {
    public Snapshot {
      Map<Stage, Counts> inOrder = new EnumMap<>(Stage.class);
      inOrder.putAll(stages);
      stages = Collections.unmodifiableMap(inOrder);
      readBySource = Collections.unmodifiableMap(new TreeMap<>(readBySource));
      requireNonNull(reading, "reading");
    }

    public Snapshot(Map<Stage, Counts> stages, Map<String, Long> readBySource) {
      this(stages, readBySource, Reading.NONE);
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

  /**
   * What the read stage is doing before it has counted a record: a source that lists and fetches
   * over the network (Stripe, a calendar API) may take minutes to give its first, and an outside
   * trial (64) saw only "no stage counts yet" for 90 s of it.
   *
   * @param listed the partitions the run reads, or 0 when not said (a cluster)
   * @param ended the partitions readers are done with
   * @param now the partitions being read, each as {@link #named} gives it
   */
  public record Reading(long listed, long ended, java.util.SortedSet<String> now) {
    static final Reading NONE = new Reading(0, 0, new java.util.TreeSet<>());

    /** The most partitions a line names; the rest are counted. */
    static final int NAMED = 3;

    public Reading {
      now = Collections.unmodifiableSortedSet(new java.util.TreeSet<>(now));
    }

    /**
     * A partition as the progress lines name it, a run's and a fetch's alike: "stripe (charges
     * 2026-08-28..2026-10-10)".
     */
    public static String named(String source, String partition) {
      return partition == null || partition.isEmpty() ? source : source + " (" + partition + ")";
    }

    /** Whether the run listed its partitions (embedded) and readers are done with every one. */
    boolean allEnded() {
      return listed > 0 && ended >= listed && now.isEmpty();
    }

    /** Whether a reader has begun any partition. */
    boolean begun() {
      return ended > 0 || !now.isEmpty();
    }

    /** The line's text, or null when there is nothing to say beyond that the run works. */
    String describe() {
      if (!begun()) {
        return listed == 0
            ? null
            : "starting: no reader has begun any of the " + listed + " partition(s) yet";
      }
      StringBuilder line = new StringBuilder("read: no record counted yet; ");
      line.append(ended).append(listed > 0 ? " of " + listed : "").append(" partition(s) done");
      if (!now.isEmpty()) {
        line.append(", reading ")
            .append(String.join(", ", now.stream().limit(NAMED).toList()))
            .append(now.size() > NAMED ? " and " + (now.size() - NAMED) + " more" : "");
      }
      return line.toString();
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
