package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.bundle.RunSummary.StageTiming;
import dev.salvage.pipeline.cli.SalvageCli;
import dev.salvage.samples.ScenarioGenerator;
import dev.salvage.samples.ScenarioParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code salvage run --stop-after read|map|link} on embedded Flink: the run stops after the stage,
 * every record read is still accounted for, and summary.json says so; a whole run's summary has
 * every stage's counts, consistent from one stage to the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StopAfterRunTest {
  Path work;
  Path scenario;
  RunSummary whole;
  int partitions;

  @BeforeAll
  void generateAndRunWhole() throws Exception {
    work = Files.createTempDirectory("salvage-stop-after");
    scenario = work.resolve("scenario");
    ScenarioGenerator.generate(
        ScenarioParams.defaults().withSeed(515L).withReservations(60), scenario);
    assertThat(run(work.resolve("whole"))).isZero();
    whole = RunSummary.read(work.resolve("whole/summary.json"));
  }

  @AfterAll
  void removeWorkDirectory() throws Exception {
    try (var paths = Files.walk(work)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private int run(Path out, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--config",
                scenario.resolve("salvage.yaml").toString(),
                "--out",
                out.toString(),
                "--parallelism",
                "2"));
    args.addAll(List.of(more));
    return SalvageCli.execute(args.toArray(String[]::new));
  }

  @Test
  void aWholeRunHasEveryStageWithCountsThatFollowFromOneStageToTheNext() throws Exception {
    Map<String, StageTiming> stages = whole.stages();
    assertThat(whole.stoppedAfter()).isNull();
    assertThat(stages.keySet())
        .containsExactly(
            "read",
            "map",
            "link",
            "reconcile",
            "match",
            "resolve",
            "write",
            "report",
            "flink",
            "jvm");
    long readerQuarantined = 0;
    long used = 0;
    for (RunSummary.SourceCounts source : whole.sources().values()) {
      used += source.used();
    }
    long quarantineLines = Files.readAllLines(work.resolve("whole/quarantine.jsonl")).size();
    assertThat(stages.get("read").recordsIn()).isPositive();
    assertThat(stages.get("read").recordsOut()).isEqualTo(whole.recordsRead());
    long mapQuarantined =
        whole.sources().values().stream().mapToLong(RunSummary.SourceCounts::quarantined).sum();
    // copies of one mail read in two places reach the rules once (docs/mail.md, Evidence ids)
    long copies =
        whole.sources().values().stream()
            .flatMap(source -> source.copiesOf().values().stream())
            .mapToLong(Long::longValue)
            .sum();
    readerQuarantined = whole.recordsRead() - copies - stages.get("map").recordsIn();
    assertThat(readerQuarantined).isBetween(0L, mapQuarantined);
    assertThat(stages.get("link").recordsIn()).isEqualTo(stages.get("map").recordsOut());
    assertThat(stages.get("reconcile").recordsIn()).isEqualTo(stages.get("link").recordsOut());
    assertThat(stages.get("match").recordsIn()).isEqualTo(stages.get("reconcile").recordsOut());
    long records = Files.readAllLines(work.resolve("whole/review/records.jsonl")).size();
    long unlinked = Files.readAllLines(work.resolve("whole/review/unlinked.jsonl")).size();
    assertThat(stages.get("resolve").recordsIn()).isEqualTo(stages.get("match").recordsOut());
    assertThat(stages.get("resolve").recordsOut()).isEqualTo(records + unlinked);
    // resolving merges unlinked pieces into the entities their records name: one reason each
    Pattern attachedReason =
        Pattern.compile("\"attached [^\"]* as the [a-z_]+ that [^\"]* names\"");
    long attachedThroughReferences =
        Files.readAllLines(work.resolve("whole/review/records.jsonl")).stream()
            .mapToLong(line -> attachedReason.matcher(line).results().count())
            .sum();
    assertThat(attachedThroughReferences).isPositive();
    assertThat(stages.get("resolve").recordsIn() - stages.get("resolve").recordsOut())
        .isEqualTo(attachedThroughReferences);
    assertThat(whole.linking().byEntity().get("customer"))
        .containsEntry("attached_through_reference", attachedThroughReferences);
    assertThat(stages.get("write").recordsIn())
        .isEqualTo(records + unlinked + quarantineLines + used);
    assertThat(stages.get("write").recordsOut()).isNull();
    assertThat(stages.get("report").recordsIn()).isEqualTo(records + unlinked);
    for (String stage : List.of("read", "map", "link", "reconcile", "match", "write", "report")) {
      assertThat(stages.get(stage).wallSeconds()).as(stage).isNotNull().isNotNegative();
      assertThat(stages.get(stage).cpuSeconds()).as(stage).isNotNull().isNotNegative();
    }
    assertThat(stages.get("flink").recordsIn()).isNull();
    assertThat(stages.get("flink").cpuSeconds()).isPositive();
  }

  @Test
  void stoppingAfterReadCountsEveryRecordReadAsNotMapped() throws Exception {
    Path out = work.resolve("read");
    assertThat(run(out, "--stop-after", "read")).isZero();
    RunSummary summary = RunSummary.read(out.resolve("summary.json"));
    assertThat(summary.stoppedAfter()).isEqualTo("read");
    assertThat(summary.unaccountedSources()).isEmpty();
    assertThat(summary.recordsRead()).isEqualTo(whole.recordsRead());
    summary
        .sources()
        .forEach(
            (name, source) -> {
              assertThat(source.read()).as(name).isEqualTo(whole.sources().get(name).read());
              assertThat(source.used()).as(name).isZero();
              assertThat(source.notMapped()).as(name).isPositive();
              assertThat(source.notMapped() + source.quarantined())
                  .as(name)
                  .isEqualTo(source.read());
            });
    assertThat(summary.stages().keySet()).containsExactly("read", "flink", "jvm");
    assertThat(Files.readString(out.resolve("summary.json")))
        .contains("\"stopped_after\" : \"read\"");
    assertThat(out.resolve("review/report.html")).doesNotExist();
  }

  @Test
  void stoppingAfterMapAccountsForEveryRecordAsAWholeRunDoes() throws Exception {
    Path out = work.resolve("map");
    assertThat(run(out, "--stop-after", "map")).isZero();
    RunSummary summary = RunSummary.read(out.resolve("summary.json"));
    assertThat(summary.stoppedAfter()).isEqualTo("map");
    assertThat(summary.sources()).isEqualTo(whole.sources());
    assertThat(summary.stages().keySet()).containsExactly("read", "map", "flink", "jvm");
    assertThat(summary.stages().get("map").recordsOut())
        .isEqualTo(whole.stages().get("map").recordsOut());
    assertThat(Files.readAllLines(out.resolve("quarantine.jsonl")))
        .hasSameSizeAs(Files.readAllLines(work.resolve("whole/quarantine.jsonl")));
    // an empty records.jsonl would read as "nothing recovered"
    assertThat(out.resolve("review/records.jsonl")).doesNotExist();
    assertThat(out.resolve("review/records.csv")).doesNotExist();
    assertThat(out.resolve("review/unlinked.jsonl")).doesNotExist();
  }

  @Test
  void stoppingAfterLinkKeepsTheExactLinkingCounters() throws Exception {
    Path out = work.resolve("link");
    assertThat(run(out, "--stop-after", "link")).isZero();
    RunSummary summary = RunSummary.read(out.resolve("summary.json"));
    assertThat(summary.stoppedAfter()).isEqualTo("link");
    assertThat(summary.sources()).isEqualTo(whole.sources());
    assertThat(summary.linking().oversizedKeys()).isEqualTo(whole.linking().oversizedKeys());
    assertThat(summary.stages().keySet()).containsExactly("read", "map", "link", "flink", "jvm");
    assertThat(summary.stages().get("link").recordsOut())
        .isEqualTo(whole.stages().get("link").recordsOut());
  }

  @Test
  void aStageThatCannotBeStoppedAfterIsABadUsage() {
    assertThat(run(work.resolve("bad"), "--stop-after", "match")).isEqualTo(SalvageCli.EXIT_USAGE);
  }
}
