package dev.salvage.connectors.io;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Masks credentials in text a connector keeps or prints that came from elsewhere: a proxy's error
 * page echoing the request's {@code Authorization} header, a server's message quoting the key.
 * Bearer and Basic credentials, Google OAuth tokens ({@code ya29.}, {@code 1//}) and JSON token
 * fields are masked by their form; values the caller knows to be secret wherever they appear.
 */
public final class SecretText {
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=\\-]{8,}");
  private static final Pattern GOOGLE_TOKEN =
      Pattern.compile("\\b(ya29\\.|1//)[A-Za-z0-9._\\-]{8,}");
  private static final Pattern JSON_SECRET =
      Pattern.compile(
          "(?i)(\"(?:access_token|refresh_token|id_token|client_secret|private_key|password)\""
              + "\\s*:\\s*\")[^\"]*(\")");

  private SecretText() {}

  /** {@code text} with every credential of a known form and every one of {@code known} masked. */
  public static String redact(String text, Collection<String> known) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String secret : known) {
      if (secret != null && secret.length() >= 4) {
        masked = masked.replace(secret, "***");
      }
    }
    masked = AUTHORIZATION.matcher(masked).replaceAll("$1$2***");
    masked = GOOGLE_TOKEN.matcher(masked).replaceAll("$1***");
    return JSON_SECRET.matcher(masked).replaceAll("$1***$2");
  }
}
