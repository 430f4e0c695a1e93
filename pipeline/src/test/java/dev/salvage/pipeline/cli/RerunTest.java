package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns on the same inputs: the review bundle's files come out byte for byte the same, also when
 * the mailbox is read in byte ranges, and a run leaves nothing of its own in the temp folder.
 */
class RerunTest {
  private static final Path SAMPLE = Path.of("..", "samples", "scenario", "salvage.yaml");
  private static final List<String> BUNDLE_FILES =
      List.of(
          "review/records.jsonl",
          "review/records.csv",
          "review/unlinked.jsonl",
          "review/evidence.jsonl",
          "quarantine.jsonl");

  private static final Pattern PARTITIONS = Pattern.compile("Reading (\\d+) partition\\(s\\)");

  @TempDir Path dir;

  /** Where the sample run both tests compare with is written, once. */
  @TempDir static Path shared;

  private static CliRun sampleRun;

  @Test
  void twoRunsOfTheSampleWriteByteIdenticalBundleFiles() throws IOException {
    assumeTrue(Files.isRegularFile(SAMPLE), "the sample scenario is not checked in");
    Path second = dir.resolve("second");

    CliRun two =
        CliRun.of(
            "run", "--config", SAMPLE.toString(), "--out", second.toString(), "--parallelism", "3");

    assertThat(two.exitCode()).as(two.err()).isZero();
    sampleRun();
    assertSameBundleFiles(sampleOut(), second);
  }

  @Test
  void theSampleWithItsMailboxReadInByteRangesWritesTheSameBundleFiles() throws IOException {
    assumeTrue(Files.isRegularFile(SAMPLE), "the sample scenario is not checked in");
    // the sample's own config, its paths made absolute (the same files, so the same locations),
    // its 3 MB mailbox split every 256 KB
    Path sample = SAMPLE.toAbsolutePath().normalize().getParent();
    String config =
        Files.readString(SAMPLE)
            .replaceAll(
                "(?m)^(\\s*(?:- )?(?:entities|path|mapping):\\s+)(\\S+)",
                "$1" + Matcher.quoteReplacement(sample.toString()) + "/$2")
            .replace(
                "mapping: " + sample + "/mappings/mail.yaml\n",
                "mapping: " + sample + "/mappings/mail.yaml\n    options: {split_size: 256KB}\n");
    assertThat(config).contains("split_size").doesNotContain("path: mail/");
    Path splitConfig = Files.writeString(dir.resolve("salvage.yaml"), config);
    Path split = dir.resolve("split");

    CliRun run =
        CliRun.of(
            "run",
            "--config",
            splitConfig.toString(),
            "--out",
            split.toString(),
            "--parallelism",
            "3");

    assertThat(run.exitCode()).as(run.err()).isZero();
    // 3 MB in ranges of 256 KB: at least 11 more partitions than the whole file's one
    assertThat(partitions(run)).isGreaterThanOrEqualTo(partitions(sampleRun()) + 11);
    assertSameBundleFiles(sampleOut(), split);
  }

  /** The checked-in sample, run once into {@link #sampleOut} for the tests of this class. */
  private static synchronized CliRun sampleRun() {
    if (sampleRun == null) {
      sampleRun = CliRun.of("run", "--config", SAMPLE.toString(), "--out", sampleOut().toString());
      assertThat(sampleRun.exitCode()).as(sampleRun.err()).isZero();
      assertThat(sampleOut().resolve("review/records.jsonl")).isNotEmptyFile();
    }
    return sampleRun;
  }

  private static Path sampleOut() {
    return shared.resolve("sample");
  }

