package dev.salvage.pipeline.beam;

import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.TestPipeline;

/** The counters of a test pipeline ({@link Counts#add}) by name, as a run reads them. */
public final class RunCounts {
  private RunCounts() {}

  /** Runs {@code pipeline} (its assertions included) and returns its Beam counters. */
  public static Map<String, Long> run(TestPipeline pipeline) {
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return Counts.measured(result);
  }
}
