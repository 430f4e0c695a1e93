package dev.salvage.pipeline.beam;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Summary counters ({@code name -> n}), summed at the end into {@code .work/counts.tsv}. They
 * travel one of two ways. As ordinary elements ({@link #of}), summed by the pipeline. Or, in a DoFn
 * whose main output is large, as Beam counters ({@link #add}) that the run reads from the finished
 * pipeline ({@link #measured}): on Flink's batch translation a ParDo with a second output sends its
 * whole output, encoded, to the consumer of each output, which decodes all of it to keep its own; a
 * side output for counters made every candidate pair and merged record cross that twice (a quarter
 * of the linking stage's CPU). Both runners this tool runs on count Beam counters exactly in a
 * finished batch job: Flink from the accumulators of its finished tasks, the direct runner as
 * committed metrics.
 */
public final class Counts {
  /** The Beam metrics namespace of the counters counted by {@link #add}. */
  public static final String NAMESPACE = "salvage.counts";

  private Counts() {}

  public static KV<String, Long> of(String name, long n) {
    return KV.of(name, n);
  }

  public static KvCoder<String, Long> coder() {
    return KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
  }

  /** Adds {@code n} to the counter {@code name}, read after the run by {@link #measured}. */
  public static void add(String name, long n) {
    Metrics.counter(NAMESPACE, name).inc(n);
  }

  /**
   * An output of counts, for code that outputs them, that adds each to its counter ({@link #add}).
   */
  public static final DoFn.OutputReceiver<KV<String, Long>> COUNTERS =
      new DoFn.OutputReceiver<>() {
        @Override
        public void output(KV<String, Long> count) {
          add(count.getKey(), count.getValue());
        }

        @Override
        public void outputWithTimestamp(KV<String, Long> count, org.joda.time.Instant timestamp) {
          output(count);
        }
      };

  /**
   * The counters {@link #add} counted in a finished pipeline, by name; committed values where the
   * runner gives them (direct), else attempted ones (Flink gives only those, from the accumulators
   * of its finished tasks).
   */
  public static Map<String, Long> measured(PipelineResult result) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(NAMESPACE))
                    .build());
    Map<String, Long> counts = new TreeMap<>();
    for (MetricResult<Long> counter : metrics.getCounters()) {
      long value;
      try {
        value = counter.getCommitted();
      } catch (UnsupportedOperationException attemptedOnly) {
        value = counter.getAttempted();
      }
      // one result per step that counted the name
      counts.merge(counter.getName().getName(), value, Long::sum);
    }
    return counts;
  }
}
