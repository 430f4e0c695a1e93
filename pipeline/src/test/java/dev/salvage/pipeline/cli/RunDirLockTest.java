package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirLockTest {
  private static final Path SAMPLE = Path.of("..", "samples", "scenario", "salvage.yaml");

  @TempDir Path dir;

  @Test
  void anOutputThatIsAFileOrInsideASourceIsRefusedBeforeAnythingIsRead() throws Exception {
    Path file = Files.writeString(dir.resolve("out.txt"), "not a directory\n");
    Path insideStripe = SAMPLE.getParent().resolve("stripe").resolve("run-out");

    CliRun intoFile = CliRun.of("run", "--config", SAMPLE.toString(), "--out", file.toString());
    CliRun intoStripe;
    try {
      intoStripe =
          CliRun.of("run", "--config", SAMPLE.toString(), "--out", insideStripe.toString());
    } finally {
      if (Files.exists(insideStripe)) {
        // a failing check would have written into the checked-in sample: leave no trace there
        try (var paths = Files.walk(insideStripe)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        throw new AssertionError("the run wrote into the source's path " + insideStripe);
      }
    }

    assertThat(intoFile.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(intoFile.err()).contains("--out " + file + " is a file, not a directory");
    assertThat(Files.readString(file)).isEqualTo("not a directory\n");
    assertThat(intoStripe.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(intoStripe.err())
        .contains(
            "--out "
                + insideStripe.toAbsolutePath().normalize()
                + " is inside the path of source stripe")
        .contains("a later run would read this run's output as evidence");
  }

  @Test
  void aNonEmptyDirectoryNoRunWroteIsRefusedUnlessTheOperatorSaysToWriteThereAnyway()
      throws Exception {
    Path foreign = Files.createDirectories(dir.resolve("notes"));
    Files.writeString(foreign.resolve("summary.json"), "{\"x\":1}");
    Files.writeString(foreign.resolve("notes.txt"), "mine\n");

    CliRun refused =
        CliRun.of(
            "run",
            "--config",
            SAMPLE.toString(),
            "--out",
            foreign.toString(),
            "--stop-after",
            "read");

    assertThat(refused.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(refused.err())
        .contains(
            "--out "
                + foreign.toAbsolutePath().normalize()
                + " is a directory that holds files and was never a salvage run's (it holds"
                + " notes.txt, summary.json;")
        .contains("add --into-foreign-out to write there anyway");
    assertThat(Files.readString(foreign.resolve("summary.json"))).isEqualTo("{\"x\":1}");
    try (var left = Files.list(foreign)) {
      assertThat(left).hasSize(2);
    }

    CliRun anyway =
        CliRun.of(
            "run",
            "--config",
            SAMPLE.toString(),
            "--out",
            foreign.toString(),
            "--stop-after",
            "read",
            "--into-foreign-out");
    assertThat(anyway.exitCode()).as(anyway.err()).isZero();
    assertThat(Files.readString(foreign.resolve("notes.txt"))).isEqualTo("mine\n");

    // once a run wrote it, it is a run's directory: the next run needs no flag
    CliRun again =
        CliRun.of(
            "run",
            "--config",
            SAMPLE.toString(),
            "--out",
            foreign.toString(),
            "--stop-after",
            "read");
    assertThat(again.exitCode()).as(again.err()).isZero();
  }

  @Test
  void aRunIntoADirectoryAReviewServerShowsIsRefusedSayingToStopTheReviewFirst() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("review"));
    Files.writeString(out.resolve("review/records.jsonl"), "what the reviewer sees\n");

    try (RunDirLock review = RunDirLock.forReview(out)) {
      CliRun run = CliRun.of("run", "--config", SAMPLE.toString(), "--out", out.toString());

      assertThat(run.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
      assertThat(run.err())
          .contains("Cannot run into " + out + ": a review server shows it (salvage review (pid")
          .contains("stop the review (Ctrl-C) first");
      assertThat(Files.readString(out.resolve("review/records.jsonl")))
          .isEqualTo("what the reviewer sees\n");
    }
  }

  @Test
  void aSecondRunIntoADirectoryARunIsWritingIsRefusedAndTouchesNothing() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("review"));
    Files.writeString(out.resolve("review/records.jsonl"), "the first run's\n");

    try (RunDirLock first = RunDirLock.acquire(out)) {
      CliRun second = CliRun.of("run", "--config", SAMPLE.toString(), "--out", out.toString());

      assertThat(second.exitCode()).isEqualTo(SalvageCli.EXIT_USAGE);
      assertThat(second.err())
          .contains(
              "Cannot run into " + out + ": another salvage run is writing it (salvage run (pid")
          .contains(
              "(it holds "
                  + out.resolve(RunDirLock.FILE)
                  + "); wait for it to end or give another --out");
      assertThat(Files.readString(out.resolve("review/records.jsonl")))
          .isEqualTo("the first run's\n");
    }
    // a review server cannot show it either while a run writes it
    try (RunDirLock run = RunDirLock.acquire(out)) {
      assertThatThrownBy(() -> RunDirLock.forReview(out))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("Cannot review " + out + ": another salvage run is writing it");
    }
    // released when the first run ends: the directory can be taken again
    try (RunDirLock again = RunDirLock.acquire(out)) {
      assertThat(out.resolve(RunDirLock.FILE)).exists();
    }
  }
}