  private static int partitions(CliRun run) {
    Matcher m = PARTITIONS.matcher(run.err());
    assertThat(m.find()).as(run.err()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static void assertSameBundleFiles(Path expected, Path actual) throws IOException {
    for (String file : BUNDLE_FILES) {
      byte[] bytes = Files.readAllBytes(expected.resolve(file));
      assertThat(Files.readAllBytes(actual.resolve(file))).as(file).isEqualTo(bytes);
    }
  }

  @Test
  void aRunLeavesNothingOfItsOwnInTheTempFolder() throws Exception {
    Path scenario = smallScenario();
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process run =
        new ProcessBuilder(
                java,
                "-Djava.io.tmpdir=" + temp,
                "-cp",
                System.getProperty("java.class.path"),
                SalvageCli.class.getName(),
                "run",
                "--config",
                scenario.resolve("salvage.yaml").toString(),
                "--out",
                dir.resolve("out").toString(),
                "--parallelism",
                "2")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("run.log").toFile())
            .start();
    assertThat(run.waitFor(10, TimeUnit.MINUTES)).isTrue();

    assertThat(run.exitValue()).as(Files.readString(dir.resolve("run.log"))).isZero();
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("entries of %s after the run", temp)
          .noneMatch(name -> name.startsWith("salvage"));
    }
  }

  @Test
  void aRunStoppedFromOutsideSaysWhatItsDirectoryHolds() throws Exception {
    assumeTrue(Files.isRegularFile(SAMPLE), "the sample scenario is not checked in");
    Path out = dir.resolve("stopped");
    Path log = dir.resolve("stopped.log");
    Path temp = Files.createDirectories(dir.resolve("stopped-tmp"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process run =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SalvageCli.class.getName(),
                "run",
                "--config",
                SAMPLE.toString(),
                "--out",
                out.toString(),
                "--tmp-dir",
                temp.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // the job starts right after this line; the sample's run takes ten seconds more
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.readString(log).contains("Reading ") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(1500);

    run.destroy(); // SIGTERM, as a kill or a closed terminal sends
    assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();

    String said = Files.readString(log);
    assertThat(run.exitValue()).as(said).isEqualTo(128 + 15);
    assertThat(said)
        .contains("salvage run was stopped before it finished: " + out)
        .contains("RUN-NOT-FINISHED")
        .doesNotContain("Wrote " + out);
    assertThat(out.resolve("RUN-NOT-FINISHED")).exists();
    // the embedded Flink's files (its RPC jar, minicluster_*: 22 MB in a trial) went with it
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aRunWithoutBackupSaysSoWhereItStartsReading() throws IOException {
    Path scenario = smallScenario();

    CliRun run =
        CliRun.of(
            "run",
            "--config",
            scenario.resolve("salvage.yaml").toString(),
            "--out",
            dir.resolve("out").toString(),
            "--parallelism",
            "2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(" partition(s) from 1 source(s) and no backup; as of ")
        .doesNotContain("the backup (taken")
        .doesNotContain("1970-01-01");
  }

  /** Twenty booking mails in an mbox source; no backup. */
  private Path smallScenario() throws IOException {
    Path scenario = dir.resolve("small");
    Files.createDirectories(scenario.resolve("mappings"));
    Files.createDirectories(scenario.resolve("mail"));
    Files.writeString(
        scenario.resolve("salvage.yaml"),
        """
        business: {name: Rentwise Cars, timezone: Europe/Lisbon, phone_region: PT}
        entities: entities.yaml
        sources:
          - {name: mail, type: mbox, path: mail, mapping: mappings/mail.yaml}
        """);
    Files.writeString(scenario.resolve("entities.yaml"), MappingsTestCommandTest.ENTITIES);
    Files.writeString(scenario.resolve("mappings/mail.yaml"), MappingsTestCommandTest.MAPPING);
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      mbox.append("From bookings@rentwise.example Tue Mar 10 09:30:00 2026\n")
          .append("Message-ID: <m%d@rentwise.example>\n".formatted(i))
          .append("From: bookings@rentwise.example\nTo: c%d@mail.example\n".formatted(i))
          .append("Date: Tue, 10 Mar 2026 09:%02d:00 +0000\n".formatted(i))
          .append("Subject: Booking confirmed RW-%06d\n\n".formatted(i))
          .append("Dear customer,\nTotal: %d.00 EUR\n\n".formatted(100 + i));
    }
    Files.writeString(scenario.resolve("mail/mailbox.mbox"), mbox.toString());
    return scenario;
  }
}
