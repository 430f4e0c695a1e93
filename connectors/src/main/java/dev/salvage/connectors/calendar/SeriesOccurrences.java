package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The occurrences of a recurring event as a {@code calendar-json} page listed without {@code
 * singleEvents=true} holds it: one master item whose {@code recurrence} lines (RRULE, RDATE,
 * EXDATE) Google would have expanded. They are expanded as the .ics reader expands an export's
 * series (same rules, the same window around the calendar's latest change, same instance ids {@code
 * <series>_<UTC start>}), so a calendar gives the same records whichever way it was saved; an
 * occurrence that a changed or cancelled instance of the calendar replaces ({@code
 * recurringEventId} + {@code originalStartTime}, an item of its own) is left to that item.
 */
final class SeriesOccurrences {
  /** One expanded occurrence: the master's fields with this occurrence's id and times. */
  record Occurrence(String id, ObjectNode json) {}

  /**
   * What expanding a master gave: its occurrences, why some are quarantined ({@code incomplete}),
   * and the range of it not read ({@code notRead}: occurrences past the window), else empty.
   */
  record Expansion(List<Occurrence> occurrences, List<String> incomplete, List<String> notRead) {
    Expansion {
      occurrences = List.copyOf(occurrences);
      incomplete = List.copyOf(incomplete);
      notRead = List.copyOf(notRead);
    }
  }

  private SeriesOccurrences() {}

  /**
   * Expands {@code master}, its wall-clock times counted in its start's {@code timeZone}, else the
   * calendar's {@code calendarZone}, else UTC; occurrences whose key (see {@link #key}) is in
   * {@code replaced} are left out.
   *
   * @throws BrokenEventException when its times or recurrence lines cannot be read
   */
  static Expansion of(
      JsonNode master, String calendarZone, Set<String> replaced, Instant latestChange)
      throws BrokenEventException {
    String seriesId = master.get("id").asText();
    List<String> lines = new ArrayList<>();
    lines.add("BEGIN:VEVENT");
    lines.add("UID:" + seriesId);
    lines.add(timeLine("DTSTART", master.path("start"), calendarZone, seriesId));
    if (master.path("end").isObject()) {
      lines.add(timeLine("DTEND", master.path("end"), calendarZone, seriesId));
    }
    for (JsonNode line : master.get("recurrence")) {
      if (!line.isTextual()) {
        throw new BrokenEventException(
            "Cannot read calendar event " + seriesId + ": field recurrence holds " + line, 0);
      }
      lines.add(line.asText().strip());
    }
    lines.add("END:VEVENT");
    List<Long> numbers = new ArrayList<>();
    for (long n = 1; n <= lines.size(); n++) {
      numbers.add(n);
    }
    IcsBlocks.Block block = new IcsBlocks.Block("VEVENT", lines, numbers, 1, List.of());
    IcsEvents events =
        new IcsEvents(
            JsonNodeFactory.instance.objectNode(),
            calendarZone,
            List.of(),
            null,
            latestChange,
            // the API's series carry their own zones; no business guess for them
            null);
    List<Occurrence> occurrences = new ArrayList<>();
    List<String> incomplete = new ArrayList<>();
    List<String> notRead = new ArrayList<>();
    List<BrokenEventException> broken = new ArrayList<>();
    events.convert(
        block,
        List.of(),
        new IcsEvents.Output() {
          @Override
          public void event(String id, ObjectNode json, long line) {
            if (replaced.contains(key(seriesId, json.path("originalStartTime")))) {
              return;
            }
            ObjectNode occurrence = master.deepCopy();
            occurrence.remove("recurrence");
            occurrence.put("id", id);
            occurrence.set("start", json.get("start"));
            if (json.has("end")) {
              occurrence.set("end", json.get("end"));
            } else {
              occurrence.remove("end");
            }
            occurrence.put("recurringEventId", seriesId);
            occurrence.set("originalStartTime", json.get("originalStartTime"));
            occurrence
                .withArray(IcsEvents.NOTES)
                .add(
                    "an occurrence of the recurring event "
                        + seriesId
                        + " (recurrence "
                        + master.get("recurrence")
                        + "), expanded here as Google lists it with singleEvents=true: the page"
                        + " listed the series as one master event");
            json.path(IcsEvents.NOTES).forEach(occurrence.withArray(IcsEvents.NOTES)::add);
            occurrences.add(new Occurrence(id, occurrence));
          }

          @Override
          public void broken(IcsBlocks.Block block, BrokenEventException reason) {
            broken.add(reason);
          }

          @Override
          public void incomplete(long line, String reason) {
            incomplete.add(reason);
          }

          @Override
          public void notRead(long line, String reason) {
            notRead.add(reason);
          }
        });
    if (!broken.isEmpty()) {
      throw broken.get(0);
    }
    return new Expansion(occurrences, incomplete, notRead);
  }

