package dev.salvage.connectors.calendar;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidOptionException;
import dev.salvage.connectors.InvalidSourceException;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.OptionValues;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The options of a {@code google-calendar} source, each declared once, and the validated
 * configuration they give. Holds the names of the files with secrets, never their content.
 */
record CalendarApiOptions(
    String credentialsFile,
    String oauthTokenFile,
    String subject,
    String scope,
    List<String> calendars,
    String calendarPattern,
    Instant timeMin,
    Instant timeMax,
    String rootUrl,
    String tokenUri,
    int maxRetries,
    Duration backoff,
    Duration maxBackoff,
    Duration retryAfterMax,
    Duration timeout,
    Duration requestDeadline,
    int maxEmptyPages,
    String snapshotDir)
    implements Serializable {
  static final String READONLY = "calendar.readonly";
  static final String EVENTS_READONLY = "calendar.events.readonly";
  static final String SCOPE_PREFIX = "https://www.googleapis.com/auth/";

  static final Option<String> CREDENTIALS_FILE =
      Option.readableFile("credentials_file").withDescription("service-account JSON key");
  static final Option<String> OAUTH_TOKEN_FILE =
      Option.readableFile("oauth_token_file")
          .withDescription(
              "stored OAuth user token with its refresh token (Google's `authorized_user` JSON)");
  static final Option<String> SUBJECT =
      Option.string("subject")
          .withDescription(
              "user to impersonate with domain-wide delegation (service account only)");
  static final Option<String> SCOPE =
      Option.of(
              "scope", "`" + READONLY + "` or `" + EVENTS_READONLY + "`", CalendarApiOptions::scope)
          .withDefaultDescribed(
              "`"
                  + EVENTS_READONLY
                  + "` with `calendars`, `"
                  + READONLY
                  + "` with"
                  + " `calendar_pattern`")
          .withDescription(
              "the OAuth scope; only these two read-only scopes are accepted, with or without"
                  + " their `"
                  + SCOPE_PREFIX
                  + "` prefix");
  static final Option<List<String>> CALENDARS =
      Option.list("calendars").withDescription("calendar ids, comma-separated");
  static final Option<String> CALENDAR_PATTERN =
      Option.regex("calendar_pattern")
          .withDescription(
              "found anywhere in the summary or id of the account's calendars (`calendarList`,"
                  + " hidden ones included); anchor it (`^Rentwise `) to be strict");
  static final Option<Instant> TIME_MIN =
      Option.instant("time_min")
          .withDefaultDescribed("`backup_taken_at − time_margin`, else none")
          .withDescription("events ending after it");
  static final Option<Instant> TIME_MAX =
      Option.instant("time_max")
          .withDefaultDescribed("none")
          .withDescription(
              "events starting before it; set it, or endless recurring events are listed as far"
                  + " as Google goes");
  static final Option<Instant> BACKUP_TAKEN_AT =
      Option.instant("backup_taken_at")
          .withDefaultDescribed("the backup's time")
          .withDescription(
              "when the backup was taken; `salvage run` and `salvage fetch` set it from the"
                  + " config's `backup` (its `taken_at`, else the pg_dump header) unless it is set"
                  + " here");
  static final Option<Duration> TIME_MARGIN =
      Option.duration("time_margin")
          .withDefault("P30D")
          .withDescription("how long before `backup_taken_at` the default `time_min` is");
  static final Option<String> ROOT_URL =
      Option.url("root_url")
          .withDefault("https://www.googleapis.com/")
          .withDescription("API root (tests, proxies)");
  static final Option<String> TOKEN_URI =
      Option.url("token_uri")
          .withDefaultDescribed("the key file's, else Google's")
          .withDescription("OAuth token endpoint (tests)");
  static final Option<Integer> MAX_RETRIES =
      Option.integer("max_retries", 0, 100)
          .withDefault("6")
          .withDescription(
              "retries of one request answered 429, 5xx, 403"
                  + " `rateLimitExceeded`/`userRateLimitExceeded`, or not answered");
  static final Option<Duration> BACKOFF =
      Option.duration("backoff")
          .withDefault("1s")
          .withDescription("wait before the first retry, doubled each retry (±20 % jitter)");
  static final Option<Duration> MAX_BACKOFF =
      Option.duration("max_backoff")
          .withDefault("60s")
          .withDescription(
              "longest wait of the backoff; a longer `Retry-After` is still honoured, up to"
                  + " `retry_after_max`");
  static final Option<Duration> RETRY_AFTER_MAX =
      Option.duration("retry_after_max")
          .withDefault("PT10M")
          .withDescription(
              "longest `Retry-After` waited for; a server asking for a longer wait gives the"
                  + " calendar up at once as not read, saying when it asked to come back");
  static final Option<Duration> TIMEOUT =
      Option.duration("timeout")
          .withDefault("PT60S")
          .withDescription("connect and read timeout of one request");
  static final Option<Duration> REQUEST_DEADLINE =
      Option.duration("request_deadline")
          .withDefault("PT5M")
          .withDescription(
              "longest time one request may take, its whole answer included (an answer sent a"
                  + " byte at a time passes every read timeout); past it the attempt fails and is"
                  + " retried like a timeout");
  static final Option<Integer> MAX_EMPTY_PAGES =
      Option.integer("max_empty_pages", 1, 1_000_000)
          .withDefault("100")
          .withDescription(
              "pages in a row without events but with a `nextPageToken` after which a calendar is"
                  + " given up as not read (a server handing out tokens forever); Google sends a"
                  + " few such pages at most");
  static final Option<String> SNAPSHOT_DIR =
      Option.directory("snapshot_dir")
          .withDescription(
              "every page read is saved as `<calendarId>/events-NNNN.json`, exactly as received"
                  + " (readable by `calendar-json`), with `fetch-state.json` saying whether the"
                  + " fetch completed and for which time window; a calendar fetched to its end"
                  + " for the same window is read from these pages, not from Google, by later"
                  + " runs and fetches; earlier pages of a calendar read again are set aside"
                  + " under hidden `.superseded-*` names");

  static final OptionSet OPTIONS =
      OptionSet.of(
              "google-calendar",
              CREDENTIALS_FILE,
              OAUTH_TOKEN_FILE,
              SUBJECT,
              SCOPE,
              CALENDARS,
              CALENDAR_PATTERN,
              TIME_MIN,
              TIME_MAX,
              BACKUP_TAKEN_AT,
              TIME_MARGIN,
              ROOT_URL,
              TOKEN_URI,
              MAX_RETRIES,
              BACKOFF,
              MAX_BACKOFF,
              RETRY_AFTER_MAX,
              TIMEOUT,
              REQUEST_DEADLINE,
              MAX_EMPTY_PAGES,
              SNAPSHOT_DIR)
          .exactlyOneOf(CREDENTIALS_FILE, OAUTH_TOKEN_FILE)
          .exactlyOneOf(CALENDARS, CALENDAR_PATTERN)
          .requires(SUBJECT, CREDENTIALS_FILE, "domain-wide delegation is for service accounts");

  CalendarApiOptions {
    requireNonNull(scope, "scope");
    calendars = List.copyOf(calendars);
    requireNonNull(rootUrl, "rootUrl");
    requireNonNull(backoff, "backoff");
    requireNonNull(maxBackoff, "maxBackoff");
    requireNonNull(retryAfterMax, "retryAfterMax");
    requireNonNull(timeout, "timeout");
    requireNonNull(requestDeadline, "requestDeadline");
  }

  /**
   * Validates the options of source {@code sourceName}.
   *
   * @throws InvalidSourceException naming the source and the option
   */
  static CalendarApiOptions parse(String sourceName, Map<String, String> options)
      throws InvalidSourceException {
    return OPTIONS.configure(sourceName, options, CalendarApiOptions::assemble);
  }

  private static CalendarApiOptions assemble(OptionValues values) throws InvalidOptionException {
    boolean listsCalendars = values.isSet(CALENDAR_PATTERN);
    String scope = values.get(SCOPE);
    if (scope == null) {
      scope = listsCalendars ? READONLY : EVENTS_READONLY;
    } else if (listsCalendars && scope.equals(EVENTS_READONLY)) {
      throw values.invalid(
          "calendar_pattern lists the account's calendars, which needs scope "
              + READONLY
              + "; name the calendars instead to use "
              + EVENTS_READONLY);
    }
    Instant timeMin = values.get(TIME_MIN);
    Instant backupTakenAt = values.get(BACKUP_TAKEN_AT);
    if (timeMin == null && backupTakenAt != null) {
      timeMin = backupTakenAt.minus(values.get(TIME_MARGIN));
    }
    Instant timeMax = values.get(TIME_MAX);
    if (timeMin != null && timeMax != null && !timeMin.isBefore(timeMax)) {
      throw values.invalid("time_min " + timeMin + " is not before time_max " + timeMax);
    }
    String rootUrl = values.get(ROOT_URL);
    Duration backoff = values.get(BACKOFF);
    Duration maxBackoff = values.get(MAX_BACKOFF);
    if (maxBackoff.compareTo(backoff) < 0) {
      throw values.invalid(
          MAX_BACKOFF, "must not be shorter than backoff (" + backoff + "), got " + maxBackoff);
    }
    Duration timeout = values.get(TIMEOUT);
    if (timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw values.invalid(TIMEOUT, "must be longer than zero and at most 24 days, got " + timeout);
    }
    Duration deadline = values.get(REQUEST_DEADLINE);
    if (deadline.isZero()) {
      throw values.invalid(REQUEST_DEADLINE, "must be longer than zero, got " + deadline);
    }
    List<String> calendars = values.get(CALENDARS);
    return new CalendarApiOptions(
        values.get(CREDENTIALS_FILE),
        values.get(OAUTH_TOKEN_FILE),
        values.get(SUBJECT),
        scope,
        calendars == null ? List.of() : calendars,
        values.get(CALENDAR_PATTERN),
        timeMin,
        timeMax,
        rootUrl.endsWith("/") ? rootUrl : rootUrl + "/",
        values.get(TOKEN_URI),
        values.get(MAX_RETRIES),
        backoff,
        maxBackoff,
        values.get(RETRY_AFTER_MAX),
        timeout,
        deadline,
        values.get(MAX_EMPTY_PAGES),
        values.get(SNAPSHOT_DIR));
  }

  /** The credentials file for messages: {@code the service-account key keys/sa.json}. */
  String credentialsNamed() {
    return credentialsFile != null
        ? "the service-account key " + credentialsFile
        : "the OAuth user token " + oauthTokenFile;
  }

  /** The full OAuth scope URL. */
  String scopeUrl() {
    return SCOPE_PREFIX + scope;
  }

  private static String scope(String text) {
    String scope = text.startsWith(SCOPE_PREFIX) ? text.substring(SCOPE_PREFIX.length()) : text;
    if (!scope.equals(READONLY) && !scope.equals(EVENTS_READONLY)) {
      throw new IllegalArgumentException(
          "must be " + READONLY + " or " + EVENTS_READONLY + " (read-only)");
    }
    return scope;
  }
}
