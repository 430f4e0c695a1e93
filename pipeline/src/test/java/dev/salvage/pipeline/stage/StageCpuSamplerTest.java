package dev.salvage.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageCpuSamplerTest {
  private static StackTraceElement frame(String className) {
    return new StackTraceElement(className, "process", null, 1);
  }

  @Test
  void aThreadIsChargedToTheStageOfTheInnermostDoFnOfOursOnItsStack() {
    StackTraceElement[] stack = {
      frame("dev.salvage.mappings.SourceMapping"),
      frame("dev.salvage.pipeline.map.MapRecords$MapRecordFn"),
      frame("dev.salvage.pipeline.read.ReadSources$ReadPartitionFn"),
      frame("java.lang.Thread")
    };
    assertThat(StageCpuSampler.bucket(stack)).isEqualTo("map");
  }

  @Test
  void serialisingADoFnsOutputIsFlinksWorkNotTheStages() {
    StackTraceElement[] stack = {
      frame("org.apache.beam.sdk.coders.StringUtf8Coder"),
      frame("dev.salvage.pipeline.match.MatchUnlinkedEvidence$ProfileFn"),
    };
    assertThat(StageCpuSampler.bucket(stack)).isEqualTo(StageCpuSampler.FLINK);
  }

  @Test
  void aStackWithoutOurDoFnsIsFlinks() {
    StackTraceElement[] stack = {frame("java.util.HashMap"), frame("java.lang.Thread")};
    assertThat(StageCpuSampler.bucket(stack)).isEqualTo(StageCpuSampler.FLINK);
  }

  @Test
  void referencesAreResolvedInTheirOwnStageAndBeamFileSinksWrite() {
    assertThat(StageCpuSampler.stageOf("dev.salvage.pipeline.reconcile.ResolveReferences$X"))
        .isEqualTo(Stage.RESOLVE);
    assertThat(StageCpuSampler.stageOf("dev.salvage.pipeline.reconcile.MergeClusters$MergeFn"))
        .isEqualTo(Stage.RECONCILE);
    assertThat(StageCpuSampler.stageOf("dev.salvage.pipeline.stage.StageMeter$MeterFn")).isNull();
    StackTraceElement[] writing = {
      frame("org.apache.beam.sdk.io.TextIO$Sink"),
      frame("dev.salvage.pipeline.reconcile.ResolveReferences$ResolveFn")
    };
    assertThat(StageCpuSampler.bucket(writing)).isEqualTo("write");
  }

  @Test
  void stoppingGivesTheCpuThisProcessSpentSinceTheStart() {
    StageCpuSampler sampler = StageCpuSampler.start();
    long spin = 0;
    // CPU time, not wall time: on a shared machine 300 ms of wall time may be 40 ms of CPU
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
    while (threads.getCurrentThreadCpuTime() < until) {
      spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
    }
    var seconds = sampler.stop();
    assertThat(spin).isPositive();
    // the busy loop ran outside any DoFn: Flink's bucket, as any work outside the stages
    assertThat(seconds.get(StageCpuSampler.FLINK)).isGreaterThan(0.1);
  }
}
