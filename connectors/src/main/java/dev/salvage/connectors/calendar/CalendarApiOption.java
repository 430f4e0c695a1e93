package dev.salvage.connectors.calendar;

import dev.salvage.connectors.InvalidSourceException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The options of a {@code google-calendar} source, each declared once with its type, default and
 * description; {@link #parse} validates a value against its type.
 */
enum CalendarApiOption {
  CREDENTIALS_FILE(
      "credentials_file",
      Type.FILE,
      null,
      "Service-account JSON key file. Exactly one of credentials_file and oauth_token_file."),
  OAUTH_TOKEN_FILE(
      "oauth_token_file",
      Type.FILE,
      null,
      "Stored OAuth user token with its refresh token (Google's authorized_user JSON)."),
  SUBJECT(
      "subject",
      Type.TEXT,
      null,
      "User to impersonate with domain-wide delegation (service account only)."),
  SCOPE(
      "scope",
      Type.TEXT,
      null,
      "calendar.readonly or calendar.events.readonly (default: calendar.events.readonly with"
          + " calendars, calendar.readonly with calendar_pattern, which lists calendars)."),
  CALENDARS(
      "calendars",
      Type.LIST,
      null,
      "Calendar ids, comma-separated. Exactly one of calendars and calendar_pattern."),
  CALENDAR_PATTERN(
      "calendar_pattern",
      Type.REGEX,
      null,
      "Regular expression found in the summary or id of the account's calendars (calendarList)."),
  TIME_MIN(
      "time_min",
      Type.INSTANT,
      null,
      "Events ending after this instant or date (UTC midnight); default: backup_taken_at minus"
          + " time_margin, else no lower bound."),
  TIME_MAX(
      "time_max",
      Type.INSTANT,
      null,
      "Events starting before this instant or date (UTC midnight); default: no upper bound."),
  BACKUP_TAKEN_AT(
      "backup_taken_at",
      Type.INSTANT,
      null,
      "When the backup was taken; the default time_min is time_margin before it. salvage run and"
          + " fetch set it from the backup unless it is set here."),
  TIME_MARGIN(
      "time_margin",
      Type.DURATION,
      "P30D",
      "How long before backup_taken_at the default time_min is."),
  ROOT_URL("root_url", Type.URL, "https://www.googleapis.com/", "Root URL of the Google APIs."),
  TOKEN_URI(
      "token_uri",
      Type.URL,
      null,
      "OAuth token endpoint (default: the one in the credentials file, else Google's)."),
  MAX_RETRIES(
      "max_retries",
      Type.COUNT,
      "6",
      "Retries of a request answered 429, 5xx, 403 rateLimitExceeded or not answered at all."),
  BACKOFF("backoff", Type.DURATION, "1s", "Wait before the first retry; doubles on each retry."),
  MAX_BACKOFF(
      "max_backoff",
      Type.DURATION,
      "60s",
      "Longest wait between retries, also when the server's Retry-After asks for more."),
  SNAPSHOT_DIR(
      "snapshot_dir",
      Type.PATH,
      null,
      "Directory receiving every page read as <calendarId>/events-NNNN.json (readable by"
          + " calendar-json); earlier pages of a calendar read again are replaced.");

  enum Type {
    TEXT,
    FILE,
    PATH,
    LIST,
    REGEX,
    INSTANT,
    URL,
    COUNT,
    DURATION
  }

  private final String key;
  private final Type type;
  private final String defaultValue;
  private final String description;

  CalendarApiOption(String key, Type type, String defaultValue, String description) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  String key() {
    return key;
  }

  Type type() {
    return type;
  }

  String defaultValue() {
    return defaultValue;
  }

  String description() {
    return description;
  }

  /** The option's text, or its default (null when it has none). */
  String text(Map<String, String> options) {
    String value = options.get(key);
    return value == null || value.isBlank() ? defaultValue : value.strip();
  }

  boolean isSet(Map<String, String> options) {
    String value = options.get(key);
    return value != null && !value.isBlank();
  }

  /**
   * The option's value as its type's Java value (String, List, Instant, Integer, Duration), or null
   * when unset without a default.
   *
   * @throws InvalidSourceException naming the source and the option when the value is invalid
   */
  Object parse(String sourceName, Map<String, String> options) throws InvalidSourceException {
    String text = text(options);
    if (text == null) {
      return null;
    }
    try {
      return switch (type) {
        case TEXT, PATH -> text;
        case FILE -> file(text);
        case LIST -> list(text);
        case REGEX -> Pattern.compile(text).pattern();
        case INSTANT -> instant(text);
        case URL -> url(text);
        case COUNT -> count(text);
        case DURATION -> duration(text);
      };
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new InvalidSourceException(
          "Source " + sourceName + ": option " + key + " is invalid: " + e.getMessage(), e);
    }
  }

  static CalendarApiOption byKey(String key) {
    for (CalendarApiOption option : values()) {
      if (option.key.equals(key)) {
        return option;
      }
    }
    return null;
  }

  static List<String> keys() {
    return Arrays.stream(values()).map(CalendarApiOption::key).toList();
  }

  private static String file(String text) {
    Path path = Path.of(text);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException(text + " is not a readable file");
    }
    return path.toAbsolutePath().normalize().toString();
  }

  private static List<String> list(String text) {
    List<String> items =
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (items.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' names nothing");
    }
    return items;
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException notADateTime) {
      try {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeException notADate) {
        throw new DateTimeException(
            "'" + text + "' is neither a date-time with offset (2026-03-01T00:00:00Z) nor a date");
      }
    }
  }

  private static String url(String text) {
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      throw new IllegalArgumentException("'" + text + "' is not an http(s) URL");
    }
    return text;
  }

  private static Integer count(String text) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number");
    }
    if (value < 0 || value > 100) {
      throw new IllegalArgumentException(text + " is not between 0 and 100");
    }
    return value;
  }

  /** {@code 250ms}, {@code 2s}, {@code 1m} or ISO-8601 ({@code PT2S}, {@code P30D}). */
  static Duration duration(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    try {
      Duration value;
      if (lower.startsWith("p")) {
        value = Duration.parse(text);
      } else if (lower.endsWith("ms")) {
        value = Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2).strip()));
      } else if (lower.endsWith("s")) {
        value = Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1).strip()));
      } else if (lower.endsWith("m")) {
        value = Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1).strip()));
      } else {
        throw new IllegalArgumentException("no unit");
      }
      if (value.isNegative()) {
        throw new IllegalArgumentException("negative");
      }
      return value;
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration like 250ms, 2s, 1m, PT2S or P30D");
    }
  }
}
