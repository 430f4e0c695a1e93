package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MariaDB's zero dates, its "no value" for a date column, in a mysqldump. */
class MysqlDumpZeroDatesTest {
  @TempDir Path dir;

  private static final String DUMP =
      """
      -- MariaDB dump 10.19  Distrib 10.11.18-MariaDB
      CREATE TABLE `tour_bookings` (
        `id` int(11) NOT NULL AUTO_INCREMENT,
        `reference` varchar(20) NOT NULL,
        `tour_date` date NOT NULL,
        `created_at` timestamp NOT NULL DEFAULT current_timestamp(),
        `updated_at` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
        PRIMARY KEY (`id`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
      INSERT INTO `tour_bookings` VALUES (1,'MD-1001','2026-03-14','2026-03-01 09:00:00','2026-03-02 10:00:00'),\
      (2,'MD-1002','0000-00-00','2026-03-01 09:30:00','0000-00-00 00:00:00'),\
      (3,'0000-00-00 note','2026-03-15','2026-03-01 10:00:00','0000-00-00 00:00:00.000000');
      """;

  @Test
  void zeroDatesAreReadAsNullAndOtherValuesAsWritten() throws Exception {
    Path dump = Files.writeString(dir.resolve("dump.sql"), DUMP, StandardCharsets.UTF_8);

    CollectingSink sink = CollectingSink.read(new MysqlDumpReader(), dump);

    assertThat(sink.quarantined).isEmpty();
    assertThat(sink.json("backup:tour_bookings#1").get("columns").get("updated_at").asText())
        .isEqualTo("2026-03-02 10:00:00");
    assertThat(sink.json("backup:tour_bookings#2").get("columns").get("tour_date").isNull())
        .isTrue();
    assertThat(sink.json("backup:tour_bookings#2").get("columns").get("updated_at").isNull())
        .isTrue();
    assertThat(sink.json("backup:tour_bookings#3").get("columns").get("updated_at").isNull())
        .isTrue();
    // a text that only starts like a zero date is text
    assertThat(sink.json("backup:tour_bookings#3").get("columns").get("reference").asText())
        .isEqualTo("0000-00-00 note");
  }

  @Test
  void theRunIsToldWhichColumnsHeldZeroDates() throws Exception {
    Files.writeString(dir.resolve("dump.sql"), DUMP, StandardCharsets.UTF_8);
    PartitionedSource source = SourceReaders.open("backup", "mysqldump", dir, Map.of());

    List<DecodingNote> notes = source.checkEncodings(source.partitions());

    assertThat(notes)
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.note())
                  .contains("holds 3 zero date(s)")
                  .contains("tour_bookings.tour_date (1), tour_bookings.updated_at (2)")
                  .contains("read as NULL (no value)");
              assertThat(MysqlDumpReader.isAboutZeroDates(note)).isTrue();
            });
  }

  @Test
  void aDumpWithoutZeroDatesHasNoNote() throws Exception {
    Files.writeString(
        dir.resolve("dump.sql"),
        DUMP.replace("'0000-00-00'", "'2026-03-16'")
            .replace("'0000-00-00 00:00:00", "'2026-03-16 00:00:00"),
        StandardCharsets.UTF_8);
    PartitionedSource source = SourceReaders.open("backup", "mysqldump", dir, Map.of());

    assertThat(source.checkEncodings(source.partitions())).isEmpty();
  }
}
