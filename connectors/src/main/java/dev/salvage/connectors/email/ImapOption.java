package dev.salvage.connectors.email;

import java.util.Arrays;
import java.util.Optional;

/**
 * The options of an {@code imap} source, each declared once with its default and description; the
 * values are validated by {@link ImapOptions#parse}.
 */
enum ImapOption {
  HOST("host", null, "Server name, e.g. imap.gmail.com (required)."),
  PORT("port", null, "Server port (default: 993 with security ssl, 143 otherwise)."),
  SECURITY(
      "security",
      "ssl",
      "ssl (implicit TLS), starttls (plain connection upgraded to TLS; fails if the server cannot)"
          + " or none (clear text: loopback and tests only)."),
  USER("user", null, "Login name, usually the mail address (required)."),
  PASSWORD_ENV("password_env", null, "Environment variable holding the (app) password."),
  PASSWORD_FILE("password_file", null, "File holding the (app) password."),
  OAUTH2_TOKEN_ENV(
      "oauth2_token_env", null, "Environment variable holding an OAuth2 access token (XOAUTH2)."),
  OAUTH2_TOKEN_FILE("oauth2_token_file", null, "File holding an OAuth2 access token (XOAUTH2)."),
  FOLDERS(
      "folders",
      "INBOX",
      "Comma-separated folder names or globs (* any text, ? one character), e.g."
          + " INBOX,Sent*,[Gmail]/All Mail."),
  SINCE("since", null, "Only mail received on or after this date (YYYY-MM-DD; IMAP SEARCH SINCE)."),
  BEFORE("before", null, "Only mail received before this date (YYYY-MM-DD; IMAP SEARCH BEFORE)."),
  BATCH_SIZE("batch_size", "200", "Messages fetched per UID FETCH command (1 to 5000)."),
  SNAPSHOT_DIR(
      "snapshot_dir",
      null,
      "Directory where every fetched message is kept as <folder>/<uid>.eml; enables resuming."),
  STATE_FILE(
      "state_file",
      null,
      "Where the (UIDVALIDITY, last UID) of each folder is kept (default:"
          + " <snapshot_dir>/.imap-state.json; needs snapshot_dir)."),
  CONNECT_TIMEOUT_SECONDS(
      "connect_timeout_seconds", "30", "Seconds to wait for the connection (1 to 3600)."),
  READ_TIMEOUT_SECONDS(
      "read_timeout_seconds", "300", "Seconds to wait for a server response (1 to 3600)."),
  MAX_TEXT_CHARS(
      MailParser.MAX_TEXT_CHARS_OPTION,
      Integer.toString(MailParser.DEFAULT_MAX_TEXT_CHARS),
      "Longest text, HTML body or header value kept of a mail, in characters; longer ones are cut"
          + " with a note in the record.");

  final String key;
  final String defaultValue;
  final String description;

  ImapOption(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  static Optional<ImapOption> byKey(String key) {
    return Arrays.stream(values()).filter(option -> option.key.equals(key)).findFirst();
  }
}
