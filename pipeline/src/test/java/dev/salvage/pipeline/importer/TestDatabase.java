package dev.salvage.pipeline.importer;

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
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway database on the PostgreSQL of scripts/ensure-postgres, loaded with psql and dumped
 * with pg_dump like an operator would. Tests skip without that server, except under CI=true.
 */
public final class TestDatabase implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*");

  final String name;
  public final String url;
  public final String user;
  public final String password;
  private final String adminUrl;
  private final String host;
  private final String port;
  private final Path pgBin;
  private final List<String> roles = new ArrayList<>();

  private TestDatabase(String adminUrl, String user, String password, Path pgBin)
      throws SQLException {
    Matcher m = URL.matcher(adminUrl);
    if (!m.matches()) {
      throw new IllegalStateException("Unexpected SALVAGE_TEST_JDBC_URL " + adminUrl);
    }
    this.adminUrl = adminUrl;
    this.host = m.group(1);
    this.port = m.group(2);
    this.user = user;
    this.password = password;
    this.pgBin = pgBin;
    this.name = "salvage_import_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.url = "jdbc:postgresql://" + host + ":" + port + "/" + name;
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
  }

  /** A new empty database, or a skipped test when no server is configured (a failure under CI). */
  public static TestDatabase create() throws SQLException {
    String url = System.getenv("SALVAGE_TEST_JDBC_URL");
    if (url == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "CI=true but SALVAGE_TEST_JDBC_URL is unset: source scripts/ensure-postgres");
      }
      assumeTrue(false, "SALVAGE_TEST_JDBC_URL is unset: source scripts/ensure-postgres");
    }
    return new TestDatabase(
        url,
        System.getenv("SALVAGE_TEST_DB_USER"),
        System.getenv("SALVAGE_TEST_DB_PASSWORD"),
        Path.of(System.getenv("SALVAGE_TEST_PG_BIN")));
  }

  /** The options of salvage import that name this database, its role and a password file. */
  public List<String> targetOptions(Path passwordFile) {
    return List.of("--target", url, "--user", user, "--password-file", passwordFile.toString());
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** The first column of the first row {@code sql} gives, as text. */
  String text(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  void execute(String... statements) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** A login role of this test, dropped with the database. */
  String createRole(String rolePassword, String... grants) throws SQLException {
    String role = "salvage_imp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    roles.add(role);
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + rolePassword + "'");
    }
    List<String> sql = new ArrayList<>();
    for (String grant : grants) {
      sql.add(grant.replace("ROLE", role));
    }
    execute(sql.toArray(String[]::new));
    return role;
  }

  /** Runs a SQL file with psql, stopping at the first error; returns psql's exit code. */
  public int psql(Path file) throws IOException, InterruptedException {
    Result result = psqlRun(file);
    if (result.exitCode != 0) {
      // the test's report then says which statement refused and why
      System.err.println("psql " + file + ": " + result.output);
    }
    return result.exitCode;
  }

  /**
   * Runs a SQL file with psql as {@link #psql} does, which must succeed; returns what psql printed
   * (its notices and warnings too).
   */
  public String psqlOutput(Path file) throws IOException, InterruptedException {
    Result result = psqlRun(file);
    if (result.exitCode != 0) {
      throw new IOException("psql " + file + " failed: " + result.output);
    }
    return result.output;
  }

  private Result psqlRun(Path file) throws IOException, InterruptedException {
    return run(
        List.of(
            pgBin.resolve("psql").toString(),
            "-q",
            "-X",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            host,
            "-p",
            port,
            "-U",
            user,
            "-d",
            name,
            "-f",
            file.toString()));
  }

  /**
   * Restores a plain pg_dump with psql, without its {@code ALTER ... OWNER TO} lines (the dump
   * names its owner role; an operator restoring elsewhere drops them the same way). The filtered
   * copy goes to scratch. Returns psql's exit code.
   */
  public int restore(Path dump, Path scratch) throws IOException, InterruptedException {
    Path copy = scratch.resolve("restore-" + name + ".sql");
    try (var lines = Files.lines(dump, StandardCharsets.UTF_8)) {
      Files.write(copy, lines.filter(line -> !line.contains(" OWNER TO ")).toList());
    }
    return psql(copy);
  }

  /**
   * Every row of every table, as pg_dump --data-only prints them, without the audit table and
   * without sequence positions (undo does not rewind sequences, on purpose).
   */
  public String dataDump() throws IOException, InterruptedException {
    Result result =
        run(
            List.of(
                pgBin.resolve("pg_dump").toString(),
                "--data-only",
                "--exclude-table=" + Applier.AUDIT_TABLE,
                "-h",
                host,
                "-p",
                port,
                "-U",
                user,
                name));
    if (result.exitCode != 0) {
      throw new IOException("pg_dump failed: " + result.output);
    }
    // rows in key order, not physical order: an UPDATE moves a row without changing it
    List<String> out = new ArrayList<>();
    List<String> rows = null;
    for (String line : result.output.lines().toList()) {
      if (line.contains("pg_catalog.setval")
          || line.startsWith("\\restrict")
          || line.startsWith("\\unrestrict")) {
        continue;
      }
      if (rows != null && !line.equals("\\.")) {
        rows.add(line);
        continue;
      }
      if (rows != null) {
        Collections.sort(rows);
        out.addAll(rows);
        rows = null;
      }
      out.add(line);
      if (line.startsWith("COPY ")) {
        rows = new ArrayList<>();
      }
    }
    return String.join("\n", out);
  }

  private record Result(int exitCode, String output) {}

  private Result run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", password);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("Timed out: " + command);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws SQLException {
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      for (String role : roles) {
        statement.execute("DROP ROLE IF EXISTS " + role);
      }
    }
  }
}
