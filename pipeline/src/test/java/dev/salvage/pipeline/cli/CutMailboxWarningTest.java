package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An mbox cut while it was written or copied ends inside a line; its last message is read as it is,
 * and before 2026-12-03 nothing said it might be missing its end.
 */
class CutMailboxWarningTest {
  private static final Path SAMPLE = Path.of("..", "samples", "scenario");

  @TempDir Path dir;

  @Test
  void aRunOfAMailboxThatEndsInsideALineSaysItsLastMessageMayBeCut() throws Exception {
    Path scenario = dir.resolve("scenario");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SAMPLE)) {
      files = walk.toList();
    }
    for (Path from : files) {
      Path to = scenario.resolve(SAMPLE.relativize(from).toString());
      if (Files.isDirectory(from)) {
        Files.createDirectories(to);
      } else {
        Files.copy(from, to);
      }
    }
    Path mailbox = scenario.resolve("mail/mailbox.mbox");
    Path config = scenario.resolve("salvage.yaml");

    CliRun whole =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--out",
            dir.resolve("a").toString(),
            "--stop-after",
            "read");
    assertThat(whole.exitCode()).as(whole.err()).isZero();
    assertThat(whole.err()).doesNotContain("end inside a line");

    // cut in the middle of a line of the last message, as a full disk or a killed copy leaves it
    try (FileChannel channel = FileChannel.open(mailbox, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 37);
    }
    CliRun cut =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--out",
            dir.resolve("b").toString(),
            "--stop-after",
            "read");

    assertThat(cut.exitCode()).as(cut.err()).isZero();
    assertThat(cut.err())
        .contains(
            "Warning: 1 mbox file(s) end inside a line (no line break at the end), as a file cut"
                + " while it was written or copied does")
        .contains(mailbox.toString());
  }
}
