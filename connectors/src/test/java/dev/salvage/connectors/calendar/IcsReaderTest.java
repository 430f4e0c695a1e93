package dev.salvage.connectors.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcsReaderTest {
  private static final String REF = "calendar:lisbon/";
  private static Path file;
  private static CollectingSink sink;

  @TempDir Path dir;

  @BeforeAll
  static void readCalendar() throws Exception {
    file = Path.of(IcsReaderTest.class.getClassLoader().getResource("ics/lisbon.ics").toURI());
    sink = CollectingSink.read(new IcsReader(), file);
  }

  @Test
  void readsEveryEventAndQuarantinesTheBrokenOne() {
    assertThat(sink.records).hasSize(14);
    assertThat(sink.records).allSatisfy(r -> assertThat(r.kind()).isEqualTo("calendar.event"));
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(file + ":109");
              assertThat(q.reason())
                  .startsWith("Cannot read calendar event broken@rentwise.example")
                  .contains("2026-13-45");
              assertThat(q.excerpt()).contains("SUMMARY:Broken start");
            });
  }

  @Test
  void eventHasTheGoogleShape() {
    JsonNode event = sink.json(REF + "rwabc123rentwiseexample");
    assertThat(event.get("kind").asText()).isEqualTo("calendar#event");
    assertThat(event.get("iCalUID").asText()).isEqualTo("RW-ABC123@rentwise.example");
    assertThat(event.get("status").asText()).isEqualTo("confirmed");
    assertThat(event.get("summary").asText()).isEqualTo("RW-ABC123 Ana Silva");
    assertThat(event.get("description").asText())
        .isEqualTo("Reference: RW-ABC123\nCustomer: Ana Silva\nTotal: 123.45 EUR; paid");
    assertThat(event.get("location").asText()).isEqualTo("Rua Augusta 1, Lisboa");
    assertThat(event.get("start").get("dateTime").asText()).isEqualTo("2026-06-14T09:00:00+01:00");
    assertThat(event.get("start").get("timeZone").asText()).isEqualTo("Europe/Lisbon");
    assertThat(event.get("end").get("dateTime").asText()).isEqualTo("2026-06-16T09:00:00+01:00");
    assertThat(event.get("created").asText()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(event.get("updated").asText()).isEqualTo("2026-03-02T12:00:00Z");
    assertThat(event.get("sequence").asInt()).isEqualTo(2);
    assertThat(event.get("attendees").get(0).get("email").asText()).isEqualTo("ana@example.com");
    assertThat(event.get("attendees").get(0).get("displayName").asText()).isEqualTo("Silva, Ana");
    assertThat(event.get("attendees").get(0).get("responseStatus").asText()).isEqualTo("accepted");
    assertThat(event.get("organizer").get("email").asText()).isEqualTo("lisbon@rentwise.example");
    assertThat(event.get("_calendar").get("id").asText()).isEqualTo("lisbon");
    assertThat(event.get("_calendar").get("summary").asText())
        .isEqualTo("Lisbon pickups, main desk");
    assertThat(event.get("_calendar").get("timeZone").asText()).isEqualTo("Europe/Lisbon");
    assertThat(sink.record(REF + "rwabc123rentwiseexample").location()).isEqualTo(file + ":35");
  }

  @Test
  void zoneDefinedOnlyInTheFileIsUsed() {
    JsonNode start = sink.json(REF + "customzonerentwiseexample").get("start");
    assertThat(start.get("dateTime").asText()).isEqualTo("2026-03-20T10:00:00-01:00");
    assertThat(start.get("timeZone").asText()).isEqualTo("Custom Atlantic Time");
  }

  @Test
  void floatingTimeIsReadInTheCalendarZone() {
    JsonNode event = sink.json(REF + "floatingrentwiseexample");
    assertThat(event.get("start").get("dateTime").asText()).isEqualTo("2026-07-10T15:00:00+01:00");
    assertThat(event.get("status").asText()).isEqualTo("tentative");
  }

  @Test
  void utcTimeIsShownInTheCalendarZone() {
    JsonNode start = sink.json(REF + "utcrentwiseexample").get("start");
    assertThat(start.get("dateTime").asText()).isEqualTo("2026-01-05T10:00:00Z");
    assertThat(start.get("timeZone").asText()).isEqualTo("Europe/Lisbon");
  }

  @Test
  void allDayEventHasDates() {
    JsonNode event = sink.json(REF + "alldayrentwiseexample");
    assertThat(event.get("start").toString()).isEqualTo("{\"date\":\"2026-04-01\"}");
    assertThat(event.get("end").toString()).isEqualTo("{\"date\":\"2026-04-03\"}");
  }

  @Test
  void recurringEventIsExpandedWithExdateAndOverrideApplied() {
    String master = "maint1rentwiseexample";
    assertThat(sink.refs().stream().filter(r -> r.startsWith(REF + master)))
        .containsExactly(
            REF + master + "_20260302T080000Z",
            REF + master + "_20260309T080000Z",
            REF + master + "_20260323T080000Z",
            REF + master + "_20260330T070000Z",
            REF + master + "_20260406T070000Z");
    JsonNode afterDst = sink.json(REF + master + "_20260330T070000Z");
    assertThat(afterDst.get("start").get("dateTime").asText())
        .isEqualTo("2026-03-30T08:00:00+01:00");
    assertThat(afterDst.get("end").get("dateTime").asText()).isEqualTo("2026-03-30T09:00:00+01:00");
    assertThat(afterDst.get("recurringEventId").asText()).isEqualTo(master);
    assertThat(afterDst.get("originalStartTime").get("dateTime").asText())
        .isEqualTo("2026-03-30T08:00:00+01:00");
    assertThat(afterDst.get("summary").asText()).isEqualTo("Fleet maintenance");

    JsonNode moved = sink.json(REF + master + "_20260323T080000Z");
    assertThat(moved.get("summary").asText()).isEqualTo("Fleet maintenance (moved)");
    assertThat(moved.get("start").get("dateTime").asText()).isEqualTo("2026-03-23T10:00:00Z");
    assertThat(moved.get("originalStartTime").get("dateTime").asText())
        .isEqualTo("2026-03-23T08:00:00Z");
    assertThat(moved.get("recurringEventId").asText()).isEqualTo(master);
    assertThat(moved.get("sequence").asInt()).isEqualTo(1);
  }

  @Test
  void recurringAllDayEventKeepsItsLength() {
    JsonNode second = sink.json(REF + "holidayrentwiseexample_20260502");
    assertThat(second.get("start").get("date").asText()).isEqualTo("2026-05-02");
    assertThat(second.get("end").get("date").asText()).isEqualTo("2026-05-03");
    assertThat(second.get("originalStartTime").get("date").asText()).isEqualTo("2026-05-02");
    assertThat(sink.byRef(REF + "holidayrentwiseexample_20260504")).isEmpty();
  }

  @Test
  void overrideWithoutItsSeriesIsKept() {
    JsonNode event = sink.json(REF + "orphanrentwiseexample_20260801T080000Z");
    assertThat(event.get("recurringEventId").asText()).isEqualTo("orphanrentwiseexample");
    assertThat(event.get("start").get("dateTime").asText()).isEqualTo("2026-08-01T10:00:00+01:00");
  }

  @Test
  void endlessRuleIsExpandedOverFourHundredDays() throws IOException {
    Path ics =
        write(
            "daily.ics",
            calendar(
                """
        BEGIN:VEVENT
        DTSTART:20260101T090000Z
        RRULE:FREQ=DAILY
        DTSTAMP:20260101T000000Z
        UID:daily
        END:VEVENT
        """));

    CollectingSink daily = CollectingSink.read(new IcsReader(), ics);

    assertThat(daily.records).hasSize(401);
    assertThat(daily.records.get(400).ref()).isEqualTo("calendar:daily/daily_20270205T090000Z");
    assertThat(daily.json(daily.records.get(0)).get("_calendar").get("timeZone").isNull()).isTrue();
  }

  @Test
  void unclosedEventIsQuarantinedAndTheNextOneRead() throws IOException {
    Path ics =
        write(
            "cut.ics",
            calendar(
                    """
        BEGIN:VEVENT
        DTSTART:20260101T090000Z
        UID:first
        BEGIN:VEVENT
        DTSTART:20260102T090000Z
        DTSTAMP:20260101T000000Z
        UID:second
        END:VEVENT
        BEGIN:VEVENT
        DTSTART:20260103T090000Z
        UID:cut-off
        """)
                .replace("END:VCALENDAR\n", ""));

    CollectingSink cut = CollectingSink.read(new IcsReader(), ics);

    assertThat(cut.refs()).containsExactly("calendar:cut/second");
    assertThat(cut.quarantined)
        .extracting(q -> q.location())
        .containsExactly(ics + ":4", ics + ":12");
    assertThat(cut.quarantined.get(1).reason()).contains("not closed before the end of the file");
  }

  @Test
  void fileWithoutCalendarIsQuarantinedWhole() throws IOException {
    Path ics = write("notes.ics", "just some notes\n");

    CollectingSink notes = CollectingSink.read(new IcsReader(), ics);

    assertThat(notes.records).isEmpty();
    assertThat(notes.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("no BEGIN:VCALENDAR"));
  }

  @Test
  void eventRejectedByStrictParsingIsReadRelaxed() throws IOException {
    Path ics =
        write(
            "relaxed.ics",
            calendar(
                """
        BEGIN:VEVENT
        DTSTART:20260101T090000Z
        DTSTAMP:20260101T000000Z
        UID:relaxed
        GEO:somewhere
        SEQUENCE:abc
        SUMMARY:Still readable
        END:VEVENT
        """));

    CollectingSink relaxed = CollectingSink.read(new IcsReader(), ics);

    assertThat(relaxed.quarantined).isEmpty();
    assertThat(relaxed.json("calendar:relaxed/relaxed").get("summary").asText())
        .isEqualTo("Still readable");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static String calendar(String events) {
    return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:test\n" + events + "END:VCALENDAR\n";
  }
}
