package dev.salvage.pipeline.importer;

import dev.salvage.connectors.JdbcUrls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens the target database (PostgreSQL, or MariaDB/MySQL in a UTC session). The password never
 * comes from the command line: from the file named by {@code --password-file}, else from {@code
 * SALVAGE_TARGET_PASSWORD}; it is never printed.
 */
final class TargetConnection {
  static final String PASSWORD_ENV = "SALVAGE_TARGET_PASSWORD";

  private TargetConnection() {}

  /** Refuses a URL that carries a password, so it cannot end up in plan.json or shell history. */
  static void checkUrl(String url) throws ImportRefusedException {
    if (Dialect.of(url) == null) {
      throw new ImportRefusedException(
          "Target "
              + JdbcUrls.withoutParameters(url)
              + " is not a jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql: URL");
    }
    if (JdbcUrls.carriesPassword(url)) {
      throw new ImportRefusedException(
          "The target URL must not carry a password: pass it in "
              + PASSWORD_ENV
              + " or with --password-file");
    }
  }

  static Connection open(String url, String user, Path passwordFile)
      throws ImportRefusedException, SQLException, IOException {
    checkUrl(url);
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    String password = null;
    if (passwordFile != null) {
      password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    } else if (System.getenv(PASSWORD_ENV) != null) {
      password = System.getenv(PASSWORD_ENV);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    Dialect dialect = Dialect.of(url);
    if (dialect == Dialect.POSTGRESQL) {
      properties.setProperty("ApplicationName", "salvage import");
    }
    // a jdbc:mysql: URL is served by the MariaDB driver, which speaks to MySQL too
    String driverUrl =
        url.startsWith("jdbc:mysql:")
            ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length())
            : url;
    Connection connection;
    try {
      connection = DriverManager.getConnection(driverUrl, properties);
    } catch (SQLException e) {
      // SQLSTATE class 28: invalid authorization (a wrong password, an unknown role); the driver's
      // message names the role, never the password
      if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
        throw new TargetCredentialsException(
            "The target "
                + JdbcUrls.withoutParameters(url)
                + " refused the credentials"
                + (user == null ? "" : " of role " + user)
                + " ("
                + e.getMessage()
                + "). Check the password in "
                + PASSWORD_ENV
                + " or the --password-file, and the role. Nothing was read or written",
            e);
      }
      // 08004: the server rejected the connection; without a password that is the one it asked
      // for (pgjdbc: "requested SCRAM-based authentication, but no password was provided")
      if (password == null && "08004".equals(e.getSQLState())) {
        throw new TargetCredentialsException(
            "The target "
                + JdbcUrls.withoutParameters(url)
                + " asked for a password"
                + (user == null ? "" : " of role " + user)
                + " and none was given ("
                + e.getMessage()
                + "). Set "
                + PASSWORD_ENV
                + " or give --password-file. Nothing was read or written",
            e);
      }
      // the MariaDB driver asks for TLS unless the URL says sslMode, and a server without it (one
      // on the same machine, most containers) refuses every connection so: a URL to mend, which
      // until 2026-12-07 was a stack trace's first line and exit 1
      if (dialect == Dialect.MARIADB
          && e.getMessage() != null
          && e.getMessage().contains("ssl not enabled in the server")) {
        throw new TargetCredentialsException(
            "The target "
                + JdbcUrls.withoutParameters(url)
                + " does not offer TLS, which the MariaDB driver asks for unless the URL says"
                + " otherwise ("
                + e.getMessage()
                + "). For a server on this machine or a network you trust, add sslMode=disable to"
                + " the URL: "
                + url
                + (url.contains("?") ? "&" : "?")
                + "sslMode=disable; else enable TLS on the server. Nothing was read or written",
            e);
      }
      throw e;
    }
    if (dialect == Dialect.POSTGRESQL) {
      try (Statement statement = connection.createStatement()) {
        // UTC, as MariaDB's below: a wall time written into a timestamp with time zone column whose
        // own time_zone says the application writes wall times through a UTC session is taken as
        // UTC here too, whatever the JVM's zone (which pgjdbc gives the session otherwise)
        statement.execute("SET TimeZone = 'UTC'");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }
    if (dialect == Dialect.MARIADB) {
      try (Statement statement = connection.createStatement()) {
        // instants are written and read as UTC wall time; backslashes escape as Dialect.quote says
        statement.execute(
            "SET time_zone = '+00:00', sql_mode = CONCAT_WS(',', REPLACE(@@sql_mode,"
                + " 'NO_BACKSLASH_ESCAPES', ''), 'STRICT_ALL_TABLES')");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }
}
