package org.apache.flink.optimizer.traversals;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.flink.optimizer.dag.BinaryUnionNode;
import org.apache.flink.optimizer.dag.DagConnection;
import org.apache.flink.optimizer.dag.IterationNode;
import org.apache.flink.optimizer.dag.OptimizerNode;
import org.apache.flink.runtime.operators.shipping.ShipStrategyType;
import org.apache.flink.util.Visitor;

/**
 * Salvage's replacement for the Flink 1.19 optimizer pass of the same name, which the jar and the
 * tests load instead of Flink's. Flink's pass walks the plan as a tree, so a node is visited once
 * per path from a sink: Salvage's plan fans out and joins again at many stages, and walking it took
 * more CPU than reading the sample's inputs (docs/architecture.md, "The Flink plan"). This pass
 * does the same work, a union's outgoing connections forwarded and its parallelism its successor's,
 * visiting each node once.
 */
public class UnionParallelismAndForwardEnforcer implements Visitor<OptimizerNode> {
  private final Set<OptimizerNode> visited = Collections.newSetFromMap(new IdentityHashMap<>());

  @Override
  public boolean preVisit(OptimizerNode node) {
    if (!visited.add(node)) {
      return false;
    }
    if (node instanceof BinaryUnionNode) {
      int parallelism = -1;
      for (DagConnection connection : node.getOutgoingConnections()) {
        parallelism = connection.getTarget().getParallelism();
        connection.setShipStrategy(ShipStrategyType.FORWARD);
      }
      node.setParallelism(parallelism);
    }
    return true;
  }

  @Override
  public void postVisit(OptimizerNode node) {
    if (node instanceof IterationNode iteration) {
      iteration.acceptForStepFunction(this);
    }
  }
}
