package dev.salvage.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private final StringWriter written = new StringWriter();
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final AtomicReference<StageRegistry.Snapshot> counts =
      new AtomicReference<>(new StageRegistry.Snapshot(Map.of(), Map.of()));

  private ProgressPrinter printer(ProgressPrinter.Mode mode) {
    return new ProgressPrinter(
        new PrintWriter(written), mode, counts::get, ProgressPrinter.NO_COUNTS_YET, clock::get);
  }

  private static StageRegistry.Snapshot snapshot(
      Map<Stage, StageRegistry.Snapshot.Counts> stages, Map<String, Long> read) {
    return new StageRegistry.Snapshot(stages, read);
  }

  private static StageRegistry.Snapshot.Counts in(long n) {
    return new StageRegistry.Snapshot.Counts(n, n, 1, 2);
  }

  @Test
  void aLineNamesTheStageAndTheRecordsReadPerSourceWithTheirRate() {
    ProgressPrinter printer = printer(ProgressPrinter.Mode.LOG);
    clock.addAndGet(10_000);
    String line =
        printer.line(
            snapshot(
                Map.of(Stage.READ, in(30_000), Stage.MAP, in(20_000)),
                Map.of("mail", 25_000L, "stripe", 5_000L)),
            clock.get());
    assertThat(line)
        .isEqualTo(
            "  [0:10] map | read mail 25,000 (2,500/s), stripe 5,000 (500/s) | map 20,000"
                + " (2,000/s)");
  }

  @Test
  void onceEveryPartitionIsReadTheLineSaysTheRecordsReadOnceAndTheRateOfTheStageAtWork() {
    ProgressPrinter printer = printer(ProgressPrinter.Mode.LOG);
    Map<String, Long> read = Map.of("backup", 60_000L, "calendar", 47_206L, "mail", 240_626L);
    StageRegistry.Reading allRead = new StageRegistry.Reading(474, 474, new java.util.TreeSet<>());
    clock.addAndGet(30_000);
    printer.line(
        new StageRegistry.Snapshot(
            Map.of(Stage.READ, in(347_832), Stage.MAP, in(100_000)), read, allRead),
        clock.get());
    clock.addAndGet(30_000);

    String line =
        printer.line(
            new StageRegistry.Snapshot(
                Map.of(Stage.READ, in(347_832), Stage.MAP, in(400_000), Stage.LINK, in(90_000)),
                read,
                allRead),
            clock.get());

    // not a list of sources at 0/s, which made a big run's log lines 280 characters long
    assertThat(line)
        .isEqualTo(
            "  [1:00] link | read 347,832, every partition done | map 400,000 | link 90,000"
                + " (3,000/s)");
  }

  @Test
  void everyPartitionReadIsSaidWhileTheRecordsWaitForTheNextStage() {
    ProgressPrinter printer = printer(ProgressPrinter.Mode.LOG);
    Map<String, Long> read = Map.of("calendar", 17_264L, "mail", 47_481L);
    StageRegistry.Reading allRead = new StageRegistry.Reading(592, 592, new java.util.TreeSet<>());
    clock.addAndGet(30_000);

    String line =
        printer.line(
            new StageRegistry.Snapshot(Map.of(Stage.READ, in(64_745)), read, allRead), clock.get());

    assertThat(line).isEqualTo("  [0:30] read | read 64,745, every partition done");
  }

  @Test
  void whilePartitionsAreStillReadEachSourceKeepsItsCountAndRate() {
    ProgressPrinter printer = printer(ProgressPrinter.Mode.LOG);
    clock.addAndGet(10_000);
    String line =
        printer.line(
            new StageRegistry.Snapshot(
                Map.of(Stage.READ, in(3_000), Stage.MAP, in(1_000)),
                Map.of("mail", 2_000L, "stripe", 1_000L),
                new StageRegistry.Reading(
                    10, 9, new java.util.TreeSet<>(java.util.Set.of("mail")))),
            clock.get());

    assertThat(line).contains("read mail 2,000 (200/s), stripe 1,000 (100/s)");
  }

  @Test
  void theStageReachedIsTheFurthestFedByTheStageBeforeIt() {
    StageRegistry.Snapshot matching =
        snapshot(
            Map.of(
                Stage.READ, in(100),
                Stage.MATCH, in(40),
                Stage.RESOLVE, new StageRegistry.Snapshot.Counts(0, 0, 0, 0),
                Stage.WRITE, in(80)),
            Map.of("mail", 100L));
    // the write stage has evidence already, but nothing has come out of resolving yet
    assertThat(matching.current()).isEqualTo(Stage.MATCH);
  }

  @Test
  void withoutCountsTheLineSaysTheRunIsStillWorking() {
    ProgressPrinter printer = printer(ProgressPrinter.Mode.LOG);
    clock.addAndGet(65_000);
    assertThat(printer.line(counts.get(), clock.get()))
        .isEqualTo("  [1:05] working (no stage counts yet)");
  }

  @Test
  void beforeAnyRecordIsCountedTheLineNamesThePartitionsBeingReadAndHowManyAreDone() {
    ProgressPrinter printer = printer(ProgressPrinter.Mode.LOG);
    clock.addAndGet(30_000);
    java.util.SortedSet<String> now =
        new java.util.TreeSet<>(
            java.util.List.of(
                StageRegistry.Reading.named(
                    "stripe", "charges/2026-08-28T08:00:00Z/2026-10-10T00:00:00Z"),
                StageRegistry.Reading.named("calendar", "garden"),
                StageRegistry.Reading.named("calendar", "power-tools"),
                StageRegistry.Reading.named("mail", "loans.mbox")));
    StageRegistry.Snapshot reading =
        new StageRegistry.Snapshot(Map.of(), Map.of(), new StageRegistry.Reading(23, 5, now));

    assertThat(printer.line(reading, clock.get()))
        .isEqualTo(
            "  [0:30] read: no record counted yet; 5 of 23 partition(s) done, reading calendar"
                + " (garden), calendar (power-tools), mail (loans.mbox) and 1 more");

    StageRegistry.Snapshot starting =
        new StageRegistry.Snapshot(
            Map.of(), Map.of(), new StageRegistry.Reading(23, 0, new java.util.TreeSet<>()));
    assertThat(printer.line(starting, clock.get()))
        .isEqualTo("  [0:30] starting: no reader has begun any of the 23 partition(s) yet");
  }

  @Test
  void theRegistryNamesAPartitionFromItsBeginningToItsEnd() {
    StageRegistry.reset();
    StageRegistry.partitionsListed(2);
    StageRegistry.partitionBegun("stripe", "charges");
    assertThat(StageRegistry.snapshot().reading().describe())
        .isEqualTo(
            "read: no record counted yet; 0 of 2 partition(s) done, reading stripe (charges)");
    StageRegistry.partitionEnded("stripe", "charges");
    assertThat(StageRegistry.snapshot().reading().describe())
        .isEqualTo("read: no record counted yet; 1 of 2 partition(s) done");
    StageRegistry.reset();
  }

  @Test
  void onAClusterTheLineWithoutCountsSaysTheyComeAtTheEnd() {
    ProgressPrinter printer =
        new ProgressPrinter(
            new PrintWriter(written),
            ProgressPrinter.Mode.LOG,
            counts::get,
            ProgressPrinter.NO_COUNTS_ON_A_CLUSTER,
            clock::get);
    clock.addAndGet(65_000);
    assertThat(printer.line(counts.get(), clock.get()))
        .isEqualTo(
            "  [1:05] working (on a Flink cluster the stage counts come only at the end; its web"
                + " UI shows the job's tasks)");
  }

  @Test
  void inALogALineIsPrintedPerStageReachedAndOtherwiseOnlyEveryThirtySeconds() {
    ProgressPrinter printer = printer(ProgressPrinter.Mode.LOG);
    counts.set(snapshot(Map.of(Stage.READ, in(10)), Map.of("mail", 10L)));
    clock.addAndGet(1_000);
    printer.tick();
    for (int second = 0; second < 5; second++) {
      clock.addAndGet(1_000);
      printer.tick();
    }
    counts.set(snapshot(Map.of(Stage.READ, in(10), Stage.MAP, in(5)), Map.of("mail", 10L)));
    clock.addAndGet(1_000);
    printer.tick();
    clock.addAndGet(1_000);
    printer.tick();
    clock.addAndGet(30_000);
    printer.tick();
    printer.close();
    assertThat(written.toString().lines())
        .hasSize(3)
        .satisfies(lines -> assertThat(lines.get(0)).contains(" read | read mail 10"))
        .satisfies(lines -> assertThat(lines.get(1)).contains(" map | read mail 10 (0/s)"))
        .satisfies(lines -> assertThat(lines.get(2)).startsWith("  [0:38] map"));
    assertThat(written.toString()).doesNotContain("\r");
  }

  @Test
  void onATerminalOneLineIsRedrawnInPlaceAndEndedWhenTheRunEnds() {
    ProgressPrinter printer = printer(ProgressPrinter.Mode.TERMINAL);
    counts.set(snapshot(Map.of(Stage.READ, in(10)), Map.of("mail", 123_456L, "stripe", 7L)));
    clock.addAndGet(2_000);
    printer.tick();
    counts.set(snapshot(Map.of(Stage.READ, in(10)), Map.of("mail", 123_457L)));
    clock.addAndGet(2_000);
    printer.tick();
    printer.close();
    String out = written.toString();
    assertThat(out).startsWith("\r  [0:02] read | read mail 123,456 (61,728/s), stripe 7 (4/s)");
    String[] draws = out.split("\r");
    // the second, shorter line is padded over the first one
    assertThat(draws[2].stripTrailing()).isEqualTo("  [0:04] read | read mail 123,457 (1/s)");
    assertThat(draws[2].replace(System.lineSeparator(), "")).hasSameSizeAs(draws[1]);
    assertThat(out).endsWith(System.lineSeparator()).containsOnlyOnce("\n");
  }

  @Test
  void otherWorkGetsALinePerStepItReachesAndItsOwnText() {
    AtomicReference<String> step = new AtomicReference<>();
    ProgressPrinter.Activity activity =
        new ProgressPrinter.Activity() {
          @Override
          public Object step() {
            return step.get();
          }

          @Override
          public String describe(double secondsSinceLastLine) {
            return "fetching " + step.get() + " over " + Math.round(secondsSinceLastLine) + " s";
          }
        };
    ProgressPrinter printer =
        new ProgressPrinter(
            new PrintWriter(written), ProgressPrinter.Mode.LOG, activity, clock::get);
    step.set("imap");
    clock.addAndGet(1_000);
    printer.tick();
    clock.addAndGet(1_000);
    printer.tick();
    step.set("stripe");
    clock.addAndGet(4_000);
    printer.tick();
    clock.addAndGet(31_000);
    printer.tick();
    printer.close();
    assertThat(written.toString().lines())
        .containsExactly(
            "  [0:01] fetching imap over 1 s",
            "  [0:06] fetching stripe over 5 s",
            "  [0:37] fetching stripe over 31 s");
  }
}
