package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/flink-cluster's --conf for the setting an operator moves first: where the TaskManagers
 * spill. Until 2026-12-07 (trial 80) each TaskManager got {@code -D io.tmp.dirs=DIR/tmp/tm-N} on
 * its command line, which wins over config.yaml, so {@code --conf io.tmp.dirs=/big-disk} reached
 * the JobManager only and the spill files still went under DIR/tmp.
 */
class FlinkClusterScriptTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path SCRIPT = REPO.resolve("scripts/flink-cluster");

  private static String run(Path log, String... args) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(Stream.concat(Stream.of(SCRIPT.toString()), Stream.of(args)).toList())
            .directory(REPO.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void confIoTmpDirsIsWhereTheTaskManagersWorkAndSpill(@TempDir Path work) throws Exception {
    Path cluster = work.resolve("cluster");
    Path spill = Files.createDirectories(work.resolve("spill"));
    Thread stopOnExit =
        new Thread(
            () -> {
              try {
                run(work.resolve("stop-hook.log"), "stop", "--dir", cluster.toString());
              } catch (Exception | AssertionError e) {
                // stopped already
              }
            });
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      run(
          work.resolve("start.log"),
          "start",
          "--dir",
          cluster.toString(),
          "--task-managers",
          "1",
          "--conf",
          "io.tmp.dirs=" + spill);

      List<String> inSpill;
      try (Stream<Path> files = Files.list(spill)) {
        inSpill = files.map(p -> p.getFileName().toString()).toList();
      }
      // a TaskManager's working directory and its I/O manager's spill directory
      assertThat(inSpill).contains("tm_tm-1").anyMatch(name -> name.startsWith("flink-io-"));
      assertThat(cluster.resolve("tmp/tm-1")).isEmptyDirectory();
    } finally {
      run(work.resolve("stop.log"), "stop", "--dir", cluster.toString());
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }
  }
}
