package dev.salvage.connectors.email;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which IMAP refusals (a tagged {@code NO}) no retry changes. RFC 5530 gives the response codes: a
 * server says {@code [NOPERM]}, {@code [NONEXISTENT]}, {@code [CANNOT]}, {@code
 * [AUTHORIZATIONFAILED]} and the like when the same command will be refused again, and {@code
 * [UNAVAILABLE]}, {@code [INUSE]}, {@code [LIMIT]}, {@code [SERVERBUG]} when it may pass later. A
 * {@code NO} to SELECT or EXAMINE without a code is, by RFC 3501 (6.3.1, 6.3.2), "no such mailbox,
 * can't access mailbox": final too. Retrying a final refusal spent the whole retry budget (minutes,
 * doubled backoff) on an answer that could not change, and then gave the server up for the other
 * folders.
 */
final class ImapRefusals {
  /** The codes of a refusal the same command meets again (RFC 5530, RFC 3501). */
  static final Set<String> FINAL =
      Set.of(
          "NOPERM",
          "NONEXISTENT",
          "CANNOT",
          "AUTHORIZATIONFAILED",
          "AUTHENTICATIONFAILED",
          "EXPIRED",
          "PRIVACYREQUIRED",
          "CONTACTADMIN",
          "CLIENTBUG");

  /** The codes of a refusal that may pass later: the server is busy, limited or failing now. */
  static final Set<String> TRANSIENT = Set.of("UNAVAILABLE", "INUSE", "LIMIT", "SERVERBUG");

  // "A4 NO [NOPERM] Permission denied", as Jakarta Mail keeps the server's answer in a message
  private static final Pattern CODE = Pattern.compile("\\[([A-Za-z-]+)[\\] ]");

  private ImapRefusals() {}

  /**
   * The code of {@code error} that says it may pass later ({@code LIMIT}, {@code UNAVAILABLE},
   * {@code INUSE}, {@code SERVERBUG}), or null. A login the server answers {@code NO [LIMIT]}
   * (Dovecot: "Maximum number of connections from user+IP exceeded") or {@code NO [UNAVAILABLE]}
   * accepted the password: Jakarta Mail calls every refused login an authentication failure all the
   * same.
   */
  static String transientRefusal(Throwable error) {
    String code = firstKnownCode(error);
    return code != null && TRANSIENT.contains(code) ? code : null;
  }

  /**
   * What makes {@code error} a refusal no retry changes ({@code NOPERM}, {@code NO to EXAMINE}), or
   * null when it is worth retrying: a transient code, a dropped connection, a timeout.
   *
   * @param toSelect whether the refusal answered the SELECT or EXAMINE of the folder
   */
  static String finalRefusal(Throwable error, boolean toSelect) {
    String code = firstKnownCode(error);
    if (code != null) {
      return FINAL.contains(code) ? code : null;
    }
    return toSelect ? "NO to EXAMINE" : null;
  }

  /** The first response code along {@code error}'s causes that is final or transient, or null. */
  private static String firstKnownCode(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        Matcher code = CODE.matcher(cause.getMessage());
        while (code.find()) {
          String name = code.group(1).toUpperCase(Locale.ROOT);
          if (FINAL.contains(name) || TRANSIENT.contains(name)) {
            return name;
          }
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
