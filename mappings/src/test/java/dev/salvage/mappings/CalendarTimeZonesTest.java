package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.RENTWISE;
import static dev.salvage.mappings.TestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.connectors.RawRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bookings across the 2026 daylight-saving changes of Lisbon and Madrid (29 March, 25 October) and
 * in zones other than the business's, read from an iCalendar export and from Google Calendar pages
 * and mapped with the Rentwise calendar mapping: the UTC pickup and return instants are fixed
 * expectations worked out by hand.
 */
class CalendarTimeZonesTest {
  /** reference, pickup_at, return_at */
  private static final List<String> EXPECTED =
      List.of(
          // Lisbon: WET (+00) at pickup, WEST (+01) at return
          "RW-LIS001 2026-03-28T10:00:00Z 2026-03-30T09:00:00Z",
          // Lisbon: WEST at pickup, WET at return
          "RW-LIS002 2026-10-24T09:00:00Z 2026-10-26T10:00:00Z",
          // written in New York time (EDT, -04) on the Lisbon calendar
          "RW-NYC003 2026-03-20T13:00:00Z 2026-03-22T21:00:00Z",
          // floating time, read in the calendar's zone: 12:00 WEST on the day clocks go forward
          "RW-LIS004 2026-03-29T11:00:00Z 2026-03-29T17:00:00Z",
          // a weekly booking keeps 09:00 on the wall clock across the change
          "RW-LIS005 2026-03-22T09:00:00Z 2026-03-22T10:00:00Z",
          "RW-LIS005 2026-03-29T08:00:00Z 2026-03-29T09:00:00Z",
          // Madrid, in an Outlook-named zone defined only by the file's VTIMEZONE: CEST then CET
          "RW-MAD006 2026-10-24T08:00:00Z 2026-10-26T09:00:00Z",
          // Madrid: CET at pickup, CEST at return
          "RW-MAD007 2026-03-28T09:00:00Z 2026-03-30T08:00:00Z");

  private static final String LISBON_ICS =
      """
      BEGIN:VCALENDAR
      VERSION:2.0
      PRODID:-//Google Inc//Google Calendar 70.9054//EN
      X-WR-CALNAME:Rentwise Lisboa
      X-WR-TIMEZONE:Europe/Lisbon
      BEGIN:VEVENT
      UID:lis001@google.com
      DTSTAMP:20260301T090000Z
      DTSTART;TZID=Europe/Lisbon:20260328T100000
      DTEND;TZID=Europe/Lisbon:20260330T100000
      SUMMARY:RW-LIS001 · Ana Silva · AA-00-BB
      END:VEVENT
      BEGIN:VEVENT
      UID:lis002@google.com
      DTSTAMP:20260301T090000Z
      DTSTART;TZID=Europe/Lisbon:20261024T100000
      DTEND;TZID=Europe/Lisbon:20261026T100000
      SUMMARY:RW-LIS002 · Rui Costa · AA-00-BB
      END:VEVENT
      BEGIN:VEVENT
      UID:nyc003@google.com
      DTSTAMP:20260301T090000Z
      DTSTART;TZID=America/New_York:20260320T090000
      DTEND;TZID=America/New_York:20260322T170000
      SUMMARY:RW-NYC003 · John Smith · BB-11-
       CC
      END:VEVENT
      BEGIN:VEVENT
      UID:lis004@google.com
      DTSTAMP:20260301T090000Z
      DTSTART:20260329T120000
      DTEND:20260329T180000
      SUMMARY:RW-LIS004 · Maria Santos · AA-00-BB
      END:VEVENT
      BEGIN:VEVENT
      UID:lis005@google.com
      DTSTAMP:20260301T090000Z
      DTSTART;TZID=Europe/Lisbon:20260322T090000
      DTEND;TZID=Europe/Lisbon:20260322T100000
      RRULE:FREQ=WEEKLY;COUNT=2
      SUMMARY:RW-LIS005 · Weekly Client · AA-00-BB
      END:VEVENT
      END:VCALENDAR
      """;

