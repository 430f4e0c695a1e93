package dev.salvage.connectors.stripe;

import dev.salvage.connectors.DateOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one export writes slashed (or dashed, year last: {@code 12-11-2025}) dates. A spreadsheet's
 * re-save writes them in its locale's order: {@code 10/01/2026} is the 10th of January in Lisbon
 * and October 1st in New York, and one value alone cannot tell. The file's own dates can: a first
 * part over 12 (a {@code 25/01/2026} anywhere) means day first, a second part over 12 means month
 * first. When no date of the file tells, or its dates say both, a slashed date is not read: its row
 * is quarantined with the reason, rather than read a month off. The source's option {@code
 * date_order} says the order outright: a file of a UK business whose every date falls on a day up
 * to 12 tells nothing, and every row was quarantined.
 */
final class SlashedDates {
  // dashes too: Dutch Excel writes 12-11-2025 7:03, and no Excel locale's default short date is
  // month first with dashes, but a custom one can be, so the file or the option tells as for
  // slashes
  private static final Pattern SLASHED =
      Pattern.compile("(\\d{1,2})([/-])(\\d{1,2})\\2(\\d{4})(.*)");
  private static final DateTimeFormatter DAY_FIRST =
      DateTimeFormatter.ofPattern("d/M/uuuu[ H:mm[:ss]]", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter MONTH_FIRST =
      DateTimeFormatter.ofPattern("M/d/uuuu[ H:mm[:ss]]", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private final DateOrder declared;
  private boolean dayFirst;
  private boolean monthFirst;

  /** The order of a file's slashed dates: {@code declared}, or told by its dates when null. */
  SlashedDates(DateOrder declared) {
    this.declared = declared;
  }

  static boolean isSlashed(String text) {
    return SLASHED.matcher(text).matches();
  }

  /** Learns from one value of a date column of the file. */
  void see(String text) {
    Matcher slashed = SLASHED.matcher(text);
    if (slashed.matches()) {
      dayFirst |= Integer.parseInt(slashed.group(1)) > 12;
      monthFirst |= Integer.parseInt(slashed.group(3)) > 12;
    }
  }

  /**
   * The instant a slashed date and time of this file stands for, in UTC as the export's columns
   * say.
   *
   * @throws IllegalArgumentException when the file does not tell the order of its dates
   */
  Instant parse(String text) {
    if (declared != null) {
      try {
        return parse(text, declared == DateOrder.DAY_FIRST ? DAY_FIRST : MONTH_FIRST);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' is not a date read "
                + declared.optionValue().replace('_', ' ')
                + ", as the source option date_order says");
      }
    }
    if (dayFirst == monthFirst) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is day first in some locales and month first in others, and "
              + (dayFirst
                  ? "this file's dates say both"
                  : "no date of this file tells (none has a day over 12)")
              + "; set the source option date_order (day_first or month_first) to the order the"
              + " spreadsheet that saved it writes, or write the dates as yyyy-MM-dd HH:mm");
    }
    return parse(text, dayFirst ? DAY_FIRST : MONTH_FIRST);
  }

  private static Instant parse(String written, DateTimeFormatter format) {
    Matcher date = SLASHED.matcher(written);
    String text =
        date.matches()
            ? date.group(1) + "/" + date.group(3) + "/" + date.group(4) + date.group(5)
            : written;
    return text.contains(" ")
        ? LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC)
        : LocalDate.parse(text, format).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
