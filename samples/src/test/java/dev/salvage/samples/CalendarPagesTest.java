package dev.salvage.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CalendarPagesTest {
  private static Path scenario;

  @BeforeAll
  static void generate() {
    scenario = Scenarios.generated(Scenarios.small());
  }

  private static Map<String, List<JsonNode>> eventsByCalendar() throws Exception {
    Map<String, List<JsonNode>> byCalendar = new HashMap<>();
    try (var dirs = Files.list(scenario.resolve("calendar"))) {
      for (Path dir : dirs.sorted().toList()) {
        String calendarId = dir.getFileName().toString();
        List<Path> pages = Scenarios.files(dir, "events-*.json");
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
          JsonNode page = Scenarios.json(pages.get(i));
          assertThat(page.get("kind").asText()).isEqualTo("calendar#events");
          assertThat(page.has("nextPageToken")).isEqualTo(i < pages.size() - 1);
          assertThat(page.get("accessRole").asText()).isEqualTo("reader");
          for (JsonNode event : page.get("items")) {
            assertThat(event.get("organizer").get("email").asText()).isEqualTo(calendarId);
            events.add(event);
          }
        }
        byCalendar.put(calendarId, events);
      }
    }
    return byCalendar;
  }

  @Test
  void oneCalendarPerBranchWithConsistentPages() throws Exception {
    Map<String, List<JsonNode>> calendars = eventsByCalendar();
    assertThat(calendars).hasSize(Catalog.LOCATIONS.size());
    for (List<JsonNode> events : calendars.values()) {
      assertThat(events).isNotEmpty();
      for (JsonNode event : events) {
        assertThat(event.get("kind").asText()).isEqualTo("calendar#event");
        assertThat(event.get("iCalUID").asText())
            .isEqualTo(event.get("id").asText() + "@google.com");
        assertThat(event.get("status").asText()).isIn("confirmed", "cancelled");
        OffsetDateTime start = OffsetDateTime.parse(event.get("start").get("dateTime").asText());
        OffsetDateTime end = OffsetDateTime.parse(event.get("end").get("dateTime").asText());
        assertThat(end).isAfter(start);
        assertThat(event.get("updated").asText())
            .isGreaterThanOrEqualTo(event.get("created").asText());
      }
    }
  }

  @Test
  void bookingEventsAgreeWithTheTruthAndSomeUseAnotherZoneThanTheirBranch() throws Exception {
    Map<String, JsonNode> truthByEvent = new HashMap<>();
    for (JsonNode reservation : Scenarios.jsonLines(scenario.resolve("truth/reservations.jsonl"))) {
      if (!reservation.get("calendar_uid").isNull()) {
        truthByEvent.put(reservation.get("calendar_uid").asText(), reservation);
      }
    }
    Pattern title = Pattern.compile("^(?:(RW-[0-9A-Z]{6}) · )?([^·]+?) · ([A-Z0-9 -]+)$");
    int bookings = 0;
    int withReference = 0;
    int otherZone = 0;
    for (Map.Entry<String, List<JsonNode>> calendar : eventsByCalendar().entrySet()) {
      Catalog.Location branch =
          Catalog.LOCATIONS.stream()
              .filter(l -> l.calendarId().equals(calendar.getKey()))
              .findFirst()
              .orElseThrow();
      for (JsonNode event : calendar.getValue()) {
        JsonNode reservation = truthByEvent.get(event.get("id").asText());
        if (reservation == null) {
          assertThat(event.get("summary").asText()).startsWith("Service: ");
          continue;
        }
        bookings++;
        Matcher matcher = title.matcher(event.get("summary").asText());
        assertThat(matcher.matches()).as(event.get("summary").asText()).isTrue();
        if (matcher.group(1) != null) {
          withReference++;
          assertThat(matcher.group(1)).isEqualTo(reservation.get("reference").asText());
        }
        assertThat(matcher.group(3)).isEqualTo(reservation.get("vehicle").asText());
        assertThat(reservation.get("pickup_location").asText()).isEqualTo(branch.code());
        assertThat(OffsetDateTime.parse(event.get("start").get("dateTime").asText()).toInstant())
            .hasToString(reservation.get("pickup_at").asText());
        assertThat(event.get("status").asText()).isEqualTo(reservation.get("status").asText());
        if (!event.get("start").get("timeZone").asText().equals(branch.zone().getId())) {
          otherZone++;
        }
      }
    }
    assertThat(bookings).isEqualTo(truthByEvent.size());
    assertThat((double) withReference / bookings).isBetween(0.5, 0.7);
    assertThat(otherZone).isPositive();
  }

  @Test
  void icsExportsHoldTheSameEventsFoldedAndEscaped() throws Exception {
    for (Map.Entry<String, List<JsonNode>> calendar : eventsByCalendar().entrySet()) {
      byte[] bytes =
          Files.readAllBytes(scenario.resolve("ics").resolve(calendar.getKey() + ".ics"));
      String ics = new String(bytes, StandardCharsets.UTF_8);
      assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
      for (String line : ics.split("\r\n")) {
        assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        assertThat(line).doesNotContain("\n");
      }
      String unfolded = ics.replace("\r\n ", "");
      TreeSet<String> uids = new TreeSet<>();
      TreeSet<String> tzids = new TreeSet<>();
      for (String line : unfolded.split("\r\n")) {
        if (line.startsWith("UID:")) {
          uids.add(line.substring(4));
        }
        if (line.startsWith("DTSTART;TZID=")) {
          tzids.add(line.substring(13, line.indexOf(':')));
        }
        if (line.startsWith("LOCATION:")) {
          assertThat(line).doesNotContainPattern("[^\\\\],");
        }
      }
      TreeSet<String> expected = new TreeSet<>();
      calendar.getValue().forEach(e -> expected.add(e.get("iCalUID").asText()));
      assertThat(uids).isEqualTo(expected);
      for (String tzid : tzids) {
        assertThat(unfolded).contains("BEGIN:VTIMEZONE\r\nTZID:" + tzid + "\r\n");
      }
      assertThat(unfolded)
          .contains("X-WR-CALNAME:", "X-WR-TIMEZONE:", "SEQUENCE:", "STATUS:", "LAST-MODIFIED:");
    }
  }
}