  /**
   * The key of an occurrence of series {@code seriesId} starting at {@code originalStart} (an
   * event's {@code originalStartTime}), the same for an expanded occurrence and the item that
   * changes or cancels it however its offset is written; null when the time cannot be read.
   */
  static String key(String seriesId, JsonNode originalStart) {
    JsonNode date = originalStart.get("date");
    if (date != null && date.isTextual()) {
      return seriesId + "_" + date.asText().replace("-", "");
    }
    JsonNode dateTime = originalStart.get("dateTime");
    if (dateTime == null || !dateTime.isTextual()) {
      return null;
    }
    try {
      return seriesId + "_" + When.UTC_BASIC.format(OffsetDateTime.parse(dateTime.asText()));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The series of an occurrence listed without {@code recurringEventId} (a cancelled instance's
   * stub of {@code id} and {@code originalStartTime} alone, as some listings give it): its id is
   * Google's instance id, {@code <series>_<original start>}, so the part before that suffix; else
   * null. Until 2026-12-07 such a stub did not replace its occurrence, which the master's expansion
   * gave as well: two records of one ref, one booked and one cancelled.
   */
  private static String seriesOfInstance(JsonNode item) {
    JsonNode id = item.get("id");
    if (id == null || !id.isTextual() || !item.has("originalStartTime")) {
      return null;
    }
    String suffix = key("", item.path("originalStartTime"));
    String text = id.asText();
    return suffix != null && text.length() > suffix.length() && text.endsWith(suffix)
        ? text.substring(0, text.length() - suffix.length())
        : null;
  }

  /**
   * The keys of the changed or cancelled occurrences that the pages in {@code page}'s folder (the
   * calendar's other pages: a change may be listed pages after its series) hold, {@code page}
   * included. A page that cannot be read gives none here; it is reported where it is read.
   *
   * <p>Kept per folder as it was listed (names, sizes, modification times): every page with a
   * series asks, and scanning the folder for each made a calendar of P pages cost P² page reads
   * (300 pages of a clinic's weekly series: 90,000).
   */
  static Set<String> replacedBeside(Path page) {
    Path folder = page.toAbsolutePath().getParent();
    List<Path> pages = new ArrayList<>();
    StringBuilder listing = new StringBuilder(folder.toString());
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path other : entries) {
        String name = other.getFileName().toString();
        if (Files.isRegularFile(other) && (name.endsWith(".json") || name.endsWith(".json.gz"))) {
          pages.add(other);
        }
      }
      pages.sort(null);
      for (Path other : pages) {
        listing
            .append('\n')
            .append(other.getFileName())
            .append('\t')
            .append(Files.size(other))
            .append('\t')
            .append(Files.getLastModifiedTime(other).toMillis());
      }
    } catch (IOException e) {
      Set<String> keys = new HashSet<>();
      collectReplaced(CalendarEventsJsonReader.Page.of(page), keys);
      return keys;
    }
    return REPLACED_BY_LISTING.computeIfAbsent(
        listing.toString(),
        key -> {
          Set<String> keys = new HashSet<>();
          for (Path other : pages) {
            collectReplaced(CalendarEventsJsonReader.Page.of(other), keys);
          }
          return Collections.unmodifiableSet(keys);
        });
  }

  /** {@link #replacedBeside}'s folders, the last few listed: a worker reads few calendars. */
  private static final Map<String, Set<String>> REPLACED_BY_LISTING =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
              return size() > 16;
            }
          });

  /** Adds the keys of the changed or cancelled occurrences {@code page} holds to {@code keys}. */
  static void collectReplaced(CalendarEventsJsonReader.Page page, Set<String> keys) {
    try (JsonParser parser = page.open()) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("items") && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode item = parser.readValueAsTree();
            JsonNode series = item.get("recurringEventId");
            String seriesId =
                series != null && series.isTextual() ? series.asText() : seriesOfInstance(item);
            if (seriesId != null) {
              String key = key(seriesId, item.path("originalStartTime"));
              if (key != null) {
                keys.add(key);
              }
            }
          }
          return;
        }
        parser.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      // not a page, or a broken one: its reading reports it
    }
  }

  private static String timeLine(String property, JsonNode time, String calendarZone, String id)
      throws BrokenEventException {
    JsonNode date = time.get("date");
    if (date != null && date.isTextual()) {
      try {
        return property
            + ";VALUE=DATE:"
            + LocalDate.parse(date.asText()).format(DateTimeFormatter.BASIC_ISO_DATE);
      } catch (DateTimeParseException e) {
        throw unreadable(id, property, date.asText());
      }
    }
    JsonNode dateTime = time.get("dateTime");
    if (dateTime == null || !dateTime.isTextual()) {
      throw new BrokenEventException(
          "Cannot read calendar event "
              + id
              + ": field "
              + (property.equals("DTSTART") ? "start" : "end")
              + " has neither date nor dateTime, so its recurrence cannot be expanded",
          0);
    }
    OffsetDateTime at;
    try {
      at = OffsetDateTime.parse(dateTime.asText());
    } catch (DateTimeParseException e) {
      throw unreadable(id, property, dateTime.asText());
    }
    JsonNode named = time.get("timeZone");
    String zone = named != null && named.isTextual() ? named.asText() : calendarZone;
    if (zone == null) {
      return property + ":" + When.UTC_BASIC.format(at);
    }
    try {
      return property
          + ";TZID="
          + zone
          + ":"
          + at.atZoneSameInstant(ZoneId.of(zone)).toLocalDateTime().format(EventTimes.LOCAL_BASIC);
    } catch (RuntimeException e) {
      throw new BrokenEventException(
          "Cannot read calendar event "
              + id
              + ": its time zone "
              + zone
              + " is not a tz database name, so its recurrence cannot be expanded",
          0);
    }
  }

  private static BrokenEventException unreadable(String id, String property, String value) {
    return new BrokenEventException(
        "Cannot read calendar event "
            + id
            + ": field "
            + (property.equals("DTSTART") ? "start" : "end")
            + " is not a date or date-time ("
            + value
            + "), so its recurrence cannot be expanded",
        0);
  }
}
