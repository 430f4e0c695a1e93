package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup row the reader quarantined (a CSV row short of its last column) and mail about the same
 * booking, older than the backup. Before 2026-12-05 the booking came out NEW with "not in the
 * backup" and "all evidence predates the backup yet the backup lacks it", while the backup held it
 * in the row it could not read; and a mail its rule could not map was said to be one that "Cannot
 * parse", and only in quarantine.jsonl.
 */
class QuarantinedBackupRowRunTest {
  @TempDir Path dir;

  private static String mail(String id, String date, String reference) {
    return "Message-ID: <"
        + id
        + "@rent.example>\r\nFrom: desk@rent.example\r\nTo: ana@mail.example\r\n"
        + (date == null ? "" : "Date: " + date + "\r\n")
        + "Subject: Booking "
        + reference
        + "\r\n\r\nHello\r\n";
  }

  @Test
  void namesTheQuarantinedBackupRowHoldingANewRecordsReferenceAndSaysRuleQuarantinesOnTheConsole()
      throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.createDirectories(dir.resolve("backup"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          reservation:
            keys: [reference, backup_id]
            fields: {backup_id: text, reference: text, branch: text}
        """);
    // both older than the backup: the first is about the row the backup could not read
    Files.writeString(
        dir.resolve("mail/one.eml"), mail("m1", "Tue, 10 Mar 2026 09:30:00 +0000", "SK-1002"));
    Files.writeString(
        dir.resolve("mail/two.eml"), mail("m2", "Wed, 11 Mar 2026 09:30:00 +0000", "SK-1003"));
    Files.writeString(dir.resolve("mail/undated.eml"), mail("m3", null, "SK-1004"));
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: booking
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: reservation
                fields:
                  reference: {path: subject, regex: "(SK-[0-9]+)", required: true}
        """);
    Files.writeString(
        dir.resolve("mappings/backup.yaml"),
        """
        rules:
          - name: reservation_row
            kind: backup.row
            when: [{path: table, equals: reservations}]
            observed_at: {path: columns.updated_at}
            emit:
              - entity: reservation
                fields:
                  backup_id: {path: columns.id, required: true}
                  reference: {path: columns.ref, required: true}
                  branch: {path: columns.branch}
        """);
    Files.writeString(
        dir.resolve("backup/reservations.csv"),
        "id,ref,branch,updated_at\n"
            + "1,SK-1001,Mitte,2026-01-06T15:25:00Z\n"
            + "2,SK-1002,Mitte\n");
    Path config =
        Files.writeString(
            dir.resolve("salvage.yaml"),
            """
            business: {name: Rent, timezone: Europe/Berlin}
            entities: entities.yaml
            as_of: 2026-06-20T00:00:00Z
            sources:
              - {name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}
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
    ReconstructedRecord unreadRow = byReference(records, "SK-1002");
    assertThat(unreadRow.action()).isEqualTo(ReconstructedRecord.Action.NEW);
    assertThat(unreadRow.flagged()).isTrue();
    assertThat(unreadRow.reasons())
        .anyMatch(
            reason ->
                reason.startsWith(
                        "the backup's row at "
                            + dir.resolve("backup/reservations.csv")
                            + ":3 holds its reference SK-1002 but was quarantined (Cannot read"
                            + " row of table reservations: 3 fields for 4 columns")
                    && reason.endsWith(
                        "the backup likely has this reservation; mend that row and"
                            + " run again, or compare before importing it as new"));
    // a NEW record no quarantined row names carries no word of them (it hid the one that did)
    assertThat(byReference(records, "SK-1003").reasons())
        .noneMatch(reason -> reason.contains("quarantined"));
    assertThat(run.err())
        .contains(
            "Source mail: 1 record(s) were read but its rules could not map them, and are in no"
                + " record (quarantine.jsonl says why of each; first: Cannot map mail")
        .contains("rule booking field observed_at: required value not found (path date)");
  }

  private static ReconstructedRecord byReference(
      List<ReconstructedRecord> records, String reference) {
    return records.stream()
        .filter(record -> reference.equals(record.value("reference")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no record of " + reference + " in " + records));
  }
}
