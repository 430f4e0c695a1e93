package org.apache.flink.optimizer.traversals;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.flink.optimizer.CompilerException;
import org.apache.flink.optimizer.plan.Channel;
import org.apache.flink.optimizer.plan.IterationPlanNode;
import org.apache.flink.optimizer.plan.OptimizedPlan;
import org.apache.flink.optimizer.plan.PlanNode;
import org.apache.flink.runtime.operators.shipping.ShipStrategyType;
import org.apache.flink.util.Visitor;

/**
 * Salvage's replacement for the Flink 1.19 optimizer pass of the same name, which the jar and the
 * tests load instead of Flink's. Flink's pass rewrites range-partitioned channels and walks the
 * plan as a tree to find them, visiting a node once per path from a sink, which on Salvage's plan
 * cost more CPU than reading the sample's inputs (docs/architecture.md, "The Flink plan"). Beam's
 * Flink runner never partitions by range, so this pass only checks that no channel does, visiting
 * each node once, and stops the compilation if one does rather than run a plan it does not rewrite.
 */
public class RangePartitionRewriter implements Visitor<PlanNode> {
  private final Set<PlanNode> visited = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Takes the plan as Flink's pass does; nothing of it is needed to check the channels. */
  public RangePartitionRewriter(OptimizedPlan plan) {}

  @Override
  public boolean preVisit(PlanNode node) {
    return visited.add(node);
  }

  @Override
  public void postVisit(PlanNode node) {
    if (node instanceof IterationPlanNode iteration) {
      iteration.acceptForStepFunction(this);
    }
    for (Channel channel : node.getInputs()) {
      if (channel.getShipStrategy() == ShipStrategyType.PARTITION_RANGE) {
        throw new CompilerException(
            "Cannot compile the Flink plan: operator "
                + node.getNodeName()
                + " reads a range-partitioned input, which Salvage's build of the Flink optimizer"
                + " does not rewrite (Beam's Flink runner never partitions by range)");
      }
    }
  }
}
