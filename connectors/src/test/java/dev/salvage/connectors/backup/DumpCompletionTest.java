package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mariadb-dump's last line, {@code -- Dump completed on ...}, is the dumping host's local time
 * without a zone: inspect shows it as a hint with how to set taken_at, and never as the backup's
 * time. mysqldump/shop.sql is a real mariadb-dump 10.19 (MariaDB 10.11) file of a two-row table,
 * its last line set to the time of the report that asked for this.
 */
class DumpCompletionTest {
  @TempDir Path dir;

  private static Path shop() throws Exception {
    return Path.of(
        DumpCompletionTest.class.getClassLoader().getResource("mysqldump/shop.sql").toURI());
  }

  @Test
  void inspectOfAMariaDbDumpShowsItsCompletionAsLocalTimeOfUnknownZoneAndHowToSetTakenAt()
      throws Exception {
    BackupInspection.Report report =
        BackupInspection.inspect(
            BackupInspection.guessType(shop().toString()), shop(), Map.of(), null, null);

    assertThat(report.type()).isEqualTo("mysqldump");
    assertThat(report.takenAt()).as("a time without a zone is not an instant").isEmpty();
    assertThat(report.completed())
        .hasValueSatisfying(
            hint -> {
              assertThat(hint.completed()).isEqualTo(LocalDateTime.parse("2026-12-03T21:05:16"));
              assertThat(hint.zone()).isEmpty();
            });
    StringBuilder printed = new StringBuilder();
    BackupInspection.print(report, "shop.sql", printed);
    assertThat(printed.toString())
        .contains(
            "Taken at: unknown; dump completed 2026-12-03 21:05:16 (dumping host's local time,"
                + " zone unknown): set backup.taken_at in the run config (salvage.yaml)")
        .contains("taken_at: 2026-12-03T21:05:16+01:00 if that host ran at UTC+1")
        .doesNotContain("2026-12-03T21:05:16Z")
        .containsPattern("customers +2 rows  id, email, full_name, phone");
  }

  @Test
  void aPhpMyAdminExportIsAMysqlDumpWhoseGenerationTimeIsTheHint() throws Exception {
    // an outside trial's phpMyAdmin export was guessed a pg_dump: 0 tables, exit 0
    Path export =
        Files.writeString(
            dir.resolve("wawel.sql"),
            """
            -- phpMyAdmin SQL Dump
            -- version 5.2.1
            -- https://www.phpmyadmin.net/
            --
            -- Host: localhost
            -- Generation Time: Jan 20, 2026 at 04:00 AM
            -- Server version: 10.11.6-MariaDB
            -- PHP Version: 8.2.7

            SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";

            CREATE TABLE `students` (
              `id` int(11) NOT NULL,
              `email` varchar(191) DEFAULT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

            INSERT INTO `students` (`id`, `email`) VALUES
            (1, 'ewa@wawel.example'),
            (2, NULL);

            ALTER TABLE `students`
              ADD PRIMARY KEY (`id`);
            COMMIT;
            """);

    assertThat(BackupInspection.guessType(export.toString())).isEqualTo("mysqldump");
    assertThat(DumpCompletion.read(export))
        .hasValueSatisfying(
            hint -> {
              assertThat(hint.completed()).isEqualTo(LocalDateTime.parse("2026-01-20T04:00"));
              assertThat(hint.fromHeader()).isTrue();
              assertThat(hint.describe())
                  .isEqualTo(
                      "phpMyAdmin generated it 2026-01-20 04:00:00 (the database server's local"
                          + " time, zone unknown)");
            });
  }

  @Test
  void anHourBeforeTenAsMysqldumpPrintsItWithABlankIsRead() throws Exception {
    // mysqldump formats the hour with %2d: what the fixture's dump said before it was edited
    String text =
        Files.readString(shop(), StandardCharsets.UTF_8)
            .replace("2026-12-03 21:05:16", "2026-12-04  0:29:48");
    Path early = Files.writeString(dir.resolve("early.sql"), text);

    assertThat(DumpCompletion.read(early))
        .map(DumpCompletion::describe)
        .contains("dump completed 2026-12-04 00:29:48 (dumping host's local time, zone unknown)");
  }

  @Test
  void aGzippedDumpIsReadToItsLastLine() throws Exception {
    Path gz = dir.resolve("shop.sql.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      // enough rows before the trailer that it is not in the first buffer read
      for (int i = 0; i < 20_000; i++) {
        out.write(("INSERT INTO `t` VALUES (" + i + ");\n").getBytes(StandardCharsets.UTF_8));
      }
      out.write(Files.readAllBytes(shop()));
    }

    assertThat(DumpCompletion.read(gz))
        .map(DumpCompletion::completed)
        .contains(LocalDateTime.parse("2026-12-03T21:05:16"));
  }

  @Test
  void aPgDumpCompletedLineKeepsItsZoneAndADumpWithoutTrailerGivesNoHint() throws Exception {
    assertThat(DumpCompletion.parse("-- Completed on 2026-03-02 03:00:01 UTC"))
        .map(DumpCompletion::describe)
        .contains("dump completed 2026-03-02 03:00:01 UTC");
    Path cut =
        Files.writeString(
            dir.resolve("cut.sql"),
            Files.readString(shop(), StandardCharsets.UTF_8)
                .replace("-- Dump completed on 2026-12-03 21:05:16\n", ""));

    assertThat(DumpCompletion.read(cut)).isEmpty();
    StringBuilder printed = new StringBuilder();
    BackupInspection.print(
        BackupInspection.inspect("mysqldump", cut, Map.of(), null, null), "cut.sql", printed);
    assertThat(printed.toString())
        .contains("Taken at: unknown (set backup.taken_at in the run config)");
  }
}
