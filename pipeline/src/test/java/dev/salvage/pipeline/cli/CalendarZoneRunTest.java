package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An .ics calendar that names no zone for some of its times, read by a run: in the business
 * timezone of the run config, and the run's end counts the events so read.
 */
class CalendarZoneRunTest {
  @TempDir Path dir;

  @Test
  void eventsReadInAGuessedZoneAreReadInTheBusinessZoneAndCountedAtTheEnd() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("ics"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          appointment:
            keys: [code]
            fields: {code: upper, starts_at: datetime}
        """);
    Files.writeString(
        dir.resolve("mappings/calendar.yaml"),
        """
        rules:
          - name: appointment
            kind: calendar.event
            when: {path: summary, matches: "SDS-[0-9]+"}
            observed_at: {path: updated, type: datetime}
            emit:
              - entity: appointment
                fields:
                  code: {path: summary, regex: '(SDS-[0-9]+)', required: true}
                  starts_at: {path: start.dateTime, type: datetime}
        """);
    Files.writeString(
        dir.resolve("ics/clinic.ics"),
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
        BEGIN:VEVENT
        UID:a1
        DTSTAMP:20260316T020000Z
        LAST-MODIFIED:20260316T020000Z
        DTSTART;TZID=IST:20260316T063000
        SUMMARY:SDS-1051 scaling
        END:VEVENT
        BEGIN:VEVENT
        UID:a2
        DTSTAMP:20260316T020000Z
        LAST-MODIFIED:20260316T020000Z
        DTSTART:20260316T083000
        SUMMARY:SDS-1052 check-up
        END:VEVENT
        BEGIN:VEVENT
        UID:a3
        DTSTAMP:20260316T020000Z
        LAST-MODIFIED:20260316T020000Z
        DTSTART;TZID=Asia/Kolkata:20260316T103000
        SUMMARY:SDS-1053 filling
        END:VEVENT
        END:VCALENDAR
        """);
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Smile Dental, timezone: Asia/Kolkata}
            entities: entities.yaml
            as_of: 2026-04-01T00:00:00Z
            sources:
              - {name: calendar, type: ics, path: ics, mapping: mappings/calendar.yaml}
            """);
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode calendar =
        Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/sources/calendar");
    assertThat(calendar.get("used").asLong()).isEqualTo(3);
    assertThat(calendar.get("used_zone_guessed").asLong()).isEqualTo(2);
    assertThat(run.err())
        .contains("Used calendar events with times read in a zone the file does not name")
        .contains(": calendar 2. Each event's notes name the zone");
    String records = Files.readString(out.resolve("review/records.jsonl"), StandardCharsets.UTF_8);
    // 06:30 and 08:30 in Kolkata, not in UTC
    assertThat(records).contains("2026-03-16T01:00:00Z", "2026-03-16T03:00:00Z");
  }
}
