package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.SourceReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump of several databases, as pg_dumpall writes it: each database's pg_dump --create output
 * (its CREATE DATABASE and \connect), one after the other, made by the real pg_dump.
 */
class PgDumpAllTest {
  @TempDir Path dir;
  private TestDatabase production;
  private TestDatabase staging;

  @AfterEach
  void drop() throws Exception {
    for (TestDatabase database : new TestDatabase[] {production, staging}) {
      if (database != null) {
        database.close();
      }
    }
  }

  @Test
  void sameNamedTablesOfTwoDatabasesAreRefusedUnlessTheOptionNamesTheOneToRead() throws Exception {
    production = TestDatabase.create();
    staging = TestDatabase.create();
    production.execute(
        "CREATE TABLE customers (id integer PRIMARY KEY, email text);"
            + " INSERT INTO customers VALUES (1, 'ana@example.com'), (2, 'rui@example.com')");
    staging.execute(
        "CREATE TABLE customers (id integer PRIMARY KEY, email text);"
            + " INSERT INTO customers VALUES (1, 'test@staging.example')");
    Path all = dumpAll(production, staging);

    assertThatThrownBy(() -> CollectingSink.read(new PgDumpReader(), all))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "it holds several databases (pg_dumpall) whose tables share names (customers in "
                + production.name
                + " and "
                + staging.name
                + ")")
        .hasMessageContaining("set the backup option database to the one to read");

    PartitionedSource chosen =
        SourceReaders.open("backup", "pgdump", all, Map.of("database", production.name));
    CollectingSink sink = CollectingSink.readAll(chosen);
    assertThat(emails(sink))
        .containsExactly(
            Map.entry("backup:customers#1", "ana@example.com"),
            Map.entry("backup:customers#2", "rui@example.com"));
    assertThat(sink.quarantined).isEmpty();

    assertThatThrownBy(
            () ->
                CollectingSink.readAll(
                    SourceReaders.open("backup", "pgdump", all, Map.of("database", "prod"))))
        .hasMessageContaining("it has no database \"prod\" (the option database); it holds ");
  }

  @Test
  void aDataOnlyDumpOfInsertStatementsIsCheckedForSharedTableNamesToo() throws Exception {
    production = TestDatabase.create();
    staging = TestDatabase.create();
    production.execute(
        "CREATE TABLE customers (id integer PRIMARY KEY, email text);"
            + " INSERT INTO customers VALUES (1, 'ana@example.com'), (2, 'rui@example.com')");
    staging.execute(
        "CREATE TABLE customers (id integer PRIMARY KEY, email text);"
            + " INSERT INTO customers VALUES (1, 'test@staging.example')");
    // pg_dumpall --data-only --column-inserts: each database's rows after its \connect, no CREATE
    // TABLE and no COPY to tell which tables it has
    StringBuilder all = new StringBuilder("--\n-- PostgreSQL database cluster dump\n--\n\n");
    for (TestDatabase database : new TestDatabase[] {production, staging}) {
      all.append("\\connect ").append(database.name).append("\n\n");
      all.append(
          Files.readString(
              database.dump(
                  dir.resolve(database.name + ".sql"), "--data-only", "--column-inserts")));
    }
    Path dump = Files.writeString(dir.resolve("all.sql"), all);

    assertThatThrownBy(() -> CollectingSink.read(new PgDumpReader(), dump))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("whose tables share names (customers in " + production.name);

    CollectingSink sink =
        CollectingSink.readAll(
            SourceReaders.open("backup", "pgdump", dump, Map.of("database", staging.name)));
    assertThat(emails(sink))
        .containsExactly(Map.entry("backup:customers#1", "test@staging.example"));
  }

  @Test
  void databasesWhoseTablesDifferAreReadTogether() throws Exception {
    production = TestDatabase.create();
    staging = TestDatabase.create();
    production.execute(
        "CREATE TABLE customers (id integer PRIMARY KEY, email text);"
            + " INSERT INTO customers VALUES (1, 'ana@example.com')");
    staging.execute(
        "CREATE TABLE invoices (number text PRIMARY KEY, total numeric);"
            + " INSERT INTO invoices VALUES ('F-1', 10.5)");

    CollectingSink sink = CollectingSink.read(new PgDumpReader(), dumpAll(production, staging));

    assertThat(sink.records)
        .extracting(RawRecord::ref)
        .containsExactlyInAnyOrder("backup:customers#1", "backup:invoices#F-1");
  }

  @Test
  void readsTheDatabaseNameOfEachFormOfConnect() {
    assertThat(PgDumpReader.connectedDatabase("\\connect app")).isEqualTo("app");
    assertThat(PgDumpReader.connectedDatabase("\\connect \"My \"\"Rental\"\" DB\""))
        .isEqualTo("My \"Rental\" DB");
    assertThat(PgDumpReader.connectedDatabase("\\connect -reuse-previous=on \"dbname='my app'\""))
        .isEqualTo("my app");
    // pg_dumpall escapes a quote in a conninfo value with a backslash, then double-quotes it all
    assertThat(PgDumpReader.connectedDatabase("\\connect -reuse-previous=on \"dbname='it\\'s'\""))
        .isEqualTo("it's");
  }

  private Path dumpAll(TestDatabase... databases) throws Exception {
    StringBuilder all = new StringBuilder("--\n-- PostgreSQL database cluster dump\n--\n\n");
    for (TestDatabase database : databases) {
      Path one = database.dump(dir.resolve(database.name + ".sql"), "--create");
      all.append(Files.readString(one));
    }
    all.append("--\n-- PostgreSQL database cluster dump complete\n--\n");
    return Files.writeString(dir.resolve("all.sql"), all);
  }

  private static Map<String, String> emails(CollectingSink sink) throws IOException {
    Map<String, String> emails = new TreeMap<>();
    for (RawRecord record : sink.records) {
      emails.put(
          record.ref(),
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(record.json())
              .path("columns")
              .path("email")
              .asText());
    }
    return emails;
  }
}
