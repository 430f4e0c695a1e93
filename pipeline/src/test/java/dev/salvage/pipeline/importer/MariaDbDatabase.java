package dev.salvage.pipeline.importer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
 * A throwaway database on the MariaDB of scripts/ensure-mariadb, fed with the mariadb client and
 * dumped with mariadb-dump like an operator would. Tests skip without that server, except under
 * CI=true.
 */
final class MariaDbDatabase implements AutoCloseable {
  private static final Pattern URL =
      Pattern.compile("jdbc:mariadb://([^:/]+):(\\d+)/[^?]*(\\?.*)?");

  final String name;
  final String url;
  final String user;
  final String password;
  private final String adminUrl;
  private final String host;
  private final String port;
  private final Path bin;

  private MariaDbDatabase(String adminUrl, String user, String password, Path bin)
      throws SQLException {
    Matcher m = URL.matcher(adminUrl);
    if (!m.matches()) {
      throw new IllegalStateException("Unexpected SALVAGE_TEST_MARIADB_URL " + adminUrl);
    }
    this.adminUrl = adminUrl;
    this.host = m.group(1);
    this.port = m.group(2);
    this.user = user;
    this.password = password;
    this.bin = bin;
    this.name = "salvage_imp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.url =
        "jdbc:mariadb://" + host + ":" + port + "/" + name + (m.group(3) == null ? "" : m.group(3));
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    }
  }

  /** A new empty database, or a skipped test when no server is configured (a failure under CI). */
  static MariaDbDatabase create() throws SQLException {
    String url = System.getenv("SALVAGE_TEST_MARIADB_URL");
    if (url == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "CI=true but SALVAGE_TEST_MARIADB_URL is unset: source scripts/ensure-mariadb");
      }
      assumeTrue(false, "SALVAGE_TEST_MARIADB_URL is unset: source scripts/ensure-mariadb");
    }
    return new MariaDbDatabase(
        url,
        System.getenv("SALVAGE_TEST_MARIADB_USER"),
        System.getenv("SALVAGE_TEST_MARIADB_PASSWORD"),
        Path.of(System.getenv("SALVAGE_TEST_MARIADB_BIN")));
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  void execute(String... statements) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Runs a SQL file with the mariadb client, which stops at the first error; its exit code. */
  int client(Path file) throws IOException, InterruptedException {
    return run("mariadb", List.of("--batch", "-D", name), file).exitCode;
  }

  /** Runs a SQL file with the mariadb client in this database: its exit code and output. */
  Result clientResult(Path file) throws IOException, InterruptedException {
    return run("mariadb", List.of("--batch", "-D", name), file);
  }

  /** Runs a SQL file with the mariadb client in a session that selected no database. */
  Result clientWithoutDatabase(Path file) throws IOException, InterruptedException {
    return run("mariadb", List.of("--batch"), file);
  }

  /** Copies every table and row of this database into {@code copy}, as mariadb-dump writes them. */
  void copyInto(MariaDbDatabase copy, Path dumpFile) throws IOException, InterruptedException {
    Result dump = run("mariadb-dump", List.of("--single-transaction", name), null);
    if (dump.exitCode != 0) {
      throw new IOException("mariadb-dump failed: " + dump.output);
    }
    java.nio.file.Files.writeString(dumpFile, dump.output);
    Result load = copy.clientResult(dumpFile);
    if (load.exitCode != 0) {
      throw new IOException("loading the copy failed: " + load.output);
    }
  }

  /** Every row of every table but the audit table, as mariadb-dump writes them, sorted. */
  String dataDump() throws IOException, InterruptedException {
    Result result =
        run(
            "mariadb-dump",
            List.of(
                "--no-create-info",
                "--skip-extended-insert",
                "--compact",
                "--ignore-table=" + name + "." + Applier.AUDIT_TABLE,
                name),
            null);
    if (result.exitCode != 0) {
      throw new IOException("mariadb-dump failed: " + result.output);
    }
    List<String> lines = new ArrayList<>(result.output.lines().toList());
    Collections.sort(lines);
    return String.join("\n", lines);
  }

  record Result(int exitCode, String output) {}

  private Result run(String program, List<String> options, Path input)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                bin.resolve(program).toString(),
                "--no-defaults",
                "-h",
                host,
                "-P",
                port,
                "-u",
                user));
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("MYSQL_PWD", password);
    if (input != null) {
      builder.redirectInput(input.toFile());
    }
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
      statement.execute("DROP DATABASE IF EXISTS " + name);
    }
  }
}
