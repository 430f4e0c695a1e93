package dev.salvage.connectors;

import java.util.Locale;

/**
 * Rules for the JDBC URLs Salvage is given, for the backup it reads and the database it imports
 * into alike: a password never travels in a URL, where it would end up in plan files, logs and
 * shell history.
 */
public final class JdbcUrls {
  private JdbcUrls() {}

  /**
   * Whether {@code url} names a password: a {@code password} parameter in any spelling, or a {@code
   * user:secret@host} authority.
   */
  public static boolean carriesPassword(String url) {
    return url.toLowerCase(Locale.ROOT).contains("password")
        || url.matches("(?s)jdbc:[a-z]+://[^/?;]*:[^/?;]*@.*");
  }

  /** {@code url} without its parameters, safe to show in a message. */
  public static String withoutParameters(String url) {
    return url.replaceAll("[?;].*", "");
  }
}
