package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.RawRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line ends, backslashes and NUL bytes inside values survive every way the real pg_dump writes a
 * table: COPY, {@code --inserts}, {@code --column-inserts}, multi-row INSERTs, and with {@code
 * standard_conforming_strings} on and off. Every reading must equal the database's own text of each
 * value, row by row.
 */
class PgDumpLineEndsTest {
  private static final List<String> NOTES =
      List.of(
          "line1\r\nline2\r",
          "\r",
          "\r\n",
          "\n",
          "ends with CR\r",
          "CR\rinside and LF\nafter",
          "two CRs before LF\r\r\nend",
          "back\\slash \\r \\n \\\\ \\x00 \\000 and quote ' \"",
          "E'not an escape string' \\' ''",
          "non-BMP 😀 𝄞 𠜎, BMP é ß ✓",
          "tab\tand vertical\u000btab\fform feed\bbackspace",
          "COPY t (id) FROM stdin;\n\\.\nINSERT INTO t VALUES (1);\r\n",
          "-- not a comment\r\n/* nor this */;",
          "",
          " ");
  private static final List<byte[]> BLOBS =
      List.of(
          new byte[] {0},
          new byte[] {0, 13, 10, 13},
          new byte[] {92, 0, 39, 10},
          new byte[] {(byte) 0xff, 0x00, (byte) 0x80});

  private static TestDatabase database;
  private static Map<String, List<String>> expected;

  @TempDir Path dir;

  @BeforeAll
  static void createTable() throws Exception {
    database = TestDatabase.create();
    database.execute("CREATE TABLE public.notes (id integer PRIMARY KEY, note text, blob bytea)");
    try (Connection connection = database.connect();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO public.notes VALUES (?, ?, ?)")) {
      for (int i = 0; i < NOTES.size(); i++) {
        insert.setInt(1, i + 1);
        insert.setString(2, NOTES.get(i));
        insert.setBytes(3, BLOBS.get(i % BLOBS.size()));
        insert.addBatch();
      }
      insert.setInt(1, 100);
      insert.setString(2, null);
      insert.setBytes(3, null);
      insert.addBatch();
      insert.executeBatch();
    }
    expected = new LinkedHashMap<>();
    database
        .rowsAsText("public.notes", "notes")
        .forEach((ref, row) -> expected.put(ref, new ArrayList<>(row.values())));
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void theDatabaseHoldsTheBytesTheTestMeans() {
    assertThat(expected.get("backup:notes#1").get(1)).isEqualTo("line1\r\nline2\r");
    assertThat(expected.get("backup:notes#2").get(2)).isEqualTo("\\x000d0a0d");
  }

  @Test
  void copyDumpGivesTheDatabasesValues() throws Exception {
    assertThat(read("copy.sql")).isEqualTo(expected);
  }

  @Test
  void insertsGiveTheSameRowsAsCopy() throws Exception {
    assertThat(read("inserts.sql", "--inserts")).isEqualTo(expected);
  }

  @Test
  void columnInsertsGiveTheSameRowsAsCopy() throws Exception {
    assertThat(read("column-inserts.sql", "--column-inserts")).isEqualTo(expected);
  }

  @Test
  void multiRowInsertsGiveTheSameRowsAsCopy() throws Exception {
    assertThat(read("rows-per-insert.sql", "--rows-per-insert=4")).isEqualTo(expected);
  }

  @Test
  void dumpsWithoutStandardConformingStringsGiveTheSameRows() throws Exception {
    database.execute("ALTER DATABASE " + database.name + " SET standard_conforming_strings = off");
    try {
      Path inserts = database.dump(dir.resolve("nonstandard.sql"), "--inserts");
      assertThat(Files.readString(inserts, StandardCharsets.UTF_8))
          .contains("SET standard_conforming_strings = off;")
          .contains("'back\\\\slash");
      assertThat(rows(inserts)).isEqualTo(expected);
      assertThat(read("nonstandard-copy.sql")).isEqualTo(expected);
    } finally {
      database.execute("ALTER DATABASE " + database.name + " RESET standard_conforming_strings");
    }
  }

  @Test
  void aDumpConvertedToCrlfIsReadAsTheLfDumpItWas() throws Exception {
    Path dump = database.dump(dir.resolve("unix.sql"), "--inserts");
    byte[] bytes = Files.readAllBytes(dump);
    // a transfer in text mode (FTP ASCII, unix2dos) turns every LF into CRLF
    Path converted =
        Files.writeString(
            dir.resolve("crlf.sql"),
            new String(bytes, StandardCharsets.UTF_8).replace("\n", "\r\n"),
            StandardCharsets.UTF_8);

    assertThat(rows(converted)).isEqualTo(rows(dump));
  }

  private Map<String, List<String>> read(String name, String... arguments) throws Exception {
    return rows(database.dump(dir.resolve(name), arguments));
  }

  private static Map<String, List<String>> rows(Path dump) throws Exception {
    CollectingSink sink = CollectingSink.read(new PgDumpReader(), dump);
    assertThat(sink.quarantined).isEmpty();
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (RawRecord record : sink.records) {
      JsonNode columns = CollectingSink.json(record).get("columns");
      List<String> values = new ArrayList<>();
      columns.elements().forEachRemaining(v -> values.add(v.isNull() ? null : v.asText()));
      rows.put(record.ref(), values);
    }
    return rows;
  }
}
