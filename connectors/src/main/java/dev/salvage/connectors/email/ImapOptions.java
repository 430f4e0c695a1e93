package dev.salvage.connectors.email;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidOptionException;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.OptionValues;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The options of an {@code imap} source, each declared once, and the validated configuration they
 * give. It holds where the secret is, never the secret itself, so that it can travel to pipeline
 * workers.
 *
 * @param sourceName the configured source name
 * @param security how the connection is protected
 * @param credential where the password or OAuth2 token is found
 * @param folders folder names or globs, in the order given
 * @param since first day of mail to read (inclusive), or null
 * @param before first day of mail not to read (exclusive), or null
 * @param snapshotDir absolute path of the snapshot directory, or null
 * @param stateFile absolute path of the resume state, or null when there is no snapshot
 * @param reading the longest text, HTML body or header value kept of a mail, and the zone of a Date
 *     header without one
 * @param maxRetries reconnections of one folder's read after the connection dropped or a command
 *     failed, each resuming after the last message read
 * @param backoff the wait before the first reconnection, doubled each time
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
    MailReading reading,
    int maxRetries,
    Duration backoff)
    implements Serializable {
  static final String DEFAULT_STATE_FILE = ".imap-state.json";

  static final Option<String> HOST =
      Option.string("host").required().withDescription("server name, e.g. `imap.gmail.com`");
  static final Option<Integer> PORT =
      Option.integer("port", 1, 65535)
          .withDefaultDescribed("993 with `ssl`, 143 otherwise")
          .withDescription("server port");
  static final Option<Security> SECURITY =
      Option.choice("security", Security.class)
          .withDefault("ssl")
          .withDescription(
              "`ssl` (implicit TLS), `starttls` (a plain connection upgraded to TLS; fails if the"
                  + " server cannot), `none` (clear text; loopback and tests only, warns"
                  + " otherwise)");
  static final Option<String> USER =
      Option.string("user").required().withDescription("login, usually the mail address");
  static final Option<String> PASSWORD_ENV =
      Option.secretEnv("password_env")
          .withDescription("environment variable holding the (app) password");
  static final Option<String> PASSWORD_FILE =
      Option.secretFile("password_file").withDescription("file holding the (app) password");
  static final Option<String> OAUTH2_TOKEN_ENV =
      Option.secretEnv("oauth2_token_env")
          .withDescription(
              "environment variable holding an OAuth2 access token, sent with SASL XOAUTH2");
  static final Option<String> OAUTH2_TOKEN_FILE =
      Option.secretFile("oauth2_token_file")
          .withDescription("file holding an OAuth2 access token, sent with SASL XOAUTH2");
  static final Option<List<String>> FOLDERS =
      Option.list("folders")
          .withDefault("INBOX")
          .withDescription(
              "comma-separated names or globs: `*` any text (also across `/`), `?` one character;"
                  + " `INBOX` in any case. A name without wildcard that does not exist, or a glob"
                  + " that matches no folder, fails the run before anything is read (one the"
                  + " snapshot knows and the server has since deleted is reported not read"
                  + " instead)");
  static final Option<LocalDate> SINCE =
      Option.date("since")
          .withDescription(
              "only mail the server received on or after this day (IMAP `SEARCH SINCE`, by"
                  + " internal date, in the day of the JVM's zone)");
  static final Option<LocalDate> BEFORE =
      Option.date("before")
          .withDescription(
              "only mail the server received before this day (IMAP `SEARCH BEFORE`); after"
                  + " `since`");
  static final Option<Integer> BATCH_SIZE =
      Option.integer("batch_size", 1, 5000)
          .withDefault("200")
          .withDescription("messages per `UID FETCH` (a batch also stops at 64 MB)");
  static final Option<String> SNAPSHOT_DIR =
      Option.directory("snapshot_dir")
          .withDescription(
              "keep every fetched message as `<snapshot_dir>/<folder>/<uid>.eml`; enables"
                  + " resuming");
  static final Option<String> STATE_FILE =
      Option.file("state_file")
          .withDefaultDescribed("`<snapshot_dir>/" + DEFAULT_STATE_FILE + "`")
          .withDescription(
              "where the resume state (UIDVALIDITY and last UID of each folder) lives");
  static final Option<Integer> CONNECT_TIMEOUT_SECONDS =
      Option.integer("connect_timeout_seconds", 1, 3600)
          .withDefault("30")
          .withDescription("seconds to wait for the connection");
  static final Option<Integer> READ_TIMEOUT_SECONDS =
      Option.integer("read_timeout_seconds", 1, 3600)
          .withDefault("300")
          .withDescription("seconds to wait for a server response");
  static final Option<Integer> MAX_RETRIES =
      Option.integer("max_retries", 0, 100)
          .withDefault("3")
          .withDescription(
              "reconnections in a row, without a message read in between, of a folder's read"
                  + " after the connection dropped or the server failed a command; each resumes"
                  + " after the last message read. When they run out the folder is reported not"
                  + " read (UID range and last error) and the run is incomplete. The connection"
                  + " and folder listing at the start are retried as often; when they fail every"
                  + " time the whole source is reported not read, with the number of attempts");
  static final Option<Duration> BACKOFF =
      Option.duration("backoff")
          .withDefault("2s")
          .withDescription("wait before the first reconnection, doubled each time (at most 60 s)");

  static final OptionSet OPTIONS =
      OptionSet.of(
              "imap",
              HOST,
              PORT,
              SECURITY,
              USER,
              PASSWORD_ENV,
              PASSWORD_FILE,
              OAUTH2_TOKEN_ENV,
              OAUTH2_TOKEN_FILE,
              FOLDERS,
              SINCE,
              BEFORE,
              BATCH_SIZE,
              SNAPSHOT_DIR,
              STATE_FILE,
              CONNECT_TIMEOUT_SECONDS,
              READ_TIMEOUT_SECONDS,
              MAX_RETRIES,
              BACKOFF,
              MailFileSource.MAX_TEXT_CHARS,
              MailReading.TIMEZONE,
              MailReading.TRUSTED_AUTHSERV_IDS,
              MailReading.REQUIRE_AUTHENTICATED_FROM)
          .exactlyOneOf(PASSWORD_ENV, PASSWORD_FILE, OAUTH2_TOKEN_ENV, OAUTH2_TOKEN_FILE)
          .requires(
              MailReading.REQUIRE_AUTHENTICATED_FROM,
              MailReading.TRUSTED_AUTHSERV_IDS,
              MailReading.REQUIRES_TRUSTED)
          // Without the snapshot, a resumed read would return only the new mail and lose the rest.
          .requires(
              STATE_FILE,
              SNAPSHOT_DIR,
              "a resumed read replays the snapshot for what it does not fetch again");

  ImapOptions {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(host, "host");
    requireNonNull(security, "security");
    requireNonNull(user, "user");
    requireNonNull(credential, "credential");
    folders = List.copyOf(folders);
    requireNonNull(reading, "reading");
    requireNonNull(backoff, "backoff");
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
    return OPTIONS.configure(sourceName, options, values -> assemble(sourceName, values));
  }

  private static ImapOptions assemble(String sourceName, OptionValues values)
      throws InvalidOptionException {
    Security security = values.get(SECURITY);
    Integer port = values.get(PORT);
    LocalDate since = values.get(SINCE);
    LocalDate before = values.get(BEFORE);
    if (since != null && before != null && !since.isBefore(before)) {
      throw values.invalid(BEFORE, "must be after since (" + since + "), got " + before);
    }
    String snapshotDir = values.get(SNAPSHOT_DIR);
    String stateFile = values.get(STATE_FILE);
    if (stateFile == null && snapshotDir != null) {
      stateFile = Path.of(snapshotDir).resolve(DEFAULT_STATE_FILE).toString();
    }
    return new ImapOptions(
        sourceName,
        values.get(HOST),
        port != null ? port : security == Security.SSL ? 993 : 143,
        security,
        values.get(USER),
        credential(values),
        values.get(FOLDERS),
        since,
        before,
        values.get(BATCH_SIZE),
        snapshotDir,
        stateFile,
        values.get(CONNECT_TIMEOUT_SECONDS),
        values.get(READ_TIMEOUT_SECONDS),
        new MailReading(
            values.get(MailFileSource.MAX_TEXT_CHARS),
            values.get(MailReading.TIMEZONE),
            MailReading.trusted(values.get(MailReading.TRUSTED_AUTHSERV_IDS)),
            MailReading.trusted(values.get(MailReading.REQUIRE_AUTHENTICATED_FROM))),
        values.get(MAX_RETRIES),
        values.get(BACKOFF));
  }

  /** The one credential option given (the option set checks there is exactly one). */
  private static Credential credential(OptionValues values) {
    if (values.isSet(PASSWORD_ENV)) {
      return new Credential(false, PASSWORD_ENV.name(), values.get(PASSWORD_ENV), null);
    }
    if (values.isSet(PASSWORD_FILE)) {
      return new Credential(false, PASSWORD_FILE.name(), null, values.get(PASSWORD_FILE));
    }
    if (values.isSet(OAUTH2_TOKEN_ENV)) {
      return new Credential(true, OAUTH2_TOKEN_ENV.name(), values.get(OAUTH2_TOKEN_ENV), null);
    }
    return new Credential(true, OAUTH2_TOKEN_FILE.name(), null, values.get(OAUTH2_TOKEN_FILE));
  }

  /** The search criteria as text: the state of a folder read with other criteria is not reused. */
  String criteria() {
    return "since=" + (since == null ? "" : since) + ";before=" + (before == null ? "" : before);
  }
}
