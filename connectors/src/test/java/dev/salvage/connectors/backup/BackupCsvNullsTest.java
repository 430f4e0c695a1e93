package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.DecodingNote;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cells written NULL in a CSV export: SQL NULL where the file quotes its values, else said. */
class BackupCsvNullsTest {
  @TempDir Path dir;

  // what phpMyAdmin's CSV export writes: every value quoted, SQL NULL as a bare NULL
  private static final String PHPMYADMIN =
      "\"id\",\"full_name\",\"email\",\"phone\"\n"
          + "\"3\",NULL,\"c@x.example\",\"07700 900123\"\n"
          + "\"4\",\"NULL\",\"d@x.example\",NULL\n"
          + "\"5\",\"Ann Lee\",NULL,NULL\n";

  @Test
  void anUnquotedNullInAFileOfQuotedValuesIsReadAsNullAndAQuotedOneStaysText() throws Exception {
    Files.writeString(dir.resolve("guests.csv"), PHPMYADMIN);
    PartitionedSource source = SourceReaders.open("backup", "backup-csv", dir, Map.of());

    CollectingSink sink = CollectingSink.readAll(source);

    JsonNode three = sink.json("backup:guests#3").get("columns");
    assertThat(three.get("full_name").isNull()).isTrue();
    assertThat(three.get("phone").asText()).isEqualTo("07700 900123");
    JsonNode four = sink.json("backup:guests#4").get("columns");
    // quoted, it was written as text: a person may be called that, or an app stored the word
    assertThat(four.get("full_name").asText()).isEqualTo("NULL");
    assertThat(four.get("phone").isNull()).isTrue();
    assertThat(sink.json("backup:guests#5").get("columns").get("email").isNull()).isTrue();
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void aByteOrderMarkBeforeTheFirstQuoteLeavesTheHeaderQuoted() throws Exception {
    Files.writeString(dir.resolve("guests.csv"), "\uFEFF" + PHPMYADMIN);

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-csv", dir, Map.of()));

    JsonNode three = sink.json("backup:guests#3");
    assertThat(three.get("columns").fieldNames().next()).isEqualTo("id");
    assertThat(three.get("columns").get("full_name").isNull()).isTrue();
  }

  @Test
  void aFileOfQuotedValuesWithBareNullsIsNamedOnceInTheNotes() throws Exception {
    Files.writeString(dir.resolve("guests.csv"), PHPMYADMIN);
    Files.writeString(dir.resolve("rooms.csv"), "\"id\",\"name\"\n\"1\",\"Blue\"\n");
    PartitionedSource source = SourceReaders.open("backup", "backup-csv", dir, Map.of());

    List<DecodingNote> notes = source.checkEncodings(source.partitions());

    assertThat(notes)
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.file()).endsWith("guests.csv");
              assertThat(note.note())
                  .startsWith(dir.resolve("guests.csv").toAbsolutePath() + " quotes its values")
                  .contains("4 cell(s) written NULL without quotes were read as NULL")
                  .contains("a quoted \"NULL\" stays text");
              assertThat(BackupExportSource.isAboutNulls(note)).isTrue();
            });
  }

  @Test
  void aFileWritingNullAlsoAsBackslashNBesideTheDeclaredMarkerIsSaidNamingColumnAndCount()
      throws Exception {
    // a hand-made export from two scripts: NULL in most cells, \N (SELECT ... INTO OUTFILE) in some
    Path file = dir.resolve("patients.csv");
    Files.writeString(
        file, "id;name;birth_date;note\n1;Ewa;NULL;\\N\n2;Jan;\\N;NULL\n3;Ola;07.12.1985;\\N\n");
    PartitionedSource source =
        SourceReaders.open("backup", "backup-csv", dir, Map.of("separator", ";", "null", "NULL"));

    List<DecodingNote> notes = source.checkEncodings(source.partitions());

    assertThat(
            CollectingSink.readAll(source)
                .json("backup:patients#1")
                .get("columns")
                .get("note")
                .asText())
        .isEqualTo("\\N");
    assertThat(notes)
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.note())
                    .startsWith("Warning: " + file.toAbsolutePath() + " does not quote its values")
                    .contains(
                        "the text \\N stands alone in column(s) note (2 row(s)), birth_date (1 row(s))")
                    .contains("as the option null is NULL")
                    .contains("writes SQL NULL as NULL and as \\N as well"));
    assertThat(BackupExportSource.isAboutNulls(notes.get(0))).isTrue();

    PartitionedSource backslashN =
        SourceReaders.open("backup", "backup-csv", dir, Map.of("separator", ";", "null", "\\N"));
    assertThat(backslashN.checkEncodings(backslashN.partitions()))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.note())
                    .contains(
                        "the text NULL stands alone in column(s) birth_date (1 row(s)), note (1 row(s))"));
  }

  @Test
  void anUnquotedFileWhoseColumnHoldsTheTextNullWarnsNamingColumnCountAndOption() throws Exception {
    Path file = dir.resolve("guests.csv");
    Files.writeString(
        file, "id,full_name,phone\n1,NULL,NULL\n2,Ann Lee,NULL\n3,\"NULL\",07700 900123\n4,Bo,x\n");
    PartitionedSource source = SourceReaders.open("backup", "backup-csv", dir, Map.of());

    List<DecodingNote> notes = source.checkEncodings(source.partitions());
    CollectingSink sink = CollectingSink.readAll(source);

    // ambiguous here: kept as text, as before, but said with the remedy
    assertThat(sink.json("backup:guests#1").get("columns").get("full_name").asText())
        .isEqualTo("NULL");
    assertThat(notes)
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.note())
                    .startsWith("Warning: " + file.toAbsolutePath() + " does not quote its values")
                    .contains("column(s) full_name (1 row(s)), phone (2 row(s))")
                    .contains("set the backup option null: \"NULL\""));

    PartitionedSource declared =
        SourceReaders.open("backup", "backup-csv", dir, Map.of("null", "NULL"));
    assertThat(declared.checkEncodings(declared.partitions())).isEmpty();
    JsonNode one = CollectingSink.readAll(declared).json("backup:guests#1").get("columns");
    assertThat(one.get("full_name").isNull()).isTrue();
    assertThat(one.get("phone").isNull()).isTrue();
  }

  @Test
  void aFileQuotingOnlyWhatNeedsItKeepsABareNullAsText() throws Exception {
    // PostgreSQL's and Excel's CSV quote only values holding separators or quotes
    Files.writeString(dir.resolve("guests.csv"), "id,full_name\n\"1\",NULL\n2,\"Lee, Ann\"\n");

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-csv", dir, Map.of()));

    assertThat(sink.json("backup:guests#1").get("columns").get("full_name").asText())
        .isEqualTo("NULL");
  }

  @Test
  void backupInspectSaysWhatWasReadAsNull() throws Exception {
    Files.writeString(dir.resolve("guests.csv"), PHPMYADMIN);

    BackupInspection.Report report =
        BackupInspection.inspect(
            BackupInspection.guessType(dir.toString()), dir, Map.of(), null, null);
    StringWriter out = new StringWriter();
    BackupInspection.print(report, dir.toString(), out);

    assertThat(out.toString())
        .contains("  nulls: " + dir.resolve("guests.csv").toAbsolutePath() + " quotes its values");
  }
}
