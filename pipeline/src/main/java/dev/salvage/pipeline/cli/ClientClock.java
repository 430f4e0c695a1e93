package dev.salvage.pipeline.cli;

import dev.salvage.pipeline.stage.Stage;
import dev.salvage.pipeline.stage.StageTimings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Wall and CPU time of work the command does itself after the pipeline, for a stage's timing. */
final class ClientClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long wallStart = System.nanoTime();
  private final long cpuStart = cpu();

  private ClientClock() {}

  static ClientClock start() {
    return new ClientClock();
  }

  /** Adds the time since {@link #start()} to {@code stage}, and {@code recordsIn} if not null. */
  void charge(StageTimings timings, Stage stage, Long recordsIn) {
    timings.client(
        stage, (System.nanoTime() - wallStart) / 1e9, (cpu() - cpuStart) / 1e9, recordsIn);
  }

  private static long cpu() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
  }
}
