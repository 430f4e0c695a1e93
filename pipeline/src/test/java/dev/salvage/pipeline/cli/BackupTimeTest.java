package dev.salvage.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.mappings.BackupConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose backup does not say when it was taken stops before reading (the time decides what
 * counts as after the backup); for a mariadb-dump it shows the dump's completion line as a hint in
 * the dumping host's local time, never taking it as UTC.
 */
class BackupTimeTest {
  private static final String MARIADB_DUMP =
      """
      -- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
      --
      -- Host: localhost    Database: shop
      CREATE TABLE `customers` (
        `id` int(11) NOT NULL AUTO_INCREMENT,
        `email` varchar(120) NOT NULL,
        PRIMARY KEY (`id`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
      INSERT INTO `customers` VALUES
      (1,'ana@example.com');

      -- Dump completed on 2026-12-03 21:05:16
      """;

  @TempDir Path dir;

  private BackupConfig backup(String type, Path file, Instant takenAt) {
    return new BackupConfig(type, file, dir.resolve("backup.yaml"), "", takenAt, Map.of());
  }

  @Test
  void aMariaDbDumpWithoutTakenAtIsRefusedShowingItsCompletionAsLocalTimeAndTheOptionToSet()
      throws Exception {
    Path dump = Files.writeString(dir.resolve("shop.sql"), MARIADB_DUMP);

    assertThatThrownBy(() -> RunInputs.backupTime(backup("mysqldump", dump, null)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("The backup's time is unknown: " + dump)
        .hasMessageContaining(
            "its last line says dump completed 2026-12-03 21:05:16 (dumping host's local time,"
                + " zone unknown): set backup.taken_at in the run config")
        .hasMessageNotContaining("2026-12-03T21:05:16Z");
  }

  @Test
  void takenAtInTheConfigIsTheBackupsTimeWhateverTheDumpSays() throws Exception {
    Path dump = Files.writeString(dir.resolve("shop.sql"), MARIADB_DUMP);
    Instant set = Instant.parse("2026-12-03T20:00:00Z");

    assertThat(RunInputs.backupTime(backup("mysqldump", dump, set))).isEqualTo(set);
  }

  @Test
  void aPgDumpWithoutStartedOnButWithItsCompletedLineNamesBoth() throws Exception {
    Path dump =
        Files.writeString(
            dir.resolve("backup.sql"),
            "CREATE TABLE public.t (id integer);\n\n-- Completed on 2026-03-02 03:00:01 UTC\n");

    assertThatThrownBy(() -> RunInputs.backupTime(backup("pgdump", dump, null)))
        .hasMessageContaining("has no '-- Started on' header")
        .hasMessageContaining("its last line says dump completed 2026-03-02 03:00:01 UTC");
  }
}
