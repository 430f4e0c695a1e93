package dev.salvage.samples;

import dev.salvage.samples.Catalog.Location;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * An iCalendar export of one calendar (RFC 5545): CRLF lines folded at 75 octets without splitting
 * a UTF-8 character, TEXT values escaped, one VTIMEZONE per TZID used.
 */
final class Ics {
  private Ics() {}

  /** Standard/daylight rules of the zones Rentwise uses, as Google's exports write them. */
  private static final Map<String, String> TIMEZONES =
      Map.of(
          "Europe/Lisbon",
          zone("Europe/Lisbon", "+0000", "+0100", "WET", "WEST", "010000", "020000"),
          "Atlantic/Canary",
          zone("Atlantic/Canary", "+0000", "+0100", "WET", "WEST", "010000", "020000"),
          "Europe/Madrid",
          zone("Europe/Madrid", "+0100", "+0200", "CET", "CEST", "020000", "030000"),
          "UTC",
          "BEGIN:VTIMEZONE\nTZID:UTC\nX-LIC-LOCATION:UTC\nBEGIN:STANDARD\nTZOFFSETFROM:+0000\n"
              + "TZOFFSETTO:+0000\nTZNAME:UTC\nDTSTART:19700101T000000\nEND:STANDARD\n"
              + "END:VTIMEZONE\n");

  private static String zone(
      String id,
      String standard,
      String daylight,
      String standardName,
      String daylightName,
      String springTime,
      String autumnTime) {
    return "BEGIN:VTIMEZONE\nTZID:"
        + id
        + "\nX-LIC-LOCATION:"
        + id
        + "\nBEGIN:DAYLIGHT\nTZOFFSETFROM:"
        + standard
        + "\nTZOFFSETTO:"
        + daylight
        + "\nTZNAME:"
        + daylightName
        + "\nDTSTART:19700329T"
        + springTime
        + "\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nEND:DAYLIGHT\nBEGIN:STANDARD\nTZOFFSETFROM:"
        + daylight
        + "\nTZOFFSETTO:"
        + standard
        + "\nTZNAME:"
        + standardName
        + "\nDTSTART:19701025T"
        + autumnTime
        + "\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nEND:STANDARD\nEND:VTIMEZONE\n";
  }

  static void write(
      Writer out, Location location, List<CalendarWriter.Event> events, Instant exportedAt)
      throws IOException {
    line(out, "BEGIN:VCALENDAR");
    line(out, "PRODID:-//Google Inc//Google Calendar 70.9054//EN");
    line(out, "VERSION:2.0");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, "X-WR-CALNAME:" + text(location.calendarSummary()));
    line(out, "X-WR-TIMEZONE:" + location.zone().getId());
    line(
        out,
        "X-WR-CALDESC:"
            + text(
                "Bookings and workshop slots of Rentwise "
                    + location.name()
                    + " ("
                    + location.code()
                    + ")"));
    TreeSet<String> zones = new TreeSet<>();
    for (CalendarWriter.Event event : events) {
      zones.add(event.zone().getId());
    }
    for (String zone : zones) {
      for (String zoneLine : TIMEZONES.get(zone).split("\n")) {
        line(out, zoneLine);
      }
    }
    String stamp = Formats.ICS_UTC.format(exportedAt);
    for (CalendarWriter.Event event : events) {
      ZoneId zone = event.zone();
      line(out, "BEGIN:VEVENT");
      line(
          out,
          "DTSTART;TZID="
              + zone.getId()
              + ":"
              + Formats.ICS_LOCAL.format(event.start().atZone(zone)));
      line(
          out,
          "DTEND;TZID=" + zone.getId() + ":" + Formats.ICS_LOCAL.format(event.end().atZone(zone)));
      line(out, "DTSTAMP:" + stamp);
      line(
          out,
          "ORGANIZER;CN=" + param(location.calendarSummary()) + ":mailto:" + location.calendarId());
      line(out, "UID:" + event.iCalUid());
      line(out, "CREATED:" + Formats.ICS_UTC.format(event.created()));
      if (event.description() != null) {
        line(out, "DESCRIPTION:" + text(event.description()));
      }
      line(out, "LAST-MODIFIED:" + Formats.ICS_UTC.format(event.updated()));
      line(out, "LOCATION:" + text(event.location()));
      line(out, "SEQUENCE:" + event.sequence());
      line(out, "STATUS:" + event.status().toUpperCase(Locale.ROOT));
      line(out, "SUMMARY:" + text(event.summary()));
      line(out, "TRANSP:OPAQUE");
      line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
  }

  /** TEXT escaping of RFC 5545 3.3.11. */
  static String text(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case ';' -> out.append("\\;");
        case ',' -> out.append("\\,");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A parameter value, quoted when it holds characters a bare one may not. */
  private static String param(String value) {
    return value.matches("[^\";:,]*") ? value : "\"" + value.replace("\"", "'") + "\"";
  }

  /** Appends a content line folded at 75 octets, continuation lines starting with a space. */
  static void line(Writer out, String content) throws IOException {
    int octets = 0;
    for (int i = 0; i < content.length(); ) {
      int codePoint = content.codePointAt(i);
      int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (octets + size > 75) {
        out.write("\r\n ");
        octets = 1;
      }
      int chars = Character.charCount(codePoint);
      out.write(content, i, chars);
      octets += size;
      i += chars;
    }
    out.write("\r\n");
  }
}
