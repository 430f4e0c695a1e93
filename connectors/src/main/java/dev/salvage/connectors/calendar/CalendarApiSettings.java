package dev.salvage.connectors.calendar;

import static dev.salvage.connectors.calendar.CalendarApiOption.BACKOFF;
import static dev.salvage.connectors.calendar.CalendarApiOption.BACKUP_TAKEN_AT;
import static dev.salvage.connectors.calendar.CalendarApiOption.CALENDARS;
import static dev.salvage.connectors.calendar.CalendarApiOption.CALENDAR_PATTERN;
import static dev.salvage.connectors.calendar.CalendarApiOption.CREDENTIALS_FILE;
import static dev.salvage.connectors.calendar.CalendarApiOption.MAX_BACKOFF;
import static dev.salvage.connectors.calendar.CalendarApiOption.MAX_RETRIES;
import static dev.salvage.connectors.calendar.CalendarApiOption.OAUTH_TOKEN_FILE;
import static dev.salvage.connectors.calendar.CalendarApiOption.ROOT_URL;
import static dev.salvage.connectors.calendar.CalendarApiOption.SCOPE;
import static dev.salvage.connectors.calendar.CalendarApiOption.SNAPSHOT_DIR;
import static dev.salvage.connectors.calendar.CalendarApiOption.SUBJECT;
import static dev.salvage.connectors.calendar.CalendarApiOption.TIME_MARGIN;
import static dev.salvage.connectors.calendar.CalendarApiOption.TIME_MAX;
import static dev.salvage.connectors.calendar.CalendarApiOption.TIME_MIN;
import static dev.salvage.connectors.calendar.CalendarApiOption.TOKEN_URI;
import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The validated configuration of a {@code google-calendar} source. Holds the names of the files
 * with secrets, never their content.
 */
record CalendarApiSettings(
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
    String snapshotDir)
    implements Serializable {
  static final String READONLY = "calendar.readonly";
  static final String EVENTS_READONLY = "calendar.events.readonly";
  static final String SCOPE_PREFIX = "https://www.googleapis.com/auth/";

  CalendarApiSettings {
    requireNonNull(scope, "scope");
    calendars = List.copyOf(calendars);
    requireNonNull(rootUrl, "rootUrl");
    requireNonNull(backoff, "backoff");
    requireNonNull(maxBackoff, "maxBackoff");
  }

  /**
   * Validates the options of source {@code sourceName}.
   *
   * @throws InvalidSourceException naming the source and the option
   */
  static CalendarApiSettings parse(String sourceName, Map<String, String> options)
      throws InvalidSourceException {
    List<String> unknown = new ArrayList<>();
    options.keySet().stream()
        .sorted()
        .filter(key -> CalendarApiOption.byKey(key) == null)
        .forEach(unknown::add);
    if (!unknown.isEmpty()) {
      throw invalid(
          sourceName,
          "unknown option(s) "
              + String.join(", ", unknown)
              + "; known options: "
              + String.join(", ", CalendarApiOption.keys()));
    }
    if (CREDENTIALS_FILE.isSet(options) == OAUTH_TOKEN_FILE.isSet(options)) {
      throw invalid(sourceName, "set exactly one of credentials_file and oauth_token_file");
    }
    if (CALENDARS.isSet(options) == CALENDAR_PATTERN.isSet(options)) {
      throw invalid(sourceName, "set exactly one of calendars and calendar_pattern");
    }
    if (SUBJECT.isSet(options) && !CREDENTIALS_FILE.isSet(options)) {
      throw invalid(sourceName, "subject (domain-wide delegation) needs a credentials_file");
    }
    String scope = scope(sourceName, options);
    @SuppressWarnings("unchecked")
    List<String> calendars = (List<String>) CALENDARS.parse(sourceName, options);
    Instant timeMin = (Instant) TIME_MIN.parse(sourceName, options);
    Instant backupTakenAt = (Instant) BACKUP_TAKEN_AT.parse(sourceName, options);
    if (timeMin == null && backupTakenAt != null) {
      timeMin = backupTakenAt.minus((Duration) TIME_MARGIN.parse(sourceName, options));
    }
    Instant timeMax = (Instant) TIME_MAX.parse(sourceName, options);
    if (timeMin != null && timeMax != null && !timeMin.isBefore(timeMax)) {
      throw invalid(sourceName, "time_min " + timeMin + " is not before time_max " + timeMax);
    }
    String rootUrl = (String) ROOT_URL.parse(sourceName, options);
    Duration backoff = (Duration) BACKOFF.parse(sourceName, options);
    Duration maxBackoff = (Duration) MAX_BACKOFF.parse(sourceName, options);
    if (maxBackoff.compareTo(backoff) < 0) {
      throw invalid(
          sourceName, "max_backoff " + maxBackoff + " is shorter than backoff " + backoff);
    }
    return new CalendarApiSettings(
        (String) CREDENTIALS_FILE.parse(sourceName, options),
        (String) OAUTH_TOKEN_FILE.parse(sourceName, options),
        (String) SUBJECT.parse(sourceName, options),
        scope,
        calendars == null ? List.of() : calendars,
        (String) CALENDAR_PATTERN.parse(sourceName, options),
        timeMin,
        timeMax,
        rootUrl.endsWith("/") ? rootUrl : rootUrl + "/",
        (String) TOKEN_URI.parse(sourceName, options),
        (Integer) MAX_RETRIES.parse(sourceName, options),
        backoff,
        maxBackoff,
        (String) SNAPSHOT_DIR.parse(sourceName, options));
  }

  /** The full OAuth scope URL. */
  String scopeUrl() {
    return SCOPE_PREFIX + scope;
  }

  private static String scope(String sourceName, Map<String, String> options)
      throws InvalidSourceException {
    boolean listsCalendars = CALENDAR_PATTERN.isSet(options);
    String scope = (String) SCOPE.parse(sourceName, options);
    if (scope == null) {
      return listsCalendars ? READONLY : EVENTS_READONLY;
    }
    if (scope.startsWith(SCOPE_PREFIX)) {
      scope = scope.substring(SCOPE_PREFIX.length());
    }
    if (!scope.equals(READONLY) && !scope.equals(EVENTS_READONLY)) {
      throw invalid(
          sourceName,
          "option scope must be "
              + READONLY
              + " or "
              + EVENTS_READONLY
              + " (read-only), got '"
              + scope
              + "'");
    }
    if (listsCalendars && scope.equals(EVENTS_READONLY)) {
      throw invalid(
          sourceName,
          "calendar_pattern lists the account's calendars, which needs scope "
              + READONLY
              + "; name the calendars instead to use "
              + EVENTS_READONLY);
    }
    return scope;
  }

  private static InvalidSourceException invalid(String sourceName, String reason) {
    return new InvalidSourceException("Source " + sourceName + " (google-calendar): " + reason);
  }
}
