package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An mbox cut while it was written or copied ends inside a line of its last message. Before
 * 2026-12-03 that message was read as it was and the run exited 0; then a warning said so; now the
 * message is quarantined and the file is reported not read to its end. A pg_dump cut the same way
 * ends inside a row of a COPY block, and is reported so, not as a statement cut short.
 */
class CutMailboxRunTest {
  private static final Path SAMPLE = Path.of("..", "samples", "scenario");

  @TempDir Path dir;

  @Test
  void aRunOfAMailboxThatEndsInsideALineQuarantinesItsLastMailAndExitsIncomplete()
      throws Exception {
    Path scenario = scenarioCopy();
    Path mailbox = scenario.resolve("mail/mailbox.mbox");
    Path config = scenario.resolve("salvage.yaml");

    CliRun whole = readOnly(config, dir.resolve("a"));
    assertThat(whole.exitCode()).as(whole.err()).isZero();
    assertThat(whole.err()).doesNotContain("ends inside its last line");

    // cut in the middle of a line of the last message, as a full disk or a killed copy leaves it
    try (FileChannel channel = FileChannel.open(mailbox, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 37);
    }
    CliRun cut = readOnly(config, dir.resolve("b"));

    assertThat(cut.exitCode()).as(cut.err()).isEqualTo(3);
    assertThat(cut.err())
        .contains("INCOMPLETE")
        .contains(
            "of mbox file "
                + mailbox.toAbsolutePath().normalize()
                + " to its end: the file ends inside its last line");
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("b/summary.json").toFile());
    JsonNode whole0 = new ObjectMapper().readTree(dir.resolve("a/summary.json").toFile());
    assertThat(summary.toString()).contains("(quarantined) and any mail written after it");
    // nothing lost: every mail is still read, the cut one into the quarantine
    assertThat(summary.at("/sources/mail/read").asLong())
        .isEqualTo(whole0.at("/sources/mail/read").asLong());
    assertThat(summary.at("/sources/mail/quarantined").asLong())
        .isEqualTo(whole0.at("/sources/mail/quarantined").asLong() + 1);
  }

  @Test
  void aRunOfABackupThatEndsInsideACopyRowNamesTheTableAndLineAndExitsIncomplete()
      throws Exception {
    Path scenario = scenarioCopy();
    Path backup = scenario.resolve("backup/backup.sql");
    List<String> lines = Files.readAllLines(backup);
    int header = -1;
    for (int i = 0; i < lines.size() && header < 0; i++) {
      if (lines.get(i).startsWith("COPY public.customers ")) {
        header = i;
      }
    }
    // cut halfway through the third customer row, as a full disk or a killed copy leaves it
    String cutRow = lines.get(header + 3);
    Files.writeString(
        backup,
        String.join("\n", lines.subList(0, header + 3))
            + "\n"
            + cutRow.substring(0, cutRow.length() / 2));

    CliRun cut = readOnly(scenario.resolve("salvage.yaml"), dir.resolve("out"));

    assertThat(cut.exitCode()).as(cut.err()).isEqualTo(3);
    assertThat(cut.err())
        .contains("INCOMPLETE")
        .contains(
            "pg_dump file "
                + backup.toAbsolutePath().normalize()
                + " to its end: the file ends inside a row of table customers, at line "
                + (header + 4)
                + " (the row has no line end")
        .doesNotContain("what follows line");
  }

  /** A run of {@code config} into {@code out} that stops once the sources are read. */
  private static CliRun readOnly(Path config, Path out) {
    return CliRun.of(
        "run", "--config", config.toString(), "--out", out.toString(), "--stop-after", "read");
  }

  private Path scenarioCopy() throws Exception {
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
    return scenario;
  }
}
