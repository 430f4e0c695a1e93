package dev.salvage.pipeline.stage;

import dev.salvage.connectors.RawRecord;
import java.io.Serializable;
import org.apache.beam.sdk.values.PCollection;

/**
 * Puts {@link StageMeter}s on a graph as it is built, each under a unique name. {@link #NONE} puts
 * none (benchmarks of one stage, tests of the graph's shape).
 */
public final class StageMeters implements Serializable {
  /** Meters nothing. */
  public static final StageMeters NONE = new StageMeters(0, false);

  private final long base;
  private final boolean active;

  private StageMeters(long base, boolean active) {
    this.base = base;
    this.active = active;
  }

  /**
   * Meters relative to {@code baseMillis} (epoch millis, the run's start): the first and last times
   * are read back as offsets from it.
   */
  public static StageMeters from(long baseMillis) {
    return new StageMeters(baseMillis, true);
  }

  /** The run's reference time the meters' times are relative to. */
  public long base() {
    return base;
  }

  /** {@code input}, counted as entering {@code stage}; {@code what} names it in the graph. */
  public <T> PCollection<T> in(Stage stage, String what, PCollection<T> input) {
    return active
        ? input.apply(name(stage, StageMeter.Edge.IN, what), StageMeter.<T>in(stage, base))
        : input;
  }

  /** {@code output}, counted as leaving {@code stage}. */
  public <T> PCollection<T> out(Stage stage, String what, PCollection<T> output) {
    return active
        ? output.apply(name(stage, StageMeter.Edge.OUT, what), StageMeter.<T>out(stage, base))
        : output;
  }

  /** The raw records the read stage emits, counted per source too. */
  public PCollection<RawRecord> readRecords(PCollection<RawRecord> records) {
    return active
        ? records.apply(
            name(Stage.READ, StageMeter.Edge.OUT, "records"), StageMeter.readRecords(base))
        : records;
  }

  private static String name(Stage stage, StageMeter.Edge edge, String what) {
    return "Meter " + stage.label() + " " + edge.label() + " " + what;
  }
}
