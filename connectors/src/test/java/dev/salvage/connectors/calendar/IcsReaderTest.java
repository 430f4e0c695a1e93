package dev.salvage.connectors.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
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
    JsonNode event = sink.json(REF + "rw-abc123@rentwise.example");
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
    assertThat(sink.record(REF + "rw-abc123@rentwise.example").location()).isEqualTo(file + ":35");
  }

  @Test
  void zoneDefinedOnlyInTheFileIsUsed() {
    JsonNode start = sink.json(REF + "custom-zone@rentwise.example").get("start");
    assertThat(start.get("dateTime").asText()).isEqualTo("2026-03-20T10:00:00-01:00");
    assertThat(start.get("timeZone").asText()).isEqualTo("Custom Atlantic Time");
  }

  @Test
  void floatingTimeIsReadInTheCalendarZone() {
    JsonNode event = sink.json(REF + "floating@rentwise.example");
    assertThat(event.get("start").get("dateTime").asText()).isEqualTo("2026-07-10T15:00:00+01:00");
    assertThat(event.get("status").asText()).isEqualTo("tentative");
  }

  @Test
  void utcTimeIsShownInTheCalendarZone() {
    JsonNode start = sink.json(REF + "utc@rentwise.example").get("start");
    assertThat(start.get("dateTime").asText()).isEqualTo("2026-01-05T10:00:00Z");
    assertThat(start.get("timeZone").asText()).isEqualTo("Europe/Lisbon");
  }

  @Test
  void allDayEventHasDates() {
    JsonNode event = sink.json(REF + "all-day@rentwise.example");
    assertThat(event.get("start").toString()).isEqualTo("{\"date\":\"2026-04-01\"}");
    assertThat(event.get("end").toString()).isEqualTo("{\"date\":\"2026-04-03\"}");
  }

  @Test
  void recurringEventIsExpandedWithExdateAndOverrideApplied() {
    String master = "maint-1@rentwise.example";
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
    JsonNode second = sink.json(REF + "holiday@rentwise.example_20260502");
    assertThat(second.get("start").get("date").asText()).isEqualTo("2026-05-02");
    assertThat(second.get("end").get("date").asText()).isEqualTo("2026-05-03");
    assertThat(second.get("originalStartTime").get("date").asText()).isEqualTo("2026-05-02");
    assertThat(sink.byRef(REF + "holiday@rentwise.example_20260504")).isEmpty();
  }

  @Test
  void overrideWithoutItsSeriesIsKept() {
    JsonNode event = sink.json(REF + "orphan@rentwise.example_20260801T080000Z");
    assertThat(event.get("recurringEventId").asText()).isEqualTo("orphan@rentwise.example");
    assertThat(event.get("start").get("dateTime").asText()).isEqualTo("2026-08-01T10:00:00+01:00");
  }

  @Test
  void endlessRuleIsExpandedToFourHundredDaysAfterTheCalendarsLatestStampWithANote()
      throws IOException {
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

    CollectingSink daily = new CollectingSink();
    new IcsReader().read(ics, "test", daily);

    // an event that repeats without end always goes on past any window: that is no loss, and the
    // file is read to its end; the records say where the reading stopped
    assertThat(daily.records).hasSize(401);
    assertThat(daily.records.get(400).ref()).isEqualTo("calendar:daily/daily_20270205T090000Z");
    assertThat(daily.json(daily.records.get(400)).get("_notes").toString())
        .contains(
            "a recurring event read to 400 days after the calendar's latest change"
                + " (2026-01-01T00:00:00Z): its occurrences after 2027-02-05 are not read");
    assertThat(daily.json(daily.records.get(0)).get("_calendar").get("timeZone").isNull()).isTrue();
  }

  @Test
  void aWeeklySeriesBegunLongBeforeTheExportGivesItsOccurrencesAroundTheExport()
      throws IOException {
    // a studio's Takeout: the class began in 2023 and repeats without end; exported in May 2026
    Path ics =
        write(
            "kurse.ics",
            calendar(
                """
        BEGIN:VEVENT
        DTSTART:20230103T170000Z
        RRULE:FREQ=WEEKLY
        DTSTAMP:20260520T080000Z
        UID:vinyasa
        SUMMARY:Vinyasa Flow
        END:VEVENT
        """));

    CollectingSink sink = new CollectingSink();
    new IcsReader().read(ics, "test", sink);

    List<String> refs = sink.records.stream().map(r -> r.ref()).toList();
    assertThat(refs)
        .startsWith("calendar:kurse/vinyasa_20230103T170000Z")
        .contains(
            "calendar:kurse/vinyasa_20260317T170000Z", "calendar:kurse/vinyasa_20270622T170000Z")
        .doesNotContain("calendar:kurse/vinyasa_20240305T170000Z")
        .doesNotContain("calendar:kurse/vinyasa_20270629T170000Z");
    // 800 days before the export is 2024-03-11: the first occurrence, then weekly from there
    assertThat(refs.get(1)).isEqualTo("calendar:kurse/vinyasa_20240312T170000Z");
    assertThat(sink.json(sink.records.get(1)).get("_notes").toString())
        .contains("its occurrences before 2024-03-11 are not read");
  }

  @Test
  void aSeriesInACalendarWithoutAnyStampIsStillSaidNotReadPastItsWindow() throws IOException {
    Path ics =
        write(
            "bare.ics",
            calendar(
                """
        BEGIN:VEVENT
        DTSTART:20260101T090000Z
        RRULE:FREQ=DAILY
        UID:daily
        END:VEVENT
        """));
    CollectingSink daily = new CollectingSink();

    // nothing tells when the file was made: the 400 days from the first occurrence may miss the
    // ones that matter, and the run's exit code shows it, as for a cut file
    assertThatThrownBy(() -> new IcsReader().read(ics, "test", daily))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read iCalendar file "
                + ics
                + " to its end: Cannot read calendar event daily: it repeats past the 400 days read"
                + " from its first occurrence (20260101T090000Z); its occurrences after 2027-02-05"
                + " are not read (line 4); the other events and these series' earlier occurrences"
                + " were read");
    assertThat(daily.records).hasSize(401);
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

    CollectingSink cut = new CollectingSink();

    // the file has no END:VCALENDAR either: it was cut, so it is not read to its end
    assertThatThrownBy(() -> new IcsReader().read(ics, "test", cut))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read iCalendar file "
                + ics
                + " to its end: BEGIN:VCALENDAR at line 1 is not closed before the end of the file"
                + " at line 14 (the file is truncated, or lost its END:VCALENDAR); it ends inside"
                + " the VEVENT begun at line 12, which is quarantined as not closed: the 1 complete"
                + " VEVENT(s) before that were read, any that followed are missing");
    assertThat(cut.refs()).containsExactly("calendar:cut/second");
    assertThat(cut.quarantined)
        .extracting(q -> q.location())
        .containsExactly(ics + ":4", ics + ":12");
    assertThat(cut.quarantined.get(1).reason()).contains("not closed before the end of the file");
  }

  @Test
  void aCalendarCutBetweenTwoEventsIsNotReadToItsEndSayingItEndsAfterACompleteEvent()
      throws IOException {
    String whole = TWO_EVENTS;
    Path ics = write("cut.ics", whole.substring(0, whole.indexOf("BEGIN:VEVENT\nUID:two")));
    CollectingSink read = new CollectingSink();

    // before: the first event was read, nothing was quarantined and nothing said the second
    // event and the calendar's end were missing; then it was said, but not that the file ends
    // right after a complete event nor how many were read, for the operator to judge
    assertThatThrownBy(() -> new IcsReader().read(ics, "test", read))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot read iCalendar file "
                + ics
                + " to its end: BEGIN:VCALENDAR at line 1 is not closed before the end of the file"
                + " at line 11 (the file is truncated, or lost its END:VCALENDAR); it ends right"
                + " after a complete VEVENT (END:VEVENT at line 11): the 1 complete VEVENT(s)"
                + " before that were read, any that followed are missing");
    assertThat(read.refs()).containsExactly("calendar:cut/one");
    assertThat(read.quarantined).isEmpty();
  }

  @Test
  void anOverlongValueIsCutWithANoteAndItsEventRead() throws IOException {
    String huge = folded("DESCRIPTION:", "x".repeat(9_000_000), 60);
    String euros = folded("LOCATION:", "\u20ac".repeat(2_000_000), 20);
    Path ics =
        write(
            "madrid.ics",
            calendar(
                "BEGIN:VEVENT\nUID:long@google.com\nDTSTAMP:20260101T000000Z\n"
                    + "DTSTART:20260602T173000Z\nDTEND:20260605T163000Z\n"
                    + huge
                    + euros
                    + "SUMMARY:RW-9 Ana\nEND:VEVENT\n"));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    // before: the whole event was quarantined as larger than 8388608 characters, with an excerpt
    // of only its BEGIN line, and the booking lost its calendar evidence
    assertThat(read.quarantined).isEmpty();
    JsonNode event = read.json("calendar:madrid/long");
    assertThat(event.get("summary").asText()).isEqualTo("RW-9 Ana");
    assertThat(event.get("description").asText())
        .hasSize(1_000_000 - "DESCRIPTION:".length())
        .containsOnlyOnce("x".repeat(999_988));
    // a character cut in two where the bytes held end is dropped, not read as a bad byte
    assertThat(event.get("location").asText()).isEqualTo("\u20ac".repeat(999_991));
    assertThat(readNotes(event))
        .containsExactly(
            "field DESCRIPTION at line 9 is 9000012 bytes long: cut to its first 1000000"
                + " characters (name and parameters included) and the event read; the rest of it"
                + " is not read",
            "field LOCATION at line 150009 is 6000009 bytes long: cut to its first 1000000"
                + " characters (name and parameters included) and the event read; the rest of it"
                + " is not read");
  }

  @Test
  void anEventTooLargeEvenWithItsValuesCutIsQuarantinedNamingItsUidAndSummary() throws IOException {
    StringBuilder blobs = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      blobs.append(folded("X-BLOB-" + i + ":", "y".repeat(1_000_000), 60));
    }
    Path ics =
        write(
            "madrid.ics",
            calendar(
                "BEGIN:VEVENT\nDTSTAMP:20260101T000000Z\nDTSTART:20260602T173000Z\n"
                    + blobs
                    + "UID:blobs@google.com\nSUMMARY:RW-9 Ana\nEND:VEVENT\n"
                    + "BEGIN:VEVENT\nUID:next\nDTSTAMP:20260101T000000Z\n"
                    + "DTSTART:20260603T173000Z\nEND:VEVENT\n"));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.refs()).containsExactly("calendar:madrid/next");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(ics + ":4");
              assertThat(q.reason())
                  .isEqualTo(
                      "Cannot read iCalendar file "
                          + ics
                          + ": VEVENT at line 4 (UID:blobs@google.com, SUMMARY:RW-9 Ana) is larger"
                          + " than 8388608 characters even with each property value cut to its"
                          + " first 1000000: it is not read");
              assertThat(q.excerpt())
                  .isEqualTo("BEGIN:VEVENT\nUID:blobs@google.com\nSUMMARY:RW-9 Ana");
            });
  }

  /** A content line {@code name + value} folded after every {@code width} characters. */
  private static String folded(String name, String value, int width) {
    StringBuilder line = new StringBuilder(name);
    for (int i = 0; i < value.length(); i += width) {
      line.append(i == 0 ? "" : "\n ").append(value, i, Math.min(value.length(), i + width));
    }
    return line.append('\n').toString();
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

  @Test
  void foldInsideAUtf8CharacterByteOrderMarkAndLatin1LinesAreRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    byte[] summary = "SUMMARY:RW-MAD001 · Lucía Pérez".getBytes(StandardCharsets.UTF_8);
    int cut = "SUMMARY:RW-MAD001 · Luc".getBytes(StandardCharsets.UTF_8).length + 1;
    bytes.write(
        calendar("BEGIN:VEVENT\r\nUID:folded\r\nDTSTART:20260101T090000Z\r\n")
            .replace("END:VCALENDAR\n", "")
            .getBytes(StandardCharsets.UTF_8));
    // a writer folding at a byte count, between the two bytes of "í"
    bytes.write(summary, 0, cut);
    bytes.write("\r\n ".getBytes(StandardCharsets.US_ASCII));
    bytes.write(summary, cut, summary.length - cut);
    bytes.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    bytes.write("LOCATION:Estação de Atocha\r\n".getBytes(StandardCharsets.ISO_8859_1));
    bytes.write("END:VEVENT\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.US_ASCII));
    Path ics = Files.write(dir.resolve("madrid.ics"), bytes.toByteArray());

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    JsonNode event = read.json("calendar:madrid/folded");
    assertThat(event.get("summary").asText()).isEqualTo("RW-MAD001 · Lucía Pérez");
    assertThat(event.get("location").asText()).isEqualTo("Estação de Atocha");
  }

  private static final String TWO_EVENTS =
      "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nX-WR-CALNAME:faro\n"
          + "BEGIN:VEVENT\nUID:one\nDTSTAMP:20260101T000000Z\nDTSTART:20260301T100000Z\n"
          + "DTEND:20260301T110000Z\nSUMMARY:RW-1 \u00b7 Jo\u00e3o\nEND:VEVENT\n"
          + "BEGIN:VEVENT\nUID:two\nDTSTAMP:20260101T000000Z\nDTSTART:20260302T100000Z\n"
          + "DTEND:20260302T110000Z\nSUMMARY:RW-2 \u2013 \u20ac 40\nEND:VEVENT\n"
          + "END:VCALENDAR\n";

  @Test
  void aCalendarWithClassicMacLineEndsIsReadEventByEvent() throws IOException {
    Path ics = Files.writeString(dir.resolve("mac.ics"), TWO_EVENTS.replace("\n", "\r"));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.records).hasSize(2);
    assertThat(read.json("calendar:mac/two").get("summary").asText())
        .isEqualTo("RW-2 \u2013 \u20ac 40");
  }

  @Test
  void aCalendarSavedAsUtf16WithAByteOrderMarkIsRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
    bytes.write(TWO_EVENTS.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_16LE));
    Path ics = Files.write(dir.resolve("windows.ics"), bytes.toByteArray());

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.json("calendar:windows/one").get("summary").asText())
        .isEqualTo("RW-1 \u00b7 Jo\u00e3o");
  }

  @Test
  void aLineInWindows1252GivesItsEuroSignNotAControlCharacter() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(
        TWO_EVENTS
            .replace("SUMMARY:RW-2 \u2013 \u20ac 40\n", "")
            .replace("END:VCALENDAR\n", "")
            .getBytes(StandardCharsets.UTF_8));
    bytes.write(
        ("BEGIN:VEVENT\nUID:three\nDTSTAMP:20260101T000000Z\nDTSTART:20260303T100000Z\n"
                + "DTEND:20260303T110000Z\nSUMMARY:Dep\u00f3sito \u20ac 40\nEND:VEVENT\nEND:VCALENDAR\n")
            .getBytes(java.nio.charset.Charset.forName("windows-1252")));
    Path ics = Files.write(dir.resolve("cp1252.ics"), bytes.toByteArray());

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.json("calendar:cp1252/three").get("summary").asText())
        .isEqualTo("Dep\u00f3sito \u20ac 40");
  }

  @Test
  void brokenTimeZoneQuarantinesOnlyTheEventsWrittenInIt() throws IOException {
    // NUL bytes in an observance's DTSTART: ical4j used to throw a NullPointerException that
    // ended the reading of the whole file
    Path ics =
        write(
            "office.ics",
            calendar(
                """
        BEGIN:VEVENT
        UID:before
        DTSTAMP:20260101T000000Z
        DTSTART:20260301T100000Z
        END:VEVENT
        BEGIN:VTIMEZONE
        TZID:Office Time
        BEGIN:STANDARD
        DTSTART:1970\u0000\u00001025T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:in-office-time
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Office Time:20260302T100000
        END:VEVENT
        BEGIN:VEVENT
        UID:after
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Europe/Lisbon:20260303T100000
        END:VEVENT
        """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.refs()).containsExactly("calendar:office/before", "calendar:office/after");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(ics + ":20");
              assertThat(q.reason())
                  .startsWith("Cannot read calendar event in-office-time")
                  .contains("time zone 'Office Time'", "VTIMEZONE at line 9")
                  .contains("DTSTART at line 12 is not valid: '1970\\u0000\\u00001025T030000'");
            });
  }

  @Test
  void timeZoneMissingAPartFailsItsEventsNotTheFile() throws IOException {
    Path ics =
        write(
            "nodaylightstart.ics",
            calendar(
                """
        BEGIN:VTIMEZONE
        TZID:US-Eastern
        BEGIN:STANDARD
        DTSTART:19671029T020000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        END:STANDARD
        BEGIN:DAYLIGHT
        DTxTART:19870405T020000
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        END:DAYLIGHT
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:eastern
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=US-Eastern:20260302T100000
        END:VEVENT
        BEGIN:VEVENT
        UID:utc
        DTSTAMP:20260101T000000Z
        DTSTART:20260302T100000Z
        END:VEVENT
        """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.refs()).containsExactly("calendar:nodaylightstart/utc");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("DAYLIGHT part has no readable DTSTART"));
  }

  @Test
  void floatingTimesOfACalendarWhoseOwnZoneIsBrokenAreQuarantinedNotMoved() throws IOException {
    Path ics =
        write(
            "floating.ics",
            """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:test
            X-WR-TIMEZONE:Desk Time
            BEGIN:VTIMEZONE
            TZID:Desk Time
            BEGIN:STANDARD
            DTSTART:19701025T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+01OO
            END:STANDARD
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:floating
            DTSTAMP:20260101T000000Z
            DTSTART:20260302T100000
            END:VEVENT
            BEGIN:VEVENT
            UID:utc
            DTSTAMP:20260101T000000Z
            DTSTART:20260302T100000Z
            END:VEVENT
            END:VCALENDAR
            """);

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.refs()).containsExactly("calendar:floating/utc");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .contains("floating time cannot be placed", "X-WR-TIMEZONE", "TZOFFSETTO"));
  }

  @Test
  void everyEventInAZoneThatNamesNothingSaysSoTheFirstOneToo() throws IOException {
    String event =
        """
        BEGIN:VEVENT
        UID:%s
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Harbour Office Time:20260302T100000
        RRULE:FREQ=DAILY;COUNT=%d
        END:VEVENT
        """;
    Path ics =
        write("harbour.ics", calendar(event.formatted("first", 2) + event.formatted("second", 1)));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.records).hasSize(3);
    assertThat(read.records)
        .allSatisfy(
            r -> {
              JsonNode json = CollectingSink.json(r);
              assertThat(json.get("start").get("dateTime").asText()).endsWith("Z");
              assertThat(json.get("_notes").toString())
                  .contains("TZID 'Harbour Office Time' names no known time zone");
            });
  }

  /** An Outlook export with no X-WR-TIMEZONE: a TZID naming nothing, a zone, a floating time. */
  private static final String CLINIC =
      """
      BEGIN:VCALENDAR
      VERSION:2.0
      PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
      BEGIN:VEVENT
      UID:ist
      DTSTAMP:20260301T000000Z
      DTSTART;TZID=IST:20260316T063000
      DTEND;TZID=IST:20260316T073000
      SUMMARY:Scaling
      END:VEVENT
      BEGIN:VEVENT
      UID:kolkata
      DTSTAMP:20260301T000000Z
      DTSTART;TZID=Asia/Calcutta:20260316T063000
      SUMMARY:Filling
      END:VEVENT
      BEGIN:VEVENT
      UID:floating
      DTSTAMP:20260301T000000Z
      DTSTART:20260316T063000
      SUMMARY:Check-up
      END:VEVENT
      END:VCALENDAR
      """;

  @Test
  void timesTheFileNamesNoZoneForAreReadInTheBusinessZoneAndSaySo() throws IOException {
    Path ics = write("clinic.ics", CLINIC);

    CollectingSink read = new CollectingSink();
    new IcsReader().read(ics, "test", read, ZoneId.of("Asia/Kolkata"));

    assertThat(read.quarantined).isEmpty();
    JsonNode ist = read.json("calendar:clinic/ist");
    assertThat(ist.at("/start/dateTime").asText()).isEqualTo("2026-03-16T06:30:00+05:30");
    assertThat(ist.at("/end/dateTime").asText()).isEqualTo("2026-03-16T07:30:00+05:30");
    assertThat(ist.get("_notes").get(0).asText())
        .isEqualTo(
            "TZID 'IST' names no known time zone and the file defines none: its times were read"
                + " in the business's time zone Asia/Kolkata (zone guessed: business.timezone, as"
                + " the calendar names none)");
    JsonNode floating = read.json("calendar:clinic/floating");
    assertThat(floating.at("/start/dateTime").asText()).isEqualTo("2026-03-16T06:30:00+05:30");
    assertThat(floating.get("_notes").get(0).asText())
        .contains("no X-WR-TIMEZONE", "business's time zone Asia/Kolkata", IcsReader.ZONE_GUESSED);
    JsonNode named = read.json("calendar:clinic/kolkata");
    assertThat(named.at("/start/dateTime").asText()).isEqualTo("2026-03-16T06:30:00+05:30");
    assertThat(readNotes(named)).isEmpty();
  }

  @Test
  void withoutABusinessZoneTheyAreReadInUtcAsBefore() throws IOException {
    Path ics = write("clinic.ics", CLINIC);

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.json("calendar:clinic/ist").at("/start/dateTime").asText())
        .isEqualTo("2026-03-16T06:30:00Z");
    assertThat(read.json("calendar:clinic/ist").get("_notes").get(0).asText())
        .contains("read in UTC (zone guessed: neither the calendar nor the run names one)");
    assertThat(read.json("calendar:clinic/floating").at("/start/dateTime").asText())
        .isEqualTo("2026-03-16T06:30:00Z");
  }

  @Test
  void floatingTimesOfACalendarWhoseZoneNamesNothingSayTheyWereReadInUtc() throws IOException {
    Path ics =
        write(
            "desk.ics",
            """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:test
            X-WR-TIMEZONE:Front Desk Time
            BEGIN:VEVENT
            UID:floating
            DTSTAMP:20260101T000000Z
            DTSTART:20260302T100000
            END:VEVENT
            BEGIN:VEVENT
            UID:utc
            DTSTAMP:20260101T000000Z
            DTSTART:20260302T100000Z
            END:VEVENT
            END:VCALENDAR
            """);

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode floating = read.json("calendar:desk/floating");
    assertThat(floating.get("start").get("dateTime").asText()).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(floating.get("_notes").get(0).asText())
        .isEqualTo(
            "the calendar's X-WR-TIMEZONE 'Front Desk Time' names no known time zone and the file"
                + " defines none: its floating times were read in UTC (zone guessed: neither the"
                + " calendar nor the run names one)");
    assertThat(readNotes(read.json("calendar:desk/utc"))).isEmpty();
  }

  @Test
  void aZoneWhoseNameHasAnEscapedCommaIsTheOneItsEventsName() throws IOException {
    Path ics =
        write(
            "penang.ics",
            calendar(
                """
                BEGIN:VTIMEZONE
                TZID:George Town\\, Penang
                BEGIN:STANDARD
                DTSTART:16010101T000000
                TZOFFSETFROM:+0800
                TZOFFSETTO:+0800
                END:STANDARD
                END:VTIMEZONE
                BEGIN:VEVENT
                UID:ferry
                DTSTAMP:20260101T000000Z
                DTSTART;TZID="George Town, Penang":20260302T100000
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode start = read.json("calendar:penang/ferry").get("start");
    assertThat(start.get("dateTime").asText()).isEqualTo("2026-03-02T10:00:00+08:00");
    assertThat(start.get("timeZone").asText()).isEqualTo("George Town, Penang");
    assertThat(readNotes(read.json("calendar:penang/ferry"))).isEmpty();
  }

  @Test
  void aPrefixedZoneNameOfThreePartsIsReadAsThatZone() throws IOException {
    Path ics =
        write(
            "cordoba.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:tango
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=/example.org/Tzfile/America/Argentina/Cordoba:20260302T100000
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode start = read.json("calendar:cordoba/tango").get("start");
    assertThat(start.get("dateTime").asText()).isEqualTo("2026-03-02T10:00:00-03:00");
    assertThat(start.get("timeZone").asText()).isEqualTo("America/Argentina/Cordoba");
  }

  @Test
  void exchangesUtcZoneNameIsReadAsUtcQuotedOrNot() throws IOException {
    // Exchange's published calendars write UTC as TZID=tzone://Microsoft/Utc, without a
    // VTIMEZONE and usually unquoted, so the first colon is inside the parameter
    Path ics =
        write(
            "kamer2.ics",
            "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:Microsoft Exchange Server 2010\n"
                + "X-WR-TIMEZONE:Europe/Amsterdam\n"
                + """
                BEGIN:VEVENT
                UID:intake
                DTSTAMP:20260401T080000Z
                DTSTART;TZID=tzone://Microsoft/Utc:20260316T090000
                DTEND;TZID=tzone://Microsoft/Utc:20260316T093000
                SUMMARY:FA-2001 · Eva de Boer
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260401T080000Z
                DTSTART;TZID="tzone://Microsoft/Utc":20260317T130000
                DTEND;TZID="tzone://Microsoft/Utc":20260317T133000
                RRULE:FREQ=WEEKLY;COUNT=3
                EXDATE;TZID=tzone://Microsoft/Utc:20260324T130000
                SUMMARY:FA-2002 · Tom Peeters
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260401T080000Z
                RECURRENCE-ID;TZID=tzone://Microsoft/Utc:20260331T130000
                DTSTART;TZID=tzone://Microsoft/Utc:20260401T080000
                DTEND;TZID=tzone://Microsoft/Utc:20260401T083000
                SUMMARY:FA-2002 · Tom Peeters
                END:VEVENT
                END:VCALENDAR
                """);

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    JsonNode intake = read.json("calendar:kamer2/intake");
    assertThat(intake.get("start").get("dateTime").asText()).isEqualTo("2026-03-16T09:00:00Z");
    assertThat(intake.get("end").get("dateTime").asText()).isEqualTo("2026-03-16T09:30:00Z");
    assertThat(intake.path("_notes").toString()).doesNotContain("names no known time zone");
    assertThat(
            read.records.stream()
                .filter(r -> r.ref().startsWith("calendar:kamer2/weekly"))
                .map(r -> CollectingSink.json(r).get("start").get("dateTime").asText()))
        .containsExactlyInAnyOrder("2026-03-17T13:00:00Z", "2026-04-01T08:00:00Z");
  }

  @Test
  void anUnquotedUriWithAPortIsReadWholeAndTheValueAfterIt() throws IOException {
    Path ics =
        write(
            "ported.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:ported
                DTSTAMP:20260401T080000Z
                DTSTART;VALUE=DATE:20260330
                SUMMARY;ALTREP=http://intranet.example:8080/b/17:Booking 17
                DESCRIPTION;ALTREP=http://intranet.example:8080:Bring: a towel
                LOCATION;ALTREP=http://intranet.example:8080;LANGUAGE=en:Room 2
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    JsonNode event = read.json("calendar:ported/ported");
    assertThat(event.get("summary").asText()).isEqualTo("Booking 17");
    assertThat(event.get("description").asText()).isEqualTo("Bring: a towel");
    assertThat(event.get("location").asText()).isEqualTo("Room 2");
  }

  @Test
  void exchangesCustomZoneIsReadByItsVtimezoneThoughItsUnquotedTzidHoldsAColon()
      throws IOException {
    Path ics =
        write(
            "custom.ics",
            calendar(
                """
                BEGIN:VTIMEZONE
                TZID:tzone://Microsoft/Custom
                BEGIN:STANDARD
                DTSTART:16010101T030000
                TZOFFSETFROM:+0200
                TZOFFSETTO:+0100
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
                END:STANDARD
                BEGIN:DAYLIGHT
                DTSTART:16010101T020000
                TZOFFSETFROM:+0100
                TZOFFSETTO:+0200
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
                END:DAYLIGHT
                END:VTIMEZONE
                BEGIN:VEVENT
                UID:intake
                DTSTAMP:20260401T080000Z
                DTSTART;TZID=tzone://Microsoft/Custom:20260330T090000
                DESCRIPTION;ALTREP=http://example.org/d.html:Bring: a towel
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    JsonNode intake = read.json("calendar:custom/intake");
    assertThat(intake.get("start").get("dateTime").asText()).isEqualTo("2026-03-30T09:00:00+02:00");
    assertThat(intake.get("description").asText()).isEqualTo("Bring: a towel");
  }

  @Test
  void anAlarmThatCannotBeReadDoesNotLoseItsEvent() throws IOException {
    Path ics =
        write(
            "alarms.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:inspection
                DTSTAMP:20260101T000000Z
                DTSTART;VALUE=DATE:20260701
                SUMMARY:Van inspection
                BEGIN:VALARM
                ACTION:DISPLAY
                DESCRIPTION:Van inspection
                TRIGGER:-P1W6DT15H
                END:VALARM
                BEGIN:VALARM
                ACTION:DISPLAY
                DESCRIPTION:never closed
                TRIGGER:-PT15M
                DTEND;VALUE=DATE:20260702
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    JsonNode event = read.json("calendar:alarms/inspection");
    assertThat(event.get("summary").asText()).isEqualTo("Van inspection");
    assertThat(event.get("start").get("date").asText()).isEqualTo("2026-07-01");
    assertThat(read.record("calendar:alarms/inspection").location()).isEqualTo(ics + ":4");
  }

  @Test
  void rdatePeriodsGiveInstancesWithTheirOwnEnds() throws IOException {
    Path ics =
        write(
            "periods.ics",
            calendar(
                """
        BEGIN:VEVENT
        UID:periods
        DTSTAMP:20050101T000000Z
        DTSTART:20050410T090000Z
        DTEND:20050410T093000Z
        RDATE;VALUE=PERIOD:20050411T100000Z/20050411T110000Z,20050412T080000Z/PT2H
        RDATE;VALUE=PERIOD:20050413T080000Z/PT1H
         30M
        END:VEVENT
        BEGIN:VEVENT
        UID:days
        DTSTAMP:20050101T000000Z
        DTSTART;VALUE=DATE:20050410
        RDATE;VALUE=PERIOD:20050420/20050423
        RDATE:
        END:VEVENT
        """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.refs())
        .containsExactly(
            "calendar:periods/periods_20050410T090000Z",
            "calendar:periods/periods_20050411T100000Z",
            "calendar:periods/periods_20050412T080000Z",
            "calendar:periods/periods_20050413T080000Z",
            "calendar:periods/days_20050410",
            "calendar:periods/days_20050420");
    assertThat(end(read, "periods_20050410T090000Z")).isEqualTo("2005-04-10T09:30:00Z");
    assertThat(end(read, "periods_20050411T100000Z")).isEqualTo("2005-04-11T11:00:00Z");
    assertThat(end(read, "periods_20050412T080000Z")).isEqualTo("2005-04-12T10:00:00Z");
    assertThat(end(read, "periods_20050413T080000Z")).isEqualTo("2005-04-13T09:30:00Z");
    // a period of dates (written by some apps, though RFC 5545 wants date-times) and an empty RDATE
    assertThat(read.json("calendar:periods/days_20050420").get("end").get("date").asText())
        .isEqualTo("2005-04-23");
    assertThat(read.json("calendar:periods/days_20050410").get("end").get("date").asText())
        .isEqualTo("2005-04-11");
  }

  @Test
  void recurrenceThatCannotBeExpandedKeepsTheFirstOccurrenceAndQuarantinesTheRest()
      throws IOException {
    Path ics =
        write(
            "badrdate.ics",
            calendar(
                """
        BEGIN:VEVENT
        UID:series
        DTSTAMP:20260101T000000Z
        DTSTART:20260105T090000Z
        RRULE:FREQ=WEEKLY;COUNT=4
        RDATE:2026-02-30T09:00
        SUMMARY:Weekly pickup
        END:VEVENT
        """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode first = read.json("calendar:badrdate/series_20260105T090000Z");
    assertThat(read.records).hasSize(1);
    assertThat(first.get("summary").asText()).isEqualTo("Weekly pickup");
    assertThat(first.get("recurringEventId").asText()).isEqualTo("series");
    assertThat(first.get("_notes").get(0).asText()).startsWith("recurrence not expanded");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(ics + ":9");
              assertThat(q.reason())
                  .contains("field RDATE", "2026-02-30T09:00", "only its first occurrence");
            });
  }

  @Test
  void bareEventsWithoutACalendarAreReadWithANote() throws IOException {
    Path ics =
        write(
            "bare.ics",
            """
            BEGIN:VEVENT
            UID:bare-1
            DTSTAMP:20260101T000000Z
            DTSTART:20260105T090000Z
            SUMMARY:No wrapper
            END:VEVENT
            BEGIN:VEVENT
            UID:bare-2
            DTSTAMP:20260101T000000Z
            DTSTART;VALUE=DATE:20260106
            END:VEVENT
            """);

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.refs()).containsExactly("calendar:bare/bare-1", "calendar:bare/bare-2");
    assertThat(read.json("calendar:bare/bare-1").get("summary").asText()).isEqualTo("No wrapper");
    assertThat(read.records)
        .allSatisfy(
            r ->
                assertThat(CollectingSink.json(r).get("_notes").get(0).asText())
                    .contains("not inside a BEGIN:VCALENDAR"));
    assertThat(sink.records)
        .as("events inside a calendar carry no note")
        .allSatisfy(r -> assertThat(CollectingSink.json(r).has("_notes")).isFalse());
  }

  @Test
  void seriesWithEveryOccurrenceExcludedIsQuarantinedNotDropped() throws IOException {
    Path ics =
        write(
            "gone.ics",
            calendar(
                """
        BEGIN:VEVENT
        UID:gone
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20041028
        RRULE:FREQ=YEARLY;UNTIL=20051027
        EXDATE;VALUE=DATE:20041028
        END:VEVENT
        """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.records).isEmpty();
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(ics + ":4");
              assertThat(q.reason()).contains("no occurrence left");
            });
  }

  @Test
  void ofTwoChangesOfOneInstanceTheLaterIsUsedAndTheOtherQuarantined() throws IOException {
    Path ics =
        write(
            "versions.ics",
            calendar(
                """
        BEGIN:VEVENT
        UID:weekly
        DTSTAMP:20260101T000000Z
        DTSTART:20260105T090000Z
        RRULE:FREQ=WEEKLY;COUNT=2
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly
        RECURRENCE-ID:20260112T090000Z
        SEQUENCE:3
        DTSTAMP:20260103T000000Z
        DTSTART:20260112T150000Z
        SUMMARY:moved to the afternoon
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly
        RECURRENCE-ID:20260112T090000Z
        SEQUENCE:2
        DTSTAMP:20260102T000000Z
        DTSTART:20260112T110000Z
        SUMMARY:moved to eleven
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly
        RECURRENCE-ID:20260105T090000Z
        SEQUENCE:4
        DTSTAMP:20260104T000000Z
        STATUS:CANCELLED
        END:VEVENT
        """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.refs())
        .containsExactly(
            "calendar:versions/weekly_20260105T090000Z",
            "calendar:versions/weekly_20260112T090000Z");
    assertThat(read.json("calendar:versions/weekly_20260112T090000Z").get("summary").asText())
        .isEqualTo("moved to the afternoon");
    // a cancellation of one instance without DTSTART (as iTIP writes them) starts where it was
    JsonNode cancelled = read.json("calendar:versions/weekly_20260105T090000Z");
    assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    assertThat(cancelled.get("start").get("dateTime").asText()).isEqualTo("2026-01-05T09:00:00Z");
    assertThat(cancelled.get("_notes").get(0).asText()).contains("no DTSTART");
    assertThat(read.quarantined).isEmpty();
    assertThat(read.superseded)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(ics + ":18");
              assertThat(q.reason()).contains("superseded by the one at line 10");
            });
  }

  @Test
  void eventWithoutUidGetsAnIdFromItsTextAndANote() throws IOException {
    String event =
        """
        BEGIN:VEVENT
        DTSTART:20260105T090000Z
        SUMMARY:Pickup without UID
        END:VEVENT
        """;
    Path ics = write("nouid.ics", calendar(event + event.replace("Pickup", "Return")));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);
    CollectingSink again = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.refs()).hasSize(2).doesNotHaveDuplicates().isEqualTo(again.refs());
    assertThat(read.refs()).allMatch(ref -> ref.matches("calendar:nouid/nouid[0-9a-f]{20}"));
    assertThat(CollectingSink.json(read.records.get(0)).get("_notes").get(0).asText())
        .contains("no UID");
  }

  @Test
  void ofSeveralCopiesOfOneEventTheLatestIsReadAndTheOthersSetAsideAsSuperseded()
      throws IOException {
    String booked =
        """
        BEGIN:VEVENT
        UID:booking-7
        SEQUENCE:1
        DTSTAMP:20260101T000000Z
        DTSTART:20260105T090000Z
        SUMMARY:RW-7 booked
        END:VEVENT
        """;
    Path ics =
        write(
            "log.ics",
            calendar(
                booked
                    + """
        BEGIN:VEVENT
        UID:booking-7
        SEQUENCE:2
        DTSTAMP:20260102T000000Z
        DTSTART:20260106T090000Z
        SUMMARY:RW-7 moved a day
        END:VEVENT
        """
                    + booked));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.refs()).containsExactly("calendar:log/booking-7");
    assertThat(read.json("calendar:log/booking-7").get("summary").asText())
        .isEqualTo("RW-7 moved a day");
    assertThat(read.quarantined).isEmpty();
    assertThat(read.superseded)
        .extracting(q -> q.location(), q -> q.reason().replaceAll("^.*this copy of the event ", ""))
        .containsExactly(
            tuple(
                ics + ":4",
                "is superseded by the one at line 11 (SEQUENCE 2, DTSTAMP 20260102T000000Z against"
                    + " SEQUENCE 1, DTSTAMP 20260101T000000Z)"),
            tuple(
                ics + ":18",
                "is superseded by the one at line 11 (SEQUENCE 2, DTSTAMP 20260102T000000Z against"
                    + " SEQUENCE 1, DTSTAMP 20260101T000000Z)"));
  }

  /** A copy of a stay in a merged export, stamped at the export, changed at {@code modified}. */
  private static final String STAY =
      """
      BEGIN:VEVENT
      UID:stay-41
      SEQUENCE:3
      DTSTAMP:20261201T050000Z
      LAST-MODIFIED:%s
      DTSTART;VALUE=DATE:%s
      DTEND;VALUE=DATE:20261230
      SUMMARY:%s
      END:VEVENT
      """;

  @Test
  void theCopyChangedLastIsReadWhereverTheExportWritesIt() throws IOException {
    String current = STAY.formatted("20261130T101500Z", "20261225", "CS-41 suite");
    String stale = STAY.formatted("20261002T080000Z", "20261227", "CS-41 one-room");
    Path staleLast = write("merged.ics", calendar(current + stale));
    Path staleFirst = write("merged2.ics", calendar(stale + current));

    for (Path ics : List.of(staleLast, staleFirst)) {
      CollectingSink read = CollectingSink.read(new IcsReader(), ics);
      String calendarId = ics.getFileName().toString().replace(".ics", "");

      // same SEQUENCE and DTSTAMP: until 2026-12-06 the copy further down the file won
      assertThat(read.refs()).containsExactly("calendar:" + calendarId + "/stay-41");
      JsonNode event = read.json("calendar:" + calendarId + "/stay-41");
      assertThat(event.get("summary").asText()).isEqualTo("CS-41 suite");
      assertThat(event.get("start").get("date").asText()).isEqualTo("2026-12-25");
      assertThat(read.quarantined).isEmpty();
      assertThat(read.superseded)
          .singleElement()
          .satisfies(
              q ->
                  assertThat(q.reason())
                      .contains(
                          "is superseded by the one at line "
                              + (ics == staleLast ? "4" : "13")
                              + " (SEQUENCE 3, DTSTAMP 20261201T050000Z, LAST-MODIFIED"
                              + " 20261130T101500Z against SEQUENCE 3, DTSTAMP 20261201T050000Z,"
                              + " LAST-MODIFIED 20261002T080000Z)"));
      assertThat(readNotes(event))
          .contains(
              "other copies of this event in the file were left out for this one: line "
                  + (ics == staleLast ? "13" : "4")
                  + " (SEQUENCE 3, DTSTAMP 20261201T050000Z, LAST-MODIFIED 20261002T080000Z:"
                  + " older)");
      assertThat(read.notes)
          .singleElement()
          .satisfies(
              note ->
                  assertThat(note)
                      .startsWith(ics + ": 1 copies of events read and left out, superseded"));
    }
  }

  @Test
  void aCopyWithoutLastModifiedLosesToOneWithIt() throws IOException {
    String current = STAY.formatted("20261130T101500Z", "20261225", "CS-41 suite");
    String unmodified = STAY.replace("LAST-MODIFIED:%s\n", "").formatted("20261227", "CS-41 old");

    CollectingSink read =
        CollectingSink.read(new IcsReader(), write("nolm.ics", calendar(current + unmodified)));

    assertThat(read.json("calendar:nolm/stay-41").get("summary").asText()).isEqualTo("CS-41 suite");
    assertThat(read.superseded).hasSize(1);
  }

  @Test
  void copiesAsNewAndOfOtherTextAreEachReadNamingEachOther() throws IOException {
    String one = STAY.formatted("20261130T101500Z", "20261225", "CS-41 suite");
    String other = STAY.formatted("20261130T101500Z", "20261227", "CS-41 suite");

    CollectingSink read =
        CollectingSink.read(new IcsReader(), write("tied.ics", calendar(one + other)));

    // no version tells them apart: the file's order must not choose silently
    assertThat(read.refs()).containsExactly("calendar:tied/stay-41", "calendar:tied/stay-41");
    assertThat(read.records)
        .extracting(r -> CollectingSink.json(r).get("start").get("date").asText())
        .containsExactly("2026-12-25", "2026-12-27");
    assertThat(read.quarantined).isEmpty();
    assertThat(read.superseded).isEmpty();
    assertThat(readNotes(CollectingSink.json(read.records.get(0))))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note)
                    .startsWith("another copy of this event as new as this one")
                    .contains("LAST-MODIFIED 20261130T101500Z) and of other text is at line 13"));
    assertThat(readNotes(CollectingSink.json(read.records.get(1))))
        .singleElement()
        .satisfies(note -> assertThat(note).contains("of other text is at line 4"));
    assertThat(read.notes)
        .singleElement()
        .satisfies(note -> assertThat(note).contains("1 event(s) with copies as new"));
  }

  @Test
  void exactCopiesOfAnEventAreOneEventSetAsideQuietly() throws IOException {
    String stay = STAY.formatted("20261130T101500Z", "20261225", "CS-41 suite");

    CollectingSink read =
        CollectingSink.read(new IcsReader(), write("twice.ics", calendar(stay + stay)));

    assertThat(read.refs()).containsExactly("calendar:twice/stay-41");
    assertThat(read.quarantined).isEmpty();
    assertThat(read.superseded)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(dir.resolve("twice.ics") + ":13");
              assertThat(q.reason()).endsWith("is an exact copy of the one at line 4");
            });
  }

  @Test
  void capitalBackslashNInATextValueIsANewlineButAnEscapedBackslashBeforeNIsNot()
      throws IOException {
    Path ics =
        write(
            "notes.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:pickup
                DTSTAMP:20260101T000000Z
                DTSTART:20260105T090000Z
                SUMMARY:RW-9\\NAna Silva
                DESCRIPTION:Reference: RW-9\\NPaid\\nkeys at C:\\\\New
                LOCATION:Desk 2\\NRua Augusta 1
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode event = read.json("calendar:notes/pickup");
    assertThat(event.get("summary").asText()).isEqualTo("RW-9\nAna Silva");
    assertThat(event.get("description").asText())
        .isEqualTo("Reference: RW-9\nPaid\nkeys at C:\\New");
    assertThat(event.get("location").asText()).isEqualTo("Desk 2\nRua Augusta 1");
  }

  @Test
  void eachCalendarOfAFileReadsItsEventsInItsOwnDefinitionOfASharedZoneName() throws IOException {
    String zone =
        """
        BEGIN:VTIMEZONE
        TZID:Office Time
        BEGIN:STANDARD
        DTSTART:16010101T000000
        TZOFFSETFROM:@OFFSET
        TZOFFSETTO:@OFFSET
        END:STANDARD
        END:VTIMEZONE
        """;
    String event =
        """
        BEGIN:VEVENT
        UID:UID
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=Office Time:20260302T100000
        END:VEVENT
        """;
    // two exports appended to one file, each with its own "Office Time"
    Path ics =
        write(
            "merged.ics",
            calendar(zone.replace("@OFFSET", "+0200") + event.replace("UID:UID", "UID:athens"))
                + calendar(
                    zone.replace("@OFFSET", "-0500") + event.replace("UID:UID", "UID:bogota")));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.json("calendar:merged/athens").get("start").get("dateTime").asText())
        .isEqualTo("2026-03-02T10:00:00+02:00");
    assertThat(read.json("calendar:merged/bogota").get("start").get("dateTime").asText())
        .isEqualTo("2026-03-02T10:00:00-05:00");
  }

  @Test
  void aCalendarWithoutADefinitionOfAZoneUsesTheOneAnotherCalendarOfTheFileGives()
      throws IOException {
    Path ics =
        write(
            "merged.ics",
            calendar(
                    """
                    BEGIN:VTIMEZONE
                    TZID:Office Time
                    BEGIN:STANDARD
                    DTSTART:16010101T000000
                    TZOFFSETFROM:+0200
                    TZOFFSETTO:+0200
                    END:STANDARD
                    END:VTIMEZONE
                    """)
                + calendar(
                    """
                    BEGIN:VEVENT
                    UID:athens
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID=Office Time:20260302T100000
                    END:VEVENT
                    """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.json("calendar:merged/athens").get("start").get("dateTime").asText())
        .isEqualTo("2026-03-02T10:00:00+02:00");
  }

  @Test
  void aUtf8LineWithOneBadByteKeepsItsOtherAccentsAndSaysSo() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(
        calendar(
                """
                BEGIN:VEVENT
                UID:deposit
                DTSTAMP:20260101T000000Z
                DTSTART:20260303T100000Z
                SUMMARY:Dep\u00f3sito Jo\u00e3o \u20ac 40 @
                END:VEVENT
                """)
            .getBytes(StandardCharsets.UTF_8));
    byte[] content = bytes.toByteArray();
    // one byte of a cut copy-paste: 0xFF is never UTF-8
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '@') {
        content[i] = (byte) 0xFF;
      }
    }
    Path ics = Files.write(dir.resolve("cut.ics"), content);

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode event = read.json("calendar:cut/deposit");
    assertThat(event.get("summary").asText()).isEqualTo("Dep\u00f3sito Jo\u00e3o \u20ac 40 \ufffd");
    assertThat(event.get("_notes").get(0).asText())
        .isEqualTo(
            "line 8 of the file holds a byte that is not UTF-8 while the rest of it is: it was read"
                + " as UTF-8 with that byte replaced by U+FFFD");
  }

  @Test
  void inAPublishedCalendarDtstampIsWhenTheFileWasMadeNotWhenTheEventChanged() throws Exception {
    // a booking-site or Outlook feed: every DTSTAMP is the moment the file was made, after every
    // mail that moved a booking; dated so, a stale entry would outvote them
    String events =
        "BEGIN:VEVENT\nUID:never-revised\nDTSTAMP:20260610T080000Z\nCREATED:20260210T100000Z\n"
            + "DTSTART;VALUE=DATE:20260601\nDTEND;VALUE=DATE:20260605\nSUMMARY:Reserved\n"
            + "END:VEVENT\n"
            + "BEGIN:VEVENT\nUID:revised\nDTSTAMP:20260610T080000Z\nCREATED:20260210T100000Z\n"
            + "SEQUENCE:2\nDTSTART;VALUE=DATE:20260701\nDTEND;VALUE=DATE:20260705\n"
            + "SUMMARY:Reserved\nEND:VEVENT\n"
            + "BEGIN:VEVENT\nUID:modified\nDTSTAMP:20260610T080000Z\n"
            + "LAST-MODIFIED:20260301T090000Z\nDTSTART;VALUE=DATE:20260801\n"
            + "DTEND;VALUE=DATE:20260805\nSUMMARY:Reserved\nEND:VEVENT\n";
    CollectingSink published =
        CollectingSink.read(
            new IcsReader(), write("feed.ics", calendar("METHOD:PUBLISH\n" + events)));
    CollectingSink stored =
        CollectingSink.read(new IcsReader(), write("store.ics", calendar(events)));

    JsonNode neverRevised = published.json("calendar:feed/never-revised");
    assertThat(neverRevised.get("updated").asText()).isEqualTo("2026-02-10T10:00:00Z");
    assertThat(neverRevised.get("_notes").get(0).asText())
        .isEqualTo(
            "no LAST-MODIFIED, and its DTSTAMP 20260610T080000Z is when the file was made (the"
                + " calendar has METHOD:PUBLISH), not when the event changed: updated is its"
                + " CREATED (SEQUENCE 0: never revised)");
    // revised at a time the file does not give: the export is the latest it can be, and a mapping
    // dated by updated still reads it (left out, every such event was quarantined)
    JsonNode revised = published.json("calendar:feed/revised");
    assertThat(revised.get("updated").asText()).isEqualTo("2026-06-10T08:00:00Z");
    assertThat(revised.get("_notes").get(0).asText())
        .endsWith(
            "updated is that DTSTAMP, the latest it can have changed (it was revised, or has no"
                + " CREATED, at a time the file does not give)");
    assertThat(published.json("calendar:feed/modified").get("updated").asText())
        .isEqualTo("2026-03-01T09:00:00Z");
    assertThat(published.json("calendar:feed/modified").has("_notes")).isFalse();
    // without METHOD, RFC 5545 makes DTSTAMP the event's last revision in the calendar store
    assertThat(stored.json("calendar:store/revised").get("updated").asText())
        .isEqualTo("2026-06-10T08:00:00Z");
    assertThat(stored.json("calendar:store/revised").has("_notes")).isFalse();
  }

  @Test
  void readsANonexistentLocalTimeAsTheInstantAfterTheGap() throws IOException {
    // 02:30 does not exist in Oslo on 2026-03-29: the clocks go from 02:00 to 03:00
    Path ics =
        write(
            "oslo.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:gap
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Europe/Oslo:20260329T023000
                DTEND;TZID=Europe/Oslo:20260329T103000
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode event = read.json("calendar:oslo/gap");
    assertThat(event.get("start").get("dateTime").asText()).isEqualTo("2026-03-29T03:30:00+02:00");
    assertThat(event.get("end").get("dateTime").asText()).isEqualTo("2026-03-29T10:30:00+02:00");
    assertThat(event.get("_notes"))
        .singleElement()
        .extracting(JsonNode::asText)
        .isEqualTo(
            "field DTSTART 20260329T023000 in Europe/Oslo is a time that does not exist (the"
                + " clocks go forward over it): read later by the gap's 60 minutes, as"
                + " 2026-03-29T03:30+02:00");
  }

  @Test
  void aUtcTimeWrittenUnderATzidIsReadAsUtcAndSaysWhatItWouldBeInTheZone() throws IOException {
    // RFC 5545 does not allow TZID on a UTC time; some exporters write both
    Path ics =
        write(
            "paris.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:both
                DTSTAMP:20261101T000000Z
                DTSTART;TZID=Europe/Paris:20261103T100000Z
                DTEND;TZID=Europe/Paris:20261103T113000Z
                SUMMARY:RW-7 fitting
                END:VEVENT
                BEGIN:VEVENT
                UID:london-winter
                DTSTAMP:20261101T000000Z
                DTSTART;TZID=Europe/London:20261103T100000Z
                DTEND;TZID=Europe/London:20261103T113000Z
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode event = read.json("calendar:paris/both");
    assertThat(Instant.parse(event.get("start").get("dateTime").asText()))
        .isEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
    assertThat(event.get("_notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "field DTSTART 20261103T100000 has TZID Europe/Paris and ends in Z, which RFC 5545 does"
                + " not allow (a time is in UTC or in its TZID, not both): read as UTC,"
                + " 2026-11-03T10:00Z; read in Europe/Paris it is 2026-11-03T10:00+01:00",
            "field DTEND 20261103T113000 has TZID Europe/Paris and ends in Z, which RFC 5545 does"
                + " not allow (a time is in UTC or in its TZID, not both): read as UTC,"
                + " 2026-11-03T11:30Z; read in Europe/Paris it is 2026-11-03T11:30+01:00");
    // London in November is UTC: both readings are one instant, nothing to say
    assertThat(read.json("calendar:paris/london-winter").has("_notes")).isFalse();
  }

  @Test
  void aNoteOfATimeInAWindowsZoneNamesTheZoneAsWrittenAndAsRead() throws IOException {
    // CLDR reads W. Europe Standard Time as Europe/Berlin: an Amsterdam office's Outlook writes it
    Path ics =
        write(
            "amsterdam.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:gap
                DTSTAMP:20260101T000000Z
                DTSTART;TZID="W. Europe Standard Time":20260329T023000
                DTEND;TZID="W. Europe Standard Time":20260329T103000
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.json("calendar:amsterdam/gap").get("_notes"))
        .singleElement()
        .extracting(JsonNode::asText)
        .asString()
        .startsWith(
            "field DTSTART 20260329T023000 in W. Europe Standard Time (read as Europe/Berlin) is a"
                + " time that does not exist");
  }

  @Test
  void aTzidThatIsAZoneIdIsKeptAsWrittenNotAsTheZoneIcal4jAliasesIt() throws IOException {
    // ical4j's tz.alias makes Europe/Oslo Europe/Berlin; the record keeps what the file says
    Path ics =
        write(
            "oslo.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:summer
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Europe/Oslo:20260610T090000
                DTEND;TZID=Europe/Oslo:20260610T120000
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode event = read.json("calendar:oslo/summer");
    assertThat(event.get("start").get("timeZone").asText()).isEqualTo("Europe/Oslo");
    assertThat(event.get("end").get("timeZone").asText()).isEqualTo("Europe/Oslo");
    assertThat(event.get("start").get("dateTime").asText()).isEqualTo("2026-06-10T09:00:00+02:00");
    assertThat(event.has("_notes")).isFalse();
  }

  @Test
  void aLocalTimeThatHappensTwiceIsReadAtTheEarlierInstantWithANote() throws IOException {
    // 02:30 happens twice in Oslo on 2026-10-25: at +02:00, then again at +01:00
    Path ics =
        write(
            "oslo.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:overlap
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Europe/Oslo:20261025T023000
                DTEND;TZID=Europe/Oslo:20261025T053000
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode event = read.json("calendar:oslo/overlap");
    assertThat(event.get("start").get("dateTime").asText()).isEqualTo("2026-10-25T02:30:00+02:00");
    assertThat(event.get("end").get("dateTime").asText()).isEqualTo("2026-10-25T05:30:00+01:00");
    assertThat(event.get("_notes"))
        .singleElement()
        .extracting(JsonNode::asText)
        .isEqualTo(
            "field DTSTART 20261025T023000 in Europe/Oslo is a time that happens twice (the"
                + " clocks go back over it): read as the earlier, 2026-10-25T02:30+02:00");
  }

  @Test
  void aZoneOnlyTheFileDefinesPlacesGapAndOverlapTimesAsTheTzDatabaseDoes() throws IOException {
    // Outlook's name for a zone of its own rules (here Central European time): java.util.Calendar
    // read the
    // repeated hour in standard time, an hour later than the same time in a tz database zone
    Path ics =
        write(
            "outlook.ics",
            calendar(
                """
                BEGIN:VTIMEZONE
                TZID:Customized Time Zone
                BEGIN:STANDARD
                DTSTART:16010101T030000
                TZOFFSETFROM:+0200
                TZOFFSETTO:+0100
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
                END:STANDARD
                BEGIN:DAYLIGHT
                DTSTART:16010101T020000
                TZOFFSETFROM:+0100
                TZOFFSETTO:+0200
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
                END:DAYLIGHT
                END:VTIMEZONE
                BEGIN:VEVENT
                UID:gap
                DTSTAMP:20260101T000000Z
                DTSTART;TZID="Customized Time Zone":20260329T023000
                DTEND;TZID="Customized Time Zone":20260329T040000
                END:VEVENT
                BEGIN:VEVENT
                UID:overlap
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Customized Time Zone:20261025T023000
                DTEND;TZID=Customized Time Zone:20261025T040000
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    JsonNode gap = read.json("calendar:outlook/gap");
    assertThat(gap.get("start").get("dateTime").asText()).isEqualTo("2026-03-29T03:30:00+02:00");
    assertThat(gap.get("start").get("timeZone").asText()).isEqualTo("Customized Time Zone");
    assertThat(gap.get("_notes").get(0).asText())
        .contains("20260329T023000 in Customized Time Zone is a time that does not exist");
    JsonNode overlap = read.json("calendar:outlook/overlap");
    assertThat(overlap.get("start").get("dateTime").asText())
        .isEqualTo("2026-10-25T02:30:00+02:00");
    assertThat(overlap.get("_notes").get(0).asText())
        .contains("20261025T023000 in Customized Time Zone is a time that happens twice");
  }

  /**
   * Outlook 2010's São Paulo zone: daylight saving time from November to February, abolished in
   * 2019.
   */
  private static final String STALE_SAO_PAULO =
      """
      BEGIN:STANDARD
      DTSTART:16010101T000000
      TZOFFSETFROM:-0200
      TZOFFSETTO:-0300
      RRULE:FREQ=YEARLY;BYDAY=3SU;BYMONTH=2
      END:STANDARD
      BEGIN:DAYLIGHT
      DTSTART:16010101T000000
      TZOFFSETFROM:-0300
      TZOFFSETTO:-0200
      RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
      END:DAYLIGHT
      END:VTIMEZONE
      """;

  @Test
  void aWindowsZoneNameIsReadInTheTzDatabaseNotInTheFilesOutdatedRulesAndSaysSo()
      throws IOException {
    Path ics =
        write(
            "agenda.ics",
            calendar(
                "BEGIN:VTIMEZONE\nTZID:E. South America Standard Time\n"
                    + STALE_SAO_PAULO
                    + """
                    BEGIN:VEVENT
                    UID:summer
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID="E. South America Standard Time":20260214T103000
                    DTEND;TZID="E. South America Standard Time":20260214T120000
                    END:VEVENT
                    BEGIN:VEVENT
                    UID:autumn
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID="E. South America Standard Time":20260314T103000
                    END:VEVENT
                    """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode summer = read.json("calendar:agenda/summer");
    // the file's rules put 10:30 on 14 February in daylight time, an hour before the real 10:30
    assertThat(summer.get("start").get("dateTime").asText()).isEqualTo("2026-02-14T10:30:00-03:00");
    assertThat(summer.get("end").get("dateTime").asText()).isEqualTo("2026-02-14T12:00:00-03:00");
    assertThat(summer.get("start").get("timeZone").asText()).isEqualTo("America/Sao_Paulo");
    assertThat(summer.get("_notes"))
        .singleElement()
        .extracting(JsonNode::asText)
        .isEqualTo(
            "times in 'E. South America Standard Time' were read in the tz database's"
                + " America/Sao_Paulo, whose rules give 2026-02-14T10:30 the offset -03:00; the"
                + " file's own VTIMEZONE at line 4 gives -02:00 (its rules are out of date or its"
                + " own): check the times");
    JsonNode autumn = read.json("calendar:agenda/autumn");
    assertThat(autumn.get("start").get("dateTime").asText()).isEqualTo("2026-03-14T10:30:00-03:00");
    assertThat(readNotes(autumn)).as("both rules agree in March").isEmpty();
  }

  @Test
  void aRecurringEventIsToldWhenTheFilesRulesDifferInALaterSeason() throws IOException {
    Path ics =
        write(
            "weekly.ics",
            calendar(
                "BEGIN:VTIMEZONE\nTZID:America/Sao_Paulo\n"
                    + STALE_SAO_PAULO
                    + """
                    BEGIN:VEVENT
                    UID:weekly
                    DTSTAMP:20260101T000000Z
                    DTSTART;TZID=America/Sao_Paulo:20260305T090000
                    RRULE:FREQ=WEEKLY;COUNT=40
                    END:VEVENT
                    """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    List<String> notes =
        read.records.stream()
            .map(CollectingSink::json)
            .flatMap(e -> readNotes(e).stream())
            .distinct()
            .toList();
    assertThat(notes)
        .singleElement()
        .asString()
        .contains("whose rules give 2026-11-05T09:00 the offset -03:00")
        .contains("VTIMEZONE at line 4 gives -02:00");
  }

  @Test
  void aWindowsZoneNameTheFileDoesNotDefineIsReadInItsZoneNotTheCalendars() throws IOException {
    Path ics =
        write(
            "export.ics",
            """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:test
            X-WR-TIMEZONE:UTC
            BEGIN:VEVENT
            UID:pune
            DTSTAMP:20260101T000000Z
            DTSTART;TZID=India Standard Time:20260315T173000
            END:VEVENT
            END:VCALENDAR
            """);

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    JsonNode event = read.json("calendar:export/pune");
    assertThat(event.get("start").get("dateTime").asText()).isEqualTo("2026-03-15T17:30:00+05:30");
    assertThat(readNotes(event)).isEmpty();
  }

  @Test
  void aFloatingTimeInTheCalendarZonesGapMovesLaterWithANoteAndWithoutAZoneIsUtc()
      throws IOException {
    Path oslo =
        write(
            "desk.ics",
            """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:test
            X-WR-TIMEZONE:Europe/Oslo
            BEGIN:VEVENT
            UID:floating
            DTSTAMP:20260101T000000Z
            DTSTART:20260329T023000
            END:VEVENT
            END:VCALENDAR
            """);
    Path utc =
        write(
            "plain.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:floating
                DTSTAMP:20260101T000000Z
                DTSTART:20260329T023000
                END:VEVENT
                """));

    JsonNode inOslo = CollectingSink.read(new IcsReader(), oslo).json("calendar:desk/floating");
    JsonNode inUtc = CollectingSink.read(new IcsReader(), utc).json("calendar:plain/floating");

    assertThat(inOslo.get("start").get("dateTime").asText()).isEqualTo("2026-03-29T03:30:00+02:00");
    assertThat(inOslo.get("_notes").get(0).asText())
        .startsWith("field DTSTART 20260329T023000 in Europe/Oslo is a time that does not exist");
    assertThat(inUtc.get("start").get("dateTime").asText()).isEqualTo("2026-03-29T02:30:00Z");
    assertThat(readNotes(inUtc)).isEmpty();
  }

  @Test
  void aDtstartThatIsNoRealDateTimeQuarantinesItsEventNamingItsLineAndTheRestIsRead()
      throws IOException {
    Path ics =
        write(
            "strict.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:april31
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Europe/Lisbon:20260431T100000
                END:VEVENT
                BEGIN:VEVENT
                UID:month13
                DTSTAMP:20260101T000000Z
                DTSTART:20261341T256100Z
                END:VEVENT
                BEGIN:VEVENT
                UID:hour25
                DTSTAMP:20260101T000000Z
                DTSTART:20260501T250000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:fine
                DTSTAMP:20260101T000000Z
                DTSTART:20260430T100000Z
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.refs()).containsExactly("calendar:strict/fine");
    assertThat(read.quarantined)
        .extracting(q -> q.location(), q -> q.reason())
        .containsExactly(
            tuple(
                ics + ":7",
                "Cannot read calendar event april31: field DTSTART value '20260431T100000' is not"
                    + " a real date or date-time: April 2026 has 30 days"),
            tuple(
                ics + ":12",
                "Cannot read calendar event month13: field DTSTART value '20261341T256100Z' is"
                    + " not a real date or date-time: there is no month 13"),
            tuple(
                ics + ":17",
                "Cannot read calendar event hour25: field DTSTART value '20260501T250000Z' is"
                    + " not a real date or date-time: there is no hour 25 (hours run 00 to 23)"));
  }

  @Test
  void aDtendOrRecurrenceIdThatIsNoRealDateIsNotReadAsAnotherDay() throws IOException {
    Path ics =
        write(
            "strict.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:feb30
                DTSTAMP:20260101T000000Z
                DTSTART;VALUE=DATE:20260227
                DTEND;VALUE=DATE:20260230
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260101T000000Z
                DTSTART:20260220T100000Z
                RRULE:FREQ=WEEKLY;COUNT=2
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260101T000000Z
                RECURRENCE-ID:20260229T100000Z
                DTSTART:20260227T120000Z
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.refs())
        .containsExactly(
            "calendar:strict/weekly_20260220T100000Z", "calendar:strict/weekly_20260227T100000Z");
    assertThat(read.quarantined)
        .extracting(q -> q.location(), q -> q.reason())
        .containsExactlyInAnyOrder(
            tuple(
                ics + ":8",
                "Cannot read calendar event feb30: field DTEND value '20260230' is not a real date"
                    + " or date-time: February 2026 has 28 days"),
            tuple(
                ics + ":19",
                "Cannot read calendar event weekly: field RECURRENCE-ID value '20260229T100000Z'"
                    + " is not a real date or date-time: February 2026 has 28 days"));
  }

  @Test
  void anEventEndingBeforeItStartsIsQuarantinedNamingItsUidAndBothTimes() throws IOException {
    Path ics =
        write(
            "porto.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:swapped@google.com
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Europe/Lisbon:20260513T100000
                DTEND;TZID=Europe/Lisbon:20260506T100000
                SUMMARY:RW-7 Ana
                END:VEVENT
                BEGIN:VEVENT
                UID:backwards-day
                DTSTAMP:20260101T000000Z
                DTSTART;VALUE=DATE:20260510
                DURATION:-P2D
                END:VEVENT
                BEGIN:VEVENT
                UID:instant
                DTSTAMP:20260101T000000Z
                DTSTART:20260510T100000Z
                DTEND:20260510T100000Z
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    // before: the swapped event was a booking returned a week before its pickup, without a word
    assertThat(read.refs()).containsExactly("calendar:porto/instant");
    assertThat(read.quarantined)
        .extracting(q -> q.location(), q -> q.reason())
        .containsExactly(
            tuple(
                ics + ":8",
                "Cannot read calendar event swapped@google.com: it ends before it starts: field"
                    + " DTEND value '20260506T100000' gives the end 2026-05-06T10:00+01:00, before"
                    + " its DTSTART '20260513T100000' (2026-05-13T10:00+01:00) (SUMMARY 'RW-7"
                    + " Ana'); neither time is taken for the event (were they swapped?): mend the"
                    + " file and run again"),
            tuple(
                ics + ":15",
                "Cannot read calendar event backwards-day: it ends before it starts: field"
                    + " DURATION value '-P2D' gives the end 2026-05-08, before its DTSTART"
                    + " '20260510' (2026-05-10); neither time is taken for the event (were they"
                    + " swapped?): mend the file and run again"));
    assertThat(read.quarantined.get(0).excerpt()).contains("UID:swapped@google.com");
  }

  @Test
  void anEventGivingItsStartOrEndTwiceWithDifferentValuesIsQuarantinedNamingBothLines()
      throws IOException {
    Path ics =
        write(
            "merged.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:two-starts@google.com
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Europe/Lisbon:20260510T100000
                DTSTART;TZID=Europe/Lisbon:20260512T100000
                DTEND;TZID=Europe/Lisbon:20260515T100000
                SUMMARY:RW-8 Ana
                END:VEVENT
                BEGIN:VEVENT
                UID:two-ends
                DTSTAMP:20260101T000000Z
                DTSTART:20260510T100000Z
                DTEND:20260511T100000Z
                dtend:20260518T100000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:same-line-twice
                DTSTAMP:20260101T000000Z
                DTSTART:20260510T100000Z
                DTSTART:20260510T100000Z
                DTEND:20260511T100000Z
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    // before: the first of each was read, without a word; the second may be the right one
    assertThat(read.refs()).containsExactly("calendar:merged/same-line-twice");
    assertThat(read.quarantined)
        .extracting(q -> q.location(), q -> q.reason())
        .containsExactly(
            tuple(
                ics + ":8",
                "Cannot read calendar event two-starts@google.com: field DTSTART is given twice,"
                    + " with different values: 'DTSTART;TZID=Europe/Lisbon:20260510T100000' at"
                    + " line 7 and 'DTSTART;TZID=Europe/Lisbon:20260512T100000' at line 8"
                    + " (SUMMARY 'RW-8 Ana'); RFC 5545 allows it once, and which one is the"
                    + " event's cannot be told, so neither is taken: mend the file (keep the"
                    + " right line) and run again"),
            tuple(
                ics + ":17",
                "Cannot read calendar event two-ends: field DTEND is given twice, with different"
                    + " values: 'DTEND:20260511T100000Z' at line 16 and 'dtend:20260518T100000Z'"
                    + " at line 17; RFC 5545 allows it once, and which one is the event's cannot"
                    + " be told, so neither is taken: mend the file (keep the right line) and run"
                    + " again"));
  }

  @Test
  void anEventGivingADtendAndADurationThatDisagreeIsQuarantinedAndOneWhereTheyAgreeIsRead()
      throws IOException {
    Path ics =
        write(
            "ends.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:two-ends
                DTSTAMP:20260101T000000Z
                DTSTART:20260710T100000Z
                DTEND:20260710T110000Z
                DURATION:PT3H
                SUMMARY:RW-9 Ana
                END:VEVENT
                BEGIN:VEVENT
                UID:agreeing
                DTSTAMP:20260101T000000Z
                DTSTART:20260710T100000Z
                DTEND:20260710T130000Z
                DURATION:PT3H
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    // before: the DTEND was read and the DURATION left without a word, a return at 11:00 or 13:00
    assertThat(read.refs()).containsExactly("calendar:ends/agreeing");
    assertThat(read.json("calendar:ends/agreeing").get("end").get("dateTime").asText())
        .isEqualTo("2026-07-10T13:00:00Z");
    assertThat(read.quarantined)
        .extracting(q -> q.location(), q -> q.reason())
        .containsExactly(
            tuple(
                ics + ":9",
                "Cannot read calendar event two-ends: it gives two ends: field DTEND value"
                    + " '20260710T110000Z' gives 2026-07-10T11:00Z, and field DURATION value 'PT3H'"
                    + " gives 2026-07-10T13:00Z (SUMMARY 'RW-9 Ana'); RFC 5545 allows one of the"
                    + " two, and which one is the event's cannot be told, so neither is taken:"
                    + " mend the file (keep the right one) and run again"));
  }

  @Test
  void aChangeOfThisAndFutureInstancesMovesAndChangesEveryLaterInstanceToo() throws IOException {
    Path ics =
        write(
            "classes.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260301T120000Z
                SUMMARY:Class · room 1
                DTSTART;TZID=Europe/Lisbon:20260701T100000
                DTEND;TZID=Europe/Lisbon:20260701T110000
                RRULE:FREQ=WEEKLY;COUNT=5
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260301T120000Z
                SEQUENCE:1
                SUMMARY:Class · room 2
                RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Lisbon:20260715T100000
                DTSTART;TZID=Europe/Lisbon:20260715T150000
                DTEND;TZID=Europe/Lisbon:20260715T163000
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260301T120000Z
                SEQUENCE:2
                SUMMARY:Class · room 3
                RECURRENCE-ID;TZID=Europe/Lisbon:20260722T100000
                DTSTART;TZID=Europe/Lisbon:20260722T180000
                DTEND;TZID=Europe/Lisbon:20260722T190000
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    assertThat(read.records)
        .extracting(
            r -> CollectingSink.json(r).get("start").get("dateTime").asText(),
            r -> CollectingSink.json(r).get("end").get("dateTime").asText(),
            r -> CollectingSink.json(r).get("summary").asText())
        .containsExactlyInAnyOrder(
            tuple("2026-07-01T10:00:00+01:00", "2026-07-01T11:00:00+01:00", "Class · room 1"),
            tuple("2026-07-08T10:00:00+01:00", "2026-07-08T11:00:00+01:00", "Class · room 1"),
            tuple("2026-07-15T15:00:00+01:00", "2026-07-15T16:30:00+01:00", "Class · room 2"),
            // a change of its own instance wins over the change of this and future ones before it
            tuple("2026-07-22T18:00:00+01:00", "2026-07-22T19:00:00+01:00", "Class · room 3"),
            // before: 10:00 to 11:00 in room 1, as if the change of the 15th were of that day only
            tuple("2026-07-29T15:00:00+01:00", "2026-07-29T16:30:00+01:00", "Class · room 2"));
    JsonNode last = read.json("calendar:classes/weekly_20260729T090000Z");
    assertThat(last.get("originalStartTime").get("dateTime").asText())
        .isEqualTo("2026-07-29T10:00:00+01:00");
    assertThat(readNotes(last))
        .contains(
            "read as the change at line 17 (RECURRENCE-ID;RANGE=THISANDFUTURE, of the instance"
                + " 20260715T090000Z) makes every later instance: moved from its place in the"
                + " series as that instance was, with that change's other values");
  }

  @Test
  void anRdateOrExdateThatIsNoRealDateIsNotReadAsAnotherDay() throws IOException {
    Path ics =
        write(
            "strict.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:daily
                DTSTAMP:20260101T000000Z
                DTSTART:20260427T100000Z
                RRULE:FREQ=DAILY;COUNT=4
                EXDATE:20260431T100000Z
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    // smart resolving read April 31 as April 30 and removed that day without a word
    assertThat(read.refs()).containsExactly("calendar:strict/daily_20260427T100000Z");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(ics + ":9");
              assertThat(q.reason())
                  .contains("field EXDATE value '20260431T100000Z' is not a real date or date-time")
                  .contains("April 2026 has 30 days");
            });
  }

  @Test
  void anRruleUntilThatIsNoRealDateTimeKeepsOnlyTheFirstOccurrenceAndQuarantinesTheRestAtItsLine()
      throws IOException {
    Path ics =
        write(
            "until.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260101T000000Z
                DTSTART:20260401T100000Z
                RRULE:FREQ=WEEKLY;UNTIL=20260431T000000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:allday
                DTSTAMP:20260101T000000Z
                DTSTART;VALUE=DATE:20260201
                RRULE:FREQ=DAILY;UNTIL=20260230
                END:VEVENT
                BEGIN:VEVENT
                UID:fine
                DTSTAMP:20260101T000000Z
                DTSTART:20260401T100000Z
                RRULE:FREQ=WEEKLY;UNTIL=20260430T000000Z
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    // ical4j read April 31 as May 1 and February 30 as March 2, which ended the series elsewhere
    assertThat(read.refs())
        .filteredOn(ref -> !ref.startsWith("calendar:until/fine"))
        .containsExactly(
            "calendar:until/weekly_20260401T100000Z", "calendar:until/allday_20260201");
    assertThat(read.refs()).filteredOn(ref -> ref.startsWith("calendar:until/fine")).hasSize(5);
    assertThat(read.quarantined)
        .extracting(q -> q.location(), q -> q.reason())
        .containsExactly(
            tuple(
                ics + ":8",
                "Cannot read calendar event weekly: its recurrence cannot be expanded (field RRULE:"
                    + " UNTIL value '20260431T000000Z' is not a real date or date-time: April 2026"
                    + " has 30 days); only its first occurrence (DTSTART) was read, the others are"
                    + " not"),
            tuple(
                ics + ":14",
                "Cannot read calendar event allday: its recurrence cannot be expanded (field RRULE:"
                    + " UNTIL value '20260230' is not a real date or date-time: February 2026 has 28"
                    + " days); only its first occurrence (DTSTART) was read, the others are not"));
    assertThat(read.json("calendar:until/weekly_20260401T100000Z").get("_notes").get(0).asText())
        .startsWith("recurrence not expanded (field RRULE: UNTIL value '20260431T000000Z'");
  }

  @Test
  void aDtstampThatIsNoRealDateTimeIsLeftOutOfChoosingTheLatestCopyWithANote() throws IOException {
    String copy =
        """
        BEGIN:VEVENT
        UID:booking-9
        DTSTAMP:%s
        DTSTART:20260105T090000Z
        SUMMARY:%s
        END:VEVENT
        """;
    Path ics =
        write(
            "stamped.ics",
            calendar(
                copy.formatted("20260102T000000Z", "RW-9 moved")
                    + copy.formatted("20261341T000000Z", "RW-9 booked")));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    // compared as text, month 13 beat every real DTSTAMP and chose the older copy
    assertThat(read.json("calendar:stamped/booking-9").get("summary").asText())
        .isEqualTo("RW-9 moved");
    assertThat(read.superseded)
        .extracting(q -> q.location(), q -> q.reason().replaceAll("^.*this copy of the event ", ""))
        .containsExactly(
            tuple(
                ics + ":10",
                "is superseded by the one at line 4 (SEQUENCE 0, DTSTAMP 20260102T000000Z against"
                    + " SEQUENCE 0, DTSTAMP '20261341T000000Z' not a real date-time, left out of"
                    + " the choice)"));

    Path alone = write("alone.ics", calendar(copy.formatted("20261341T000000Z", "RW-9 booked")));
    assertThat(
            readNotes(CollectingSink.read(new IcsReader(), alone).json("calendar:alone/booking-9")))
        .containsExactly(
            "field DTSTAMP value '20261341T000000Z' at line 6 is not a real date-time (there is no"
                + " month 13): left out, the event read as if it had none (also in choosing the"
                + " latest of its copies)");
  }

  @Test
  void aCreatedOrLastModifiedThatIsNoRealDateTimeIsLeftOutWithANote() throws IOException {
    Path ics =
        write(
            "stamps.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:stamps
                DTSTAMP:20260101T000000Z
                CREATED:20260230T000000Z
                LAST-MODIFIED:20261301T000000Z
                DTSTART:20260430T100000Z
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    JsonNode event = read.json("calendar:stamps/stamps");
    // ical4j read them as 2026-03-02 and 2027-01-01
    assertThat(event.has("created")).isFalse();
    assertThat(event.get("updated").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(readNotes(event))
        .containsExactly(
            "field CREATED value '20260230T000000Z' at line 7 is not a real date-time (February"
                + " 2026 has 28 days): left out, the event read as if it had none",
            "field LAST-MODIFIED value '20261301T000000Z' at line 8 is not a real date-time"
                + " (there is no month 13): left out, the event read as if it had none");
  }

  @Test
  void aLineThatLostItsFoldingSpaceAndHasNoColonIsReadAsTheContinuationWithANote()
      throws IOException {
    Path ics =
        write(
            "folds.ics",
            calendar(
                """
                BEGIN:VEVENT
                DTSTAMP:20260101T000000Z
                DTSTART:20260430T100000Z
                ORGANIZER;CN=Lisbon desk:mailto:rentwise.lisbon.airport@grou
                p.calendar.google.com
                DESCRIPTION:Reference: RW-1\\nCustomer: Ana Silva\\nCar Renault
                 Clio\\nPaid in
                full
                LOCATION:Rua Augusta 1\\, 1100-048 Lis
                boa
                UID:folds
                SEQUENCE:3
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    JsonNode event = read.json("calendar:folds/folds");
    assertThat(event.get("iCalUID").asText()).isEqualTo("folds");
    assertThat(event.get("sequence").asInt()).isEqualTo(3);
    assertThat(event.get("organizer").get("email").asText())
        .isEqualTo("rentwise.lisbon.airport@group.calendar.google.com");
    assertThat(event.get("description").asText())
        .isEqualTo("Reference: RW-1\nCustomer: Ana Silva\nCar RenaultClio\nPaid infull");
    assertThat(event.get("location").asText()).isEqualTo("Rua Augusta 1, 1100-048 Lisboa");
    assertThat(readNotes(event))
        .containsExactly(
            "line 8 of the file does not start a property ('p.calendar.google.com'): read as the"
                + " continuation of line 7 (its folding space lost): it has no colon",
            "line 11 of the file does not start a property ('full'): read as the continuation"
                + " of line 9 (its folding space lost): it has no colon",
            "line 13 of the file does not start a property ('boa'): read as the continuation of"
                + " line 12 (its folding space lost): it has no colon");
  }

  @Test
  void aLostFoldWithAColonAfterALineOfFoldLengthIsReadAsTheContinuationWithANote()
      throws IOException {
    String folded =
        "DESCRIPTION:Reference: RW1\\nCustomer: Ana Silva\\nPickup: Lisbon Airport\\nCa";
    Path ics =
        write(
            "folds.ics",
            calendar(
                "BEGIN:VEVENT\nUID:car\nDTSTAMP:20260101T000000Z\nDTSTART:20260430T100000Z\n"
                    + folded
                    + "\nr: Renault Clio (Note; see: the desk)\\nBooked online\nEND:VEVENT\n"));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(folded).hasSize(75);
    assertThat(read.quarantined).isEmpty();
    JsonNode event = read.json("calendar:folds/car");
    assertThat(event.get("description").asText())
        .isEqualTo(
            "Reference: RW1\nCustomer: Ana Silva\nPickup: Lisbon Airport\nCar: Renault Clio"
                + " (Note; see: the desk)\nBooked online");
    assertThat(event.get("_notes").get(0).asText())
        .startsWith(
            "line 9 of the file does not start a property ('r: Renault Clio (Note; see: the"
                + " desk)\\nBooked online'): read as the continuation of line 8 (its folding"
                + " space lost): iCalendar defines no property R, and the line before it is 75"
                + " bytes long");
  }

  @Test
  void aLineThatMayBeAnUnknownPropertyOrALostFoldQuarantinesItsEventNamingTheLine()
      throws IOException {
    Path ics =
        write(
            "folds.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:guess
                DTSTAMP:20260101T000000Z
                DTSTART:20260430T100000Z
                DESCRIPTION:Reference: RW-1\\nCa
                r: Renault Clio
                END:VEVENT
                BEGIN:VEVENT
                UID:fine
                DTSTAMP:20260101T000000Z
                DTSTART:20260430T100000Z
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    // read as a property, ical4j dropped the line: the description was cut to "...\nCa" unsaid
    assertThat(read.refs()).containsExactly("calendar:folds/fine");
    assertThat(read.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).isEqualTo(ics + ":9");
              assertThat(q.reason())
                  .isEqualTo(
                      "Cannot read calendar event guess: line 9 'r: Renault Clio' is either a"
                          + " property R, which iCalendar does not define, or the continuation of"
                          + " line 8 whose folding space was lost; the event is not read rather"
                          + " than read with either guess");
            });
  }

  @Test
  void definedAndExtensionPropertiesAreNotTakenForLostFolds() throws IOException {
    Path ics =
        write(
            "folds.ics",
            calendar(
                """
                BEGIN:VEVENT
                UID:plain
                DTSTAMP:20260101T000000Z
                DTSTART:20260430T100000Z
                X-RENTWISE-CAR:Renault Clio
                COLOR:red
                ATTENDEE;CN=Ana "Bo" Silva:mailto:ana@example.com
                DESCRIPTION:one line
                BEGIN:VALARM
                ACTION:DISPLAY
                TRIGGER:-PT15M
                END:VALARM
                END:VEVENT
                """));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    JsonNode event = read.json("calendar:folds/plain");
    assertThat(event.get("description").asText()).isEqualTo("one line");
    assertThat(event.get("attendees").get(0).get("email").asText()).isEqualTo("ana@example.com");
    assertThat(readNotes(event)).isEmpty();
  }

  private static String end(CollectingSink read, String id) {
    return read.json("calendar:periods/" + id).get("end").get("dateTime").asText();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void aTimedEventWithoutDtendOrDurationHasNoEndAndSaysSoWhileAnAllDayOneEndsTheNextDay()
      throws IOException {
    Path ics =
        Files.writeString(
            dir.resolve("branch.ics"),
            calendar(
                "BEGIN:VEVENT\nUID:open\nDTSTAMP:20261101T000000Z\n"
                    + "DTSTART;TZID=Europe/Prague:20261113T110000\nSUMMARY:BK-1\nEND:VEVENT\n"
                    + "BEGIN:VEVENT\nUID:weekly\nDTSTAMP:20261101T000000Z\n"
                    + "DTSTART;TZID=Europe/Prague:20261102T090000\nRRULE:FREQ=WEEKLY;COUNT=2\n"
                    + "SUMMARY:Service\nEND:VEVENT\n"
                    + "BEGIN:VEVENT\nUID:day\nDTSTAMP:20261101T000000Z\n"
                    + "DTSTART;VALUE=DATE:20261114\nSUMMARY:BK-2\nEND:VEVENT\n"));

    CollectingSink read = CollectingSink.read(new IcsReader(), ics);

    assertThat(read.quarantined).isEmpty();
    JsonNode open = read.json("calendar:branch/open");
    assertThat(open.at("/start/dateTime").asText()).isEqualTo("2026-11-13T11:00:00+01:00");
    // RFC 5545 makes it end when it starts: for a booking that is no return time
    assertThat(open.has("end")).isFalse();
    assertThat(open.get("endTimeUnspecified").asBoolean()).isTrue();
    assertThat(open.get("_notes").toString()).contains("no DTEND and no DURATION", "no end");
    assertThat(read.refs().stream().filter(r -> r.startsWith("calendar:branch/weekly")))
        .hasSize(2)
        .allSatisfy(
            ref -> {
              assertThat(read.json(ref).has("end")).isFalse();
              assertThat(read.json(ref).get("endTimeUnspecified").asBoolean()).isTrue();
            });
    JsonNode day = read.json("calendar:branch/day");
    assertThat(day.get("end").toString()).isEqualTo("{\"date\":\"2026-11-15\"}");
    assertThat(day.has("endTimeUnspecified")).isFalse();
  }

  /** The reader's notes on an event other than the one saying it has no end. */
  private static List<String> readNotes(JsonNode event) {
    List<String> notes = new java.util.ArrayList<>();
    event.path("_notes").forEach(note -> notes.add(note.asText()));
    notes.remove(IcsEvents.NO_END);
    return notes;
  }

  private static String calendar(String events) {
    return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:test\n" + events + "END:VCALENDAR\n";
  }
}
