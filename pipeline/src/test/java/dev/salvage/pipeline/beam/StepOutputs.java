package dev.salvage.pipeline.beam;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;

/** How many outputs a step of a pipeline has: on Flink each is one more copy of all of them. */
public final class StepOutputs {
  private StepOutputs() {}

  /** The outputs of the one primitive step whose full name ends with {@code step}. */
  public static int of(Pipeline pipeline, String step) {
    List<Integer> found = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            if (node.getFullName().endsWith(step)) {
              found.add(node.getOutputs().size());
            }
          }
        });
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          "Expected one step named " + step + ", found " + found.size());
    }
    return found.get(0);
  }
}
