package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.io.JsonInput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A B&B's MariaDB backup exported by phpMyAdmin (every value quoted, SQL NULL a bare NULL) or by
 * mysqldump --tab. Before 2026-12-05 phpMyAdmin's NULL names were the text "NULL" without a word,
 * and a --tab directory's first row of each table became its header.
 */
class BackupCsvNullsRunTest {
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
          guest:
            keys: [email, backup_id]
            fields: {backup_id: text, email: email, full_name: text, phone: phone}
        """);
    Files.writeString(
        dir.resolve("mail/one.eml"),
        "Message-ID: <m1@bnb.example>\r\nFrom: zz@other.example\r\n"
            + "To: desk@bnb.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0000\r\n"
            + "Subject: Hello\r\n\r\nHello\r\n");
    Files.writeString(
        dir.resolve("mappings/mail.yaml"),
        """
        rules:
          - name: hello
            kind: mail
            observed_at: {path: date}
            emit:
              - entity: guest
                fields:
                  email: {path: from}
        """);
    Files.writeString(
        dir.resolve("mappings/backup.yaml"),
        """
        zone: UTC
        rules:
          - name: guest_row
            kind: backup.row
            when: [{path: table, equals: guests}]
            observed_at: {path: columns.updated_at}
            emit:
              - entity: guest
                fields:
                  backup_id: {path: columns.id, required: true}
                  email: {path: columns.email}
                  full_name: {path: columns.full_name}
                  phone: {path: columns.phone}
        """);
    Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: BnB, timezone: Europe/London, phone_region: GB}
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
  }

  private CliRun run() {
    return CliRun.of(
        "run",
        "--config",
        dir.resolve("salvage.yaml").toString(),
        "--out",
        dir.resolve("out").toString());
  }

  private String evidence() throws Exception {
    return Files.readString(dir.resolve("out/review/evidence.jsonl"));
  }

  @Test
  void aPhpMyAdminExportsBareNullIsNoValueAndTheRunSaysSoAtItsEndAndInTheSummary()
      throws Exception {
    Path file = dir.resolve("backup/guests.csv");
    Files.writeString(
        file,
        "\"id\",\"full_name\",\"email\",\"phone\",\"updated_at\"\n"
            + "\"3\",NULL,\"c@x.example\",NULL,\"2026-01-08 22:51:29\"\n"
            + "\"4\",\"Ann Lee\",\"a@x.example\",\"07700 900123\",\"2026-01-08 22:51:29\"\n");

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "Source backup: "
                + file
                + " quotes its values, and 2 cell(s) written NULL without quotes were read as NULL");
    JsonNode summary = JsonInput.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.path("decoding_notes").path(0).path("file").asText())
        .isEqualTo(file.toString());
    // read as the text, the NULL phone was "not a phone number" and its row quarantined
    assertThat(summary.path("sources").path("backup").path("used").asLong()).isEqualTo(2);
    assertThat(summary.path("sources").path("backup").path("quarantined").asLong()).isZero();
  }

  @Test
  void anUnquotedExportWhoseColumnHoldsTheTextNullIsWarnedOfWithTheOptionToSet() throws Exception {
    Path file = dir.resolve("backup/guests.csv");
    Files.writeString(
        file,
        "id,full_name,email,phone,updated_at\n"
            + "3,NULL,c@x.example,NULL,2026-01-08 22:51:29\n"
            + "4,Ann Lee,a@x.example,,2026-01-08 22:51:29\n");

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "Source backup: Warning: "
                + file
                + " does not quote its values, and the text NULL stands alone in column(s)"
                + " full_name (1 row(s)), phone (1 row(s))")
        .contains("set the backup option null: \"NULL\"");
    // the typed field's quarantine names the remedy too
    assertThat(Files.readString(dir.resolve("out/quarantine.jsonl")))
        .contains("\\\"NULL\\\" is not a phone number")
        .contains("set the backup option null: \\\"NULL\\\"");
    JsonNode summary = JsonInput.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.path("decoding_notes").path(0).path("note").asText())
        .contains("full_name (1 row(s))");
  }

  @Test
  void aMysqldumpTabDirectoryIsReadTableByTableWithItsCreateTablesColumns() throws Exception {
    Files.writeString(
        dir.resolve("backup/guests.sql"),
        """
        CREATE TABLE `guests` (
          `id` int(11) NOT NULL AUTO_INCREMENT,
          `full_name` varchar(150) NOT NULL,
          `email` varchar(190) DEFAULT NULL,
          `updated_at` datetime NOT NULL,
          PRIMARY KEY (`id`)
        ) ENGINE=InnoDB;
        """);
    Files.writeString(
        dir.resolve("backup/guests.txt"),
        "1\tIain Brown\tiain@x.example\t2026-01-08 22:51:29\n"
            + "2\tAnn Lee\t\\N\t2026-01-08 22:51:29\n");

    CliRun run = run();

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = JsonInput.MAPPER.readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.path("sources").path("backup").path("used").asLong()).isEqualTo(2);
    assertThat(summary.path("sources").path("backup").path("quarantined").asLong()).isZero();
    assertThat(evidence()).contains("backup:guests#1", "backup:guests#2", "Iain Brown");
  }
}
