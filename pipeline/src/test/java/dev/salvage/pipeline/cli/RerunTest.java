package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns on the same inputs: the review bundle's files come out byte for byte the same, and a run
 * leaves nothing of its own in the temp folder.
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

  @TempDir Path dir;

  @Test
  void twoRunsOfTheSampleWriteByteIdenticalBundleFiles() throws IOException {
    assumeTrue(Files.isRegularFile(SAMPLE), "the sample scenario is not checked in");
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");

    CliRun one = CliRun.of("run", "--config", SAMPLE.toString(), "--out", first.toString());
    CliRun two =
        CliRun.of(
            "run", "--config", SAMPLE.toString(), "--out", second.toString(), "--parallelism", "3");

    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(two.exitCode()).as(two.err()).isZero();
    assertThat(first.resolve("review/records.jsonl")).isNotEmptyFile();
    for (String file : BUNDLE_FILES) {
      byte[] bytes = Files.readAllBytes(first.resolve(file));
      assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(bytes);
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
