package dev.salvage.pipeline.stage;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.RawRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * Counts the elements entering or leaving a stage and passes them on unchanged. A pass-through
 * (rather than a branch) so Flink still chains the producer and its consumer: a second consumer of
 * a collection would break the chain and serialise every element once more.
 *
 * <p>Each meter updates a Beam counter {@code STAGE.in}/{@code STAGE.out} and a distribution of the
 * milliseconds since {@code base} at which elements passed (its min and max are the first and
 * last), in namespace {@value #NAMESPACE}, and the process-wide {@link StageRegistry} for live
 * progress. The read stage's output meter also counts per source.
 */
public final class StageMeter<T> extends PTransform<PCollection<T>, PCollection<T>> {
  /** The Beam metrics namespace of the meters. */
  public static final String NAMESPACE = "salvage.stage";

  /** Per-source counters of the read stage: {@code read.source.NAME}. */
  public static final String SOURCE_PREFIX = "read.source.";

  /** Which side of the stage a meter counts. */
  public enum Edge {
    IN,
    OUT;

    String label() {
      return this == IN ? "in" : "out";
    }
  }

  private final Stage stage;
  private final Edge edge;
  private final long base;
  private final SerializableFunction<T, String> source;

  private StageMeter(Stage stage, Edge edge, long base, SerializableFunction<T, String> source) {
    this.stage = requireNonNull(stage, "stage");
    this.edge = requireNonNull(edge, "edge");
    this.base = base;
    this.source = source;
  }

  /**
   * Counts what enters {@code stage}.
   *
   * @param base the run's reference time (epoch millis): times are kept relative to it
   */
  public static <T> StageMeter<T> in(Stage stage, long base) {
    return new StageMeter<>(stage, Edge.IN, base, null);
  }

  /** Counts what {@code stage} emits. */
  public static <T> StageMeter<T> out(Stage stage, long base) {
    return new StageMeter<>(stage, Edge.OUT, base, null);
  }

  /** Counts the raw records the read stage emits, per source too. */
  public static StageMeter<RawRecord> readRecords(long base) {
    return new StageMeter<>(Stage.READ, Edge.OUT, base, RawRecord::source);
  }

  /** The counter name of a stage's edge. */
  public static String counterName(Stage stage, Edge edge) {
    return stage.label() + "." + edge.label();
  }

  /** The distribution name of the times at a stage's edge. */
  public static String timesName(Stage stage, Edge edge) {
    return counterName(stage, edge) + ".millis";
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input
        .apply(ParDo.of(new MeterFn<>(stage, edge, base, source)))
        .setCoder(input.getCoder());
  }

  static final class MeterFn<T> extends DoFn<T, T> {
    private final Stage stage;
    private final Edge edge;
    private final long base;
    private final SerializableFunction<T, String> source;
    private transient Counter count;
    private transient Distribution times;

    MeterFn(Stage stage, Edge edge, long base, SerializableFunction<T, String> source) {
      this.stage = stage;
      this.edge = edge;
      this.base = base;
      this.source = source;
    }

    @Setup
    public void setup() {
      count = Metrics.counter(NAMESPACE, counterName(stage, edge));
      times = Metrics.distribution(NAMESPACE, timesName(stage, edge));
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<T> out) {
      long now = System.currentTimeMillis();
      count.inc();
      // relative to the run's start: a sum of epoch millis would overflow at a few million elements
      times.update(now - base);
      String from = source == null ? null : source.apply(element);
      if (from != null) {
        Metrics.counter(NAMESPACE, SOURCE_PREFIX + from).inc();
      } else {
        // the raw records (the one meter counting per source) are counted live by their reader
        // (StageRegistry.recordRead), which sees them before a blocking exchange hands them on
        StageRegistry.record(stage, edge, now, null);
      }
      out.output(element);
    }
  }
}
