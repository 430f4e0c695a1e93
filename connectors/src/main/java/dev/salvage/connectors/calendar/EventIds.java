package dev.salvage.connectors.calendar;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The id part of a calendar event's evidence id, from its iCalendar UID, which the Google Calendar
 * API gives as {@code iCalUID} and an {@code .ics} export as {@code UID}. One event read through
 * both (a calendar-json source beside its .ics export) must be one piece of evidence, not two
 * sources agreeing, so both readers derive its id from the UID alone, as mail derives its id from
 * the message alone.
 */
final class EventIds {
  private static final String GOOGLE = "@google.com";
  private static final Pattern GOOGLE_ID = Pattern.compile("[A-Za-z0-9_]+");

  private EventIds() {}

  /**
   * The event's id: for a UID Google made ({@code <id>@google.com}) its Google event id, which is
   * what the API calls the event; else the UID lowercased, its ASCII letters, digits and {@code - .
   * _ @} kept and every other byte written {@code %XX} (the hex of its bytes when it is blank).
   * Nothing is left out: {@code rental-1-1@lakefront.example} and {@code
   * rental-11@lakefront.example} are two events, which until 2026-12-05 were both {@code
   * rental11lakefrontexample}, one piece of evidence joining two rentals.
   */
  static String ofUid(String uid) {
    String stripped = uid.strip();
    if (stripped.toLowerCase(Locale.ROOT).endsWith(GOOGLE)) {
      String googleId = stripped.substring(0, stripped.length() - GOOGLE.length());
      if (GOOGLE_ID.matcher(googleId).matches()) {
        return googleId;
      }
    }
    if (stripped.isEmpty()) {
      return HexFormat.of().formatHex(uid.getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder id = new StringBuilder();
    for (byte b : stripped.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || KEPT.indexOf(c) >= 0) {
        id.append(c);
      } else {
        id.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return id.toString();
  }

  /** The punctuation an id keeps as written: what UIDs are mostly made of, safe in a path. */
  private static final String KEPT = "-._@";

  /**
   * The id of an event the Google Calendar API listed: from its {@code iCalUID} when it has one,
   * keeping the instance suffix of an occurrence of a series ({@code <series id>_20260301T090000Z},
   * the same suffix an .ics export's expansion gives); else the API's {@code id}.
   */
  static String ofApiEvent(String id, String iCalUid, String recurringEventId) {
    if (iCalUid == null || iCalUid.isBlank()) {
      return id;
    }
    String base = ofUid(iCalUid);
    if (recurringEventId == null || recurringEventId.isBlank()) {
      return base;
    }
    String prefix = recurringEventId + "_";
    if (!id.startsWith(prefix)) {
      return id; // an instance whose id does not name its series: only the API's id is known
    }
    return base + "_" + id.substring(prefix.length());
  }
}
