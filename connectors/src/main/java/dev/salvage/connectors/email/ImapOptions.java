package dev.salvage.connectors.email;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration of one {@code imap} source. It holds where the secret is, never the
 * secret itself, so that it can travel to pipeline workers.
 *
 * @param sourceName the configured source name
 * @param security how the connection is protected
 * @param credential where the password or OAuth2 token is found
 * @param folders folder names or globs, in the order given
 * @param since first day of mail to read (inclusive), or null
 * @param before first day of mail not to read (exclusive), or null
 * @param snapshotDir absolute path of the snapshot directory, or null
 * @param stateFile absolute path of the resume state, or null when there is no snapshot
 * @param maxTextChars the longest text, HTML body or header value kept of a mail
 */
record ImapOptions(
    String sourceName,
    String host,
    int port,
    Security security,
    String user,
    Credential credential,
    List<String> folders,
    LocalDate since,
    LocalDate before,
    int batchSize,
    String snapshotDir,
    String stateFile,
    int connectTimeoutSeconds,
    int readTimeoutSeconds,
    int maxTextChars)
    implements Serializable {
  static final String DEFAULT_STATE_FILE = ".imap-state.json";

  ImapOptions {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(host, "host");
    requireNonNull(security, "security");
    requireNonNull(user, "user");
    requireNonNull(credential, "credential");
    folders = List.copyOf(folders);
  }

  /** How the connection to the server is protected. */
  enum Security {
    SSL,
    STARTTLS,
    NONE
  }

  /**
   * Where the secret is: an environment variable or a file.
   *
   * @param oauth2 whether the secret is an OAuth2 access token (XOAUTH2) rather than a password
   * @param option the option that named it, for error messages
   */
  record Credential(boolean oauth2, String option, String environmentVariable, String file)
      implements Serializable {
    Credential {
      requireNonNull(option, "option");
    }
  }

  /**
   * Validates the options of source {@code sourceName}.
   *
   * @throws InvalidSourceException naming the source and the option at the first mistake
   */
  static ImapOptions parse(String sourceName, Map<String, String> options)
      throws InvalidSourceException {
    Reader reader = new Reader(sourceName, options);
    for (String key : options.keySet()) {
      if (ImapOption.byKey(key).isEmpty()) {
        throw reader.invalid(
            key,
            "is not an option of type imap; known options: "
                + String.join(", ", Arrays.stream(ImapOption.values()).map(o -> o.key).toList()));
      }
    }
    String host = reader.required(ImapOption.HOST);
    Security security = reader.security();
    Optional<String> portText = reader.text(ImapOption.PORT);
    int port =
        portText.isPresent()
            ? reader.integer(ImapOption.PORT, portText.get(), 1, 65535)
            : security == Security.SSL ? 993 : 143;
    String user = reader.required(ImapOption.USER);
    Credential credential = reader.credential();
    List<String> folders = reader.folders();
    LocalDate since = reader.date(ImapOption.SINCE);
    LocalDate before = reader.date(ImapOption.BEFORE);
    if (since != null && before != null && !since.isBefore(before)) {
      throw reader.invalid(
          ImapOption.BEFORE.key, "must be after since (" + since + "), got " + before);
    }
    int batchSize = reader.integer(ImapOption.BATCH_SIZE, 1, 5000);
    String snapshotDir = reader.path(ImapOption.SNAPSHOT_DIR);
    String stateFile = reader.path(ImapOption.STATE_FILE);
    if (stateFile != null && snapshotDir == null) {
      // Without the snapshot, a resumed read would return only the new mail and lose the rest.
      throw reader.invalid(
          ImapOption.STATE_FILE.key,
          "needs snapshot_dir: a resumed read replays the snapshot for what it does not fetch"
              + " again");
    }
    if (stateFile == null && snapshotDir != null) {
      stateFile = Path.of(snapshotDir).resolve(DEFAULT_STATE_FILE).toString();
    }
    return new ImapOptions(
        sourceName,
        host,
        port,
        security,
        user,
        credential,
        folders,
        since,
        before,
        batchSize,
        snapshotDir,
        stateFile,
        reader.integer(ImapOption.CONNECT_TIMEOUT_SECONDS, 1, 3600),
        reader.integer(ImapOption.READ_TIMEOUT_SECONDS, 1, 3600),
        MailFileSource.maxTextChars(
            options.get(ImapOption.MAX_TEXT_CHARS.key),
            problem -> reader.invalid(ImapOption.MAX_TEXT_CHARS.key, problem)));
  }

  /** The search criteria as text: the state of a folder read with other criteria is not reused. */
  String criteria() {
    return "since=" + (since == null ? "" : since) + ";before=" + (before == null ? "" : before);
  }

  private record Reader(String sourceName, Map<String, String> options) {
    Optional<String> text(ImapOption option) {
      String value = options.get(option.key);
      if (value == null || value.isBlank()) {
        value = option.defaultValue;
      }
      return Optional.ofNullable(value).map(String::strip);
    }

    String required(ImapOption option) throws InvalidSourceException {
      Optional<String> value = text(option);
      if (value.isEmpty()) {
        throw invalid(option.key, "is required: " + option.description);
      }
      return value.get();
    }

    Security security() throws InvalidSourceException {
      String value = required(ImapOption.SECURITY);
      try {
        return Security.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid(
            ImapOption.SECURITY.key, "must be ssl, starttls or none, got '" + value + "'");
      }
    }

    Credential credential() throws InvalidSourceException {
      List<Credential> given = new ArrayList<>();
      text(ImapOption.PASSWORD_ENV)
          .ifPresent(
              env -> given.add(new Credential(false, ImapOption.PASSWORD_ENV.key, env, null)));
      text(ImapOption.PASSWORD_FILE)
          .ifPresent(
              file ->
                  given.add(
                      new Credential(false, ImapOption.PASSWORD_FILE.key, null, absolute(file))));
      text(ImapOption.OAUTH2_TOKEN_ENV)
          .ifPresent(
              env -> given.add(new Credential(true, ImapOption.OAUTH2_TOKEN_ENV.key, env, null)));
      text(ImapOption.OAUTH2_TOKEN_FILE)
          .ifPresent(
              file ->
                  given.add(
                      new Credential(
                          true, ImapOption.OAUTH2_TOKEN_FILE.key, null, absolute(file))));
      if (given.size() != 1) {
        throw invalid(
            "password_env",
            "exactly one of password_env, password_file, oauth2_token_env, oauth2_token_file is"
                + " needed, got "
                + (given.isEmpty()
                    ? "none"
                    : String.join(", ", given.stream().map(Credential::option).toList())));
      }
      return given.get(0);
    }

    List<String> folders() throws InvalidSourceException {
      List<String> folders = new ArrayList<>();
      for (String folder : required(ImapOption.FOLDERS).split(",")) {
        if (!folder.isBlank()) {
          folders.add(folder.strip());
        }
      }
      if (folders.isEmpty()) {
        throw invalid(ImapOption.FOLDERS.key, "names no folder");
      }
      return folders;
    }

    LocalDate date(ImapOption option) throws InvalidSourceException {
      Optional<String> value = text(option);
      if (value.isEmpty()) {
        return null;
      }
      try {
        return LocalDate.parse(value.get());
      } catch (DateTimeParseException e) {
        throw invalid(option.key, "must be a date like 2026-03-01, got '" + value.get() + "'");
      }
    }

    int integer(ImapOption option, int min, int max) throws InvalidSourceException {
      return integer(option, required(option), min, max);
    }

    int integer(ImapOption option, String value, int min, int max) throws InvalidSourceException {
      int number;
      try {
        number = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw invalid(option.key, "must be a whole number, got '" + value + "'");
      }
      if (number < min || number > max) {
        throw invalid(option.key, "must be between " + min + " and " + max + ", got " + number);
      }
      return number;
    }

    String path(ImapOption option) {
      return text(option).map(Reader::absolute).orElse(null);
    }

    private static String absolute(String path) {
      return Path.of(path).toAbsolutePath().normalize().toString();
    }

    InvalidSourceException invalid(String option, String problem) {
      return new InvalidSourceException(
          "Source " + sourceName + " of type imap: option " + option + " " + problem);
    }
  }
}
