package dev.salvage.pipeline.importer;

import dev.salvage.connectors.JdbcUrls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the target database. The password never comes from the command line: from the file named by
 * {@code --password-file}, else from {@code SALVAGE_TARGET_PASSWORD}; it is never printed.
 */
final class TargetConnection {
  static final String PASSWORD_ENV = "SALVAGE_TARGET_PASSWORD";

  private TargetConnection() {}

  /** Refuses a URL that carries a password, so it cannot end up in plan.json or shell history. */
  static void checkUrl(String url) throws ImportRefusedException {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ImportRefusedException(
          "Target "
              + JdbcUrls.withoutParameters(url)
              + " is not a jdbc:postgresql: URL (the only target supported so far)");
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
    properties.setProperty("ApplicationName", "salvage import");
    return DriverManager.getConnection(url, properties);
  }
}
