package dev.salvage.connectors.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.SourceReaders;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/** The same database read over JDBC, from a dump and from CSV exports gives the same records. */
class JdbcBackupSourceTest extends AwkwardDatabaseTest {
  @TempDir Path dir;

  private static Map<String, String> options(String... more) {
    Map<String, String> options = new HashMap<>();
    options.put("url", database.url);
    options.put("user", database.user);
    options.put("password_env", TestDatabase.PASSWORD_ENV);
    options.put("schema", "public, Billing,archive");
    for (int i = 0; i < more.length; i += 2) {
      options.put(more[i], more[i + 1]);
    }
    return options;
  }

  private static Map<String, String> jsonByRef(CollectingSink sink) {
    Map<String, String> json = new LinkedHashMap<>();
    for (RawRecord record : sink.records) {
      if (!record.ref().startsWith("backup:no_key#")) {
        json.put(record.ref(), record.json());
      }
    }
    return json;
  }

  @Test
  void readsInKeyRangePartitionsTheRowsTheDumpHolds() throws Exception {
    PartitionedSource source =
        SourceReaders.open(
            "backup", "jdbc", null, options("partition_rows", "50", "fetch_size", "7"));

    List<String> partitions = source.partitions();
    CollectingSink jdbc = CollectingSink.readAll(source);

    assertThat(partitions.stream().filter(p -> p.contains("\"table\":\"customers\"")))
        .hasSize(2 + 305 / 50); // public and archive customers: 6 full ranges, a tail, and one
    assertThat(jdbc.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("same ref backup:no_key#first"));
    assertThat(AwkwardSchema.actual(jdbc)).isEqualTo(expected);
    Path dump = database.dump(dir.resolve("dump.sql"));
    CollectingSink fromDump = CollectingSink.read(new PgDumpReader(), dump);
    // ref and JSON byte for byte as the dump reader makes them
    assertThat(jsonByRef(jdbc)).isEqualTo(jsonByRef(fromDump));
    assertThat(jdbc.records).allSatisfy(r -> assertThat(r.kind()).isEqualTo("backup.row"));
  }

  @Test
  void readsOnlyTheNamedTables() throws Exception {
    CollectingSink sink =
        CollectingSink.readAll(
            SourceReaders.open(
                "backup", "jdbc", null, options("tables", "archive.customers, empty_table")));

    assertThat(sink.refs())
        .containsExactly("backup:archive.customers#1", "backup:archive.customers#2");
  }

  @Test
  void connectionCannotWrite() throws Exception {
    JdbcBackupSource source = JdbcBackupSource.create("backup", null, options());
    try (Connection connection = source.connect();
        Statement statement = connection.createStatement()) {
      assertThat(connection.isReadOnly()).isTrue();
      assertThatThrownBy(() -> statement.execute("DELETE FROM archive.customers"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("read-only transaction");
    }
    assertThat(database.rowsAsText("archive.customers", "archive.customers")).hasSize(2);
  }

  @Test
  void csvExportsOfTheTablesGiveTheSameRows() throws Exception {
    Path exports = Files.createDirectories(dir.resolve("csv"));
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      CopyManager copy = connection.unwrap(BaseConnection.class).getCopyAPI();
      for (Map.Entry<String, String> table : AwkwardSchema.TABLES.entrySet()) {
        try (Writer out = Files.newBufferedWriter(exports.resolve(table.getValue() + ".csv"))) {
          // COPY (SELECT ...), which a partitioned table needs (its own COPY TO is refused)
          copy.copyOut(
              "COPY (SELECT * FROM " + table.getKey() + ") TO STDOUT WITH (FORMAT csv, HEADER)",
              out);
        }
      }
    }

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("backup", "backup-csv", exports, Map.of()));

    assertThat(sink.quarantined).isEmpty();
    assertThat(AwkwardSchema.actual(sink)).isEqualTo(expected);
  }

  @Test
  void rejectsAPasswordInTheUrlAndBadOptions() {
    assertThatThrownBy(
            () ->
                JdbcBackupSource.create(
                    "backup", null, options("url", database.url + "?password=secret")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("must not carry a password")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(
            () -> JdbcBackupSource.create("backup", null, options("partition_rows", "lots")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessage(
            "Cannot configure jdbc source \"backup\": option partition_rows must be an integer of"
                + " at least 0, got \"lots\"");
    assertThatThrownBy(() -> JdbcBackupSource.create("backup", null, options("fetchsize", "5")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("unknown option(s) fetchsize");
    assertThatThrownBy(
            () -> JdbcBackupSource.create("backup", null, options("url", "jdbc:oracle:thin:@h")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("must be a jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql: URL");
    assertThatThrownBy(
            () ->
                JdbcBackupSource.create(
                    "backup", null, options("url", "jdbc:mariadb://reader:s3cret@h/db")))
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("must not carry a password")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void unsetPasswordVariableIsReportedByName() throws Exception {
    JdbcBackupSource source =
        JdbcBackupSource.create("backup", null, options("password_env", "SALVAGE_NO_SUCH_VAR_42"));
    assertThatThrownBy(source::partitions)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("environment variable SALVAGE_NO_SUCH_VAR_42 is not set");
  }

  @Test
  void aWrongPasswordIsAConfigurationErrorNamingTheRoleNotThePassword() throws Exception {
    Path passwordFile = dir.resolve("password");
    Files.writeString(passwordFile, "not-the-password-42\n");
    Map<String, String> options = options();
    options.remove("password_env");
    options.put("password_file", passwordFile.toString());
    JdbcBackupSource source = JdbcBackupSource.create("backup", null, options);

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageStartingWith("Cannot configure jdbc source \"backup\": the server at ")
        .hasMessageContaining("refused the connection of role " + database.user)
        .hasMessageContaining("check the role (user) and the password")
        .hasMessageNotContaining("not-the-password-42");
    assertThatThrownBy(source::tables).isInstanceOf(InvalidSourceException.class);
  }

  @Test
  void aDatabaseTheServerDoesNotHaveIsAConfigurationError() throws Exception {
    String elsewhere =
        database.url.substring(0, database.url.lastIndexOf('/') + 1) + "salvage_no_such_db_42";
    JdbcBackupSource source = JdbcBackupSource.create("backup", null, options("url", elsewhere));

    assertThatThrownBy(source::partitions)
        .isInstanceOf(InvalidSourceException.class)
        .hasMessageContaining("salvage_no_such_db_42")
        .hasMessageContaining("the database named in the URL does not exist");
  }
}
