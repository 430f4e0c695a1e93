package dev.salvage.connectors.backup;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the time pg_dump writes in its header ({@code 2026-05-01 03:00:00 UTC}): strftime's {@code
 * %Z} gives a zone abbreviation or name, an offset, or nothing, depending on the platform.
 */
final class DumpTimestamps {
  private static final Pattern TIMESTAMP =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)\\s*(.*)");
  private static final Pattern OFFSET = Pattern.compile("[+-]\\d{2}(:?\\d{2})?");
  private static final DateTimeFormatter ZONE_TEXT =
      DateTimeFormatter.ofPattern("z", Locale.ENGLISH);

  private DumpTimestamps() {}

  static Optional<Instant> parse(String text) {
    Matcher matcher = TIMESTAMP.matcher(text.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      LocalDateTime local = LocalDateTime.parse(matcher.group(1) + "T" + matcher.group(2));
      return zone(matcher.group(3).strip()).map(zone -> local.atZone(zone).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<ZoneId> zone(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (text.isEmpty()
        || upper.equals("Z")
        || upper.equals("UTC")
        || upper.equals("GMT")
        || upper.equals("UT")) {
      return Optional.of(ZoneOffset.UTC);
    }
    try {
      if (OFFSET.matcher(text).matches()) {
        return Optional.of(ZoneOffset.of(text.length() == 3 ? text + ":00" : text));
      }
      return Optional.of(ZoneId.of(text));
    } catch (DateTimeException notAnIdOrOffset) {
      try {
        return Optional.of(ZoneId.from(ZONE_TEXT.parse(text)));
      } catch (DateTimeException unknown) {
        return Optional.empty();
      }
    }
  }
}
