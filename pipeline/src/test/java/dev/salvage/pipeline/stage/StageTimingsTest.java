package dev.salvage.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.RunSummary.StageTiming;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTimingsTest {
  private static StageRegistry.Snapshot.Counts counts(long in, long out, long first, long last) {
    return new StageRegistry.Snapshot.Counts(in, out, first, last);
  }

  @Test
  void stagesRunAreListedInOrderWithTheirCountsWallAndCpuThenFlinkAndTheJvm() {
    StageRegistry.Snapshot snapshot =
        new StageRegistry.Snapshot(
            Map.of(
                Stage.READ, counts(0, 100, 1_000, 3_000),
                Stage.MAP, counts(98, 150, 1_500, 4_000)),
            Map.of("mail", 100L));
    Map<String, StageTiming> stages =
        StageTimings.fromSnapshot(snapshot)
            .partitions(4)
            .cpu(Map.of("read", 1.5, "map", 2.0, "flink", 3.0, "jvm", 0.5))
            .build(Stage.MAP);
    assertThat(stages.keySet()).containsExactly("read", "map", "flink", "jvm");
    assertThat(stages.get("read")).isEqualTo(new StageTiming(2.0, 1.5, 4L, 100L));
    assertThat(stages.get("map")).isEqualTo(new StageTiming(2.5, 2.0, 98L, 150L));
    assertThat(stages.get("flink")).isEqualTo(new StageTiming(null, 3.0, null, null));
  }

  @Test
  void workTheCommandDidAfterThePipelineIsAddedToItsStageAndCpuIsAbsentOnACluster() {
    StageRegistry.Snapshot snapshot =
        new StageRegistry.Snapshot(Map.of(Stage.WRITE, counts(500, 0, 10_000, 12_000)), Map.of());
    Map<String, StageTiming> stages =
        StageTimings.fromSnapshot(snapshot)
            .cpu(null)
            .client(Stage.WRITE, 0.5, 0.25, null)
            .client(Stage.REPORT, 1.0, 0.75, 400L)
            .build(Stage.REPORT);
    assertThat(stages.get("write")).isEqualTo(new StageTiming(2.5, null, 500L, null));
    assertThat(stages.get("report")).isEqualTo(new StageTiming(1.0, null, 400L, 1L));
    assertThat(stages).doesNotContainKeys("match", "flink", "jvm");
    assertThat(StageTimings.table(stages))
        .contains("write             2.5          -          500            -");
  }
}
