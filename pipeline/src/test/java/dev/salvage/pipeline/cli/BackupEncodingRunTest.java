package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.io.JsonInput;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup exported by Excel in another encoding than UTF-8. Before 2026-12-04 a Shift_JIS export
 * was read as windows-1252 with a warning among Flink's log lines: every value mojibake, every row
 * of a rule with a map quarantined, exit 0, and a last line saying the rule matched no row.
 */
class BackupEncodingRunTest {
  @TempDir Path dir;

  @BeforeEach
  void sources() throws Exception {
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
        dir.resolve("mail/one.eml"),
        "Message-ID: <m1@rent.example>\r\nFrom: desk@rent.example\r\n"
            + "To: ana@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0000\r\n"
            + "Subject: Booking SK-1001\r\n\r\nHello\r\n");
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
  }

  private Path config(String branchMap, String options) throws Exception {
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
                  branch: {path: columns.branch, map: %s}
        """
            .formatted(branchMap));
    return Files.writeString(
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
        %s
        """
            .formatted(options));
  }

  private void reservations(String text, String charset) throws Exception {
    Files.write(dir.resolve("backup/reservations.csv"), text.getBytes(Charset.forName(charset)));
  }

  @Test
  void aShiftJisBackupIsRefusedUntilItsEncodingIsDeclaredThenReadAsWritten() throws Exception {
    reservations(
        "id,ref,branch,updated_at\n"
            + "1,SK-1001,博多駅前店,2026-01-06T15:25:00Z\n"
            + "2,SK-1002,福岡空港店,2026-01-11T10:00:00Z\n",
        "windows-31j");
    Path config = config("{博多駅前店: HKT, 福岡空港店: FUK}", "");

    CliRun refused =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err())
        .contains(dir.resolve("backup/reservations.csv") + ": it is not UTF-8")
        .contains("As Shift_JIS it reads '博多駅前店', '福岡空港店'")
        .contains("Set the option encoding: Shift_JIS");
    assertThat(dir.resolve("out/summary.json")).doesNotExist();

    Path declared = config("{博多駅前店: HKT, 福岡空港店: FUK}", "  options: {encoding: Shift_JIS}");
    CliRun read =
        CliRun.of("run", "--config", declared.toString(), "--out", dir.resolve("out").toString());

    assertThat(read.exitCode()).as(read.err()).isZero();
    assertThat(read.err()).doesNotContain("matched none", "not UTF-8");
    JsonNode summary = JsonInput.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.path("sources").path("backup").path("used").asLong()).isEqualTo(2);
    assertThat(summary.has("decoding_notes")).isFalse();
    assertThat(summary.path("sources").path("backup").path("quarantined").asLong()).isZero();
    // both rows are older than the mail, so carried over: their text is in the evidence
    assertThat(Files.readString(dir.resolve("out/review/evidence.jsonl")))
        .contains("博多駅前店", "福岡空港店");
  }

  @Test
  void aWindows1252BackupIsReadAsBeforeAndNamedAtTheEndAndARuleWhoseRowsWereAllQuarantinedIsSaid()
      throws Exception {
    reservations(
        "id,ref,branch,updated_at\n"
            + "1,SK-1001,Düsseldorf Hbf,2026-01-06T15:25:00Z\n"
            + "2,SK-1002,Köln Flughafen,2026-01-11T10:00:00Z\n",
        "windows-1252");
    // the map is written for other branches: every row matches the rule and fails to map
    Path config = config("{Berlin: BER}", "");
    CliRun onlyThese =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out1").toString());
    assertThat(onlyThese.err())
        .contains(
            "The backup's 2 row(s) were read and none was used: the rules of "
                + dir.resolve("mappings/backup.yaml")
                + " matched them (reservation_row 2) and every one was quarantined")
        .doesNotContain("Compare the tables");
    // with rows of another table used, the hint is the rule's own
    Files.writeString(
        dir.resolve("backup/reservations_old.csv"),
        "id,ref,branch,updated_at\n9,SK-0009,,2026-01-02T00:00:00Z\n");
    Files.writeString(
        dir.resolve("mappings/backup.yaml"),
        Files.readString(dir.resolve("mappings/backup.yaml"))
            + """
              - name: old_row
                kind: backup.row
                when: [{path: table, equals: reservations_old}]
                observed_at: {path: columns.updated_at}
                emit:
                  - entity: reservation
                    fields:
                      backup_id: {path: columns.id, required: true}
                      reference: {path: columns.ref, required: true}
            """);

    CliRun run =
        CliRun.of("run", "--config", config.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path file = dir.resolve("backup/reservations.csv");
    assertThat(run.err())
        .contains(
            "Source backup: "
                + file
                + " is not UTF-8 and no encoding is declared: read as windows-1252 (what Excel on"
                + " Windows saves CSV files in), an assumption.")
        .contains(
            "Backup rule(s) reservation_row matched 2 row(s) of "
                + dir.resolve("mappings/backup.yaml")
                + ", and every one of them was quarantined")
        .doesNotContain("matched none");
    JsonNode summary = JsonInput.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    JsonNode note = summary.path("decoding_notes").path(0);
    assertThat(note.path("source").asText()).isEqualTo("backup");
    assertThat(note.path("file").asText()).isEqualTo(file.toString());
    assertThat(note.path("encoding").asText()).isEqualTo("windows-1252");
    assertThat(
            summary
                .path("sources")
                .path("backup")
                .path("rules_quarantined")
                .path("reservation_row")
                .asLong())
        .isEqualTo(2);
    // the umlauts came through: the quarantine holds the values as written
    assertThat(Files.readString(dir.resolve("out/quarantine.jsonl")))
        .contains("\\\"Düsseldorf Hbf\\\" is not in the map");
  }
}
