package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merged .ics export holding several copies of one event, read by a run: the copy changed last is
 * used wherever the file writes it, the others are counted as superseded (not as unreadable, and
 * not toward the exit code's "most records quarantined"), and copies as new as each other that
 * claim different values flag their record.
 */
class CalendarCopiesRunTest {
  @TempDir Path dir;

  /** A stay as a merged export writes it: every copy stamped at the export (DTSTAMP). */
  private static String stay(String code, String modified, String arrival) {
    return """
        BEGIN:VEVENT
        UID:%s@casa.example
        SEQUENCE:2
        DTSTAMP:20261201T050000Z
        LAST-MODIFIED:%s
        DTSTART;VALUE=DATE:%s
        DTEND;VALUE=DATE:20261230
        SUMMARY:%s
        END:VEVENT
        """
        .formatted(code, modified, arrival, code);
  }

  private static final String CURRENT = "20261130T101500Z";
  private static final String STALE = "20261002T080000Z";

  private Path config(String events) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("ics"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          stay:
            keys: [code]
            fields: {code: upper, arrival: date}
        """);
    Files.writeString(
        dir.resolve("mappings/calendar.yaml"),
        """
        rules:
          - name: stay
            kind: calendar.event
            when: {path: summary, matches: "CS-[0-9]+"}
            observed_at: {path: updated, type: datetime}
            emit:
              - entity: stay
                fields:
                  code: {path: summary, regex: '(CS-[0-9]+)', required: true}
                  arrival: {path: start.date, type: date}
        """);
    Files.writeString(
        dir.resolve("ics/villa.ics"),
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:test\nMETHOD:PUBLISH\n" + events + "END:VCALENDAR\n");
    return Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Casa, timezone: Europe/Rome}
        entities: entities.yaml
        as_of: 2026-12-02T00:00:00Z
        sources:
          - {name: calendar, type: ics, path: ics, mapping: mappings/calendar.yaml}
        """);
  }

  @Test
  void usesTheCopyChangedLastWhereverItIsAndFlagsCopiesAsNewThatDisagree() throws Exception {
    Path config =
        config(
            // the stale copy after the current one, and before it
            stay("CS-1", CURRENT, "20261225")
                + stay("CS-1", STALE, "20261227")
                + stay("CS-2", STALE, "20261220")
                + stay("CS-2", CURRENT, "20261218")
                // as new as each other, of different arrivals: no version tells them apart
                + stay("CS-3", CURRENT, "20261210")
                + stay("CS-3", CURRENT, "20261211")
                // the same text twice: one event
                + stay("CS-4", CURRENT, "20261205")
                + stay("CS-4", CURRENT, "20261205"));
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, JsonNode> records = RunRecords.byCode(out);
    assertThat(records.get("CS-1").at("/fields/arrival/value").asText()).isEqualTo("2026-12-25");
    assertThat(records.get("CS-2").at("/fields/arrival/value").asText()).isEqualTo("2026-12-18");
    assertThat(records.get("CS-1").get("flagged").asBoolean()).isFalse();
    assertThat(records.get("CS-2").get("flagged").asBoolean()).isFalse();
    assertThat(records.get("CS-4").get("flagged").asBoolean()).isFalse();
    JsonNode tied = records.get("CS-3");
    assertThat(tied.get("flagged").asBoolean()).isTrue();
    assertThat(tied.get("reasons").toString())
        .contains("was read 2 times with different content (arrival 2026-12-10 / 2026-12-11)");
    // each copy's raw record, which review shows beside the record, names the other's line
    assertThat(Files.readString(out.resolve("review/evidence.jsonl"), StandardCharsets.UTF_8))
        .contains("another copy of this event as new as this one")
        .contains("of other text is at line 50")
        .contains("of other text is at line 41");
    JsonNode calendar =
        Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/sources/calendar");
    assertThat(calendar.get("read").asLong()).isEqualTo(8);
    assertThat(calendar.get("used").asLong()).isEqualTo(5);
    assertThat(calendar.get("superseded").asLong()).isEqualTo(3);
    assertThat(calendar.get("quarantined").asLong()).isZero();
    assertThat(calendar.has("quarantined_by_reader")).isFalse();
    assertThat(run.err())
        .doesNotContain("could not be read at all")
        .contains(
            "villa.ics: 3 copies of events read and left out, superseded by a newer copy of the"
                + " same event")
        .contains("1 event(s) with copies as new as each other");
  }

  @Test
  void olderCopiesAreNoRecordsTheReaderRefusedForTheExitCode() throws Exception {
    Path config =
        config(
            stay("CS-1", CURRENT, "20261225")
                + stay("CS-1", STALE, "20261227")
                + stay("CS-1", "20260901T080000Z", "20261228")
                + stay("CS-2", STALE, "20261220")
                + stay("CS-2", "20260901T080000Z", "20261221")
                + stay("CS-2", CURRENT, "20261218"));
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    // 4 of 6 read were left out: "most records quarantined" made this exit 3 until 2026-12-06
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("most of it");
    JsonNode calendar =
        Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/sources/calendar");
    assertThat(calendar.get("superseded").asLong()).isEqualTo(4);
    assertThat(calendar.get("used").asLong()).isEqualTo(2);
  }
}
