package dev.salvage.pipeline.stage;

import dev.salvage.pipeline.bundle.RunSummary.StageTiming;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * Assembles summary.json's {@code stages} from what the meters counted (Beam metrics of the
 * finished pipeline, or this process's {@link StageRegistry} when the runner gives none), the CPU
 * the {@link StageCpuSampler} attributed, and the time the command itself spent after the pipeline
 * (joining the bundle's parts, writing the report).
 */
public final class StageTimings {
  private final Map<Stage, Edges> edges = new EnumMap<>(Stage.class);
  private final Map<Stage, double[]> client = new EnumMap<>(Stage.class);
  private final Map<Stage, Long> extraIn = new EnumMap<>(Stage.class);
  private Map<String, Double> cpu;

  private StageTimings() {}

  /**
   * What the meters of a finished pipeline counted.
   *
   * @param base the meters' reference time ({@link StageMeters#base()})
   */
  public static StageTimings measured(PipelineResult result, long base) {
    StageTimings timings = new StageTimings();
    try {
      MetricQueryResults metrics =
          result
              .metrics()
              .queryMetrics(
                  MetricsFilter.builder()
                      .addNameFilter(MetricNameFilter.inNamespace(StageMeter.NAMESPACE))
                      .build());
      for (MetricResult<Long> counter : metrics.getCounters()) {
        timings.count(counter.getName().getName(), attempted(counter));
      }
      for (MetricResult<DistributionResult> times : metrics.getDistributions()) {
        DistributionResult value = attempted(times);
        if (value != null && value.getCount() > 0) {
          timings.times(times.getName().getName(), base + value.getMin(), base + value.getMax());
        }
      }
    } catch (UnsupportedOperationException e) {
      // a runner without metrics: the registry below has counted the same when it ran here
    }
    if (timings.edges.isEmpty()) {
      timings.fromRegistry(StageRegistry.snapshot());
    }
    return timings;
  }

  /** What this process's meters counted (tests, and runners that give no metrics). */
  public static StageTimings fromSnapshot(StageRegistry.Snapshot snapshot) {
    StageTimings timings = new StageTimings();
    timings.fromRegistry(snapshot);
    return timings;
  }

  private void fromRegistry(StageRegistry.Snapshot snapshot) {
    snapshot
        .stages()
        .forEach(
            (stage, counts) -> {
              Edges of = edges.computeIfAbsent(stage, s -> new Edges());
              of.in += counts.in();
              of.out += counts.out();
              of.first = counts.firstMillis();
              of.last = counts.lastMillis();
            });
  }

  private static <T> T attempted(MetricResult<T> result) {
    // Flink's batch results are attempted-only; committed throws there
    return result.getAttempted();
  }

  private void count(String name, Long value) {
    Edge edge = Edge.parse(name, "");
    if (edge != null && value != null) {
      Edges of = edges.computeIfAbsent(edge.stage, s -> new Edges());
      if (edge.in) {
        of.in += value;
      } else {
        of.out += value;
      }
    }
  }

  private void times(String name, long first, long last) {
    Edge edge = Edge.parse(name, ".millis");
    if (edge != null) {
      Edges of = edges.computeIfAbsent(edge.stage, s -> new Edges());
      of.first = of.first == 0 ? first : Math.min(of.first, first);
      of.last = Math.max(of.last, last);
    }
  }

  /** The partitions the read stage was given: its input. */
  public StageTimings partitions(long partitions) {
    extraIn.put(Stage.READ, partitions);
    return this;
  }

  /**
   * Work the command did for {@code stage} after the pipeline: added to the stage's wall and CPU.
   *
   * @param recordsIn what it worked on, added to the stage's input (or null)
   */
  public StageTimings client(Stage stage, double wallSeconds, double cpuSeconds, Long recordsIn) {
    client.merge(
        stage,
        new double[] {wallSeconds, cpuSeconds},
        (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
    if (recordsIn != null) {
      extraIn.merge(stage, recordsIn, Long::sum);
    }
    return this;
  }

  /** CPU seconds per bucket from {@link StageCpuSampler#stop()}; none on a cluster. */
  public StageTimings cpu(Map<String, Double> cpuSeconds) {
    this.cpu = cpuSeconds == null ? null : new TreeMap<>(cpuSeconds);
    return this;
  }

  /**
   * The stages up to {@code last}, in order, then {@link StageCpuSampler#FLINK} and {@link
   * StageCpuSampler#JVM} (CPU only). A stage that ran but saw nothing has zero counts; the write
   * stage has no output count (its output is the bundle's files).
   */
  public Map<String, StageTiming> build(Stage last) {
    Map<String, StageTiming> result = new LinkedHashMap<>();
    for (Stage stage : Stage.values()) {
      if (!stage.runsWhenStoppingAfter(last)) {
        break;
      }
      Edges of = edges.get(stage);
      double[] extra = client.getOrDefault(stage, new double[] {0, 0});
      if (of == null && !client.containsKey(stage) && !extraIn.containsKey(stage)) {
        // a stage the graph did not have (match with --linking exact)
        continue;
      }
      double wall = extra[0];
      long in = extraIn.getOrDefault(stage, 0L);
      Long out = stage == Stage.WRITE || stage == Stage.REPORT ? null : 0L;
      if (of != null) {
        if (of.first > 0 && of.last >= of.first) {
          wall += (of.last - of.first) / 1000.0;
        }
        in += of.in;
        if (out != null) {
          out = of.out;
        }
      }
      if (stage == Stage.REPORT) {
        out = 1L;
      }
      Double cpuSeconds =
          cpu == null ? null : round(cpu.getOrDefault(stage.label(), 0.0) + extra[1]);
      result.put(stage.label(), new StageTiming(round(wall), cpuSeconds, in, out));
    }
    if (cpu != null) {
      for (String bucket : new String[] {StageCpuSampler.FLINK, StageCpuSampler.JVM}) {
        result.put(bucket, new StageTiming(null, round(cpu.getOrDefault(bucket, 0.0)), null, null));
      }
    }
    return result;
  }

  /** The console's table of {@code stages}, one line per entry. */
  public static String table(Map<String, StageTiming> stages) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%-10s %10s %10s %12s %12s%n",
            "stage", "wall_s", "cpu_s", "records_in", "records_out"));
    stages.forEach(
        (stage, timing) ->
            out.append(
                String.format(
                    "%-10s %10s %10s %12s %12s%n",
                    stage,
                    seconds(timing.wallSeconds()),
                    seconds(timing.cpuSeconds()),
                    timing.recordsIn() == null ? "-" : timing.recordsIn().toString(),
                    timing.recordsOut() == null ? "-" : timing.recordsOut().toString())));
    return out.toString();
  }

  private static String seconds(Double seconds) {
    return seconds == null ? "-" : String.format("%.1f", seconds);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  private static final class Edges {
    long in;
    long out;
    long first;
    long last;
  }

  /** A meter's name, {@code STAGE.in} or {@code STAGE.out} (+ suffix), parsed. */
  private record Edge(Stage stage, boolean in) {
    static Edge parse(String name, String suffix) {
      if (!name.endsWith(suffix)) {
        return null;
      }
      String bare = name.substring(0, name.length() - suffix.length());
      for (Stage stage : Stage.values()) {
        for (StageMeter.Edge edge : StageMeter.Edge.values()) {
          if (bare.equals(StageMeter.counterName(stage, edge))) {
            return new Edge(stage, edge == StageMeter.Edge.IN);
          }
        }
      }
      return null;
    }
  }
}
