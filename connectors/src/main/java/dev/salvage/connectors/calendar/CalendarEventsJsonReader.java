package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.SourceReader;
import dev.salvage.connectors.UnreadPartitionException;
import dev.salvage.connectors.io.InputFiles;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one Google Calendar {@code events.list} response page (source type {@code calendar-json}),
 * laid out as {@code calendar/<calendarId>/events-NNNN.json}: the calendar id is the name of the
 * directory holding the file; or flat, as {@code <name>-page-N.json} beside the account's {@code
 * calendarList.json}, which gives the id ({@link CalendarList}; the list itself holds no events).
 * Each item becomes a {@code calendar.event} record with ref {@code
 * calendar:<calendarId>/<eventId>} and the event plus {@code _calendar{id, summary, timeZone,
 * updated}} as its JSON ({@code updated}, the calendar's last change, when the page has it). Items
 * are streamed; broken JSON is quarantined at {@code file:line:column}, the items before it are
 * kept, and the page fails as not read to its end (the run lists it, exit 3).
 */
public final class CalendarEventsJsonReader implements SourceReader {
  static final String KIND = "calendar.event";

  /**
   * One events.list page, opened twice because Google may write the page's own fields after its
   * items.
   */
  interface Page {
    JsonParser open() throws IOException;

    /** The file or URL the page came from, for locations and messages. */
    String where();

    /** What the page holds when it holds no JSON value: empty, or a byte order mark alone. */
    default String nothingIn() {
      return "it is empty";
    }

    /**
     * The keys ({@link SeriesOccurrences#key}) of the changed or cancelled occurrences of recurring
     * events listed on this page or on the calendar's other pages, asked for only when the page
     * holds a series' master.
     */
    default Set<String> replacedOccurrences() {
      Set<String> keys = new HashSet<>();
      SeriesOccurrences.collectReplaced(this, keys);
      return keys;
    }

    static Page of(Path file) {
      return new Page() {
        @Override
        public JsonParser open() throws IOException {
          return JsonInput.open(file);
        }

        @Override
        public String where() {
          return file.toString();
        }

        @Override
        public String nothingIn() {
          return InputFiles.nothingIn(file);
        }

        @Override
        public Set<String> replacedOccurrences() {
          return SeriesOccurrences.replacedBeside(file);
        }
      };
    }

    static Page of(String url, byte[] content) {
      return new Page() {
        @Override
        public JsonParser open() throws IOException {
          return JsonInput.MAPPER.createParser(content);
        }

        @Override
        public String where() {
          return url;
        }
      };
    }
  }

  /**
   * A calendar folder that holds no page is a partition of its own: {@link #read} reports it as not
   * read.
   */
  @Override
  public boolean emptyDirectoryIsMissingInput() {
    return true;
  }

  @Override
  public void read(Path file, String sourceName, RecordSink sink) throws IOException {
    if (Files.isDirectory(file)) {
      // a fetch that failed before its first page (before fetches marked their folders) leaves
      // it so; an empty calendar is still one page with no items, never an empty folder
      throw new IOException(
          "Cannot read calendar "
              + nameOf(file)
              + ": its folder "
              + file
              + " holds no pages (a fetch that failed before the first page leaves it so); fetch"
              + " the calendar again, or remove the folder if it is not a calendar");
    }
    if (FetchState.isMark(file)) {
      String calendarId = calendarIdOf(file);
      try {
        FetchState.check(file, calendarId);
      } catch (FetchState.Unfinished unfinished) {
        // said of the calendar, with the events its saved pages gave: "0 read, all of it" of the
        // mark itself contradicted the message, which says those pages were read
        throw new UnreadPartitionException(
            unfinished.failure(sourceName, calendarId, file), unfinished);
      }
      return;
    }
    if (CalendarList.isList(file)) {
      return; // the flat layout's index of calendars: it names them, it holds no events
    }
    CalendarList list = CalendarList.besides(file);
    if (list != null) {
      Page page = Page.of(file);
      JsonNode summary = pageFields(page).get("summary");
      String calendarId = list.idOf(file, summary == null ? null : summary.asText());
      checkNextPage(file, calendarId, readPage(page, calendarId, sourceName, sink));
      return;
    }
    String calendarId = calendarIdOf(file);
    ObjectNode fields = readPage(Page.of(file), calendarId, sourceName, sink);
    if (!FetchState.marks(file)) {
      // a folder a fetch marked is checked whole by its mark, which knows how many pages it saved
      checkNextPage(file, calendarId, fields);
    }
  }

  /** The calendar id of a page of the nested layout: the name of its directory. */
  private static String calendarIdOf(Path file) {
    return nameOf(file.toAbsolutePath().getParent());
  }

  private static String nameOf(Path directory) {
    return directory == null || directory.getFileName() == null
        ? ""
        : directory.getFileName().toString();
  }

  private static final Pattern NUMBERED_PAGE = Pattern.compile("(.*?)([0-9]+)(\\.json(?:\\.gz)?)");

  /**
   * A page that says more follow ({@code nextPageToken}) whose next page file is missing: the fetch
   * that saved it stopped there (a snapshot left by a failed run), and the calendar's later events
   * are not in the files. Read as complete, it passed for a smaller calendar.
   *
   * @throws IOException naming the missing file, after the page's own items were passed on
   */
  private static void checkNextPage(Path file, String calendarId, ObjectNode pageFields)
      throws IOException {
    JsonNode token = pageFields.get("nextPageToken");
    if (token == null || !token.isTextual() || token.asText().isEmpty()) {
      return;
    }
    Matcher numbered = NUMBERED_PAGE.matcher(file.getFileName().toString());
    if (!numbered.matches()) {
      return; // not a numbered page: nothing says which file would follow
    }
    String digits = numbered.group(2);
    String next = String.format("%0" + digits.length() + "d", Long.parseLong(digits) + 1);
    Path expected = file.resolveSibling(numbered.group(1) + next + numbered.group(3));
    Path plain = file.resolveSibling(numbered.group(1) + next + ".json");
    if (!Files.exists(expected) && !Files.exists(plain)) {
      throw new IOException(
          "Cannot read calendar "
              + calendarId
              + " to its end: "
              + file
              + " says more events follow (nextPageToken) but "
              + expected.getFileName()
              + " is missing (a fetch that stopped early?); the events of this page were read");
    }
  }

  /**
   * Streams the items of one page of calendar {@code calendarId} into {@code sink} as {@code
   * calendar.event} records; broken JSON is quarantined, the items before it are kept, and the page
   * fails (IOException) as not read to its end.
   *
   * @return the page's own fields other than the items ({@code nextPageToken}, {@code summary})
   */
  static ObjectNode readPage(Page page, String calendarId, String sourceName, RecordSink sink)
      throws IOException {
    String where = page.where();
    ObjectNode fields = pageFields(page);
    ObjectNode calendar = JsonInput.MAPPER.createObjectNode();
    calendar.put("id", calendarId);
    calendar.set("summary", fields.path("summary").isTextual() ? fields.get("summary") : null);
    calendar.set("timeZone", fields.path("timeZone").isTextual() ? fields.get("timeZone") : null);
    if (fields.path("updated").isTextual()) {
      // the calendar's last change: the only time a deleted event's stub ({id, status:
      // cancelled}, nothing else) can be dated by, so a mapping can take it as a cancellation
      calendar.set("updated", fields.get("updated"));
    }

    // series repeating past the window read: said once the page's other events are passed on
    List<String> notRead = new ArrayList<>();
    try (JsonParser parser = page.open()) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        sink.quarantine(
            new Quarantined(
                sourceName,
                where,
                "Cannot read calendar page "
                    + where
                    + ": "
                    + (first == null ? page.nothingIn() : "not a JSON object"),
                ""));
        return fields;
      }
      boolean hasItems = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_ARRAY && name.equals("items")) {
          hasItems = true;
          Set<String>[] replaced = new Set[1]; // read once, and only for a page with a series
          JsonInput.forEachElement(
              parser,
              where,
              (event, location, index) -> {
                if (isSeries(event)) {
                  if (replaced[0] == null) {
                    replaced[0] = page.replacedOccurrences();
                  }
                  notRead.addAll(
                      emitSeries(
                          event, location, calendarId, calendar, replaced[0], sourceName, sink));
                } else {
                  emit(event, location, index, calendarId, calendar, sourceName, sink);
                }
              });
        } else if (name.equals("items") && value != JsonToken.VALUE_NULL) {
          // an object or a string where the list belongs: its events would vanish uncounted
          hasItems = true;
          String at = JsonInput.location(where, parser.currentTokenLocation());
          JsonNode items = parser.readValueAsTree();
          sink.quarantine(
              new Quarantined(
                  sourceName,
                  at,
                  "Cannot read calendar page " + where + ": field items is not a list",
                  items.toString()));
        } else if (name.equals("error") && value == JsonToken.START_OBJECT) {
          JsonNode error = parser.readValueAsTree();
          throw new IOException(
              "Cannot read calendar "
                  + calendarId
                  + ": "
                  + where
                  + " is Google's error answer, not events: "
                  + error.path("code").asText("?")
                  + " "
                  + error.path("status").asText("")
                  + " "
                  + error.path("message").asText(""));
        } else {
          parser.skipChildren();
        }
      }
      String kind = fields.path("kind").asText("");
      if (!hasItems && !kind.equals("calendar#events")) {
        sink.quarantine(
            new Quarantined(
                sourceName,
                where,
                "Cannot read calendar page "
                    + where
                    + ": not a Google Calendar events list (kind '"
                    + kind
                    + "', no items)",
                ""));
      }
    } catch (JsonProcessingException e) {
      sink.quarantine(
          new Quarantined(
              sourceName,
              JsonInput.location(where, e),
              "Cannot parse calendar page " + where + ": broken JSON: " + JsonInput.problem(e),
              ""));
      // the events after the break cannot be read: the page is not read to its end, loudly
      throw new IOException(
          "Cannot read calendar page "
              + where
              + " to its end: broken JSON at "
              + JsonInput.location(where, e)
              + " ("
              + JsonInput.problem(e)
              + "); the events before it were read",
          e);
    }
    if (!notRead.isEmpty()) {
      throw new IOException(
          "Cannot read calendar page "
              + where
              + " to its end: "
              + String.join("; ", notRead)
              + "; the other events and these series' earlier occurrences were read");
    }
    return fields;
  }

  private static void emit(
      JsonNode event,
      String location,
      int index,
      String calendarId,
      ObjectNode calendar,
      String sourceName,
      RecordSink sink) {
    JsonNode id = event.get("id");
    if (!event.isObject() || id == null || !id.isTextual() || id.asText().isBlank()) {
      String reason = event.isObject() ? "field id is missing" : "not a JSON object";
      sink.quarantine(
          new Quarantined(
              sourceName,
              location,
              "Cannot read calendar event items[" + index + "]: " + reason,
              event.toString()));
      return;
    }
    accept(
        (ObjectNode) event,
        EventIds.ofApiEvent(id.asText(), text(event, "iCalUID"), text(event, "recurringEventId")),
        location,
        calendarId,
        calendar,
        sourceName,
        sink);
  }

  /** Passes on {@code event} of calendar {@code calendarId} as a record with its calendar. */
  private static void accept(
      ObjectNode event,
      String eventId,
      String location,
      String calendarId,
      ObjectNode calendar,
      String sourceName,
      RecordSink sink) {
    event.set("_calendar", calendar);
    withoutUnspecifiedEnd(event);
    for (String property : List.of("start", "end", "originalStartTime")) {
      withOffset(event, property, calendar);
    }
    String backwards = endsBeforeStart(event);
    if (backwards != null) {
      String uid = text(event, "iCalUID");
      String summary = text(event, "summary");
      sink.quarantine(
          new Quarantined(
              sourceName,
              location,
              "Cannot read calendar event "
                  + (uid != null ? uid : text(event, "id"))
                  + ": "
                  + backwards
                  + (summary == null || summary.isBlank() ? "" : " (summary '" + summary + "')")
                  + "; neither time is taken for the event (were they swapped?)",
              event.toString()));
      return;
    }
    sink.accept(
        new RawRecord(
            sourceName,
            KIND,
            "calendar:" + calendarId + "/" + eventId,
            location,
            event.toString()));
  }

  /**
   * Leaves out the end of a timed event whose {@code endTimeUnspecified} is true, with a note: the
   * API still gives one "for compatibility", at or near the start, and read as an end it gave a
   * booking returned at its pickup. An .ics event without DTEND or DURATION is read alike ({@link
   * EventTimes#end}); an all-day event keeps its end.
   */
  private static void withoutUnspecifiedEnd(ObjectNode event) {
    JsonNode end = event.get("end");
    if (!event.path("endTimeUnspecified").asBoolean(false)
        || end == null
        || !end.path("dateTime").isTextual()) {
      return;
    }
    event.remove("end");
    event
        .withArray(IcsEvents.NOTES)
        .add(
            "endTimeUnspecified: the event has no end; the end.dateTime "
                + end.get("dateTime").asText()
                + " the API gives for compatibility was left out: a mapping reading end.dateTime"
                + " gets no value");
  }

  /**
   * Why an event ends before it starts ({@code end} earlier than {@code start}, both date-times or
   * both dates), else null. Google's API refuses such an event, but a page saved by another tool or
   * edited by hand can hold one, and read as written it gave a booking returned before its pickup.
   */
  private static String endsBeforeStart(JsonNode event) {
    for (String kind : List.of("dateTime", "date")) {
      String start = text(event.path("start"), kind);
      String end = text(event.path("end"), kind);
      if (start == null || end == null) {
        continue;
      }
      boolean before;
      try {
        before =
            kind.equals("date")
                ? LocalDate.parse(end).isBefore(LocalDate.parse(start))
                : endBefore(start, end);
      } catch (DateTimeParseException notATime) {
        return null; // the mapping reading it says so
      }
      return before
          ? "it ends before it starts: end."
              + kind
              + " "
              + end
              + " is before start."
              + kind
              + " "
              + start
          : null;
    }
    return null;
  }

  /** Whether date-time {@code end} is before {@code start}, both with an offset or both without. */
  private static boolean endBefore(String start, String end) {
    try {
      return OffsetDateTime.parse(end).isBefore(OffsetDateTime.parse(start));
    } catch (DateTimeParseException noOffset) {
      return LocalDateTime.parse(end).isBefore(LocalDateTime.parse(start));
    }
  }

  /**
   * Writes the offset into an event time given without one ({@code "dateTime":
   * "2026-03-14T10:30:00", "timeZone": "Europe/Lisbon"}, as exports by other tools than Google's
   * API write it), from the time's own {@code timeZone}, else the calendar's, as the API reads such
   * a time, and says so in the record's {@code _notes}. A mapping reading the bare wall time would
   * have read it in the business's zone, hours off, without a word.
   */
  private static void withOffset(ObjectNode event, String property, ObjectNode calendar) {
    JsonNode time = event.get(property);
    if (time == null || !time.isObject() || !time.path("dateTime").isTextual()) {
      return;
    }
    String written = time.get("dateTime").asText();
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(written);
    } catch (DateTimeParseException hasOffsetOrIsNotATime) {
      return; // with an offset already, or not a time: read as written
    }
    String zoneName =
        time.path("timeZone").isTextual()
            ? time.get("timeZone").asText()
            : calendar.path("timeZone").asText(null);
    ZoneId zone;
    try {
      zone = zoneName == null ? null : ZoneId.of(zoneName);
    } catch (DateTimeException unknownZone) {
      zone = null;
    }
    if (zone == null) {
      return; // nothing says the zone: the mapping's zone applies, as for any wall time
    }
    String withOffset =
        local.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    ((ObjectNode) time).put("dateTime", withOffset);
    JsonNode notes = event.get("_notes");
    ArrayNode list = notes instanceof ArrayNode array ? array : event.putArray("_notes");
    list.add(
        property
            + ".dateTime "
            + written
            + " has no offset: read in "
            + (time.path("timeZone").isTextual() ? "its timeZone " : "the calendar's timeZone ")
            + zoneName
            + " as "
            + withOffset);
  }

  /** A recurring event's master, as pages listed without singleEvents=true hold a series. */
  private static boolean isSeries(JsonNode event) {
    JsonNode recurrence = event.get("recurrence");
    JsonNode id = event.get("id");
    return event.isObject()
        && id != null
        && id.isTextual()
        && !id.asText().isBlank()
        && recurrence != null
        && recurrence.isArray()
        && !recurrence.isEmpty();
  }

  /**
   * When the calendar was last changed (the page's {@code updated}), else when the series was: the
   * time around which its occurrences are read; null when neither is a time.
   */
  private static Instant latestChange(ObjectNode calendar, JsonNode master) {
    for (String text : new String[] {text(calendar, "updated"), text(master, "updated")}) {
      if (text != null) {
        try {
          return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
          // the next one
        }
      }
    }
    return null;
  }

  /**
   * Emits the occurrences of a series' master ({@link SeriesOccurrences}) but those a changed or
   * cancelled instance replaces; a master whose recurrence cannot be expanded stands for its first
   * occurrence, said in its notes, and the rest of the series is quarantined as not read.
   *
   * @return what of the series was not read (occurrences past the window), else empty
   */
  private static List<String> emitSeries(
      JsonNode master,
      String location,
      String calendarId,
      ObjectNode calendar,
      Set<String> replaced,
      String sourceName,
      RecordSink sink) {
    String seriesId = master.get("id").asText();
    String iCalUid = text(master, "iCalUID");
    SeriesOccurrences.Expansion expansion;
    try {
      expansion =
          SeriesOccurrences.of(
              master, text(calendar, "timeZone"), replaced, latestChange(calendar, master));
    } catch (BrokenEventException e) {
      ((ObjectNode) master)
          .withArray(IcsEvents.NOTES)
          .add(
              "a recurring event's master whose recurrence "
                  + master.get("recurrence")
                  + " cannot be expanded ("
                  + e.getMessage()
                  + "): read as its first occurrence only");
      emit(master, location, 0, calendarId, calendar, sourceName, sink);
      sink.quarantine(
          new Quarantined(
              sourceName,
              location,
              e.getMessage() + "; only its first occurrence was read, the others are not",
              master.toString()));
      return List.of();
    }
    for (SeriesOccurrences.Occurrence occurrence : expansion.occurrences()) {
      accept(
          occurrence.json(),
          EventIds.ofApiEvent(occurrence.id(), iCalUid, seriesId),
          location,
          calendarId,
          calendar,
          sourceName,
          sink);
    }
    for (String reason : expansion.incomplete()) {
      sink.quarantine(new Quarantined(sourceName, location, reason, ""));
    }
    return expansion.notRead();
  }

  private static String text(JsonNode event, String field) {
    JsonNode value = event.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /**
   * The page's top-level fields other than the items, read in a first pass because Google may write
   * {@code summary} and {@code timeZone} after the items. Broken JSON is reported by the second
   * pass.
   */
  private static ObjectNode pageFields(Page page) throws IOException {
    ObjectNode fields = JsonInput.MAPPER.createObjectNode();
    try (JsonParser parser = page.open()) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return fields;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isScalarValue()) {
          fields.set(name, parser.readValueAsTree());
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      // reported with its location when the items are read
    }
    return fields;
  }
}
