package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgDumpReaderTest {
  private static Path dump;
  private static CollectingSink sink;

  @TempDir Path dir;

  @BeforeAll
  static void readDump() throws Exception {
    dump =
        Path.of(PgDumpReaderTest.class.getClassLoader().getResource("pgdump/rentwise.sql").toURI());
    sink = CollectingSink.read(new PgDumpReader(), dump);
  }

  @Test
  void readsEveryRowOfCopyBlocksAndInserts() {
    assertThat(sink.refs())
        .containsExactly(
            "backup:customers#1",
            "backup:customers#2",
            "backup:customers#3",
            "backup:locations#LIS",
            "backup:locations#OPO",
            "backup:locations#FAO",
            "backup:locations#BRG",
            "backup:locations#AVR",
            "backup:locations#CBR",
            "backup:billing.Payments#-5",
            "backup:billing.Payments#7",
            "backup:customers#5");
    assertThat(sink.records).allSatisfy(r -> assertThat(r.kind()).isEqualTo("backup.row"));
  }

  @Test
  void copyRowKeepsColumnOrderAndNulls() {
    JsonNode row = sink.json("backup:customers#1");
    assertThat(row.get("table").asText()).isEqualTo("customers");
    List<String> names = new ArrayList<>();
    row.get("columns").fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly("id", "email", "full_name", "phone", "stripe_customer_id", "created_at");
    assertThat(row.get("columns").get("phone").asText()).isEqualTo("+351912345678");
    assertThat(sink.json("backup:customers#2").get("columns").get("phone").isNull()).isTrue();
    assertThat(sink.record("backup:customers#1").location()).isEqualTo(dump + ":48");
  }

  @Test
  void copyEscapesAreDecoded() {
    assertThat(sink.json("backup:customers#2").get("columns").get("full_name").asText())
        .isEqualTo("Tab\there\\back\nnew\rret\bbs\fff\u000bvtq");
    assertThat(sink.json("backup:customers#3").get("columns").get("full_name").asText())
        .isEqualTo("José A\u0004 \\N");
  }

  @Test
  void insertValuesAreReadInAllForms() {
    assertThat(sink.json("backup:locations#OPO").get("columns").get("name").asText())
        .isEqualTo("Porto");
    assertThat(sink.json("backup:locations#FAO").get("columns").get("name").asText())
        .isEqualTo("Faro 'Sul'");
    assertThat(sink.json("backup:locations#BRG").get("columns").get("name").isNull()).isTrue();
    assertThat(sink.json("backup:locations#AVR").get("columns").get("name").asText())
        .isEqualTo("Aveiro\nline2 A é it's");
    assertThat(sink.json("backup:locations#CBR").get("columns").get("name").asText())
        .isEqualTo("Coimbra;\nmulti-line");
    assertThat(sink.record("backup:locations#CBR").location()).isEqualTo(dump + ":62");
    JsonNode payment = sink.json("backup:billing.Payments#7");
    assertThat(payment.get("table").asText()).isEqualTo("billing.Payments");
    assertThat(payment.get("columns").get("note").asText()).isEqualTo("t");
    assertThat(sink.json("backup:customers#5").get("columns").get("created_at").asText())
        .isEqualTo("2026-01-13 10:00:00+00");
  }

  @Test
  void rowsWithTheWrongNumberOfFieldsAreQuarantinedAndReadingGoesOn() {
    assertThat(sink.quarantined).hasSize(2);
    assertThat(sink.quarantined.get(0).location()).isEqualTo(dump + ":51");
    assertThat(sink.quarantined.get(0).reason())
        .isEqualTo("Cannot read row of table customers: 3 fields for 6 columns");
    assertThat(sink.quarantined.get(0).excerpt()).contains("short@example.com");
    assertThat(sink.quarantined.get(1).location()).isEqualTo(dump + ":66");
    assertThat(sink.quarantined.get(1).reason())
        .isEqualTo("Cannot read row of table locations: 1 fields for 2 columns");
  }

  @Test
  void readsGzippedDumps() throws IOException {
    Path gz = dir.resolve("backup.sql.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(dump, out);
    }

    CollectingSink gzipped = CollectingSink.read(new PgDumpReader(), gz);

    assertThat(gzipped.refs()).isEqualTo(sink.refs());
    assertThat(PgDumpReader.takenAt(gz)).contains(Instant.parse("2026-05-01T03:00:00Z"));
  }

  @Test
  void customFormatArchiveIsRefusedWithTheConversionCommand() throws IOException {
    Path custom =
        Files.write(
            dir.resolve("backup.dump"),
            "PGDMP\u0001\u000e\u0000binary".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> new PgDumpReader().read(custom, "backup", new CollectingSink()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("custom-format")
        .hasMessageContaining("pg_restore -f plain.sql " + custom);
  }

  /** The check a run makes of its backup's files before it reads anything. */
  private static void checkBeforeReading(Path path) throws Exception {
    PartitionedSource source = PgDumpReader.source("backup", path, Map.of());
    source.checkEncodings(source.partitions());
  }

  @Test
  void refusesACustomFormatArchiveBeforeAnythingIsRead() throws IOException {
    Path custom =
        Files.write(
            dir.resolve("backup.dump"),
            "PGDMP\u0001\u000e\u0000binary".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> checkBeforeReading(custom))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessage(
            "Cannot read pg_dump file "
                + custom
                + ": it is a custom-format archive, not plain SQL; convert it first with:"
                + " pg_restore -f plain.sql "
                + custom);
  }

  @Test
  void refusesADirectoryFormatArchiveNamingTheDirectoryForPgRestore() throws IOException {
    Path archive = Files.createDirectories(dir.resolve("backup.dir"));
    Files.write(
        archive.resolve("toc.dat"),
        "PGDMP\u0001\u000e\u0000toc".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(archive.resolve("3456.dat"), "1\tana@example.com\n\\.\n");

    assertThatThrownBy(() -> checkBeforeReading(archive))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessage(
            "Cannot read pg_dump file "
                + archive
                + ": it is a directory-format archive (its toc.dat), not plain SQL; convert it"
                + " first with: pg_restore -f plain.sql "
                + archive);
  }

  @Test
  void refusesATarFormatArchiveBeforeAnythingIsRead() throws IOException {
    byte[] header = new byte[1024];
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, header, 257, magic.length);
    Path tar = Files.write(dir.resolve("backup.tar"), header);

    assertThatThrownBy(() -> checkBeforeReading(tar))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("it is a tar-format archive, not plain SQL")
        .hasMessageEndingWith("pg_restore -f plain.sql " + tar);
  }

  @Test
  void aPlainDumpPassesTheCheckBeforeReading() throws Exception {
    checkBeforeReading(dump);
  }

  @Test
  void aTarFormatDumpIsRefusedWithThePgRestoreCommandNotWithTar() throws IOException {
    byte[] header = new byte[1024];
    byte[] name = "toc.dat".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, header, 0, name.length);
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, header, 257, magic.length);
    Path tar = Files.write(dir.resolve("backup.tar"), header);

    assertThatThrownBy(() -> new PgDumpReader().read(tar, "backup", new CollectingSink()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read pg_dump file "
                + tar
                + ": it is a tar-format archive, not plain SQL; convert it first with: pg_restore"
                + " -f plain.sql "
                + tar);
  }

  @Test
  void aPartitionsRowsAreTheRowsOfThePartitionedTableAsPostgres10DumpedThem() throws IOException {
    Path partitioned =
        Files.writeString(
            dir.resolve("partitioned.sql"),
            """
            CREATE TABLE app.sessions (id integer NOT NULL, starts_on date NOT NULL)
            PARTITION BY RANGE (starts_on);
            CREATE TABLE app.sessions_2026 PARTITION OF app.sessions
            FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            CREATE UNLOGGED TABLE app.sessions_2027 PARTITION OF app.sessions
            FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
            COPY app.sessions_2026 (id, starts_on) FROM stdin;
            1	2026-03-01
            \\.
            COPY app.sessions_2027 (id, starts_on) FROM stdin;
            2	2027-03-01
            \\.
            ALTER TABLE ONLY app.sessions
                ADD CONSTRAINT sessions_pkey PRIMARY KEY (id, starts_on);
            """);

    CollectingSink read = CollectingSink.read(new PgDumpReader(), partitioned);

    assertThat(read.refs())
        .containsExactly("backup:app.sessions#1,2026-03-01", "backup:app.sessions#2,2027-03-01");
    assertThat(read.quarantined).isEmpty();
  }

  @Test
  void aRowLongerThanARecordMayHoldIsQuarantinedAndTheRowsAfterItAreRead() throws IOException {
    // a 2 GB value (a 2 MB gzip) ran the JVM out of memory: the row is cut at 64 MB instead
    Path dump = dir.resolve("long-row.sql.gz");
    byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dump))) {
      out.write(
          "COPY public.notes (id, body) FROM stdin;\n1\t".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 80; i++) {
        out.write(chunk);
      }
      out.write("\n2\tshort\n\\.\n".getBytes(StandardCharsets.US_ASCII));
    }

    CollectingSink read = CollectingSink.read(new PgDumpReader(), dump);

    assertThat(read.refs()).containsExactly("backup:notes#2");
    assertThat(read.quarantined).hasSize(1);
    assertThat(read.quarantined.get(0).location()).isEqualTo(dump + ":2");
    assertThat(read.quarantined.get(0).reason())
        .isEqualTo(
            "Cannot read row of table notes: longer than 64 MB, the most one row may hold (a"
                + " file or binary data kept in a column?)");
  }

  @Test
  void takenAtReadsTheHeaderTime() throws IOException {
    assertThat(PgDumpReader.takenAt(dump)).contains(Instant.parse("2026-05-01T03:00:00Z"));
    Path summer =
        Files.writeString(
            dir.resolve("summer.sql"),
            "--\n-- Started on 2026-05-01 05:00:00 CEST\n\nSET x = 1;\n");
    assertThat(PgDumpReader.takenAt(summer)).contains(Instant.parse("2026-05-01T03:00:00Z"));
    Path offset =
        Files.writeString(
            dir.resolve("offset.sql"), "-- Dumped by salvage-samples on 2026-05-01 04:00:00 +01\n");
    assertThat(PgDumpReader.takenAt(offset)).contains(Instant.parse("2026-05-01T03:00:00Z"));
    Path none =
        Files.writeString(
            dir.resolve("none.sql"),
            "-- Dumped by pg_dump version 16.4\nCREATE TABLE t (id int);\n");
    assertThat(PgDumpReader.takenAt(none)).isEmpty();
  }

  @Test
  void aDumpCutInsideACopyBlockGivesTheRowsBeforeTheCutThenSaysItIsTruncated() throws IOException {
    Path cut =
        Files.writeString(
            dir.resolve("cut.sql"), "COPY public.t (id, name) FROM stdin;\n1\tone\n2\ttw");
    CollectingSink truncated = new CollectingSink();

    assertThatThrownBy(() -> new PgDumpReader().read(cut, "backup", truncated))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read pg_dump file "
                + cut
                + " to its end: the file ends inside a row of table t, at line 3 (the row has no"
                + " line end: the dump was cut while it was written or copied); that row is not"
                + " read, and whatever followed it in the dump is missing");
    // the cut row's last value ("tw") is not passed off as the row
    assertThat(truncated.refs()).containsExactly("backup:t#1");
    assertThat(truncated.quarantined).isEmpty();
  }

  @Test
  void nulBytesOverARunOfCopyRowsAreReportedAsSuchAndTheTableIsNotReadToItsEnd()
      throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int id = 1; id <= 10; id++) {
      rows.append(id).append("\tName ").append(id).append("\tn").append(id).append("@x.example\n");
    }
    String header = "COPY public.customers (id, name, email) FROM stdin;\n";
    String tail = "\\.\n\nCOPY public.notes (id) FROM stdin;\n1\n\\.\n";
    byte[] dump = (header + rows + tail).getBytes(StandardCharsets.UTF_8);
    // a run of zeros from the middle of row 4 to the middle of row 7: rows 5 and 6 are gone with
    // their line ends, and rows 4 and 7 are left as one line
    int from = header.length() + rows.indexOf("Name 4") + 2;
    int to = header.length() + rows.indexOf("n7@");
    java.util.Arrays.fill(dump, from, to, (byte) 0);
    Path zeroed = Files.write(dir.resolve("zeroed.sql"), dump);
    CollectingSink read = new CollectingSink();

    assertThatThrownBy(() -> new PgDumpReader().read(zeroed, "backup", read))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read pg_dump file "
                + zeroed
                + " to its end: the COPY block of table customers (begun at line 1) holds "
                + (to - from)
                + " NUL byte(s) on 1 line(s) (line 5), which pg_dump never writes: zeros overwrote"
                + " the dump there (a disk or copy fault), and the rows they covered cannot be"
                + " counted; those lines are in the quarantine, the block's other rows were read;"
                + " the rest of the dump was read");
    assertThat(read.refs())
        .containsExactly(
            "backup:customers#1",
            "backup:customers#2",
            "backup:customers#3",
            "backup:customers#8",
            "backup:customers#9",
            "backup:customers#10",
            "backup:notes#1");
    // before, the line was one row of "2 fields for 3 columns", as if one row were lost
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(zeroed + ":5");
              assertThat(q.reason())
                  .startsWith(
                      "Cannot read COPY row of table customers: the line holds "
                          + (to - from)
                          + " NUL byte(s)")
                  .containsPattern("how many cannot be told, about \\d+ row\\(s\\) of this block's")
                  .doesNotContain("fields for");
              assertThat(q.excerpt()).doesNotContain("\u0000");
            });
  }

  @Test
  void aPgDumpCutInsideARowOfItsSecondTableNamesThatTableAndLineNotAStatement() throws IOException {
    String dump =
        "--\r\n-- PostgreSQL database dump\r\n--\r\n\r\n"
            + "SET client_encoding = 'UTF8';\r\n"
            + "CREATE TABLE public.customers (\r\n    id integer NOT NULL,\r\n    email text\r\n);\r\n"
            + "COPY public.customers (id, email) FROM stdin;\r\n1\tana@x.example\r\n\\.\r\n\r\n"
            + "COPY public.bookings (id, customer_id, note) FROM stdin;\r\n"
            + "10\t1\tfirst\r\n11\t1\tit's a \\ttab\r\n12\t1\tthe note is cu";
    Path cut = Files.writeString(dir.resolve("crlf-cut.sql"), dump);
    CollectingSink truncated = new CollectingSink();

    assertThatThrownBy(() -> new PgDumpReader().read(cut, "backup", truncated))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "Cannot read pg_dump file "
                + cut
                + " to its end: the file ends inside a row of table bookings, at line 17 ")
        .hasMessageNotContaining("statement")
        .hasMessageNotContaining("what follows line");
    assertThat(truncated.refs())
        .containsExactly("backup:customers#1", "backup:bookings#10", "backup:bookings#11");
    assertThat(truncated.quarantined).isEmpty();
  }

  @Test
  void aGzippedDumpWhoseDataStopsInsideACopyBlockNamesTheTable() throws IOException {
    StringBuilder rows = new StringBuilder("COPY public.bookings (id, note) FROM stdin;\n");
    for (int i = 0; i < 5000; i++) {
      rows.append(i).append("\tnote number ").append(i * 7919 % 10007).append('\n');
    }
    rows.append("\\.\n");
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(zipped)) {
      out.write(rows.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = zipped.toByteArray();
    Path cut = Files.write(dir.resolve("cut.sql.gz"), Arrays.copyOf(whole, whole.length * 2 / 3));
    CollectingSink truncated = new CollectingSink();

    assertThatThrownBy(() -> new PgDumpReader().read(cut, "backup", truncated))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "Cannot read pg_dump file "
                + cut
                + " to its end: the file ends inside a row of table"
                + " bookings, after line ")
        .hasMessageContaining("(its gzip data stops early");
    assertThat(truncated.records).isNotEmpty().hasSizeLessThan(5000);
  }

  @Test
  void aDumpCutBetweenTwoTablesIsTruncatedByItsMissingClosingComment() throws IOException {
    String opening = "--\n-- PostgreSQL database dump\n--\n\n";
    String table = "COPY public.t (id) FROM stdin;\n1\n2\n\\.\n\n";
    String closing = "--\n-- PostgreSQL database dump complete\n--\n\n";
    Path whole = Files.writeString(dir.resolve("whole.sql"), opening + table + closing);
    Path cut = Files.writeString(dir.resolve("cut.sql"), opening + table);

    assertThat(CollectingSink.read(new PgDumpReader(), whole).refs())
        .containsExactly("backup:t#1", "backup:t#2");
    CollectingSink truncated = new CollectingSink();
    assertThatThrownBy(() -> new PgDumpReader().read(cut, "backup", truncated))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "it ends without pg_dump's closing line \"-- PostgreSQL database dump complete\"");
    assertThat(truncated.refs()).containsExactly("backup:t#1", "backup:t#2");
  }

  @Test
  void aMysqlDumpGivenAsAPgDumpIsRefusedWithTheTypeToUse() throws IOException {
    Path mysql =
        Files.writeString(
            dir.resolve("shop.sql"),
            "-- MySQL dump 10.13  Distrib 8.0.30, for Linux (x86_64)\n--\n"
                + "INSERT INTO `customer` VALUES (1,'ana@example.com');\n");

    assertThatThrownBy(() -> new PgDumpReader().read(mysql, "backup", new CollectingSink()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read pg_dump file "
                + mysql
                + ": it is a MySQL/MariaDB dump (its first line says so); read it with type"
                + " mysqldump");
  }

  @Test
  void aFileWithoutAnyTableStatementIsRefusedRatherThanReadAsAnEmptyBackup() throws IOException {
    // a Django dumpdata (JSON) and a CSV export given as type pgdump: both read as 0 rows, exit 0
    Path json =
        Files.writeString(
            dir.resolve("dumpdata.json"),
            "[\n{\n  \"model\": \"camping.guest\",\n  \"pk\": 1,\n  \"fields\": {}\n}\n]\n");
    Path csv = Files.writeString(dir.resolve("guests.csv"), "id,email\n1,a@example.de\n");
    Path empty = Files.writeString(dir.resolve("empty.sql"), "-- nothing dumped yet\n\n");

    assertThatThrownBy(() -> new PgDumpReader().read(json, "backup", new CollectingSink()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read pg_dump file "
                + json
                + ": it holds no CREATE TABLE, COPY or INSERT statement and no pg_dump header (its"
                + " first line is '['); it looks like JSON: read it with type backup-jsonl (an"
                + " array of records, or one per line; docs/backup.md)");
    assertThatThrownBy(() -> new PgDumpReader().read(csv, "backup", new CollectingSink()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("(its first line is 'id,email'); a plain-format dump is SQL text");
    // nothing at all is no claim to be anything: an empty backup, as before
    CollectingSink none = new CollectingSink();
    new PgDumpReader().read(empty, "backup", none);
    assertThat(none.records).isEmpty();
  }

  @Test
  void aDumpCutInsideAStatementSaysWhereItBegan() throws IOException {
    Path cut =
        Files.writeString(
            dir.resolve("cut.sql"),
            "INSERT INTO public.t (id) VALUES (1);\nINSERT INTO public.t (id) VALUES ('tw");

    CollectingSink truncated = new CollectingSink();
    assertThatThrownBy(() -> new PgDumpReader().read(cut, "backup", truncated))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("it ends inside the statement begun at line 2");
    assertThat(truncated.refs()).containsExactly("backup:t#1");
  }

  @Test
  void statementCutOffBeforeItsSemicolonDoesNotSwallowTheRest() throws IOException {
    Path damaged =
        Files.writeString(
            dir.resolve("damaged.sql"),
            "INSERT INTO public.t (id) VALUES (1)\nCOPY public.t (id) FROM stdin;\n2\n\\.\nINSERT INTO public.t (id) VALUES (3);\n");

    CollectingSink read = CollectingSink.read(new PgDumpReader(), damaged);

    assertThat(read.refs()).containsExactly("backup:t#2", "backup:t#3");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(damaged + ":1");
              assertThat(q.reason()).contains("no ; before the next statement at line 2");
            });
  }

  @Test
  void aLinkTableRowIsKeyedByTheCompositePrimaryKeyDeclaredAfterItsData() throws IOException {
    Path keyed =
        Files.writeString(
            dir.resolve("keyed.sql"),
            """
            CREATE TABLE public.film_actor (actor_id integer, film_id integer, role text);
            CREATE TABLE public.branches (
                name text,
                code text CONSTRAINT branches_code_pk PRIMARY KEY,
                city text
            );
            CREATE TABLE public.tags (label text, n integer, CONSTRAINT tags_pkey PRIMARY KEY (label, n));
            COPY public.film_actor (actor_id, film_id, role) FROM stdin;
            1	10	lead
            1	11	cameo
            \\.
            INSERT INTO public.branches VALUES ('Porto', 'OPO', 'Porto'), ('Porto', 'OPA', NULL);
            INSERT INTO public.tags VALUES ('a,b', 1), ('a', 1);
            ALTER TABLE ONLY public.film_actor
                ADD CONSTRAINT film_actor_pkey PRIMARY KEY (actor_id, film_id);
            """);
    CollectingSink read = CollectingSink.read(new PgDumpReader(), keyed);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.refs())
        .containsExactly(
            "backup:film_actor#1,10",
            "backup:film_actor#1,11",
            "backup:branches#OPO",
            "backup:branches#OPA",
            "backup:tags#a%2Cb,1",
            "backup:tags#a,1");
  }

  @Test
  void aRowOfATableWithoutAKeyThatRepeatsAnEarlierRowsRefIsQuarantinedNotMerged()
      throws IOException {
    Path loose =
        Files.writeString(
            dir.resolve("loose.sql"),
            """
            COPY public.visits (customer_id, day) FROM stdin;
            7	2026-01-01
            7	2026-01-02
            \\N	2026-01-03
            \\N	2026-01-04
            \\.
            """);
    CollectingSink read = CollectingSink.read(new PgDumpReader(), loose);

    // a NULL key stands in as its line, which no other row has
    assertThat(read.refs())
        .containsExactly("backup:visits#7", "backup:visits#line4", "backup:visits#line5");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(loose + ":3");
              assertThat(q.reason())
                  .isEqualTo(
                      "Cannot tell row of table visits apart: an earlier row has the same ref"
                          + " backup:visits#7 (the backup declares no primary key for visits, and"
                          + " its rows are keyed by customer_id, which is not unique); kept out so"
                          + " it is not merged into that row");
            });
  }

  @Test
  void aDumpCutBeforeItsKeysGivesItsRowsKeyedAsTheyCanBeThenSaysItIsTruncated() throws IOException {
    Path cut =
        Files.writeString(
            dir.resolve("cut-keys.sql"),
            """
            -- PostgreSQL database dump
            COPY public.film_actor (actor_id, film_id) FROM stdin;
            1	10
            2	10
            \\.
            ALTER TABLE ONLY public.film_actor
                ADD CONSTRAINT film_actor_pkey PRIMARY KEY (actor_id, film_id)""");
    CollectingSink truncated = new CollectingSink();

    assertThatThrownBy(() -> new PgDumpReader().read(cut, "backup", truncated))
        .hasMessageContaining("without pg_dump's closing line");
    // the keys are declared after the cut: its rows are read, keyed as well as can be
    assertThat(truncated.refs()).containsExactly("backup:film_actor#1", "backup:film_actor#2");
  }
}
