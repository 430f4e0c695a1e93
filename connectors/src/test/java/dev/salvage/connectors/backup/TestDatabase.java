package dev.salvage.connectors.backup;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway database on the PostgreSQL that {@code scripts/ensure-postgres} provides: created
 * with a unique name, dropped by {@link #close()}. Tests skip when the server is not configured,
 * except under {@code CI=true}, where they fail instead of skipping silently.
 */
final class TestDatabase implements AutoCloseable {
  static final String PASSWORD_ENV = "SALVAGE_TEST_DB_PASSWORD";

  final String name;
  final String url;
  final String user;
  private final String adminUrl;
  private final String password;
  private final Path pgBin;

  private TestDatabase(String adminUrl, String user, String password, Path pgBin)
      throws SQLException {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.pgBin = pgBin;
    this.name = "salvage_backup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
    }
  }

  /** A fresh database, or a skipped test when no server is configured (a failure under CI). */
  static TestDatabase create() throws SQLException {
    String url = System.getenv("SALVAGE_TEST_JDBC_URL");
    if (url == null || url.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(
            "SALVAGE_TEST_JDBC_URL is not set under CI=true: run the tests with scripts/test");
      }
      assumeTrue(false, "SALVAGE_TEST_JDBC_URL is not set (source scripts/ensure-postgres)");
    }
    String bin = System.getenv("SALVAGE_TEST_PG_BIN");
    return new TestDatabase(
        url,
        System.getenv("SALVAGE_TEST_DB_USER"),
        System.getenv(PASSWORD_ENV),
        bin == null ? null : Path.of(bin));
  }

  /** A connection in text transfer mode: getString gives each type's output function. */
  Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("binaryTransfer", "false");
    return DriverManager.getConnection(url, properties);
  }

  void execute(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Every row of a table as PostgreSQL's text output of each column (its output function, as COPY
   * writes it; not a ::text cast, which writes booleans as true), keyed by the ref the readers give
   * it, with the session in UTC as the readers' sessions are.
   */
  Map<String, Map<String, String>> rowsAsText(String qualifiedTable, String refTable)
      throws SQLException {
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      List<String> columns = new ArrayList<>();
      try (ResultSet names =
          statement.executeQuery("SELECT * FROM " + qualifiedTable + " LIMIT 0")) {
        for (int i = 1; i <= names.getMetaData().getColumnCount(); i++) {
          columns.add(names.getMetaData().getColumnName(i));
        }
      }
      StringBuilder select = new StringBuilder("SELECT ");
      for (int i = 0; i < columns.size(); i++) {
        select.append(i == 0 ? "" : ", ").append('"').append(columns.get(i)).append('"');
      }
      select.append(" FROM ").append(qualifiedTable);
      try (ResultSet result = statement.executeQuery(select.toString())) {
        while (result.next()) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), result.getString(i + 1));
          }
          String key = row.containsKey("id") ? row.get("id") : row.get(columns.get(0));
          rows.put("backup:" + refTable + "#" + key, row);
        }
      }
    }
    return rows;
  }

  /** Runs the real pg_dump of the server with {@code arguments}, writing {@code out}. */
  Path dump(Path out, String... arguments) throws IOException, InterruptedException {
    assumeTrue(pgBin != null, "SALVAGE_TEST_PG_BIN is not set");
    List<String> command = new ArrayList<>();
    command.add(pgBin.resolve("pg_dump").toString());
    command.addAll(List.of(arguments));
    command.add("--file=" + out);
    command.add("--dbname=" + libpqUri());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", password);
    builder.environment().put("PGTZ", "UTC");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("pg_dump " + List.of(arguments) + " failed: " + output);
    }
    if (!Files.exists(out)) {
      throw new IOException("pg_dump wrote no " + out);
    }
    return out;
  }

  /** postgresql://user@host:port/db from the JDBC URL; the password travels in PGPASSWORD. */
  private String libpqUri() {
    String hostAndDb = url.substring("jdbc:postgresql://".length());
    return "postgresql://" + user + "@" + hostAndDb;
  }

  @Override
  public void close() throws SQLException {
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
