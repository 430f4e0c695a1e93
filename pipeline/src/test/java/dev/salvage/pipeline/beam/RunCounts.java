package dev.salvage.pipeline.beam;

import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * All the counters of a test pipeline as a run sums them: those counted as elements and those
 * counted as Beam counters ({@link Counts#add}), by name.
 */
public final class RunCounts {
  private RunCounts() {}

  /** Runs {@code pipeline} (its assertions included) and returns its Beam counters. */
  public static Map<String, Long> run(TestPipeline pipeline) {
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return Counts.measured(result);
  }

  /** Runs {@code pipeline} (its assertions included) and sums its counters of both kinds. */
  public static Map<String, Long> run(TestPipeline pipeline, PCollection<KV<String, Long>> counts) {
    counts.apply("CountedAsCounters", ParDo.of(new AddFn()));
    return run(pipeline);
  }

  private static final class AddFn extends DoFn<KV<String, Long>, Void> {
    @ProcessElement
    public void process(@Element KV<String, Long> count) {
      Counts.add(count.getKey(), count.getValue());
    }
  }
}
