package org.apache.flink.optimizer.traversals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.Plan;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.DataSet;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.io.DiscardingOutputFormat;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.optimizer.CompilerException;
import org.apache.flink.optimizer.DataStatistics;
import org.apache.flink.optimizer.Optimizer;
import org.apache.flink.optimizer.plan.Channel;
import org.apache.flink.optimizer.plan.NAryUnionPlanNode;
import org.apache.flink.optimizer.plan.OptimizedPlan;
import org.apache.flink.optimizer.plan.PlanNode;
import org.apache.flink.runtime.operators.shipping.ShipStrategyType;
import org.apache.flink.util.Visitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Flink's own two passes walk a plan once per path from its sinks, which doubles with every stage
 * that fans out and joins again: 40 such stages are 2^40 walks, which never end. Salvage's plan has
 * enough of them that compiling it cost more CPU than the sample's whole read. These plans compile
 * only if each pass visits a node once, and keep what the passes are for.
 */
class OncePerNodePassesTest {
  private static final int FAN_OUTS = 40;

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aPlanThatFansOutAndJoinsFortyTimesCompilesWithItsUnionsForwarded() {
    ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DataSet<Long> stage = env.fromElements(1L, 2L, 3L);
    for (int i = 0; i < FAN_OUTS; i++) {
      DataSet<Long> plusOne = stage.map(new Add(1)).returns(Types.LONG).name("plus-one-" + i);
      DataSet<Long> plusTwo = stage.map(new Add(2)).returns(Types.LONG).name("plus-two-" + i);
      stage = plusOne.union(plusTwo);
    }
    stage.output(new DiscardingOutputFormat<>());

    OptimizedPlan compiled = compile(env.createProgramPlan());

    Set<PlanNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<NAryUnionPlanNode> unions = new ArrayList<>();
    compiled.accept(
        new Visitor<PlanNode>() {
          @Override
          public boolean preVisit(PlanNode node) {
            if (!seen.add(node)) {
              return false;
            }
            if (node instanceof NAryUnionPlanNode union) {
              unions.add(union);
            }
            return true;
          }

          @Override
          public void postVisit(PlanNode node) {}
        });
    assertThat(unions).hasSizeGreaterThanOrEqualTo(FAN_OUTS);
    for (NAryUnionPlanNode union : unions) {
      for (Channel out : union.getOutgoingChannels()) {
        assertThat(out.getShipStrategy()).isEqualTo(ShipStrategyType.FORWARD);
      }
      assertThat(union.getParallelism()).isEqualTo(2);
    }
  }

  @Test
  void aRangePartitionedInputStopsTheCompilationNamingTheOperator() {
    ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment();
    env.fromElements(3L, 1L, 2L)
        .partitionByRange(new Itself())
        .map(new Add(1))
        .returns(Types.LONG)
        .name("after-range")
        .output(new DiscardingOutputFormat<>());

    assertThatThrownBy(() -> compile(env.createProgramPlan()))
        .isInstanceOf(CompilerException.class)
        .hasMessageContaining("range-partitioned input");
  }

  private static OptimizedPlan compile(Plan plan) {
    return new Optimizer(new DataStatistics(), new Configuration()).compile(plan);
  }

  private static final class Itself implements KeySelector<Long, Long> {
    @Override
    public Long getKey(Long value) {
      return value;
    }
  }

  private static final class Add implements MapFunction<Long, Long> {
    private final long amount;

    Add(long amount) {
      this.amount = amount;
    }

    @Override
    public Long map(Long value) {
      return value + amount;
    }
  }
}
