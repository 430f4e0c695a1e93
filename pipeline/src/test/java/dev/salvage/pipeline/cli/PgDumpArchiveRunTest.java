package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pg_dump archive (custom, directory or tar format) given as the backup. Before 2026-12-06 a run
 * whose config set taken_at opened the dump only when reading it: the whole run went by, its output
 * full of NEW records since no backup row was read, and then it exited 3.
 */
class PgDumpArchiveRunTest {
  @TempDir Path dir;

  private Path config(String backupPath) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        dir.resolve("entities.yaml"),
        """
        entities:
          reservation:
            keys: [reference]
            fields: {reference: text}
        """);
    Files.writeString(
        dir.resolve("mail/one.eml"),
        "Message-ID: <m1@rent.example>\r\nFrom: desk@rent.example\r\n"
            + "To: ana@mail.example\r\nDate: Tue, 10 Mar 2026 09:30:00 +0000\r\n"
            + "Subject: Booking SK-1001\r\n\r\nHello\r\n");
    String rule =
        """
        rules:
          - name: %s
            kind: %s
            observed_at: {path: %s}
            emit:
              - entity: reservation
                fields:
                  reference: {path: %s, required: true}
        """;
    Files.writeString(
        dir.resolve("mappings/mail.yaml"), rule.formatted("booking", "mail", "date", "subject"));
    Files.writeString(
        dir.resolve("mappings/backup.yaml"),
        rule.formatted("reservation_row", "backup.row", "columns.updated_at", "columns.ref"));
    return Files.writeString(
        dir.resolve("salvage.yaml"),
        """
        business: {name: Rent, timezone: Europe/Berlin}
        entities: entities.yaml
        as_of: 2026-06-20T00:00:00Z
        sources:
          - {name: mail, type: eml, path: mail, mapping: mappings/mail.yaml}
        backup:
          type: pgdump
          path: %s
          mapping: mappings/backup.yaml
          taken_at: 2026-05-01T03:00:00Z
        """
            .formatted(backupPath));
  }

  @Test
  void aCustomFormatDumpIsRefusedAtTheConfigCheckBeforeAnythingIsRead() throws Exception {
    Path custom =
        Files.write(
            dir.resolve("app.dump"),
            "PGDMP\u0001\u000e\u0000binary".getBytes(StandardCharsets.ISO_8859_1));

    CliRun run =
        CliRun.of(
            "run",
            "--config",
            config("app.dump").toString(),
            "--out",
            dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "Cannot read pg_dump file "
                + custom
                + ": it is a custom-format archive, not plain SQL; convert it first with:"
                + " pg_restore -f plain.sql "
                + custom);
    assertThat(dir.resolve("out/summary.json")).doesNotExist();
    assertThat(dir.resolve("out/review/records.jsonl")).doesNotExist();
  }
}
