package dev.salvage.connectors.io;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * An HTTP {@code Retry-After} header: how long a server asked its client to wait before asking
 * again. RFC 9110 allows whole seconds or an HTTP date; a proxy or gateway in front of an API may
 * send either, so both connectors that retry read it here.
 */
public final class RetryAfter {
  // a header saying "Infinity" or a year 9999 is still a wait, but one an Instant can add
  private static final long LONGEST = Duration.ofDays(36_500).toMillis();

  private RetryAfter() {}

  /** The wait {@code header} asks for in milliseconds; 0 when absent, past or not understood. */
  public static long millis(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    String value = header.strip();
    try {
      double seconds = Double.parseDouble(value);
      return Double.isNaN(seconds) ? 0 : Math.max(0, Math.min(LONGEST, (long) (seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, Math.min(LONGEST, Duration.between(ZonedDateTime.now(), at).toMillis()));
      } catch (RuntimeException notADate) {
        return 0;
      }
    }
  }

  /**
   * Why a request was given up rather than retried, for a wait asked for that is longer than {@code
   * option} allows: {@code asked to come back in PT24H (Retry-After: 86400), at …, longer than
   * retry_after_max (PT10M); gave up at once instead of waiting: rerun after that time}.
   */
  public static String tooLong(long askedMillis, String header, String option, Duration max) {
    return "asked to come back in "
        + Duration.ofMillis(askedMillis).truncatedTo(ChronoUnit.SECONDS)
        + " (Retry-After: "
        + header.strip()
        + "), at "
        + Instant.now().plusMillis(askedMillis).truncatedTo(ChronoUnit.SECONDS)
        + ", longer than "
        + option
        + " ("
        + max
        + "); gave up at once instead of waiting: rerun after that time";
  }
}
