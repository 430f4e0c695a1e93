package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One record in two files of one source that overlap (two calendar exports of overlapping months,
 * two Stripe exports of overlapping date ranges): the same id and the same content is one piece of
 * evidence, counted once toward every field's support and its confidence, the other copy counted as
 * a copy in the source's summary; the same id with other content stays two claims, flagged.
 */
class RecordCopiesRunTest {
  @TempDir Path dir;

  private static String event(String code, String arrival) {
    return """
        BEGIN:VEVENT
        UID:%s@rent.example
        SEQUENCE:1
        DTSTAMP:20260901T050000Z
        LAST-MODIFIED:20260815T101500Z
        DTSTART;VALUE=DATE:%s
        DTEND;VALUE=DATE:20261230
        SUMMARY:%s
        END:VEVENT
        """
        .formatted(code, arrival, code);
  }

  private static String calendar(String events) {
    return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:test\nX-WR-CALNAME:Rentals\n"
        + events
        + "END:VCALENDAR\n";
  }

  private Path config(String first, String second) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("ics"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          rental:
            keys: [code]
            fields: {code: upper, arrival: date}
        """);
    Files.writeString(
        dir.resolve("mappings/calendar.yaml"),
        """
        rules:
          - name: rental
            kind: calendar.event
            when: {path: summary, matches: "RB-[0-9]+"}
            observed_at: {path: updated, type: datetime}
            emit:
              - entity: rental
                fields:
                  code: {path: summary, regex: '(RB-[0-9]+)', required: true}
                  arrival: {path: start.date, type: date}
        """);
    Files.writeString(dir.resolve("ics/2026-q3.ics"), calendar(first));
    Files.writeString(dir.resolve("ics/2026-sep-dec.ics"), calendar(second));
    return Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Rent, timezone: Europe/Berlin}
        entities: entities.yaml
        as_of: 2026-12-02T00:00:00Z
        sources:
          - {name: calendar, type: ics, path: ics, mapping: mappings/calendar.yaml}
        """);
  }

  @Test
  void countsAnEventInTwoOverlappingExportsOnceAndKeepsOtherContentApart() throws Exception {
    Path config =
        config(
            event("RB-1", "20260910") + event("RB-2", "20260920") + event("RB-3", "20260801"),
            event("RB-1", "20260910") + event("RB-2", "20260921") + event("RB-4", "20261101"));
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, JsonNode> records = RunRecords.byCode(out);
    JsonNode same = records.get("RB-1");
    assertThat(RunRecords.evidenceRefs(same)).as(same.toString()).hasSize(1);
    assertThat(same.get("flagged").asBoolean()).as(same.toString()).isFalse();
    assertThat(same.at("/fields/arrival/sources").size()).as(same.toString()).isEqualTo(1);
    // the copy in the file read first is the one kept
    assertThat(RunRecords.evidenceRefs(same).get(0)).contains("2026-q3");
    // other content under the same UID: both read, as today, and flagged for a person
    JsonNode other = records.get("RB-2");
    assertThat(RunRecords.evidenceRefs(other)).as(other.toString()).hasSize(2);
    assertThat(other.get("flagged").asBoolean()).as(other.toString()).isTrue();
    JsonNode calendar =
        Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/sources/calendar");
    assertThat(calendar.get("read").asLong()).as(calendar.toString()).isEqualTo(6);
    assertThat(calendar.get("used").asLong()).as(calendar.toString()).isEqualTo(5);
    assertThat(calendar.at("/copies_of/calendar").asLong()).as(calendar.toString()).isEqualTo(1);
  }

  private static String charge(String id, String reference, long amount) {
    return """
        {"id": "%s", "object": "charge", "amount": %d, "currency": "eur", "paid": true,
         "status": "succeeded", "created": 1781085000, "metadata": {"booking_ref": "%s"}}"""
        .formatted(id, amount, reference);
  }

  private static String list(String... objects) {
    return "{\"object\": \"list\", \"has_more\": false, \"data\": ["
        + String.join(",", objects)
        + "]}";
  }

  @Test
  void countsAStripeObjectInTwoOverlappingExportsOnce() throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("stripe"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          rental:
            keys: [code]
            fields: {code: upper, paid_cents: integer}
        """);
    Files.writeString(
        dir.resolve("mappings/stripe.yaml"),
        """
        rules:
          - name: charge
            kind: stripe.charge
            observed_at: {path: created, type: datetime, format: epoch_seconds}
            emit:
              - entity: rental
                fields:
                  code: {path: metadata.booking_ref, required: true}
                  paid_cents: {path: amount, type: integer}
        """);
    Files.writeString(
        dir.resolve("stripe/charges-0001.json"),
        list(charge("ch_1", "RB-1", 4500), charge("ch_2", "RB-2", 3000)));
    Files.writeString(
        dir.resolve("stripe/charges-0002.json"),
        list(charge("ch_1", "RB-1", 4500), charge("ch_2", "RB-2", 3500)));
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Rent, timezone: Europe/Berlin}
            entities: entities.yaml
            as_of: 2026-12-02T00:00:00Z
            sources:
              - {name: stripe, type: stripe-json, path: stripe, mapping: mappings/stripe.yaml}
            """);
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("run", "--config", config.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, JsonNode> records = RunRecords.byCode(out);
    JsonNode same = records.get("RB-1");
    assertThat(RunRecords.evidenceRefs(same)).as(same.toString()).containsExactly("stripe:ch_1");
    assertThat(same.at("/fields/paid_cents/sources").size()).as(same.toString()).isEqualTo(1);
    assertThat(same.get("flagged").asBoolean()).as(same.toString()).isFalse();
    JsonNode other = records.get("RB-2");
    assertThat(other.get("flagged").asBoolean()).as(other.toString()).isTrue();
    assertThat(other.get("reasons").toString()).contains("was read 2 times with different content");
    JsonNode stripe =
        Json.MAPPER.readTree(out.resolve("summary.json").toFile()).at("/sources/stripe");
    assertThat(stripe.get("read").asLong()).as(stripe.toString()).isEqualTo(4);
    assertThat(stripe.at("/copies_of/stripe").asLong()).as(stripe.toString()).isEqualTo(1);
  }
}
