package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Greek business's mails write the booking reference in Greek capitals that look Latin ({@code
 * ΑΣ-1043}, Alpha and Sigma) where Stripe writes {@code AS-1043}. Keys compare exactly, so an
 * outside trial got a duplicate booking per such reference, unflagged, and no word anywhere. The
 * keys stay apart (a real key may be Greek); both records are flagged, and the run's end says how
 * many values read as another.
 */
class LookAlikeKeysRunTest {
  @TempDir Path dir;

  private static String mail(String id, String reference) {
    return "Message-ID: <"
        + id
        + "@sail.example>\r\nFrom: desk@sail.example\r\nTo: eleni@mail.example\r\n"
        + "Date: Tue, 10 Jun 2026 09:30:00 +0000\r\nSubject: =?UTF-8?B?"
        + java.util.Base64.getEncoder()
            .encodeToString(
                ("Κράτηση " + reference).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + "?=\r\n\r\nHello\r\n";
  }

  private static String charge(String id, String reference) {
    return """
        {"id": "%s", "object": "charge", "amount": 50000, "currency": "eur",
         "status": "succeeded", "created": 1781085000, "metadata": {"booking_ref": "%s"}}"""
        .formatted(id, reference);
  }

  @Test
  void flagsBothRecordsOfAReferenceWrittenInGreekLettersAndNamesThemAtTheRunsEnd()
      throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.createDirectories(dir.resolve("stripe"));
    Files.createDirectories(dir.resolve("backup"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          booking:
            keys: [reference, backup_id]
            fields: {backup_id: text, reference: text, paid_cents: integer}
        """);
    // Greek Alpha and Sigma beside Stripe's charge; Greek letters no other key reads as
    Files.writeString(dir.resolve("mail/one.eml"), mail("m1", "ΑΣ-1043"));
    Files.writeString(dir.resolve("mail/three.eml"), mail("m3", "ΓΔ-7"));
    Files.writeString(dir.resolve("mail/four.eml"), mail("m4", "AS-2001"));
    Files.writeString(
        dir.resolve("stripe/charges-0001.json"),
        "{\"object\": \"list\", \"has_more\": false, \"data\": ["
            + charge("ch_1", "AS-1043")
            + ","
            + charge("ch_2", "AS-2001")
            + "]}");
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: booking
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: booking
                fields:
                  reference: {path: subject, regex: "(\\\\S+-[0-9]+)", required: true}
        """);
    Files.writeString(
        dir.resolve("mappings/stripe.yaml"),
        """
        rules:
          - name: charge
            kind: stripe.charge
            observed_at: {path: created, type: datetime, format: epoch_seconds}
            emit:
              - entity: booking
                fields:
                  reference: {path: metadata.booking_ref, required: true}
                  paid_cents: {path: amount, type: integer}
        """);
    Files.writeString(
        dir.resolve("mappings/backup.yaml"),
        """
        rules:
          - name: booking_row
            kind: backup.row
            when: [{path: table, equals: bookings}]
            observed_at: {path: columns.updated_at}
            emit:
              - entity: booking
                fields:
                  backup_id: {path: columns.id, required: true}
                  reference: {path: columns.ref, required: true}
        """);
    Files.writeString(
        dir.resolve("backup/bookings.csv"), "id,ref,updated_at\n1,AS-3001,2026-01-06T15:25:00Z\n");
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Sail, timezone: Europe/Athens}
            entities: entities.yaml
            as_of: 2026-06-20T00:00:00Z
            sources:
              - {name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}
              - {name: stripe, type: stripe-json, path: stripe, mapping: mappings/stripe.yaml}
            backup:
              type: backup-csv
              path: backup
              mapping: mappings/backup.yaml
              taken_at: 2026-05-01T03:00:00Z
            """);

    CliRun run =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<ReconstructedRecord> records = new ArrayList<>();
    RunLayout.of(dir.resolve("out")).records().scan((line, record) -> records.add(record));
    // not folded into one: a real key may be Greek
    assertThat(byReference(records, "ΑΣ-1043").flagged()).isTrue();
    assertThat(byReference(records, "ΑΣ-1043").reasons())
        .contains(
            "reference ΑΣ-1043 (Greek Α, Σ) reads as AS-1043, the reference of another booking"
                + " (here or in the backup) when Greek or Cyrillic letters are read as Latin ones:"
                + " likely one reference written in two scripts, and two records of one booking;"
                + " if so, make the mapping write it one way (mappings/README.md, \"Keys written"
                + " in two scripts\") and run again");
    assertThat(byReference(records, "AS-1043").flagged()).isTrue();
    assertThat(byReference(records, "AS-1043").reasons())
        .anyMatch(reason -> reason.startsWith("reference AS-1043 reads as ΑΣ-1043 (Greek Α, Σ),"));
    // a Greek key no other value reads as, and a Latin one nothing else writes, are keys as any
    assertThat(byReference(records, "ΓΔ-7").reasons()).noneMatch(r -> r.contains("Greek"));
    assertThat(byReference(records, "AS-2001").reasons()).noneMatch(r -> r.contains("Greek"));
    assertThat(run.err())
        .contains(
            "Note: 1 booking reference value(s) read as another booking's reference when their"
                + " Greek or Cyrillic letters are read as Latin ones, e.g. ΑΣ-1043 (Greek Α, Σ)"
                + " beside AS-1043. Keys compare exactly, so each is likely one booking in two"
                + " records (or one beside the backup's); both are flagged in review.");
    JsonNode summary = Json.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.at("/linking/booking/lookalike_keys.reference").asLong()).isEqualTo(1);
  }

  private static ReconstructedRecord byReference(
      List<ReconstructedRecord> records, String reference) {
    return records.stream()
        .filter(record -> reference.equals(record.value("reference")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no record of " + reference + " in " + records));
  }
}
