package dev.salvage.connectors.email;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the Date header of a mail. Tolerates what real mailers write (missing or wrong day name,
 * missing seconds, obsolete zone names, trailing comments, ISO-8601) but refuses impossible dates
 * rather than rolling them over.
 */
final class MailDates {
  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("d MMM uuuu H:mm[:ss] xx", Locale.ENGLISH)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern DAY_NAME = Pattern.compile("^[A-Za-z]{2,}\\.?,?\\s+");
  private static final Pattern COMMENT = Pattern.compile("\\([^)]*\\)");
  private static final Pattern ZONE_NAME = Pattern.compile("\\s([A-Za-z]{1,5})$");
  private static final Pattern SHORT_OFFSET = Pattern.compile("\\s([+-]\\d{2}):?(\\d{2})$");
  private static final Map<String, String> OBSOLETE_ZONES =
      Map.ofEntries(
          Map.entry("UT", "+0000"),
          Map.entry("UTC", "+0000"),
          Map.entry("GMT", "+0000"),
          Map.entry("Z", "+0000"),
          Map.entry("EST", "-0500"),
          Map.entry("EDT", "-0400"),
          Map.entry("CST", "-0600"),
          Map.entry("CDT", "-0500"),
          Map.entry("MST", "-0700"),
          Map.entry("MDT", "-0600"),
          Map.entry("PST", "-0800"),
          Map.entry("PDT", "-0700"));

  private MailDates() {}

  static Optional<Instant> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String text = COMMENT.matcher(header).replaceAll(" ").trim().replaceAll("\\s+", " ");
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notIso) {
      // the usual case: RFC 5322 below
    }
    text = DAY_NAME.matcher(text).replaceFirst("");
    text = normaliseZone(text);
    try {
      return Optional.of(OffsetDateTime.parse(capitaliseMonth(text), RFC_5322).toInstant());
    } catch (DateTimeParseException bad) {
      return Optional.empty();
    }
  }

  private static String normaliseZone(String text) {
    Matcher name = ZONE_NAME.matcher(text);
    if (name.find()) {
      String offset = OBSOLETE_ZONES.get(name.group(1).toUpperCase(Locale.ROOT));
      // an unknown zone name means an unknown offset (RFC 5322 4.3): read as UTC
      return text.substring(0, name.start()) + " " + (offset == null ? "+0000" : offset);
    }
    Matcher offset = SHORT_OFFSET.matcher(text);
    if (offset.find()) {
      return text.substring(0, offset.start()) + " " + offset.group(1) + offset.group(2);
    }
    return text;
  }

  private static String capitaliseMonth(String text) {
    String[] parts = text.split(" ", 3);
    if (parts.length < 3 || parts[1].length() < 3) {
      return text;
    }
    String month =
        parts[1].substring(0, 1).toUpperCase(Locale.ROOT)
            + parts[1].substring(1, 3).toLowerCase(Locale.ROOT);
    return parts[0] + " " + month + " " + parts[2];
  }
}
