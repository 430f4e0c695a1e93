package dev.salvage.connectors.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.FileSelection;
import dev.salvage.connectors.PartitionFailure;
import dev.salvage.connectors.PartitionedSource;
import dev.salvage.connectors.SourceReaders;
import dev.salvage.connectors.UnreadPartitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarEventsJsonReaderTest {
  private static final String CALENDAR_ID = "lisbon@group.calendar.google.com";

  @TempDir Path dir;

  @Test
  void eachItemBecomesAnEventWithItsCalendar() throws IOException {
    Path page =
        write(
            "events-0001.json",
            """
            {
              "kind": "calendar#events",
              "items": [
                {"kind": "calendar#event", "id": "abc123", "status": "confirmed",
                 "summary": "RW-ABC123 Ana Silva", "iCalUID": "abc123@google.com",
                 "start": {"dateTime": "2026-03-14T09:00:00Z"}, "end": {"dateTime": "2026-03-16T09:00:00Z"}},
                {"kind": "calendar#event", "id": "def456", "status": "cancelled"}
              ],
              "summary": "Lisbon pickups",
              "timeZone": "Europe/Lisbon",
              "nextPageToken": "tok"
            }
            """);

    write("events-0002.json", "{\"kind\": \"calendar#events\", \"items\": []}");

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    assertThat(sink.refs())
        .containsExactly(
            "calendar:" + CALENDAR_ID + "/abc123", "calendar:" + CALENDAR_ID + "/def456");
    JsonNode event = sink.json("calendar:" + CALENDAR_ID + "/abc123");
    assertThat(event.get("summary").asText()).isEqualTo("RW-ABC123 Ana Silva");
    assertThat(event.get("start").get("dateTime").asText()).isEqualTo("2026-03-14T09:00:00Z");
    assertThat(event.get("_calendar").get("id").asText()).isEqualTo(CALENDAR_ID);
    assertThat(event.get("_calendar").get("summary").asText()).isEqualTo("Lisbon pickups");
    assertThat(event.get("_calendar").get("timeZone").asText()).isEqualTo("Europe/Lisbon");
    assertThat(sink.record("calendar:" + CALENDAR_ID + "/abc123").kind())
        .isEqualTo("calendar.event");
    assertThat(sink.record("calendar:" + CALENDAR_ID + "/abc123").location())
        .isEqualTo(page + ":4:5");
  }

  @Test
  void aTimeWithoutOffsetIsGivenTheOffsetOfItsTimeZoneElseTheCalendarsWithANote()
      throws IOException {
    // exports by other tools than the API write the wall time and the zone apart; read in the
    // business's zone (São Paulo) 10:30 in Lisbon came out three hours late
    Path page =
        write(
            "events-0001.json",
            """
            {
              "kind": "calendar#events",
              "timeZone": "Europe/Lisbon",
              "items": [
                {"id": "own", "start": {"dateTime": "2026-03-14T10:30:00", "timeZone": "America/New_York"},
                 "end": {"dateTime": "2026-03-14T11:30:00-04:00"}},
                {"id": "calendars", "start": {"dateTime": "2026-07-14T10:30:00"}}
              ]
            }
            """);

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    JsonNode own = sink.json("calendar:" + CALENDAR_ID + "/own");
    assertThat(own.at("/start/dateTime").asText()).isEqualTo("2026-03-14T10:30:00-04:00");
    assertThat(own.at("/end/dateTime").asText()).isEqualTo("2026-03-14T11:30:00-04:00");
    assertThat(own.get("_notes"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "start.dateTime 2026-03-14T10:30:00 has no offset: read in its timeZone"
                + " America/New_York as 2026-03-14T10:30:00-04:00");
    JsonNode calendars = sink.json("calendar:" + CALENDAR_ID + "/calendars");
    assertThat(calendars.at("/start/dateTime").asText()).isEqualTo("2026-07-14T10:30:00+01:00");
    assertThat(calendars.get("_notes").get(0).asText())
        .contains("read in the calendar's timeZone Europe/Lisbon");
  }

  @Test
  void anEventGetsTheSameIdFromItsApiPageAndItsIcsExport() throws IOException {
    // a Google-made event, an imported one (Google gives it an id of its own, keeps its UID) and
    // one occurrence of a weekly series, as the API lists them with singleEvents=true
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "items": [
              {"id": "v8idmr6vj9", "iCalUID": "v8idmr6vj9@google.com", "status": "confirmed",
               "start": {"dateTime": "2026-03-14T09:00:00Z"}, "end": {"dateTime": "2026-03-14T10:00:00Z"}},
              {"id": "_60q30c1g60o30e1i60o4ac1g", "iCalUID": "booking-77@shop.example", "status": "confirmed",
               "start": {"dateTime": "2026-03-15T09:00:00Z"}, "end": {"dateTime": "2026-03-15T10:00:00Z"}},
              {"id": "wash_20260302T080000Z", "iCalUID": "wash@google.com", "recurringEventId": "wash",
               "originalStartTime": {"dateTime": "2026-03-02T08:00:00Z"}, "status": "confirmed",
               "start": {"dateTime": "2026-03-02T08:00:00Z"}, "end": {"dateTime": "2026-03-02T09:00:00Z"}}
            ]}
            """);
    Path ics = dir.resolve("ics").resolve(CALENDAR_ID + ".ics");
    Files.createDirectories(ics.getParent());
    Files.writeString(
        ics,
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Google Inc//Google Calendar 70.9054//EN
        BEGIN:VEVENT
        UID:v8idmr6vj9@google.com
        DTSTAMP:20260301T000000Z
        DTSTART:20260314T090000Z
        DTEND:20260314T100000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:booking-77@shop.example
        DTSTAMP:20260301T000000Z
        DTSTART:20260315T090000Z
        DTEND:20260315T100000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:wash@google.com
        DTSTAMP:20260301T000000Z
        DTSTART:20260302T080000Z
        DTEND:20260302T090000Z
        RRULE:FREQ=WEEKLY;COUNT=2
        END:VEVENT
        END:VCALENDAR
        """);

    List<String> fromApi = CollectingSink.read(new CalendarEventsJsonReader(), page).refs();
    List<String> fromIcs = CollectingSink.read(new IcsReader(), ics).refs();

    String prefix = "calendar:" + CALENDAR_ID + "/";
    assertThat(fromApi)
        .containsExactly(
            prefix + "v8idmr6vj9",
            prefix + "booking-77@shop.example",
            prefix + "wash_20260302T080000Z");
    assertThat(fromIcs).containsAll(fromApi);
  }

  @Test
  void anEmptyPageAndAPageOfAByteOrderMarkAloneSayWhatTheyHold() throws IOException {
    Path empty = write("events-0001.json", "");
    Path bomOnly = dir.resolve("calendar").resolve(CALENDAR_ID).resolve("events-0002.json");
    Files.write(bomOnly, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

    CollectingSink fromEmpty = CollectingSink.read(new CalendarEventsJsonReader(), empty);
    CollectingSink fromBom = CollectingSink.read(new CalendarEventsJsonReader(), bomOnly);

    assertThat(fromEmpty.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .isEqualTo("Cannot read calendar page " + empty + ": it is empty"));
    assertThat(fromBom.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .isEqualTo(
                        "Cannot read calendar page "
                            + bomOnly
                            + ": it holds only a byte order mark (EF BB BF), nothing after it"));
  }

  @Test
  void anEventEndingBeforeItStartsIsQuarantinedNamingItsUidAndBothTimes() throws IOException {
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "timeZone": "Europe/Lisbon", "items": [
              {"id": "swapped", "iCalUID": "swapped@google.com", "summary": "RW-7 Ana",
               "start": {"dateTime": "2026-05-13T10:00:00+01:00"},
               "end": {"dateTime": "2026-05-06T10:00:00+01:00"}},
              {"id": "days", "start": {"date": "2026-05-10"}, "end": {"date": "2026-05-08"}},
              {"id": "local", "start": {"dateTime": "2026-05-10T12:00:00"},
               "end": {"dateTime": "2026-05-10T11:00:00"}},
              {"id": "ok", "start": {"dateTime": "2026-05-10T10:00:00Z"},
               "end": {"dateTime": "2026-05-10T11:00:00+01:00"}}
            ]}
            """);

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    // before: each was a record, a booking returned before its pickup, without a word
    assertThat(sink.refs()).containsExactly("calendar:" + CALENDAR_ID + "/ok");
    assertThat(sink.quarantined)
        .extracting(q -> q.reason())
        .containsExactly(
            "Cannot read calendar event swapped@google.com: it ends before it starts:"
                + " end.dateTime 2026-05-06T10:00:00+01:00 is before start.dateTime"
                + " 2026-05-13T10:00:00+01:00 (summary 'RW-7 Ana'); neither time is taken for the"
                + " event (were they swapped?)",
            "Cannot read calendar event days: it ends before it starts: end.date 2026-05-08 is"
                + " before start.date 2026-05-10; neither time is taken for the event (were they"
                + " swapped?)",
            "Cannot read calendar event local: it ends before it starts: end.dateTime"
                + " 2026-05-10T11:00:00+01:00 is before start.dateTime 2026-05-10T12:00:00+01:00;"
                + " neither time is taken for the event (were they swapped?)");
    assertThat(sink.quarantined.get(0).location()).isEqualTo(page + ":2:3");
    assertThat(sink.quarantined.get(0).excerpt()).contains("swapped@google.com");
  }

  @Test
  void itemWithoutIdIsQuarantined() throws IOException {
    Path page =
        write(
            "events-0002.json",
            "{\"kind\":\"calendar#events\",\"items\":[{\"summary\":\"no id\"},{\"id\":\"ok1\"}]}");

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    assertThat(sink.refs()).containsExactly("calendar:" + CALENDAR_ID + "/ok1");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.reason())
                  .isEqualTo("Cannot read calendar event items[0]: field id is missing");
              assertThat(q.excerpt()).contains("no id");
            });
  }

  @Test
  void brokenPageKeepsTheItemsBeforeTheBreak() throws IOException {
    Path page =
        write(
            "events-0003.json",
            "{\"kind\":\"calendar#events\",\"summary\":\"Porto\",\"items\":[\n{\"id\":\"e1\"},\n{\"id\":\"e2\",\"start\":{");

    CollectingSink sink = new CollectingSink();

    // the events after the break cannot be read: the page is not read to its end, and says so
    assertThatThrownBy(() -> new CalendarEventsJsonReader().read(page, "calendar", sink))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot read calendar page " + page)
        .hasMessageContaining("to its end: broken JSON at ");
    assertThat(sink.refs()).containsExactly("calendar:" + CALENDAR_ID + "/e1");
    assertThat(
            sink.json("calendar:" + CALENDAR_ID + "/e1").get("_calendar").get("summary").asText())
        .isEqualTo("Porto");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.location()).startsWith(page + ":3:");
              assertThat(q.reason()).contains("broken JSON");
            });
  }

  @Test
  void fileThatIsNotAnEventsPageIsQuarantined() throws IOException {
    Path page = write("events-0004.json", "{\"kind\":\"calendar#calendarList\",\"entries\":[]}");

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    assertThat(sink.records).isEmpty();
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("calendar#calendarList"));
  }

  @Test
  void aPageSayingMoreFollowWhoseNextPageIsMissingIsReadThenReportedNotReadToItsEnd()
      throws IOException {
    // what a fetch that failed on page 2 leaves in its snapshot
    Path page =
        write(
            "events-0001.json",
            "{\"kind\": \"calendar#events\", \"nextPageToken\": \"tok2\", \"items\": ["
                + "{\"id\": \"a1\", \"status\": \"confirmed\"}]}");
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> new CalendarEventsJsonReader().read(page, "calendar", sink))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cannot read calendar " + CALENDAR_ID + " to its end")
        .hasMessageContaining("events-0002.json is missing");
    assertThat(sink.refs()).containsExactly("calendar:" + CALENDAR_ID + "/a1");
  }

  @Test
  void itemsThatAreNotAListAreQuarantinedNotSkipped() throws IOException {
    Path page =
        write(
            "events-0001.json",
            "{\"kind\": \"calendar#events\", \"items\": {\"id\": \"a1\", \"status\":"
                + " \"confirmed\"}}");

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    assertThat(sink.records).isEmpty();
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.reason()).contains("field items is not a list");
              assertThat(q.excerpt()).contains("a1");
            });
  }

  @Test
  void aSavedErrorAnswerIsReportedWithGooglesCodeAsACalendarNotRead() throws IOException {
    Path page =
        write(
            "events-0001.json",
            "{\"error\": {\"code\": 410, \"message\": \"Sync token is no longer valid\","
                + " \"status\": \"GONE\", \"errors\": [{\"reason\": \"fullSyncRequired\"}]}}");

    assertThatThrownBy(() -> CollectingSink.read(new CalendarEventsJsonReader(), page))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is Google's error answer, not events: 410 GONE Sync token is");
  }

  @Test
  void aCalendarFolderThatHoldsNoPageIsAPartitionReportedNotReadNamingTheFolder() throws Exception {
    // what a fetch that failed before its first page leaves
    write("events-0001.json", "{\"kind\": \"calendar#events\", \"items\": []}");
    Path empty = Files.createDirectories(dir.resolve("calendar").resolve("porto@group"));
    Files.writeString(empty.resolve(".events-1.json.partial"), "{\"kind\": \"calen");
    PartitionedSource source =
        SourceReaders.open(
            "calendar",
            "calendar-json",
            dir.resolve("calendar"),
            Map.of(),
            new FileSelection(List.of("*.json"), List.of()));

    assertThat(source.partitions()).contains(empty.toAbsolutePath().toString()).hasSize(2);
    assertThatThrownBy(() -> source.read(empty.toAbsolutePath().toString(), new CollectingSink()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Cannot read calendar porto@group: its folder " + empty)
        .hasMessageContaining("holds no pages")
        .hasMessageContaining("fetch the calendar again");
  }

  @Test
  void aFolderWhoseFetchDidNotFinishGivesItsEventsThenIsReportedNotReadOnce() throws Exception {
    Path page =
        write(
            "events-0001.json",
            "{\"kind\": \"calendar#events\", \"nextPageToken\": \"tok2\", \"items\": ["
                + "{\"id\": \"a1\", \"status\": \"confirmed\"}]}");
    Path mark =
        write(
            "fetch-state.json",
            "{\"kind\": \"salvage#calendarFetch\", \"state\": \"fetching\","
                + " \"timeMin\": \"2026-01-01T00:00:00Z\", \"timeMax\": \"\","
                + " \"written\": \"2026-04-01T10:00:00Z\"}");
    CollectingSink sink = new CollectingSink();

    // the mark speaks for the folder: the page alone does not report the same gap again
    new CalendarEventsJsonReader().read(page, "calendar", sink);
    UnreadPartitionException unread =
        catchThrowableOfType(
            () -> new CalendarEventsJsonReader().read(mark, "calendar", sink),
            UnreadPartitionException.class);

    PartitionFailure failure = unread.failure();
    // named by the calendar, as a run over the API names it, with the mark to find its folder
    assertThat(failure.partition()).isEqualTo(CALENDAR_ID + " (" + mark + ")");
    assertThat(failure.read()).isEqualTo(1);
    assertThat(failure.notRead())
        .isEqualTo(
            "the events of calendar "
                + CALENDAR_ID
                + " between 2026-01-01T00:00:00Z and the last after page 1 (pages 1-1 saved and"
                + " read)");
    assertThat(failure.lastError())
        .startsWith("Cannot read calendar " + CALENDAR_ID + " to its end: ")
        .contains(mark.getParent() + " was left by a fetch that did not finish")
        .contains("since 2026-04-01T10:00:00Z")
        .contains(
            "the 1 page(s) it saved were read (1 event(s)), the events after them are missing")
        .contains("Run salvage fetch again");
    assertThat(sink.refs()).containsExactly("calendar:" + CALENDAR_ID + "/a1");
  }

  @Test
  void aCompleteFetchWhosePageWentMissingIsReportedNotReadNamingThePage() throws IOException {
    write("events-0001.json", "{\"kind\": \"calendar#events\", \"items\": []}");
    write("events-0003.json", "{\"kind\": \"calendar#events\", \"items\": []}");
    Path mark =
        write(
            "fetch-state.json",
            "{\"kind\": \"salvage#calendarFetch\", \"state\": \"complete\", \"pages\": 3}");

    assertThatThrownBy(() -> CollectingSink.read(new CalendarEventsJsonReader(), mark))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("saved 3 page(s)")
        .hasMessageContaining("events-0002.json is missing");
  }

  @Test
  void theMarkOfACompleteFetchGivesNoRecordAndNoError() throws IOException {
    write("events-0001.json", "{\"kind\": \"calendar#events\", \"items\": []}");
    Path mark =
        write(
            "fetch-state.json",
            "{\"kind\": \"salvage#calendarFetch\", \"state\": \"complete\", \"pages\": 1}");

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), mark);

    assertThat(sink.records).isEmpty();
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void aDeletedEventStubIsReadAsARecordCarryingTheCalendarsLastChangeToDateIt() throws IOException {
    // Google's answer with showDeleted: a deleted event and a deleted instance of a series are
    // stubs; the list's own "updated" is the calendar's last change
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "summary": "Lisbon", "updated": "2026-04-02T08:15:00.123Z",
             "timeZone": "Europe/Lisbon", "items": [
              {"kind": "calendar#event", "etag": "\\"3\\"", "id": "gone2", "status": "cancelled"},
              {"kind": "calendar#event", "id": "wash_20260408T080000Z", "status": "cancelled",
               "recurringEventId": "wash",
               "originalStartTime": {"dateTime": "2026-04-08T09:00:00+01:00",
                                     "timeZone": "Europe/Lisbon"}}
             ]}
            """);

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    assertThat(sink.quarantined).isEmpty();
    assertThat(sink.refs())
        .containsExactly(
            "calendar:" + CALENDAR_ID + "/gone2",
            "calendar:" + CALENDAR_ID + "/wash_20260408T080000Z");
    JsonNode stub = sink.json("calendar:" + CALENDAR_ID + "/gone2");
    assertThat(stub.get("status").asText()).isEqualTo("cancelled");
    assertThat(stub.has("updated")).isFalse();
    assertThat(stub.get("_calendar").get("updated").asText()).isEqualTo("2026-04-02T08:15:00.123Z");
  }

  @Test
  void
      aRecurringMasterListedWithoutSingleEventsIsExpandedIntoItsOccurrencesButThoseChangedElsewhere()
          throws IOException {
    // weekly at 09:00 Lisbon time from before the DST change (+00:00) to after it (+01:00); the
    // occurrence of April 15 is excluded, and the one of April 8 is moved by an item on page 2
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "items": [
              {"kind": "calendar#event", "id": "wash", "status": "confirmed",
               "summary": "Service: AA-00-BB (wash)", "iCalUID": "wash@google.com",
               "start": {"dateTime": "2026-03-25T09:00:00Z", "timeZone": "Europe/Lisbon"},
               "end": {"dateTime": "2026-03-25T10:00:00Z", "timeZone": "Europe/Lisbon"},
               "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=6", "EXDATE;TZID=Europe/Lisbon:20260415T090000"]}
            ], "nextPageToken": "p2"}
            """);
    Path second =
        write(
            "events-0002.json",
            """
            {"kind": "calendar#events", "items": [
              {"kind": "calendar#event", "id": "wash_20260408T080000Z", "status": "confirmed",
               "summary": "Service: AA-00-BB (wash, late)", "recurringEventId": "wash",
               "iCalUID": "wash@google.com",
               "originalStartTime": {"dateTime": "2026-04-08T09:00:00+01:00"},
               "start": {"dateTime": "2026-04-08T11:00:00+01:00"},
               "end": {"dateTime": "2026-04-08T12:00:00+01:00"}}
            ]}
            """);

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    String prefix = "calendar:" + CALENDAR_ID + "/wash_";
    assertThat(sink.refs())
        .containsExactly(
            prefix + "20260325T090000Z",
            prefix + "20260401T080000Z",
            prefix + "20260422T080000Z",
            prefix + "20260429T080000Z");
    JsonNode afterDst = sink.json(prefix + "20260401T080000Z");
    assertThat(afterDst.get("start").get("dateTime").asText())
        .isEqualTo("2026-04-01T09:00:00+01:00");
    assertThat(afterDst.get("end").get("dateTime").asText()).isEqualTo("2026-04-01T10:00:00+01:00");
    assertThat(afterDst.get("summary").asText()).isEqualTo("Service: AA-00-BB (wash)");
    assertThat(afterDst.get("recurringEventId").asText()).isEqualTo("wash");
    assertThat(afterDst.has("recurrence")).isFalse();
    assertThat(afterDst.get("_notes").get(0).asText())
        .contains("an occurrence of the recurring event wash", "RRULE:FREQ=WEEKLY;COUNT=6");
    assertThat(sink.record(prefix + "20260401T080000Z").location()).startsWith(page + ":");
    assertThat(sink.quarantined).isEmpty();

    // the moved occurrence is the item of page 2, under the id the expansion would have given it
    CollectingSink moved = CollectingSink.read(new CalendarEventsJsonReader(), second);
    assertThat(moved.refs()).containsExactly(prefix + "20260408T080000Z");
  }

  @Test
  void aMasterWhoseRecurrenceCannotBeExpandedIsItsFirstOccurrenceAndTheRestIsQuarantined()
      throws IOException {
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "items": [
              {"kind": "calendar#event", "id": "yoga", "status": "confirmed",
               "start": {"dateTime": "2026-03-25T09:00:00Z"}, "end": {"dateTime": "2026-03-25T10:00:00Z"},
               "recurrence": ["RRULE:FREQ=WEEKLY;UNTIL=20260431T000000Z"]}
            ]}
            """);

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    String first = "calendar:" + CALENDAR_ID + "/yoga_20260325T090000Z";
    assertThat(sink.refs()).containsExactly(first);
    assertThat(sink.json(first).get("_notes").toString())
        .contains("recurrence not expanded", "UNTIL");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .startsWith(
                        "Cannot read calendar event yoga: its recurrence cannot be expanded")
                    .endsWith("only its first occurrence (DTSTART) was read, the others are not"));
  }

  @Test
  void aMasterWhoseStartCannotBeReadIsKeptAsItIsAndItsSeriesQuarantinedAsNotRead()
      throws IOException {
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "items": [
              {"kind": "calendar#event", "id": "pilates", "start": {"dateTime": "tomorrow 9am"},
               "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]}
            ]}
            """);

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    assertThat(sink.refs()).containsExactly("calendar:" + CALENDAR_ID + "/pilates");
    assertThat(sink.quarantined)
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.reason())
                    .isEqualTo(
                        "Cannot read calendar event pilates: field start is not a date or"
                            + " date-time (tomorrow 9am), so its recurrence cannot be expanded;"
                            + " only its first occurrence was read, the others are not"));
  }

  @Test
  void aCancelledOccurrenceStubWithoutRecurringEventIdReplacesItsOccurrenceByItsInstanceId()
      throws IOException {
    // a stub as some listings give a cancelled instance: its id and originalStartTime only
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "timeZone": "Europe/Warsaw", "items": [
              {"kind": "calendar#event", "id": "rehab", "status": "confirmed", "summary": "Ewa Mazur",
               "start": {"dateTime": "2026-10-13T17:00:00+02:00", "timeZone": "Europe/Warsaw"},
               "end": {"dateTime": "2026-10-13T18:00:00+02:00", "timeZone": "Europe/Warsaw"},
               "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"]},
              {"kind": "calendar#event", "id": "rehab_20261020T150000Z", "status": "cancelled",
               "originalStartTime": {"dateTime": "2026-10-20T17:00:00+02:00"}}
            ]}
            """);

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    // the 20 October occurrence once, as the cancellation, not also as booked from the master
    assertThat(sink.refs())
        .containsExactly(
            "calendar:" + CALENDAR_ID + "/rehab_20261013T150000Z",
            "calendar:" + CALENDAR_ID + "/rehab_20261027T160000Z",
            "calendar:" + CALENDAR_ID + "/rehab_20261020T150000Z");
    assertThat(
            sink.json("calendar:" + CALENDAR_ID + "/rehab_20261020T150000Z").get("status").asText())
        .isEqualTo("cancelled");
  }

  @Test
  void anAllDaySeriesIsExpandedIntoDatesAndACancelledOccurrenceIsLeftToItsItem()
      throws IOException {
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "timeZone": "America/New_York", "items": [
              {"kind": "calendar#event", "id": "hire", "status": "confirmed", "summary": "Kayak K-2",
               "start": {"date": "2026-03-06"}, "end": {"date": "2026-03-07"},
               "recurrence": ["RRULE:FREQ=DAILY;COUNT=4", "EXDATE;VALUE=DATE:20260308"]},
              {"kind": "calendar#event", "id": "hire_20260307", "status": "cancelled",
               "recurringEventId": "hire", "originalStartTime": {"date": "2026-03-07"}}
            ]}
            """);

    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    assertThat(sink.refs())
        .containsExactly(
            "calendar:" + CALENDAR_ID + "/hire_20260306",
            "calendar:" + CALENDAR_ID + "/hire_20260309",
            "calendar:" + CALENDAR_ID + "/hire_20260307");
    JsonNode last = sink.json("calendar:" + CALENDAR_ID + "/hire_20260309");
    assertThat(last.get("start").get("date").asText()).isEqualTo("2026-03-09");
    assertThat(last.get("end").get("date").asText()).isEqualTo("2026-03-10");
    assertThat(sink.json("calendar:" + CALENDAR_ID + "/hire_20260307").get("status").asText())
        .isEqualTo("cancelled");
  }

  @Test
  void aSeriesRepeatingPastTheWindowGivesItsOccurrencesThenThePageIsSaidNotReadToItsEnd()
      throws IOException {
    // a weekly appointment begun long before the backup and never ended
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "items": [
              {"kind": "calendar#event", "id": "rehab", "status": "confirmed",
               "start": {"dateTime": "2025-01-07T09:00:00Z"}, "end": {"dateTime": "2025-01-07T10:00:00Z"},
               "recurrence": ["RRULE:FREQ=WEEKLY"]}
            ]}
            """);
    CollectingSink sink = new CollectingSink();

    assertThatThrownBy(() -> new CalendarEventsJsonReader().read(page, "test", sink))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "Cannot read calendar page "
                + page
                + " to its end: Cannot read calendar event rehab: it repeats past the 400 days read"
                + " from its first occurrence (20250107T090000Z); its occurrences after"
                + " 2026-02-11 are not read");
    assertThat(sink.records).hasSize(58);
    assertThat(sink.records.get(57).ref()).endsWith("/rehab_20260210T090000Z");
  }

  @Test
  void aSeriesOfACalendarWhoseLastChangeIsKnownIsReadAroundItToTheEnd() throws IOException {
    // the page says when the calendar last changed: the series is read around that, not from 2025
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "updated": "2026-05-20T08:00:00.000Z", "items": [
              {"kind": "calendar#event", "id": "rehab", "status": "confirmed",
               "start": {"dateTime": "2025-01-07T09:00:00Z"}, "end": {"dateTime": "2025-01-07T10:00:00Z"},
               "recurrence": ["RRULE:FREQ=WEEKLY"]}
            ]}
            """);
    CollectingSink sink = CollectingSink.read(new CalendarEventsJsonReader(), page);

    assertThat(sink.refs())
        .contains(
            "calendar:" + CALENDAR_ID + "/rehab_20260414T090000Z",
            "calendar:" + CALENDAR_ID + "/rehab_20270622T090000Z")
        .doesNotContain("calendar:" + CALENDAR_ID + "/rehab_20270629T090000Z")
        .hasSize(129);
  }

  @Test
  void aChangeListedOnAPageAddedSinceTheLastReadIsSeenOnTheNextRead() throws IOException {
    // the folder's replaced occurrences are kept between pages: a new listing is a new folder
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "timeZone": "America/New_York", "items": [
              {"kind": "calendar#event", "id": "hire", "status": "confirmed", "summary": "Kayak K-2",
               "start": {"date": "2026-03-06"}, "end": {"date": "2026-03-07"},
               "recurrence": ["RRULE:FREQ=DAILY;COUNT=2"]}
            ]}
            """);
    assertThat(CollectingSink.read(new CalendarEventsJsonReader(), page).refs())
        .containsExactly(
            "calendar:" + CALENDAR_ID + "/hire_20260306",
            "calendar:" + CALENDAR_ID + "/hire_20260307");

    write(
        "events-0002.json",
        """
        {"kind": "calendar#events", "timeZone": "America/New_York", "items": [
          {"kind": "calendar#event", "id": "hire_20260307", "status": "cancelled",
           "recurringEventId": "hire", "originalStartTime": {"date": "2026-03-07"}}
        ]}
        """);

    assertThat(CollectingSink.read(new CalendarEventsJsonReader(), page).refs())
        .containsExactly("calendar:" + CALENDAR_ID + "/hire_20260306");
  }

  @Test
  void anEventWhoseEndIsUnspecifiedHasNoEndFromItsApiPageAsFromItsIcsExport() throws IOException {
    // the API still gives an end "for compatibility", at the start: read, it was a booking
    // returned at its pickup
    Path page =
        write(
            "events-0001.json",
            """
            {"kind": "calendar#events", "items": [
              {"id": "open", "iCalUID": "open@google.com", "status": "confirmed",
               "start": {"dateTime": "2026-11-13T11:00:00+01:00", "timeZone": "Europe/Prague"},
               "end": {"dateTime": "2026-11-13T11:00:00+01:00", "timeZone": "Europe/Prague"},
               "endTimeUnspecified": true},
              {"id": "closed", "iCalUID": "closed@google.com", "status": "confirmed",
               "start": {"dateTime": "2026-11-13T11:00:00+01:00"},
               "end": {"dateTime": "2026-11-13T14:00:00+01:00"}, "endTimeUnspecified": false}
            ]}
            """);
    Path ics = dir.resolve("ics").resolve(CALENDAR_ID + ".ics");
    Files.createDirectories(ics.getParent());
    Files.writeString(
        ics,
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Google Inc//Google Calendar 70.9054//EN
        BEGIN:VEVENT
        UID:open@google.com
        DTSTAMP:20261101T000000Z
        DTSTART;TZID=Europe/Prague:20261113T110000
        END:VEVENT
        END:VCALENDAR
        """);

    CollectingSink fromApi = CollectingSink.read(new CalendarEventsJsonReader(), page);
    CollectingSink fromIcs = CollectingSink.read(new IcsReader(), ics);

    String prefix = "calendar:" + CALENDAR_ID + "/";
    for (JsonNode open : List.of(fromApi.json(prefix + "open"), fromIcs.json(prefix + "open"))) {
      assertThat(open.has("end")).isFalse();
      assertThat(open.get("endTimeUnspecified").asBoolean()).isTrue();
      assertThat(open.get("_notes").toString()).contains("has no end");
    }
    assertThat(fromApi.json(prefix + "open").get("_notes").toString())
        .contains("2026-11-13T11:00:00+01:00");
    assertThat(fromApi.json(prefix + "closed").at("/end/dateTime").asText())
        .isEqualTo("2026-11-13T14:00:00+01:00");
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve("calendar").resolve(CALENDAR_ID).resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
