package dev.salvage.connectors.backup;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The options of a {@code jdbc} backup source, each declared once with its default and validation.
 * The password is never an option: only the environment variable or file that holds it.
 *
 * @param url the JDBC URL of the restored backup, without credentials
 * @param user the database role; a role with only SELECT on the backup's tables is enough
 * @param passwordEnv the environment variable holding the password, or null
 * @param passwordFile the file holding the password, or null
 * @param schemas the schemas whose tables are read when {@code tables} is empty
 * @param tables the tables to read ({@code name} or {@code schema.name}); empty for all
 * @param partitionRows rows per partition of a table with a one-column primary key
 * @param fetchSize rows fetched per round trip
 */
public record JdbcBackupOptions(
    String url,
    String user,
    String passwordEnv,
    String passwordFile,
    List<String> schemas,
    List<String> tables,
    long partitionRows,
    int fetchSize)
    implements Serializable {

  /** One declared option: its name, default (null when required or unset) and description. */
  record Declared(String name, String defaultValue, String description) {}

  static final List<Declared> DECLARED =
      List.of(
          new Declared(
              "url",
              null,
              "JDBC URL of the database the backup was restored into, e.g."
                  + " jdbc:postgresql://host:5432/restored (required; no password in it)"),
          new Declared("user", null, "database role to read as (required)"),
          new Declared("password_env", null, "environment variable holding the password"),
          new Declared("password_file", null, "file holding the password (first line)"),
          new Declared("schema", "public", "comma-separated schemas read when tables is unset"),
          new Declared(
              "tables", "", "comma-separated tables (name or schema.name); default: all tables"),
          new Declared(
              "partition_rows",
              "100000",
              "rows per partition of a table with a one-column primary key (0: no partitions)"),
          new Declared("fetch_size", "1000", "rows fetched per round trip"));

  public JdbcBackupOptions {
    requireNonNull(url, "url");
    requireNonNull(user, "user");
    schemas = List.copyOf(schemas);
    tables = List.copyOf(tables);
  }

  /**
   * Validates the options of source {@code sourceName}.
   *
   * @throws InvalidSourceException naming the source and the option
   */
  static JdbcBackupOptions parse(String sourceName, Map<String, String> options)
      throws InvalidSourceException {
    TreeSet<String> unknown = new TreeSet<>(options.keySet());
    DECLARED.forEach(option -> unknown.remove(option.name()));
    if (!unknown.isEmpty()) {
      throw invalid(
          sourceName,
          "unknown option(s) "
              + String.join(", ", unknown)
              + "; known: "
              + String.join(", ", DECLARED.stream().map(Declared::name).toList()));
    }
    String url = required(sourceName, options, "url");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw invalid(
          sourceName,
          "option url: only PostgreSQL (jdbc:postgresql:...) is supported, got "
              + url.replaceAll("[?;].*", ""));
    }
    if (url.toLowerCase(Locale.ROOT).contains("password")) {
      throw invalid(
          sourceName,
          "option url must not carry a password: name it with password_env or password_file");
    }
    String passwordEnv = options.get("password_env");
    String passwordFile = options.get("password_file");
    if (passwordEnv != null && passwordFile != null) {
      throw invalid(sourceName, "options password_env and password_file exclude each other");
    }
    return new JdbcBackupOptions(
        url,
        required(sourceName, options, "user"),
        passwordEnv,
        passwordFile,
        list(value(options, "schema")),
        list(value(options, "tables")),
        number(sourceName, options, "partition_rows", 0),
        (int) number(sourceName, options, "fetch_size", 1));
  }

  /** The password from the named environment variable or file; null when none is configured. */
  String password(String sourceName) throws IOException {
    if (passwordEnv != null) {
      String password = System.getenv(passwordEnv);
      if (password == null) {
        throw new IOException(
            "Source " + sourceName + ": environment variable " + passwordEnv + " is not set");
      }
      return password;
    }
    if (passwordFile != null) {
      List<String> lines = Files.readAllLines(Path.of(passwordFile), StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.get(0);
    }
    return null;
  }

  private static String value(Map<String, String> options, String name) {
    String given = options.get(name);
    if (given != null) {
      return given;
    }
    return DECLARED.stream()
        .filter(option -> option.name().equals(name))
        .findFirst()
        .orElseThrow()
        .defaultValue();
  }

  private static String required(String sourceName, Map<String, String> options, String name)
      throws InvalidSourceException {
    String given = options.get(name);
    if (given == null || given.isBlank()) {
      throw invalid(sourceName, "option " + name + " is required");
    }
    return given.strip();
  }

  private static long number(String sourceName, Map<String, String> options, String name, long min)
      throws InvalidSourceException {
    String text = value(options, name).strip();
    try {
      long number = Long.parseLong(text);
      if (number < min || number > Integer.MAX_VALUE) {
        throw invalid(sourceName, "option " + name + " must be at least " + min + ", got " + text);
      }
      return number;
    } catch (NumberFormatException e) {
      throw invalid(sourceName, "option " + name + " is not a whole number: " + text);
    }
  }

  private static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
    return items;
  }

  private static InvalidSourceException invalid(String sourceName, String message) {
    return new InvalidSourceException("Source " + sourceName + " of type jdbc: " + message);
  }
}
