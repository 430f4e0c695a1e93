package dev.salvage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.pipeline.cli.SalvageCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupInspectCliTest {
  private static final String DUMP =
      """
      -- Started on 2026-05-01 03:00:00 UTC
      SET client_encoding = 'UTF8';
      CREATE TABLE public.customers (
          id integer NOT NULL,
          email text,
          full_name text
      );
      CREATE TABLE public.vehicles (
          id integer NOT NULL,
          plate text
      );
      COPY public.customers (id, email, full_name) FROM stdin;
      1\tana@example.com\tAna\\tSilva
      2\t\\N\tRui
      \\.
      """;

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void captureStreams() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStreams() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void printsTimeTablesAndCountsAndWritesOneTableAsJsonLines() throws Exception {
    Path dump = Files.writeString(dir.resolve("backup.sql"), DUMP);
    Path jsonl = dir.resolve("out/customers.jsonl");

    int exit =
        SalvageCli.execute(
            "backup",
            "inspect",
            "--backup",
            dump.toString(),
            "--table",
            "customers",
            "--jsonl",
            jsonl.toString());

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed)
        .contains("(pgdump)")
        .contains("Taken at: 2026-05-01T03:00:00Z")
        .contains("Tables: 2, rows: 2")
        .containsPattern("customers +2 rows  id, email, full_name")
        .containsPattern("vehicles +0 rows  id, plate")
        .contains("Wrote 2 row(s) of customers");
    assertThat(Files.readAllLines(jsonl))
        .isEqualTo(
            List.of(
                "{\"id\":\"1\",\"email\":\"ana@example.com\",\"full_name\":\"Ana\\tSilva\"}",
                "{\"id\":\"2\",\"email\":null,\"full_name\":\"Rui\"}"));
  }

  @Test
  void unknownTableFailsAndListsTheTables() throws Exception {
    Path dump = Files.writeString(dir.resolve("backup.sql"), DUMP);

    int exit =
        SalvageCli.execute(
            "backup",
            "inspect",
            "--backup",
            dump.toString(),
            "--table",
            "bookings",
            "--jsonl",
            dir.resolve("b.jsonl").toString());

    assertThat(exit).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no table bookings; its tables: customers, vehicles");
  }

  @Test
  void aTruncatedDumpFailsWithTheReadersMessageAloneNotAJavaTypeName() throws Exception {
    Path dump =
        Files.writeString(dir.resolve("backup.sql"), DUMP.substring(0, DUMP.indexOf("\\.")));

    int exit = SalvageCli.execute("backup", "inspect", "--backup", dump.toString());

    assertThat(exit).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("salvage failed: Cannot read pg_dump file " + dump)
        .contains("table customers")
        .doesNotContain("Exception")
        .doesNotContain("caused by");
  }

  @Test
  void aMysqldumpTabDirectoryIsRecognisedAndNamedEvenWhenItsSqlFilesLookLikeDumps()
      throws Exception {
    Path tab = Files.createDirectories(dir.resolve("tab"));
    Files.writeString(
        tab.resolve("guests.sql"),
        "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n"
            + "CREATE TABLE `guests` (\n  `id` int(11) NOT NULL,\n  `phone` varchar(30),\n"
            + "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n");
    Files.writeString(tab.resolve("guests.txt"), "1\t\\N\n2\t07700 900123\n");

    int exit = SalvageCli.execute("backup", "inspect", "--backup", tab.toString());

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("(backup-csv, mysqldump --tab (t.sql + t.txt per table))")
        .contains("Tables: 1, rows: 2, unreadable rows: 0")
        .containsPattern("guests +2 rows  id, phone");
  }

  @Test
  void aCustomFormatDumpIsRefusedWithExit2AsARunRefusesIt() throws Exception {
    Path custom =
        Files.write(
            dir.resolve("shop.dump"),
            "PGDMP\u0001\u000e\u0000binary".getBytes(StandardCharsets.ISO_8859_1));

    int exit = SalvageCli.execute("backup", "inspect", "--backup", custom.toString());

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("it is a custom-format archive, not plain SQL")
        .contains("pg_restore -f plain.sql " + custom);
  }

  @Test
  void anSqlFileInACsvExportDirectoryIsRefusedWithExit2() throws Exception {
    Path export = Files.createDirectories(dir.resolve("export"));
    Files.writeString(export.resolve("guests.csv"), "id,name\n1,Ann\n");
    Files.writeString(export.resolve("shop.sql"), DUMP);

    int exit =
        SalvageCli.execute(
            "backup", "inspect", "--backup", export.toString(), "--type", "backup-csv");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Cannot read " + export + " as CSV exports: it holds SQL")
        .contains("shop.sql");
  }

  @Test
  void jdbcUrlWithoutUserIsABadUsage() {
    int exit =
        SalvageCli.execute("backup", "inspect", "--backup", "jdbc:postgresql://127.0.0.1:1/none");

    assertThat(exit).isEqualTo(SalvageCli.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--user is required");
  }

  @Test
  void aDjangoDumpdataIsGuessedAsJsonAndReadPerModelWithItsRecordOptions() throws Exception {
    Path dump =
        Files.writeString(
            dir.resolve("dumpdata.json"),
            """
            [
            {"model": "camping.guest", "pk": 1, "fields": {"email": "j@example.de"}},
            {"model": "camping.guest", "pk": 2, "fields": {"email": null}},
            {"model": "camping.stay", "pk": 1, "fields": {"guest": 2, "total": "164.00"}}
            ]
            """);

    int plain = SalvageCli.execute("backup", "inspect", "--backup", dump.toString());
    String refused = err.toString(StandardCharsets.UTF_8);
    int exit =
        SalvageCli.execute(
            "backup",
            "inspect",
            "--backup",
            dump.toString(),
            "--option",
            "record_table=model",
            "--option",
            "record_key=pk",
            "--option",
            "record_columns=fields");

    assertThat(plain).isEqualTo(SalvageCli.EXIT_FAILURE);
    assertThat(refused)
        .contains("its records are Django dumpdata's")
        .contains("--option record_table=model --option record_key=pk");
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("(backup-jsonl)")
        .contains("Tables: 2, rows: 3, unreadable rows: 0")
        .containsPattern("camping.guest +2 rows  pk, email")
        .containsPattern("camping.stay +1 rows  pk, guest, total");
  }
}
