package dev.salvage.connectors.email;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates of a mail: the Date header, the date part of a Received header and the date on an
 * mbox separator line. Accepts RFC 5322 with its obsolete syntax (two- and three-digit years,
 * missing seconds, named and military zones, comments anywhere, white space around the colons, a
 * missing or wrong day name), asctime order ({@code Mon Jan 1 00:00:00 2024}) and ISO-8601, but
 * refuses impossible dates (31 February, hour 27) rather than rolling them over.
 *
 * <p>RFC 5322 defines only UT, GMT, the four US zones and their daylight times, and the military
 * letters, which it reads as -0000 (their signs were defined backwards). Other names (CEST, BST,
 * IST) are ambiguous worldwide and are not guessed: a Date header with one, or with no zone at all,
 * is read in the business's zone when the reader knows it, else in UTC, and {@link #header} says
 * which.
 */
final class MailDates {
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  // a 12-hour clock's AM or PM may follow the time, written on to it ("10:15PM") or apart
  private static final Pattern TIME =
      Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?((?i)[ap]m)?");
  private static final Pattern MERIDIEM = Pattern.compile("(?i)[ap]m");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
  // "+0100", "+01:00", "GMT+0100", and "-600" (an offset missing its leading zero)
  private static final Pattern OFFSET =
      Pattern.compile("(?:GMT|UTC|UT)?([+-])(\\d{1,2}):?(\\d{2})");
  private static final Pattern ALPHA = Pattern.compile("[A-Za-z]+\\.?");
  // an ISO 8601 date and time with a space for its T, or an offset without its colon, as scripts,
  // cron jobs and some old servers write the Date header: "2026-11-03 14:22:01 +0100". Year first
  // with four digits, it is year-month-day and nothing else
  private static final Pattern ISO_LIKE =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt]|\\s+)(\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
              + "\\s*(?:([A-Za-z]{1,5})|([+-])(\\d{2}):?(\\d{2}))?");
  private static final Map<String, Integer> ZONES =
      Map.ofEntries(
          Map.entry("UT", 0),
          Map.entry("UTC", 0),
          Map.entry("GMT", 0),
          Map.entry("Z", 0),
          Map.entry("EST", -5 * 60),
          Map.entry("EDT", -4 * 60),
          Map.entry("CST", -6 * 60),
          Map.entry("CDT", -5 * 60),
          Map.entry("MST", -7 * 60),
          Map.entry("MDT", -6 * 60),
          Map.entry("PST", -8 * 60),
          Map.entry("PDT", -7 * 60));

  private MailDates() {}

  /**
   * A Date header read: its instant, and what was assumed of its zone, for the record's notes (null
   * when the header gave an offset or a zone RFC 5322 defines).
   */
  record DateHeader(Instant instant, String assumption) {
    DateHeader {
      requireNonNull(instant, "instant");
    }
  }

  /**
   * A Date header; empty when it is not a date. A zone name RFC 5322 does not define, or no zone,
   * is read in {@code zone} (the business's, null when the reader knows none: UTC), a military
   * letter as UTC (-0000), each with the assumption said.
   */
  static Optional<DateHeader> header(String header, ZoneId zone) {
    return fields(header, false).map(read -> read.inZone(header, zone));
  }

  /**
   * A Date header (or the date of a Received header), an unknown or missing zone read as UTC; empty
   * when it is not a date.
   */
  static Optional<Instant> parse(String header) {
    return fields(header, false).map(Fields::instantOrUtc);
  }

  /** The date of a Received header: what follows its last semicolon (RFC 5322 section 3.6.7). */
  static Optional<Instant> received(String header) {
    if (header == null) {
      return Optional.empty();
    }
    int semicolon = header.lastIndexOf(';');
    return semicolon < 0 ? Optional.empty() : parse(header.substring(semicolon + 1));
  }

  /**
   * The date of an mbox separator line ({@code From sender date...}), in the writer's unknown zone
   * read as UTC unless the line names one; empty when the line carries no date.
   */
  static Optional<Instant> separator(String line) {
    if (line == null) {
      return Optional.empty();
    }
    String[] parts = line.strip().split("\\s+", 3);
    return parts.length < 3 || !parts[0].equals("From")
        ? Optional.empty()
        : fields(parts[2], true).map(Fields::instantOrUtc);
  }

  /**
   * The parts of a date as written: its wall-clock time, and its offset, or the zone name that gave
   * none (a military letter, or one RFC 5322 does not define; null when there was no zone).
   */
  private record Fields(LocalDateTime local, ZoneOffset offset, String zoneName, String form) {
    Fields(LocalDateTime local, ZoneOffset offset, String zoneName) {
      this(local, offset, zoneName, null);
    }

    Instant instantOrUtc() {
      return local.toInstant(offset == null ? ZoneOffset.UTC : offset);
    }

    DateHeader inZone(String header, ZoneId zone) {
      if (form != null) {
        // no RFC 5322 date, but one way to read it: read, and said, as a zone assumed is
        Instant instant =
            offset != null
                ? local.toInstant(offset)
                : zone == null
                    ? local.toInstant(ZoneOffset.UTC)
                    : ZonedDateTime.ofLocal(local, zone, null).toInstant();
        return new DateHeader(
            instant,
            "Date header \""
                + header.strip()
                + "\" is not an RFC 5322 date but "
                + form
                + ": read as "
                + instant
                + (offset != null
                    ? ""
                    : ", in "
                        + (zone == null ? "UTC" : zone.getId())
                        + (zoneName == null
                            ? ": it has no zone"
                            : ": its zone \"" + zoneName + "\" is not one RFC 5322 defines")));
      }
      if (offset != null) {
        return new DateHeader(local.toInstant(offset), null);
      }
      if (zoneName != null && MILITARY.matcher(zoneName).matches()) {
        return new DateHeader(
            local.toInstant(ZoneOffset.UTC),
            "Date header zone \""
                + zoneName
                + "\" is a military letter, which RFC 5322 reads as -0000 (no zone known): read as"
                + " UTC");
      }
      // a local time the zone skips or has twice is placed as the mappings and the .ics reader
      // place one: later by the gap, the earlier of the two
      Instant instant =
          zone == null
              ? local.toInstant(ZoneOffset.UTC)
              : ZonedDateTime.ofLocal(local, zone, null).toInstant();
      String read = zone == null ? "read as UTC" : "read in " + zone.getId();
      return new DateHeader(
          instant,
          zoneName == null
              ? "Date header \"" + header.strip() + "\" has no zone: " + read
              : "Date header zone \"" + zoneName + "\" is not one RFC 5322 defines: " + read);
    }
  }

  /**
   * @param lenient whether words that are not part of a date are skipped (separator lines carry
   *     extra words: "remote from host") rather than making the text not a date
   */
  private static Optional<Fields> fields(String header, boolean lenient) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String text = HeaderComments.strip(header).strip();
    try {
      OffsetDateTime iso = OffsetDateTime.parse(text);
      return Optional.of(new Fields(iso.toLocalDateTime(), iso.getOffset(), null));
    } catch (DateTimeParseException notIso) {
      // the usual case: RFC 5322 below
    }
    Matcher isoLike = ISO_LIKE.matcher(text);
    if (isoLike.matches()) {
      // until 2026-12-06 not a date: a script's mail without a Received header was quarantined
      return isoLike(isoLike);
    }
    text = text.replace(',', ' ').replaceAll("\\s*:\\s*", ":").strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    List<String> numbers = new ArrayList<>();
    int month = -1;
    Matcher time = null;
    Integer offsetMinutes = null;
    String zoneName = null;
    String meridiem = null;
    for (String token : text.split("\\s+")) {
      Matcher timeMatch = TIME.matcher(token);
      Matcher offset = OFFSET.matcher(token);
      if (time == null && timeMatch.matches()) {
        time = timeMatch;
        meridiem = time.group(4);
      } else if (time != null
          && meridiem == null
          && offsetMinutes == null
          && zoneName == null
          && MERIDIEM.matcher(token).matches()) {
        // "10:15 PM": a 12-hour clock, not a zone named PM (read so, it was 12 hours early)
        meridiem = token;
      } else if (NUMBER.matcher(token).matches() && numbers.size() < 2) {
        numbers.add(token);
      } else if (time != null && offsetMinutes == null && offset.matches()) {
        offsetMinutes = offsetMinutes(offset);
        if (offsetMinutes == null) {
          return Optional.empty();
        }
      } else if (ALPHA.matcher(token).matches()) {
        String word = token.replace(".", "");
        String prefix = word.length() >= 3 ? word.substring(0, 3).toLowerCase(Locale.ROOT) : "";
        if (month < 0 && MONTHS.contains(prefix) && isPrefixOfMonthName(word)) {
          month = MONTHS.indexOf(prefix) + 1;
        } else if (month < 0 && time == null && numbers.isEmpty() && DAYS.contains(prefix)) {
          // a day name, right or wrong: the date says which day it is
        } else if (time != null
            && offsetMinutes == null
            && zoneName == null
            && ZONES.containsKey(word.toUpperCase(Locale.ROOT))) {
          offsetMinutes = ZONES.get(word.toUpperCase(Locale.ROOT));
        } else if (time != null
            && offsetMinutes == null
            && zoneName == null
            && word.length() <= 5) {
          // a military letter or a name RFC 5322 does not define: no offset known
          zoneName = word;
        } else if (time != null
            && (offsetMinutes != null || zoneName != null)
            && word.length() <= 5) {
          // a zone name after a numeric offset ("+0100 CET"): the offset says it all
        } else if (!lenient) {
          return Optional.empty();
        }
      } else if (!lenient) {
        return Optional.empty();
      }
    }
    if (month < 0 || time == null || numbers.size() != 2) {
      return Optional.empty();
    }
    // the day comes first: before the month in RFC order ("1 Jan 2024"), after it in asctime
    // order ("Jan  1 00:00:00 2024"); a year written first ("2024 Jan 1") is the other way round
    String day = numbers.get(0);
    String year = numbers.get(1);
    if (day.length() > 2 && year.length() <= 2) {
      day = numbers.get(1);
      year = numbers.get(0);
    }
    if (day.length() > 2 || year.length() < 2) {
      return Optional.empty();
    }
    ZoneOffset offset =
        offsetMinutes == null ? null : ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
    String unknownZone = offset == null ? zoneName : null;
    return local(fullYear(year), month, Integer.parseInt(day), time, meridiem)
        .map(local -> new Fields(local, offset, unknownZone));
  }

  /** The parts of an ISO 8601 date and time written with a space ({@link #ISO_LIKE}). */
  private static Optional<Fields> isoLike(Matcher iso) {
    ZoneOffset offset = null;
    String zoneName = null;
    if (iso.group(8) != null) {
      // a zone word: one RFC 5322 defines (UTC, Z, EST...) gives its offset, any other (CET) is
      // read in the business's zone and said, as in an RFC 5322 date
      Integer minutes = ZONES.get(iso.group(8).toUpperCase(Locale.ROOT));
      if (minutes != null) {
        offset = ZoneOffset.ofTotalSeconds(minutes * 60);
      } else {
        zoneName = iso.group(8);
      }
    } else if (iso.group(9) != null) {
      int hours = Integer.parseInt(iso.group(10));
      int minutes = Integer.parseInt(iso.group(11));
      if (hours > 18 || minutes > 59) {
        return Optional.empty();
      }
      offset =
          ZoneOffset.ofTotalSeconds(
              (iso.group(9).equals("-") ? -1 : 1) * (hours * 60 + minutes) * 60);
    }
    try {
      String fraction = iso.group(7) == null ? "" : iso.group(7);
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(iso.group(1)),
              Integer.parseInt(iso.group(2)),
              Integer.parseInt(iso.group(3)),
              Integer.parseInt(iso.group(4)),
              Integer.parseInt(iso.group(5)),
              iso.group(6) == null ? 0 : Integer.parseInt(iso.group(6)),
              fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9)));
      return Optional.of(
          new Fields(
              local,
              offset,
              zoneName,
              "an ISO 8601-style date and time (year-month-day, as scripts and some servers"
                  + " write it)"));
    } catch (DateTimeException impossible) {
      return Optional.empty();
    }
  }

  private static Optional<LocalDateTime> local(
      int year, int month, int day, Matcher time, String meridiem) {
    int hour = Integer.parseInt(time.group(1));
    if (meridiem != null) {
      // a 12-hour clock counts 12, 1, ..., 11: 12 AM is midnight, 12 PM noon; hour 0 or 13 with
      // AM or PM is no time
      if (hour < 1 || hour > 12) {
        return Optional.empty();
      }
      hour = hour % 12 + (meridiem.equalsIgnoreCase("pm") ? 12 : 0);
    }
    int minute = Integer.parseInt(time.group(2));
    int second = time.group(3) == null ? 0 : Integer.parseInt(time.group(3));
    if (time.group(2).length() != 2 || time.group(3) != null && time.group(3).length() != 2) {
      return Optional.empty();
    }
    try {
      // RFC 5322 allows a leap second; java.time does not
      LocalDateTime local =
          LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59))
              .plusSeconds(second == 60 ? 1 : 0);
      if (second > 60) {
        return Optional.empty();
      }
      return Optional.of(local);
    } catch (DateTimeException impossible) {
      return Optional.empty();
    }
  }

  /** RFC 5322 4.3: a two-digit year below 50 is 20xx, other two- and three-digit years 1900+. */
  private static int fullYear(String year) {
    int value = Integer.parseInt(year);
    if (year.length() == 2) {
      return value < 50 ? 2000 + value : 1900 + value;
    }
    return year.length() == 3 ? 1900 + value : value;
  }

  private static Integer offsetMinutes(Matcher offset) {
    int hours = Integer.parseInt(offset.group(2));
    int minutes = Integer.parseInt(offset.group(3));
    if (hours > 18 || minutes > 59) {
      return null;
    }
    return (offset.group(1).equals("-") ? -1 : 1) * (hours * 60 + minutes);
  }

  /** RFC 822's military zones, A to Z without J (Z, which is UT, is among the named zones). */
  private static final Pattern MILITARY = Pattern.compile("(?i)[A-IK-Z]");

  private static boolean isPrefixOfMonthName(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    for (String name :
        List.of(
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "sept")) {
      if (name.startsWith(lower)) {
        return true;
      }
    }
    return false;
  }
}
