package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.RunLayout;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreeSpaceTest {
  private static final long MIB = 1024 * 1024;
  private static final Path TEMP = Path.of("/mnt/t23/salvage-flink-1");
  private static final Path OUT = Path.of("/srv/runs/out");

  /** File systems of a given size and free space, by directory: no disk is filled. */
  private static final class FakeRoom implements FreeSpace.Room {
    final Map<Path, long[]> sizes = new HashMap<>();

    FakeRoom with(Path dir, long usable, long total) {
      sizes.put(dir, new long[] {usable, total});
      return this;
    }

    @Override
    public long usable(Path directory) throws IOException {
      return of(directory)[0];
    }

    @Override
    public long total(Path directory) throws IOException {
      return of(directory)[1];
    }

    private long[] of(Path directory) throws IOException {
      long[] size = sizes.get(directory);
      if (size == null) {
        throw new NoSuchFileException(directory.toString());
      }
      return size;
    }
  }

  private static FreeSpace space(FakeRoom room) {
    return new FreeSpace(
        List.of(
            new FreeSpace.Place(
                TEMP,
                "the embedded Flink's temp directory",
                "embedded Flink would wait for ever on a full temp directory",
                "Use --tmp-dir DIR."),
            new FreeSpace.Place(
                OUT,
                "the output directory (--out)",
                "the review bundle's parts would break off part-way",
                "Use --out DIR.")),
        room);
  }

  @Test
  void aTempDirectoryAtItsLastMegabyteStopsTheRunNamingItsFreeSpaceAndWhatToDo() {
    // the trial: a 30 MB tmpfs filled by Flink's spill files
    FakeRoom room =
        new FakeRoom().with(TEMP, 200 * 1024, 30 * MIB).with(OUT, 40_000 * MIB, 90_000 * MIB);

    assertThat(space(room).nearlyFull())
        .startsWith(
            "The run stopped: the embedded Flink's temp directory /mnt/t23/salvage-flink-1 is"
                + " nearly full: 200.0 KB free of 30.0 MB")
        .contains("RUN-NOT-FINISHED")
        .endsWith("Use --tmp-dir DIR.");
  }

  @Test
  void aFullOutputDirectoryIsNamedToo() {
    FakeRoom room =
        new FakeRoom().with(TEMP, 9_000 * MIB, 90_000 * MIB).with(OUT, 10 * MIB, 90_000 * MIB);

    assertThat(space(room).nearlyFull())
        .startsWith("The run stopped: the output directory (--out) /srv/runs/out is nearly full:")
        .endsWith("Use --out DIR.");
  }

  @Test
  void aFullOutputDirectoryIsExplainedAsItselfNotAsATempDirectory() {
    FakeRoom room =
        new FakeRoom().with(TEMP, 9_000 * MIB, 90_000 * MIB).with(OUT, 10 * MIB, 90_000 * MIB);

    assertThat(space(room).nearlyFull())
        .contains("cannot go on writing there (the review bundle's parts would break off")
        .doesNotContain("temp directory");
  }

  @Test
  void aStopForWantOfSpaceRemovesThePartsTheRunWroteAndNothingOlder(@TempDir Path out)
      throws IOException {
    Path parts = Files.createDirectories(out.resolve(".work/parts"));
    Path older = Files.writeString(parts.resolve("notes-kept-by-hand.txt"), "not the run's");
    Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Instant started = Instant.now().minusSeconds(1);
    Files.write(parts.resolve("records.jsonl-00000-of-00002"), new byte[2048]);
    Path shard = Files.createDirectories(parts.resolve(".temp-beam-1"));
    Files.write(shard.resolve("part-1"), new byte[1024]);

    String said = FreeSpace.removeWrittenParts(parts, started);

    assertThat(said)
        .isEqualTo(
            "The partial files it had written in " + parts + " were removed (2 file(s), 3.0 KB).");
    try (Stream<Path> left = Files.list(parts)) {
      assertThat(left).containsExactly(older);
    }
  }

  @Test
  void aFlinkFailureForWantOfSpaceRemovesThePartsTheRunWroteAsTheWatchDoes(@TempDir Path out)
      throws IOException {
    RunLayout layout = RunLayout.of(out);
    Path parts = Files.createDirectories(layout.partsDir());
    Path older = Files.writeString(parts.resolve("notes-kept-by-hand.txt"), "not the run's");
    Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Instant started = Instant.now().minusSeconds(1);
    Files.write(parts.resolve("records.jsonl-00000-of-00002"), new byte[2048]);
    // as Beam reports it: Flink's reason several causes down, before the watch looked
    RuntimeException failed =
        new RuntimeException(
            "Pipeline execution failed",
            new RuntimeException(
                "org.apache.flink.runtime.client.JobExecutionException: Job execution failed.",
                new IOException("No space left on device")));
    FlinkFailure failure = FlinkFailure.explain(failed, "[local]", 2);

    String said = RunStopped.removedAfter(failure, layout, started);

    assertThat(failure.kind()).isEqualTo(FlinkFailure.Kind.NO_SPACE);
    assertThat(said)
        .isEqualTo(
            "The partial files it had written in " + parts + " were removed (1 file(s), 2.0 KB).");
    try (Stream<Path> left = Files.list(parts)) {
      assertThat(left).containsExactly(older);
    }
  }

  @Test
  void aFlinkFailureForAnotherReasonLeavesThePartsForTheNextRun(@TempDir Path out)
      throws IOException {
    RunLayout layout = RunLayout.of(out);
    Path parts = Files.createDirectories(layout.partsDir());
    Instant started = Instant.now().minusSeconds(1);
    Path written = Files.write(parts.resolve("records.jsonl-00000-of-00002"), new byte[2048]);
    FlinkFailure failure =
        FlinkFailure.explain(
            new RuntimeException("Pipeline execution failed", new IOException("Broken pipe")),
            "[local]",
            2);

    assertThat(RunStopped.removedAfter(failure, layout, started)).isEmpty();
    assertThat(written).exists();
  }

  @Test
  void directoriesWithRoomOrNotThereAreLeftAlone() {
    FakeRoom room = new FakeRoom().with(TEMP, 25 * MIB, 30 * MIB);

    // the output directory cannot be measured (not made yet): no reason to stop
    assertThat(space(room).nearlyFull()).isNull();
  }

  @Test
  void nearlyFullIsTwoPercentBetweenOneAndSixtyFourMegabytes() {
    assertThat(FreeSpace.lowMark(30 * MIB)).isEqualTo(MIB);
    assertThat(FreeSpace.lowMark(1000 * MIB)).isEqualTo(20 * MIB);
    assertThat(FreeSpace.lowMark(500_000 * MIB)).isEqualTo(64 * MIB);
  }

  @Test
  void afterAWriteFailedForWantOfSpaceEveryDirectoryIsMeasuredAndTheFullestNamed() {
    FakeRoom room = new FakeRoom().with(TEMP, 20 * MIB, 30 * MIB).with(OUT, 0, 30 * MIB);

    assertThat(space(room).afterNoSpace(new IOException("No space left on device")))
        .isEqualTo(
            "A directory the run writes ran out of space; free now: the embedded Flink's temp"
                + " directory /mnt/t23/salvage-flink-1: 20.0 MB free of 30.0 MB; the output"
                + " directory (--out) /srv/runs/out: 0 bytes free of 30.0 MB. The fullest is the"
                + " output directory (--out) /srv/runs/out: Use --out DIR.");
  }

  @Test
  void aTinyOutputDiskIsNamedRatherThanABigBusyTempDiskThoughItsShareFreeIsLarger() {
    // the failed write's partial files were removed: the 2 MB disk is mostly free again
    long gib = 1024 * MIB;
    FakeRoom room = new FakeRoom().with(TEMP, 67 * gib, 252 * gib).with(OUT, 1946 * 1024, 2 * MIB);

    assertThat(space(room).afterNoSpace(new IOException("No space left on device")))
        .endsWith("The fullest is the output directory (--out) /srv/runs/out: Use --out DIR.");
  }

  @Test
  void theDirectoryOfTheWriteThatFailedIsNamedWhateverTheOthersHold() {
    FakeRoom room = new FakeRoom().with(TEMP, MIB, 30 * MIB).with(OUT, 20 * MIB, 30 * MIB);
    Exception failure =
        new RuntimeException(
            "Meter write in evidence failed",
            new FileSystemException(
                OUT.resolve(".work/parts/evidence-00001").toString(),
                null,
                "No space left on device"));

    assertThat(space(room).afterNoSpace(failure))
        .isEqualTo(
            "A directory the run writes ran out of space; free now: the embedded Flink's temp"
                + " directory /mnt/t23/salvage-flink-1: 1.0 MB free of 30.0 MB; the output"
                + " directory (--out) /srv/runs/out: 20.0 MB free of 30.0 MB. The write that"
                + " failed was in the output directory (--out) /srv/runs/out: Use --out DIR.");
  }

  @Test
  void sizesReadAsPeopleSayThem() {
    assertThat(FreeSpace.bytes(512)).isEqualTo("512 bytes");
    assertThat(FreeSpace.bytes(1536)).isEqualTo("1.5 KB");
    assertThat(FreeSpace.bytes(384 * MIB)).isEqualTo("384.0 MB");
    assertThat(FreeSpace.bytes(5L * 1024 * 1024 * MIB)).isEqualTo("5.0 TB");
  }

  @Test
  void aBundleThatRunsOutOfSpaceAfterTheJobNamesTheDirectoryAndRemovesTheParts(@TempDir Path out)
      throws IOException {
    // the trial: a 12 MB --out held the job's parts (5.6 MB) and not their joined copy as well;
    // the run said only "salvage failed: No space left on device" and left both behind
    RunLayout layout = RunLayout.of(out);
    Instant started = Instant.now().minusSeconds(1);
    Files.write(
        Files.createDirectories(layout.partsDir()).resolve("evidence.jsonl-00000-of-00002"),
        new byte[4096]);
    FreeSpace space =
        new FreeSpace(
            List.of(
                new FreeSpace.Place(
                    out, "the output directory (--out)", "parts break off", "Use --out DIR.")),
            new FakeRoom().with(out, 240 * 1024, 12 * MIB));
    FileSystemException full =
        new FileSystemException(
            out.resolve("review/evidence.jsonl").toString(), null, "No space left on device");

    String said = RunStopped.noSpaceForTheBundle(full, space, layout, started);

    assertThat(said)
        .startsWith(
            "The run failed writing its review bundle in "
                + out
                + " after the job had finished: no space left on a disk it writes")
        .contains(
            "240.0 KB free of 12.0 MB",
            "The write that failed was in the output directory (--out) " + out,
            "Use --out DIR.",
            "were removed (1 file(s), 4.0 KB)",
            "stays marked RUN-NOT-FINISHED");
    assertThat(layout.partsDir()).isEmptyDirectory();
    assertThat(
            RunStopped.noSpaceForTheBundle(
                new IOException("Stream closed"), space, layout, started))
        .isNull();
  }
}
