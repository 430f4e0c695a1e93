package dev.salvage.connectors.backup;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidOptionException;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.JdbcUrls;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.OptionValues;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

  static final Option<String> URL =
      Option.of("url", "JDBC URL", JdbcBackupOptions::supportedUrl)
          .required()
          // a URL may carry a password: the messages say what is wrong without repeating it
          .hidingValue()
          .withDescription(
              "JDBC URL of the database the backup was restored into, e.g."
                  + " `jdbc:postgresql://host:5432/restored` or `jdbc:mariadb://host:3306/restored`"
                  + " (MariaDB, or MySQL as `jdbc:mysql:`); refused if it carries a password");
  static final Option<String> USER =
      Option.string("user")
          .required()
          .withDescription(
              "the role to read as; one with only `SELECT` on the backup's tables is enough");
  static final Option<String> PASSWORD_ENV =
      Option.secretEnv("password_env").withDescription("environment variable holding the password");
  static final Option<String> PASSWORD_FILE =
      Option.secretFile("password_file").withDescription("file holding the password (first line)");
  static final Option<List<String>> SCHEMA =
      Option.list("schema")
          .withDefault("public")
          .withDescription(
              "comma-separated schemas whose tables are read when `tables` is not set");
  static final Option<List<String>> TABLES =
      Option.list("tables")
          .withDefaultDescribed("all tables of the schemas")
          .withDescription("comma-separated `name` or `schema.name`");
  static final Option<Integer> PARTITION_ROWS =
      Option.integer("partition_rows", 0, Integer.MAX_VALUE)
          .withDefault("100000")
          .withDescription(
              "a table with a one-column primary key is split into key ranges of this many rows,"
                  + " one read task each; `0` reads each table in one task");
  static final Option<Integer> FETCH_SIZE =
      Option.integer("fetch_size", 1, Integer.MAX_VALUE)
          .withDefault("1000")
          .withDescription("rows fetched per round trip (streaming cursor)");

  static final OptionSet OPTIONS =
      OptionSet.of(
              "jdbc",
              URL,
              USER,
              PASSWORD_ENV,
              PASSWORD_FILE,
              SCHEMA,
              TABLES,
              PARTITION_ROWS,
              FETCH_SIZE)
          .atMostOneOf(PASSWORD_ENV, PASSWORD_FILE);

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
    return OPTIONS.configure(sourceName, options, JdbcBackupOptions::assemble);
  }

  private static JdbcBackupOptions assemble(OptionValues values) throws InvalidOptionException {
    List<String> tables = values.get(TABLES);
    return new JdbcBackupOptions(
        values.get(URL),
        values.get(USER),
        values.get(PASSWORD_ENV),
        values.get(PASSWORD_FILE),
        values.get(SCHEMA),
        tables == null ? List.of() : tables,
        values.get(PARTITION_ROWS),
        values.get(FETCH_SIZE));
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

  /** Whether the URL names a MariaDB or MySQL server rather than PostgreSQL. */
  boolean mariadb() {
    return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
  }

  private static String supportedUrl(String url) {
    if (!url.startsWith("jdbc:postgresql:")
        && !url.startsWith("jdbc:mariadb:")
        && !url.startsWith("jdbc:mysql:")) {
      throw new IllegalArgumentException(
          "must be a jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql: URL, got "
              + JdbcUrls.withoutParameters(url));
    }
    if (JdbcUrls.carriesPassword(url)) {
      throw new IllegalArgumentException(
          "must not carry a password: name it with password_env or password_file");
    }
    return url;
  }
}
