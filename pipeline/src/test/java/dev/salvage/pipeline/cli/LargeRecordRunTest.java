package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup row far larger than the rest, as a row keeping a document or an image in a column makes.
 * Every raw record crosses a sort (the mail copies' GroupByKey) before the rules map it, and until
 * 2026-12-07 a record larger than a sorter's buffer (5 MB with the embedded Flink's memory on two
 * slots) failed the whole job: exit 1, nothing written, for a column no rule reads.
 */
class LargeRecordRunTest {
  @TempDir Path dir;

  @Test
  void aBackupRowLargerThanASortBufferIsReadAndItsBookingMatchedLikeAnyOther() throws Exception {
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
    Files.writeString(
        dir.resolve("mail/moved.eml"),
        "Message-ID: <m1@rent.example>\r\nFrom: desk@rent.example\r\nTo: ana@mail.example\r\n"
            + "Date: Tue, 02 Jun 2026 09:30:00 +0000\r\nSubject: Booking SK-1001 moved to Pankow"
            + "\r\n\r\nHello\r\n");
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
                  branch: {path: subject, regex: "moved to ([A-Za-z]+)"}
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
    try (BufferedWriter csv = Files.newBufferedWriter(dir.resolve("backup/reservations.csv"))) {
      csv.write("id,ref,branch,updated_at,contract_pdf\n1,SK-1001,Mitte,2026-01-06T15:25:00Z,");
      String chunk = "JVBERi0xLjcK".repeat(1 << 16); // 768 KB of a base64 PDF, 6.75 MB in all
      for (int i = 0; i < 9; i++) {
        csv.write(chunk);
      }
      csv.write("\n2,SK-1002,Mitte,2026-01-07T10:00:00Z,\n");
    }
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
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--parallelism",
            "2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<ReconstructedRecord> records = new ArrayList<>();
    RunLayout.of(dir.resolve("out")).records().scan((line, record) -> records.add(record));
    assertThat(records)
        .singleElement()
        .satisfies(
            moved -> {
              assertThat(moved.action()).isEqualTo(ReconstructedRecord.Action.UPDATED);
              assertThat(moved.value("backup_id")).isEqualTo("1");
              assertThat(moved.value("branch")).isEqualTo("Pankow");
            });
  }
}
