package dev.salvage.connectors.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvage.connectors.CollectingSink;
import dev.salvage.connectors.SourceReaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flat events.list layout, one calendar per car: {@code <name>-page-N.json} beside {@code
 * calendarList.json}; each page's calendar id comes from the list, and the list is not read as
 * events.
 */
class CalendarListLayoutTest {
  private static final String LIST =
      """
      {"kind": "calendar#calendarList", "items": [
        {"kind": "calendar#calendarListEntry", "id": "c_0a1b@group.calendar.google.com",
         "summary": "Car M-AB 123", "timeZone": "Europe/Berlin"},
        {"kind": "calendar#calendarListEntry", "id": "c_9z8y@group.calendar.google.com",
         "summary": "Car HH-CD 45", "summaryOverride": "Golf HH-CD 45"},
        {"kind": "calendar#calendarListEntry", "id": "fleet@example.com", "summary": "Fleet"}
      ]}
      """;

  @TempDir Path dir;

  @BeforeEach
  void writeList() throws IOException {
    Files.writeString(dir.resolve("calendarList.json"), LIST);
  }

  private static String page(String summary, String eventId) {
    return """
        {"kind": "calendar#events", "summary": %s, "timeZone": "Europe/Berlin",
         "items": [{"id": "%s", "status": "confirmed", "summary": "Booking"}]}
        """
        .formatted(summary == null ? "null" : "\"" + summary + "\"", eventId);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void thePagesOwnSummaryNamesItsCalendarInTheList() throws Exception {
    write("car-1-page-1.json", page("Car M-AB 123", "e1"));
    write("car-1-page-2.json", page("Car M-AB 123", "e2"));
    write("golf-page-1.json", page("Golf HH-CD 45", "e3"));

    CollectingSink sink =
        CollectingSink.readAll(SourceReaders.open("calendar", "calendar-json", dir, Map.of()));

    assertThat(sink.refs())
        .containsExactlyInAnyOrder(
            "calendar:c_0a1b@group.calendar.google.com/e1",
            "calendar:c_0a1b@group.calendar.google.com/e2",
            "calendar:c_9z8y@group.calendar.google.com/e3");
    assertThat(
            sink.json("calendar:c_0a1b@group.calendar.google.com/e1").at("/_calendar/id").asText())
        .isEqualTo("c_0a1b@group.calendar.google.com");
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void theFileNameNamesTheCalendarByIdOrBySummary() throws Exception {
    Path byId = write("fleet@example.com-page-1.json", page(null, "e1"));
    Path bySummary = write("car-hh-cd-45-page-3.json", page(null, "e2"));
    assertThat(CollectingSink.read(new CalendarEventsJsonReader(), byId).refs())
        .containsExactly("calendar:fleet@example.com/e1");
    assertThat(CollectingSink.read(new CalendarEventsJsonReader(), bySummary).refs())
        .containsExactly("calendar:c_9z8y@group.calendar.google.com/e2");
  }

  @Test
  void theListItselfHoldsNoEvents() throws Exception {
    CollectingSink sink =
        CollectingSink.read(new CalendarEventsJsonReader(), dir.resolve("calendarList.json"));
    assertThat(sink.records).isEmpty();
    assertThat(sink.quarantined).isEmpty();
  }

  @Test
  void aPageNoCalendarOfTheListFitsIsNotReadAndSaysWhy() throws Exception {
    Path page = write("van-page-1.json", page("Van B-XY 12", "e1"));
    assertThatThrownBy(() -> CollectingSink.read(new CalendarEventsJsonReader(), page))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot tell which calendar "
                + page
                + " belongs to: "
                + dir.resolve("calendarList.json")
                + " has no calendar with id \"van\" or summary \"Van B-XY 12\"");
  }

  @Test
  void aDamagedListIsNamedByEveryPageItLeavesUnreadNotJustJacksonsComplaint() throws Exception {
    Path page = write("car-1-page-1.json", page("Car M-AB 123", "e1"));
    Path list = dir.resolve("calendarList.json");
    Files.write(list, new byte[] {'{', 0x16, 0x01, 0x7f, '"'});

    // before: "Illegal character ((CTRL-CHAR, code 22)): ... [Source: REDACTED ...]" for each
    // page, and calendarList.json named nowhere
    assertThatThrownBy(() -> CollectingSink.read(new CalendarEventsJsonReader(), page))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "Cannot tell which calendar "
                + page
                + " belongs to: "
                + list
                + ", which names the calendars of the pages beside it, is not JSON (broken at "
                + list
                + ":1:")
        .hasMessageEndingWith("); mend it, or fetch the calendars again")
        .hasMessageNotContaining("REDACTED");
  }

  @Test
  void withoutAListTheDirectoryNamesTheCalendarAsBefore() throws Exception {
    Path calendar = Files.createDirectories(dir.resolve("other/lisbon@group.calendar.google.com"));
    Path page = Files.writeString(calendar.resolve("events-0001.json"), page("Lisbon", "e1"));
    assertThat(CollectingSink.read(new CalendarEventsJsonReader(), page).refs())
        .containsExactly("calendar:lisbon@group.calendar.google.com/e1");
  }
}
