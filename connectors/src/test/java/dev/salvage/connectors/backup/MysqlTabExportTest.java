package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory written by {@code mysqldump --tab}, read as backup-csv. */
class MysqlTabExportTest {
  @TempDir Path dir;

  // as mysqldump --tab writes t.sql: its header comment, then the table's CREATE TABLE
  private static final String GUESTS_SQL =
      "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n"
          + "--\n-- Host: localhost    Database: bnb\n"
          + "/*!40101 SET NAMES utf8mb4 */;\n"
          + "DROP TABLE IF EXISTS `guests`;\n"
          + "CREATE TABLE `guests` (\n"
          + "  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
          + "  `full_name` varchar(150) NOT NULL,\n"
          + "  `email` varchar(190) DEFAULT NULL,\n"
          + "  `notes` text DEFAULT NULL,\n"
          + "  PRIMARY KEY (`id`)\n"
          + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"
          + "-- Dump completed on 2026-12-03 21:05:16\n";

  // t.txt: tabs, no header, \N for NULL; a backslash precedes a backslash, a tab and a line feed
  // in a value, and LOAD DATA reads \t \n \0 as those characters too
  private static final String GUESTS_TXT =
      "7\tIain Brown\tiain@x.example\t\\N\n"
          + "8\tAnn\\\tLee\tann@x.example\tline one\\\nline two\n"
          + "9\tC:\\\\bnb\t\\N\ttab\\there, nl\\nthere, nul\\0, \\\\N is text\n";

  private void writeLayout() throws Exception {
    Files.writeString(dir.resolve("guests.sql"), GUESTS_SQL);
    Files.writeString(dir.resolve("guests.txt"), GUESTS_TXT);
  }

  private static List<String> columnNames(JsonNode row) {
    List<String> names = new ArrayList<>();
    row.get("columns").fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void eachTableIsReadFromItsTxtWithTheColumnsAndKeyOfTheCreateTableInItsSql() throws Exception {
    writeLayout();
    PartitionedSource source = SourceReaders.open("backup", "backup-csv", dir, Map.of());

    assertThat(source.partitions()).containsExactly(dir.resolve("guests.txt").toString());
    CollectingSink sink = CollectingSink.readAll(source);

    assertThat(sink.quarantined).isEmpty();
    assertThat(sink.refs())
        .containsExactly("backup:guests#7", "backup:guests#8", "backup:guests#9");
    JsonNode iain = sink.json("backup:guests#7");
    assertThat(iain.get("table").asText()).isEqualTo("guests");
    assertThat(columnNames(iain)).containsExactly("id", "full_name", "email", "notes");
    assertThat(iain.get("columns").get("notes").isNull()).isTrue();
    JsonNode ann = sink.json("backup:guests#8").get("columns");
    assertThat(ann.get("full_name").asText()).isEqualTo("Ann\tLee");
    assertThat(ann.get("notes").asText()).isEqualTo("line one\nline two");
    JsonNode nine = sink.json("backup:guests#9").get("columns");
    assertThat(nine.get("full_name").asText()).isEqualTo("C:\\bnb");
    assertThat(nine.get("email").isNull()).isTrue();
    assertThat(nine.get("notes").asText()).isEqualTo("tab\there, nl\nthere, nul\0, \\N is text");
    assertThat(sink.record("backup:guests#9").location()).endsWith("guests.txt:4");
  }

  @Test
  void aBinaryColumnsRawBytesAreReadAsHexAndTheTextBesideThemAsUtf8WithoutANote() throws Exception {
    Files.writeString(
        dir.resolve("files.sql"),
        "CREATE TABLE `files` (\n  `id` int NOT NULL,\n  `name` varchar(50),\n"
            + "  `data` blob,\n  PRIMARY KEY (`id`)\n);\n");
    ByteArrayOutputStream txt = new ByteArrayOutputStream();
    txt.writeBytes("1\tJürgen.png\t".getBytes(StandardCharsets.UTF_8));
    // as mysqldump writes bytes 0x89 0x00 0x09 0x5c 0xff: raw, but NUL, tab and backslash escaped
    txt.writeBytes(new byte[] {(byte) 0x89, '\\', '0', '\\', '\t', '\\', '\\', (byte) 0xff});
    txt.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("files.txt"), txt.toByteArray());
    PartitionedSource source = SourceReaders.open("backup", "backup-csv", dir, Map.of());

    // not UTF-8 as a whole, yet no windows-1252 is assumed: mysqldump wrote it in utf8mb4
    assertThat(source.checkEncodings(source.partitions())).isEmpty();
    JsonNode row = CollectingSink.readAll(source).json("backup:files#1").get("columns");

    assertThat(row.get("name").asText()).isEqualTo("Jürgen.png");
    assertThat(row.get("data").asText()).isEqualTo("\\x890009" + "5cff");
  }

  @Test
  void aRowWithTheWrongNumberOfFieldsIsQuarantinedWithItsLine() throws Exception {
    Files.writeString(dir.resolve("guests.sql"), GUESTS_SQL);
    Files.writeString(dir.resolve("guests.txt"), "7\tIain\t\\N\t\\N\n8\tAnn\n");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-csv", dir, Map.of()));

    assertThat(sink.refs()).containsExactly("backup:guests#7");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).endsWith("guests.txt:2");
              assertThat(q.reason())
                  .isEqualTo("Cannot read row of table guests: 2 fields for 4 columns");
            });
  }

  @Test
  void backupInspectGuessesTheLayoutAndNamesIt() throws Exception {
    writeLayout();

    String type = BackupInspection.guessType(dir.toString());
    BackupInspection.Report report = BackupInspection.inspect(type, dir, Map.of(), null, null);
    StringWriter out = new StringWriter();
    BackupInspection.print(report, dir.toString(), out);

    assertThat(type).isEqualTo("backup-csv");
    assertThat(out.toString())
        .startsWith("Backup: " + dir + " (backup-csv, mysqldump --tab (t.sql + t.txt per table))")
        .contains("Tables: 1, rows: 3, unreadable rows: 0")
        .containsPattern("guests +3 rows  id, full_name, email, notes");
  }

  @Test
  void aSqlFileBesideCsvExportsIsRefusedNotReadAsATable() throws Exception {
    Files.writeString(dir.resolve("guests.csv"), "id,name\n1,Ann\n");
    Files.writeString(dir.resolve("shop.sql"), GUESTS_SQL);
    PartitionedSource source = SourceReaders.open("backup", "backup-csv", dir, Map.of());

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("Cannot read " + dir + " as CSV exports: it holds SQL (")
        .hasMessageContaining("shop.sql")
        .hasMessageContaining("type mysqldump or pgdump");
  }

  @Test
  void aTxtWithoutItsSqlIsRefusedInsteadOfItsFirstRowBecomingTheHeader() throws Exception {
    Path file = dir.resolve("guests.txt");
    Files.writeString(file, GUESTS_TXT);
    PartitionedSource source =
        SourceReaders.open("backup", "backup-csv", dir, Map.of("separator", "tab"));
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> source.read(source.partitions().get(0), sink))
        .hasMessageStartingWith("Cannot read CSV file " + file + " of table guests")
        .hasMessageContaining("its first line holds \\N, a NULL, where the column names belong")
        .hasMessageContaining("guests.sql");
    assertThat(sink.records).isEmpty();
  }
}
