package dev.salvage.pipeline.values;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the canonical instants the mapping types write ({@code 2026-03-13T10:00:00Z}, as {@link
 * Instant#toString} gives them) without {@code DateTimeFormatter}: matching compares two times on
 * every candidate pair and merging dates every claim, and the formatter's parse (a hash map of
 * fields per call) was about 6 % of a whole run's CPU samples.
 */
public final class Instants {
  private static final int[] SCALE = {
    0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private Instants() {}

  /**
   * The instant of ISO-8601 UTC text.
   *
   * @throws java.time.format.DateTimeParseException when it is not one, as {@link Instant#parse}
   */
  public static Instant parse(String text) {
    Instant fast = canonical(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /**
   * The instant of text in {@link Instant#toString}'s form for years 0000-9999 (seconds, and a
   * fraction of 1 to 9 digits when there is one), or null when it is not exactly that form or not a
   * valid time; {@link Instant#parse} then decides.
   */
  static Instant canonical(String text) {
    int length = text.length();
    if (length < 20
        || length == 21
        || length > 30
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || (length > 20 && text.charAt(19) != '.')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nano = 0;
    if (length > 20) {
      int fraction = digits(text, 20, length - 1);
      if (fraction < 0) {
        return null;
      }
      nano = fraction * SCALE[length - 21];
    }
    // a negative field held a non-digit; a leap second (:60) is Instant.parse's to read
    if (Math.min(year, Math.min(month, day)) < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    LocalDate date = date(year, month, day);
    if (date == null) {
      return null;
    }
    return Instant.ofEpochSecond(
        date.toEpochDay() * 86_400 + hour * 3_600 + minute * 60 + second, nano);
  }

  /**
   * The day of text in ISO form {@code 2026-03-13} (years 0000-9999), or null when it is not
   * exactly that form or not a valid day.
   */
  public static LocalDate day(String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return null;
    }
    return date(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
  }

  private static LocalDate date(int year, int month, int day) {
    if (year < 0 || month < 0 || day < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException invalid) {
      return null;
    }
  }

  /** The decimal number of {@code text[from, to)}, or -1 when a character is not an ASCII digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
