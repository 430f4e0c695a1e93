package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What Flink logs on the console before run explains a failure itself. */
class FlinkLogLevelsTest {
  @Test
  void flinksStackOfADirectOutOfMemoryIsNotPrintedBeforeRunsExplanation() {
    SalvageCli.commandLine();

    // run's explanation of an out of memory names the error in its cause chain
    assertThat(
            LoggerFactory.getLogger("org.apache.flink.core.memory.MemorySegmentFactory")
                .isErrorEnabled())
        .isFalse();
    assertThat(
            LoggerFactory.getLogger("org.apache.flink.runtime.operators.BatchTask")
                .isErrorEnabled())
        .isFalse();
  }
}