  private static final String MADRID_ICS =
      """
      BEGIN:VCALENDAR
      VERSION:2.0
      PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
      X-WR-CALNAME:Rentwise Madrid
      X-WR-TIMEZONE:Europe/Madrid
      BEGIN:VTIMEZONE
      TZID:W. Europe Standard Time
      BEGIN:STANDARD
      DTSTART:16011028T030000
      RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
      TZOFFSETFROM:+0200
      TZOFFSETTO:+0100
      END:STANDARD
      BEGIN:DAYLIGHT
      DTSTART:16010325T020000
      RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
      TZOFFSETFROM:+0100
      TZOFFSETTO:+0200
      END:DAYLIGHT
      END:VTIMEZONE
      BEGIN:VEVENT
      UID:mad006@google.com
      DTSTAMP:20260301T090000Z
      DTSTART;TZID="W. Europe Standard Time":20261024T100000
      DTEND;TZID="W. Europe Standard Time":20261026T100000
      SUMMARY:RW-MAD006 · Lucía Pérez · 1234 ABC
      END:VEVENT
      BEGIN:VEVENT
      UID:mad007@google.com
      DTSTAMP:20260301T090000Z
      DTSTART;TZID=Europe/Madrid:20260328T100000
      DTEND;TZID=Europe/Madrid:20260330T100000
      SUMMARY:RW-MAD007 · Pablo Gil · 1234 ABC
      END:VEVENT
      END:VCALENDAR
      """;

  /** The same bookings as the Calendar API lists them: every time with its offset. */
  private static final String LISBON_PAGE =
      """
      {"kind": "calendar#events", "summary": "Rentwise Lisboa", "timeZone": "Europe/Lisbon",
       "items": [
        {"id": "lis001", "status": "confirmed", "summary": "RW-LIS001 · Ana Silva · AA-00-BB",
         "iCalUID": "lis001@google.com", "updated": "2026-03-01T09:00:00.000Z",
         "start": {"dateTime": "2026-03-28T10:00:00Z", "timeZone": "Europe/Lisbon"},
         "end": {"dateTime": "2026-03-30T10:00:00+01:00", "timeZone": "Europe/Lisbon"}},
        {"id": "lis002", "status": "confirmed", "summary": "RW-LIS002 · Rui Costa · AA-00-BB",
         "iCalUID": "lis002@google.com", "updated": "2026-03-01T09:00:00.000Z",
         "start": {"dateTime": "2026-10-24T10:00:00+01:00", "timeZone": "Europe/Lisbon"},
         "end": {"dateTime": "2026-10-26T10:00:00Z", "timeZone": "Europe/Lisbon"}},
        {"id": "nyc003", "status": "confirmed", "summary": "RW-NYC003 · John Smith · BB-11-CC",
         "iCalUID": "nyc003@google.com", "updated": "2026-03-01T09:00:00.000Z",
         "start": {"dateTime": "2026-03-20T09:00:00-04:00", "timeZone": "America/New_York"},
         "end": {"dateTime": "2026-03-22T17:00:00-04:00", "timeZone": "America/New_York"}},
        {"id": "lis004", "status": "confirmed", "summary": "RW-LIS004 · Maria Santos · AA-00-BB",
         "iCalUID": "lis004@google.com", "updated": "2026-03-01T09:00:00.000Z",
         "start": {"dateTime": "2026-03-29T12:00:00+01:00"},
         "end": {"dateTime": "2026-03-29T18:00:00+01:00"}},
        {"id": "lis005_20260322T090000Z", "status": "confirmed", "recurringEventId": "lis005",
         "summary": "RW-LIS005 · Weekly Client · AA-00-BB", "iCalUID": "lis005@google.com",
         "updated": "2026-03-01T09:00:00.000Z",
         "start": {"dateTime": "2026-03-22T09:00:00Z", "timeZone": "Europe/Lisbon"},
         "end": {"dateTime": "2026-03-22T10:00:00Z", "timeZone": "Europe/Lisbon"}},
        {"id": "lis005_20260329T080000Z", "status": "confirmed", "recurringEventId": "lis005",
         "summary": "RW-LIS005 · Weekly Client · AA-00-BB", "iCalUID": "lis005@google.com",
         "updated": "2026-03-01T09:00:00.000Z",
         "start": {"dateTime": "2026-03-29T09:00:00+01:00", "timeZone": "Europe/Lisbon"},
         "end": {"dateTime": "2026-03-29T10:00:00+01:00", "timeZone": "Europe/Lisbon"}}
       ]}
      """;

