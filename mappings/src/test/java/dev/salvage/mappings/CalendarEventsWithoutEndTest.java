package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.mapping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.RawRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A booking calendar's timed event without an end, from an iCalendar export (no DTEND, no DURATION)
 * and from an API page ({@code endTimeUnspecified}): a rule reading {@code end.dateTime} gets no
 * value, and no error, so the field is left to the booking's other evidence.
 */
class CalendarEventsWithoutEndTest {
  private static final String RULE =
      """
      rules:
        - name: booking
          kind: calendar.event
          observed_at: {const: 2026-11-01T09:00:00Z}
          emit:
            - entity: probe
              fields:
                id: {path: iCalUID}
                datetime: {path: end.dateTime, type: datetime}
      """;

  private static final String ICS =
      """
      BEGIN:VCALENDAR
      VERSION:2.0
      PRODID:-//test//EN
      BEGIN:VEVENT
      UID:bk-1@shop.example
      DTSTAMP:20261101T000000Z
      DTSTART;TZID=Europe/Prague:20261113T110000
      SUMMARY:BK-1
      END:VEVENT
      END:VCALENDAR
      """;

  private static final String PAGE =
      """
      {"kind": "calendar#events", "summary": "Prague", "timeZone": "Europe/Prague", "items": [
        {"id": "bk1", "status": "confirmed", "summary": "BK-1", "iCalUID": "bk-1@shop.example",
         "start": {"dateTime": "2026-11-13T11:00:00+01:00"},
         "end": {"dateTime": "2026-11-13T11:00:00+01:00"}, "endTimeUnspecified": true}]}
      """;

  @TempDir Path dir;

  @Test
  void aRuleReadingEndDateTimeGetsNoValueNotTheStart() throws Exception {
    Path ics = Files.createDirectories(dir.resolve("ics"));
    Files.writeString(ics.resolve("prague.ics"), ICS.replace("\n", "\r\n"));
    Path pages = Files.createDirectories(dir.resolve("calendar").resolve("prague"));
    Files.writeString(pages.resolve("events-0001.json"), PAGE);

    assertThat(ends("ics", ics)).containsExactly("bk-1@shop.example end null");
    assertThat(ends("calendar-json", dir.resolve("calendar")))
        .containsExactly("bk-1@shop.example end null");
  }

  private static List<String> ends(String type, Path input) throws Exception {
    SourceMapping rules = mapping(RULE);
    List<String> ends = new ArrayList<>();
    for (RawRecord record : TestSupport.readWithoutQuarantine(type, input)) {
      for (Observation observation : rules.apply(record).observations()) {
        ends.add(observation.fields().get("id") + " end " + observation.fields().get("datetime"));
      }
    }
    return ends;
  }
}
