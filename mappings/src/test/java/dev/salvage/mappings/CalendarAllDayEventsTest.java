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
 * An all-day event on a Madrid calendar, in a business whose zone is Lisbon's, from an iCalendar
 * export and from an API page: a rule gets its date as written, and its local midnight only in the
 * zone it names.
 */
class CalendarAllDayEventsTest {
  private static final String RULE =
      """
      rules:
        - name: day
          kind: calendar.event
          observed_at: {const: 2026-03-01T09:00:00Z}
          emit:
            - entity: probe
              fields:
                id: {path: id}
                date: {path: start.date, type: date}
                datetime: {path: start.date, type: datetime, zone: {path: _calendar.timeZone}}
      """;

  private static final String ICS =
      """
      BEGIN:VCALENDAR
      VERSION:2.0
      PRODID:-//Google Inc//Google Calendar 70.9054//EN
      X-WR-TIMEZONE:Europe/Madrid
      BEGIN:VEVENT
      UID:closed@google.com
      DTSTAMP:20260301T090000Z
      DTSTART;VALUE=DATE:20260403
      DTEND;VALUE=DATE:20260404
      SUMMARY:Branch closed
      END:VEVENT
      END:VCALENDAR
      """;

  private static final String PAGE =
      """
      {"kind": "calendar#events", "summary": "Madrid", "timeZone": "Europe/Madrid", "items": [
        {"id": "closed", "status": "confirmed", "summary": "Branch closed",
         "start": {"date": "2026-04-03"}, "end": {"date": "2026-04-04"},
         "iCalUID": "closed@google.com"}]}
      """;

  @TempDir Path dir;

  @Test
  void readsAnAllDayEventAsADateNotMovedByAnyZone() throws Exception {
    Path ics = Files.createDirectories(dir.resolve("ics"));
    Files.writeString(ics.resolve("madrid.ics"), ICS.replace("\n", "\r\n"));
    Path pages = Files.createDirectories(dir.resolve("calendar").resolve("madrid"));
    Files.writeString(pages.resolve("events-0001.json"), PAGE);

    assertThat(days("ics", ics)).containsExactly("2026-04-03 2026-04-02T22:00:00Z");
    assertThat(days("calendar-json", dir.resolve("calendar")))
        .containsExactly("2026-04-03 2026-04-02T22:00:00Z");
  }

  private static List<String> days(String type, Path input) throws Exception {
    SourceMapping rules = mapping(RULE);
    List<RawRecord> records = TestSupport.readWithoutQuarantine(type, input);
    List<String> days = new ArrayList<>();
    for (RawRecord record : records) {
      for (Observation observation : rules.apply(record).observations()) {
        days.add(observation.fields().get("date") + " " + observation.fields().get("datetime"));
      }
    }
    return days;
  }
}