  private static final String MADRID_PAGE =
      """
      {"kind": "calendar#events", "summary": "Rentwise Madrid", "timeZone": "Europe/Madrid",
       "items": [
        {"id": "mad006", "status": "confirmed", "summary": "RW-MAD006 · Lucía Pérez · 1234 ABC",
         "iCalUID": "mad006@google.com", "updated": "2026-03-01T09:00:00.000Z",
         "start": {"dateTime": "2026-10-24T10:00:00+02:00", "timeZone": "Europe/Madrid"},
         "end": {"dateTime": "2026-10-26T10:00:00+01:00", "timeZone": "Europe/Madrid"}},
        {"id": "mad007", "status": "confirmed", "summary": "RW-MAD007 · Pablo Gil · 1234 ABC",
         "iCalUID": "mad007@google.com", "updated": "2026-03-01T09:00:00.000Z",
         "start": {"dateTime": "2026-03-28T10:00:00+01:00", "timeZone": "Europe/Madrid"},
         "end": {"dateTime": "2026-03-30T10:00:00+02:00", "timeZone": "Europe/Madrid"}}
       ]}
      """;

  @TempDir Path dir;

  @Test
  void icsExportGivesTheUtcTimesOfEveryBooking() throws Exception {
    Path ics = Files.createDirectories(dir.resolve("ics"));
    Files.writeString(ics.resolve("lisbon.ics"), LISBON_ICS.replace("\n", "\r\n"));
    Files.writeString(ics.resolve("madrid.ics"), MADRID_ICS.replace("\n", "\r\n"));

    assertThat(bookings("ics", ics)).containsExactlyInAnyOrderElementsOf(EXPECTED);
  }

  @Test
  void calendarApiPagesGiveTheSameUtcTimes() throws Exception {
    Path pages = dir.resolve("calendar");
    Files.createDirectories(pages.resolve("lisbon"));
    Files.createDirectories(pages.resolve("madrid"));
    Files.writeString(pages.resolve("lisbon").resolve("events-0001.json"), LISBON_PAGE);
    Files.writeString(pages.resolve("madrid").resolve("events-0001.json"), MADRID_PAGE);

    assertThat(bookings("calendar-json", pages)).containsExactlyInAnyOrderElementsOf(EXPECTED);
  }

  /** "reference pickup_at return_at" of every reservation the Rentwise mapping observes. */
  private static List<String> bookings(String type, Path input) throws Exception {
    EntityModel model =
        EntityModel.parse(resource("rentwise/entities.yaml"), "rentwise/entities.yaml");
    SourceMapping mapping =
        SourceMapping.parse(
            resource("rentwise/calendar.yaml"), "rentwise/calendar.yaml", model, RENTWISE);
    List<RawRecord> records = TestSupport.readWithoutQuarantine(type, input);
    List<String> bookings = new ArrayList<>();
    for (RawRecord record : records) {
      for (Observation observation : mapping.apply(record).observations()) {
        if (observation.entityType().equals("reservation")) {
          bookings.add(
              observation.fields().get("reference")
                  + " "
                  + observation.fields().get("pickup_at")
                  + " "
                  + observation.fields().get("return_at"));
        }
      }
    }
    return bookings;
  }
}
