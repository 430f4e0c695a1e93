package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tutoring school whose application was Node.js with Prisma on PostgreSQL (test resources {@code
 * prisma-business/}): a real pg_dump with quoted PascalCase tables, an enum, {@code timestamp(3)}
 * columns holding UTC without a zone and a jsonb column; a checkout session created a minute before
 * the application wrote the booking; a calendar event of the booking whose notes were edited after
 * the backup, its time unchanged.
 */
class PrismaBusinessRunTest {
  private static final String BOOKING = "clfixturebooking000000001";

  private static final Path PRISMA_DUMP =
      Path.of("..", "mappings", "src", "test", "resources", "prisma", "backup.sql");

  @TempDir Path work;

  private CliRun run(Path config, Path out) {
    return CliRun.of(
        "run", "--config", config.toString(), "--out", out.toString(), "--runner", "direct");
  }

  private Path business(boolean zoneGiven) throws Exception {
    Path from =
        Path.of(getClass().getResource("/prisma-business/salvage.yaml").toURI()).getParent();
    Path to = work.resolve(zoneGiven ? "with-zone" : "without-zone");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    // the same real pg_dump the mappings module reads the Prisma schema's values from
    Files.createDirectories(to.resolve("backup"));
    Files.copy(PRISMA_DUMP, to.resolve("backup/backup.sql"), StandardCopyOption.REPLACE_EXISTING);
    if (!zoneGiven) {
      Path mapping = to.resolve("mappings/backup.yaml");
      Files.writeString(mapping, Files.readString(mapping).replace("zone: UTC\n", ""));
    }
    return to.resolve("salvage.yaml");
  }

  private static JsonNode booking(Path out) throws IOException {
    for (String line : Files.readAllLines(out.resolve("review/records.jsonl"))) {
      JsonNode record = Json.MAPPER.readTree(line);
      if (record.at("/fields/reference/value").asText().equals(BOOKING)) {
        return record;
      }
    }
    throw new AssertionError("no record of booking " + BOOKING);
  }

  private static List<String> reasons(JsonNode record) {
    List<String> reasons = new ArrayList<>();
    record.path("reasons").forEach(reason -> reasons.add(reason.asText()));
    return reasons;
  }

  @Test
  void withZoneUtcTheBackupsTimesAgreeWithTheEvidenceAndTheBookingIsUnchanged() throws Exception {
    Path out = work.resolve("out-with-zone");
    CliRun run = run(business(true), out);

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode booking = booking(out);
    assertThat(booking.path("action").asText())
        .as(reasons(booking).toString())
        .isEqualTo("UNCHANGED");
    assertThat(booking.at("/fields/starts_at/value").asText()).isEqualTo("2026-05-09T15:30:00Z");
    // the checkout session was created before the booking row, and before the backup: the
    // backup's createdAt holds
    assertThat(booking.at("/fields/booked_at/value").asText())
        .isEqualTo("2026-04-29T16:05:05.556Z");
    // a key of the jsonb column
    assertThat(booking.at("/fields/teacher/value").asText()).isEqualTo("Marta");
    assertThat(booking.path("flagged").asBoolean()).isFalse();
    assertThat(run.err()).doesNotContain("without a UTC offset");
    JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.at("/sources/backup/zone_assumed").isMissingNode()).isTrue();
    assertThat(summary.at("/sources/backup/rules/migrations").asLong()).isEqualTo(1);
  }

  @Test
  void withoutAZoneTheRunSaysWhichBackupFieldsItReadInTheBusinessZone() throws Exception {
    Path out = work.resolve("out-without-zone");
    CliRun run = run(business(false), out);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "read date-times written without a UTC offset in the business timezone"
                + " Europe/Warsaw, as no zone was given")
        .contains("rule booking_row, field starts_at (2 row(s))")
        .contains("zone: UTC");
    JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.at("/sources/backup/zone_assumed").toString())
        .contains("\"rule booking_row, field starts_at\":2")
        .contains("\"rule booking_row, field booked_at\":2")
        .contains("\"rule booking_row, field observed_at\":2");
    // what the warning is about: read two hours early, the untouched lesson looks moved
    JsonNode booking = booking(out);
    assertThat(booking.path("action").asText()).isEqualTo("UPDATED");
    assertThat(reasons(booking))
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .startsWith(
                        "starts_at changed from 2026-05-09T13:30:00Z to 2026-05-09T15:30:00Z"));
  }
}
