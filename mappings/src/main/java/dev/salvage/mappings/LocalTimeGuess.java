package dev.salvage.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An instant read from a wall-clock time its zone skips (clocks going forward) or repeats (clocks
 * going back): {@link ZonedDateTime#ofLocal} picks one, but the text does not say which was meant.
 * An outside trial's pickup at 1:30 AM on the night Chicago's clocks went back was read from a mail
 * as the first 1:30 and beat the calendar's exact second 1:30 by being newer, unflagged.
 *
 * <p>A text two places of a {@code first_of} read as different values ({@code 04/12/2026} as MM/dd
 * and as dd/MM) is the same kind of guess, made by {@code FirstOf}: the value read first, the other
 * reading, and a note that quotes the text and both.
 *
 * @param chosen the instant the value was read as ({@code 2026-11-01T06:30:00Z})
 * @param other the instant the same wall time is at the zone's other offset, or "" when the zone's
 *     rules are not known here (a calendar's own VTIMEZONE)
 * @param note the sentence that says so, for the record's reasons
 */
record LocalTimeGuess(String chosen, String other, String note) {
  private static final DateTimeFormatter LOCAL_BASIC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

  /**
   * What the .ics reader notes of a time it placed so ({@code EventTimes}): {@code field DTSTART
   * 20261101T013000 in America/Chicago is a time that happens twice (...): read as the earlier,
   * 2026-11-01T01:30-05:00}.
   */
  private static final Pattern READER_NOTE =
      Pattern.compile(
          "field \\S+ ([0-9]{8}T[0-9]{6}) in (.+?) is a time that (?:does not exist|happens"
              + " twice) .* ([0-9]{4}-[0-9]{2}-[0-9]{2}T\\S+)$");

  /**
   * What the .ics reader notes of a time written in UTC under a TZID ({@code
   * DTSTART;TZID=Europe/Paris:20261103T100000Z}, which RFC 5545 does not allow): read as UTC, it
   * may be the zone's wall-clock time the exporter wrote a {@code Z} after. Both instants are in
   * the note.
   */
  private static final Pattern UTC_WITH_TZID_NOTE =
      Pattern.compile(
          "field \\S+ [0-9]{8}T[0-9]{6} has TZID .+ and ends in Z, .*: read as UTC, (\\S+); read"
              + " in .+ it is (\\S+)$");

  /**
   * The guess {@code local} in {@code zone} makes, or null when that wall time is one instant.
   *
   * @param written the text it was read from, as the note quotes it
   */
  static LocalTimeGuess of(LocalDateTime local, ZoneId zone, String written) {
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    if (offsets.size() == 1) {
      return null;
    }
    ZonedDateTime read = ZonedDateTime.ofLocal(local, zone, null);
    String where = Texts.quote(written) + " is a time that ";
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = zone.getRules().getTransition(local);
      OffsetDateTime after = local.atOffset(gap.getOffsetAfter());
      return new LocalTimeGuess(
          read.toInstant().toString(),
          after.toInstant().toString(),
          where
              + "does not exist in "
              + zone.getId()
              + " (the clocks go forward over it): read later by the gap's "
              + gap.getDuration().toMinutes()
              + " minutes, as "
              + read.toOffsetDateTime()
              + "; written at the new offset it is "
              + after);
    }
    OffsetDateTime later = local.atOffset(offsets.get(1));
    return new LocalTimeGuess(
        read.toInstant().toString(),
        later.toInstant().toString(),
        where
            + "happens twice in "
            + zone.getId()
            + " (the clocks go back over it): read as the earlier, "
            + read.toOffsetDateTime()
            + "; the later is "
            + later);
  }

  /**
   * The guesses a calendar event's reader noted in its {@code _notes}: the times it placed in a gap
   * or an overlap, the other instant known when the zone is one {@code java.time} knows.
   */
  static List<LocalTimeGuess> readerNoted(JsonNode record) {
    JsonNode notes = record.path("_notes");
    if (!notes.isArray()) {
      return List.of();
    }
    List<LocalTimeGuess> guesses = new ArrayList<>();
    for (JsonNode note : notes) {
      Matcher both = UTC_WITH_TZID_NOTE.matcher(note.asText());
      if (both.matches()) {
        try {
          guesses.add(
              new LocalTimeGuess(
                  OffsetDateTime.parse(both.group(1)).toInstant().toString(),
                  OffsetDateTime.parse(both.group(2)).toInstant().toString(),
                  note.asText()));
        } catch (DateTimeException unreadable) {
          // a note of another form: nothing to tie to a field
        }
        continue;
      }
      Matcher placed = READER_NOTE.matcher(note.asText());
      if (!placed.matches()) {
        continue;
      }
      try {
        String chosen = OffsetDateTime.parse(placed.group(3)).toInstant().toString();
        guesses.add(new LocalTimeGuess(chosen, other(placed, chosen), note.asText()));
      } catch (DateTimeException unreadable) {
        // a note of another form: nothing to tie to a field
      }
    }
    return guesses;
  }

  /** The other instant of a reader's note, or "" when its zone is not a java.time zone. */
  private static String other(Matcher placed, String chosen) {
    try {
      LocalDateTime local = LocalDateTime.parse(placed.group(1), LOCAL_BASIC);
      LocalTimeGuess guess = of(local, ZoneId.of(placed.group(2)), placed.group(1));
      if (guess == null) {
        return "";
      }
      return guess.chosen().equals(chosen) ? guess.other() : guess.chosen();
    } catch (DateTimeException notAJavaZone) {
      return "";
    }
  }
}
