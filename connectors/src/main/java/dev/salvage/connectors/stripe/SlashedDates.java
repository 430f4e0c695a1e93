package dev.salvage.connectors.stripe;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one export writes slashed dates. A spreadsheet's re-save writes them in its locale's order:
 * {@code 10/01/2026} is the 10th of January in Lisbon and October 1st in New York, and one value
 * alone cannot tell. The file's own dates can: a first part over 12 (a {@code 25/01/2026} anywhere)
 * means day first, a second part over 12 means month first. When no date of the file tells, or its
 * dates say both, a slashed date is not read: its row is quarantined with the reason, rather than
 * read a month off.
 */
final class SlashedDates {
  private static final Pattern SLASHED = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})(.*)");
  private static final DateTimeFormatter DAY_FIRST =
      DateTimeFormatter.ofPattern("d/M/uuuu[ H:mm[:ss]]", Locale.ROOT);
  private static final DateTimeFormatter MONTH_FIRST =
      DateTimeFormatter.ofPattern("M/d/uuuu[ H:mm[:ss]]", Locale.ROOT);

  private boolean dayFirst;
  private boolean monthFirst;

  static boolean isSlashed(String text) {
    return SLASHED.matcher(text).matches();
  }

  /** Learns from one value of a date column of the file. */
  void see(String text) {
    Matcher slashed = SLASHED.matcher(text);
    if (slashed.matches()) {
      dayFirst |= Integer.parseInt(slashed.group(1)) > 12;
      monthFirst |= Integer.parseInt(slashed.group(2)) > 12;
    }
  }

  /**
   * The instant a slashed date and time of this file stands for, in UTC as the export's columns
   * say.
   *
   * @throws IllegalArgumentException when the file does not tell the order of its dates
   */
  Instant parse(String text) {
    if (dayFirst == monthFirst) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is day first in some locales and month first in others, and "
              + (dayFirst
                  ? "this file's dates say both"
                  : "no date of this file tells (none has a day over 12)")
              + "; write the dates as yyyy-MM-dd HH:mm");
    }
    DateTimeFormatter format = dayFirst ? DAY_FIRST : MONTH_FIRST;
    return text.contains(" ")
        ? LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC)
        : LocalDate.parse(text, format).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
