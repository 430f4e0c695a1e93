package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import dev.salvage.connectors.ZonedFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an iCalendar file (source type {@code ics}) into {@code calendar.event} records in the same
 * JSON shape as Google Calendar events (see {@link CalendarEventsJsonReader}), so that one mapping
 * serves both. The calendar id is the file name without {@code .ics}; {@code _calendar} carries
 * X-WR-CALNAME and X-WR-TIMEZONE. Recurring events are expanded into their instances from 800 days
 * before to 400 days after the calendar's latest stamp (when it was exported or last changed), each
 * with {@code recurringEventId} and {@code originalStartTime}, overrides replacing their instances.
 *
 * <p>The file is read twice, one component at a time: first for the calendar's properties, time
 * zones and overrides (which may come anywhere in the file), then for the events. A VEVENT that
 * cannot be read is quarantined at {@code file:line} and the others are still read; so is one that
 * depends on a broken part of the file (its VTIMEZONE), and nothing else. VEVENTs without a
 * VCALENDAR around them are read, with a note in the record's {@code _notes}.
 */
public final class IcsReader implements ZonedFileReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What every note of an event whose times were read in a zone nothing in the file named says
   * after the zone (a TZID naming nothing, a floating time), with why that zone: the run counts
   * such events by it.
   */
  public static final String ZONE_GUESSED = " (zone guessed: ";

  /** The option of the zone local times are read in when the file names none. */
  public static final Option<ZoneId> TIMEZONE =
      Option.zone("timezone", "Asia/Kolkata")
          .withDefaultDescribed("the run config's business `timezone`, else UTC")
          .withDescription(
              "zone a floating time (no TZID, no `Z`) is read in when the calendar has no"
                  + " `X-WR-TIMEZONE`, and a time whose TZID names no zone the file or the tz"
                  + " database knows (`IST`) when the calendar names none; the event's `_notes`"
                  + " say so");

  @Override
  public void read(Path file, String sourceName, RecordSink sink, ZoneId businessZone)
      throws IOException {
    read(
        visitor -> IcsBlocks.scan(file, visitor),
        "iCalendar file " + file,
        file.toString(),
        calendarId(file.getFileName().toString()),
        sourceName,
        sink,
        businessZone);
  }

  /** A calendar's text, scanned once per call. */
  private interface Scanner {
    boolean scan(IcsBlocks.Visitor visitor) throws IOException;
  }

  /**
   * The events of a calendar held in memory, as a mail carries it (an {@code invite.ics}
   * attachment, a {@code text/calendar} alternative), read exactly as an {@code ics} source reads a
   * file, so that one rule shape serves both.
   *
   * @param method the calendar's METHOD as written, upper case ({@code REQUEST}, {@code CANCEL}),
   *     or null when it has none
   * @param events the events in the shape of {@code calendar.event} records, in order (a recurring
   *     event as its instances)
   * @param problems why an event, or the calendar, could not be read: each names its line
   */
  public record CalendarText(String method, List<ObjectNode> events, List<String> problems) {
    public CalendarText {
      events = List.copyOf(events);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Reads {@code text}, a whole iCalendar object, named {@code name} in problems (a mail part:
   * {@code part 2 (text/calendar) invite.ics}); never throws for what the text holds.
   *
   * @param fileName the file name it was sent as ({@code invite.ics}), or null: its events' {@code
   *     _calendar.id} is that name without {@code .ics}, else {@code invitation}
   * @param businessZone the zone of local times the text names none for, or null for UTC
   */
  public static CalendarText readText(
      String text, String name, String fileName, ZoneId businessZone) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    List<ObjectNode> events = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    RecordSink collected =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            try {
              events.add((ObjectNode) JSON.readTree(record.json()));
            } catch (IOException e) {
              throw new UncheckedIOException(e); // our own JSON: cannot happen
            }
          }

          @Override
          public void quarantine(Quarantined bad) {
            problems.add(bad.reason() + " (at " + bad.location() + ")");
          }
        };
    String method = null;
    try {
      method =
          read(
              visitor -> IcsBlocks.scan(utf8, visitor),
              name,
              name,
              fileName == null || fileName.isBlank() ? "invitation" : calendarId(fileName),
              name,
              collected,
              businessZone);
    } catch (IOException | RuntimeException e) {
      // what a file's reader reports as not read to its end; one mail part, not the run
      problems.add(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return new CalendarText(
        method == null || method.isBlank() ? null : method.strip().toUpperCase(Locale.ROOT),
        events,
        problems);
  }

  /** Reads the calendar {@code scanner} scans; returns its METHOD as written, or null. */
  private static String read(
      Scanner scanner,
      String what,
      String location,
      String calendarId,
      String sourceName,
      RecordSink sink,
      ZoneId businessZone)
      throws IOException {
    Header header = new Header();
    if (!scanner.scan(header) && header.events == 0) {
      sink.quarantine(
          new Quarantined(
              sourceName,
              location,
              "Cannot read " + what + ": no BEGIN:VCALENDAR and no VEVENT found",
              ""));
      return null;
    }
    ObjectNode calendar = JsonNodeFactory.instance.objectNode();
    calendar.put("id", calendarId);
    calendar.put("summary", unescape(header.properties.get("X-WR-CALNAME")));
    String timeZone = unescape(header.properties.get("X-WR-TIMEZONE"));
    calendar.put("timeZone", timeZone);
    IcsEvents events =
        new IcsEvents(
            calendar,
            timeZone,
            header.vtimezones,
            exportMethod(header),
            header.latestChange,
            businessZone);
    Emitter emitter = new Emitter(location, sourceName, calendarId, sink);
    // the changes of instances of a UID whose event was read, for a copy as new read after it
    Map<String, List<IcsBlocks.Block>> takenOverrides = new HashMap<>();
    header.copies.decide();
    // where the file ends inside an open VCALENDAR, said when the rest is read
    String[] cut = new String[1];

    scanner.scan(
        new IcsBlocks.Visitor() {
          @Override
          public void calendarProperty(IcsBlocks.ContentLine property) {}

          @Override
          public void block(IcsBlocks.Block block) {
            if (!block.name().equals("VEVENT") || block.property("RECURRENCE-ID") != null) {
              return;
            }
            String left = header.copies.leftOut(block.firstLine());
            if (left != null) {
              emitter.superseded(
                  block,
                  new BrokenEventException(
                      IcsEvents.describe(block) + ": this copy of the event " + left,
                      block.firstLine()));
              return;
            }
            String uid = block.property("UID");
            List<IcsBlocks.Block> fresh = header.overrides.remove(uid);
            if (fresh != null) {
              takenOverrides.put(uid, fresh);
            }
            // a copy as new as another, read too, has the same changes of its instances
            List<IcsBlocks.Block> overrides = fresh != null ? fresh : takenOverrides.get(uid);
            IcsEvents.Output output = header.copies.noted(block.firstLine(), emitter);
            try {
              events.convert(block, overrides == null ? List.of() : overrides, output);
            } catch (BrokenEventException | RuntimeException e) {
              emitter.broken(block, broken(block, e));
              if (fresh != null) {
                takenOverrides.remove(uid);
                convertAlone(events, fresh, emitter);
              }
            }
          }

          @Override
          public void damaged(long line, String reason, String excerpt) {
            emitter.quarantine(line, "Cannot read " + what + ": " + reason, excerpt);
          }

          @Override
          public void cutShort(long beginLine, long lastLine, int completeEvents, String ending) {
            cut[0] =
                "BEGIN:VCALENDAR at line "
                    + beginLine
                    + " is not closed before the end of the file at line "
                    + lastLine
                    + " (the file is truncated, or lost its END:VCALENDAR); it ends "
                    + ending
                    + ": the "
                    + completeEvents
                    + " complete VEVENT(s) before that were read, any that followed are missing";
          }
        });
    header.overrides.values().forEach(list -> convertAlone(events, list, emitter));
    String leftOut = header.copies.said(location);
    if (leftOut != null) {
      sink.note(leftOut);
    }
    if (!emitter.notRead.isEmpty()) {
      throw new IOException(
          "Cannot read "
              + what
              + " to its end: "
              + String.join("; ", emitter.notRead)
              + "; the other events and these series' earlier occurrences were read");
    }
    if (cut[0] != null) {
      // a truncated export: the events after the cut are missing, and when it fell between two
      // events nothing else showed it; like a cut Stripe page or pg_dump, not read to its end
      throw new IOException("Cannot read " + what + " to its end: " + cut[0]);
    }
    return header.properties.get("METHOD");
  }

  /**
   * Converts changes of instances whose series is missing or unreadable, each on its own; of
   * several changes of one instance only the latest is read and the others quarantined.
   */
  private static void convertAlone(
      IcsEvents events, List<IcsBlocks.Block> overrides, Emitter emitter) {
    Map<String, IcsBlocks.Block> latest = new LinkedHashMap<>();
    for (IcsBlocks.Block override : overrides) {
      String instance = String.valueOf(override.property("RECURRENCE-ID")).strip();
      IcsBlocks.Block earlier = latest.get(instance);
      if (earlier == null) {
        latest.put(instance, override);
        continue;
      }
      boolean newer = EventVersion.of(override).compareTo(EventVersion.of(earlier)) >= 0;
      IcsBlocks.Block kept = newer ? override : earlier;
      IcsBlocks.Block dropped = newer ? earlier : override;
      latest.put(instance, kept);
      emitter.superseded(
          dropped,
          new BrokenEventException(
              IcsEvents.describe(dropped)
                  + ": its change of the instance "
                  + instance
                  + " "
                  + EventVersion.superseded(dropped, kept),
              dropped.firstLine()));
    }
    latest.values().forEach(override -> convertAlone(events, override, emitter));
  }

  private static void convertAlone(IcsEvents events, IcsBlocks.Block override, Emitter emitter) {
    try {
      events.convertOverride(override, emitter);
    } catch (BrokenEventException | RuntimeException e) {
      emitter.broken(override, broken(override, e));
    }
  }

  /**
   * The failure of one event as a quarantine reason. ical4j throws unchecked exceptions of any kind
   * on damaged input; one event's failure must never end the reading of the file.
   */
  private static BrokenEventException broken(IcsBlocks.Block block, Exception e) {
    return e instanceof BrokenEventException known
        ? known
        : new BrokenEventException(
            IcsEvents.describe(block) + ": unexpected failure while reading it: " + e,
            block.firstLine());
  }

  private static String calendarId(String name) {
    int dot = name.toLowerCase(java.util.Locale.ROOT).lastIndexOf(".ics");
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** TEXT value escapes (RFC 5545 3.3.11). */
  private static String unescape(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(next == 'n' || next == 'N' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString().strip();
  }

  /**
   * The calendar's METHOD when its DTSTAMPs are when the file was made, else null. RFC 5545 says a
   * DTSTAMP in a calendar with METHOD (every Outlook, Google and booking-site export says
   * METHOD:PUBLISH) is the moment the file was made; one DTSTAMP shared by all events shows it.
   * Apps that write each event's own revision there (different DTSTAMPs) are read as before.
   */
  private static String exportMethod(Header header) {
    String method = header.properties.get("METHOD");
    if (method == null || method.isBlank() || header.stamps.size() != 1) {
      return null;
    }
    return method.strip().toUpperCase(Locale.ROOT);
  }

  /** The first pass: calendar properties, VTIMEZONEs and overrides by UID. */
  private static final class Header implements IcsBlocks.Visitor {
    final Map<String, String> properties = new HashMap<>();
    final List<IcsBlocks.Block> vtimezones = new ArrayList<>();
    final Map<String, List<IcsBlocks.Block>> overrides = new LinkedHashMap<>();
    int events;
    // the events' DTSTAMPs, up to two distinct ones: one for every event is the file's making
    final Set<String> stamps = new HashSet<>();
    // the latest UTC DTSTAMP, LAST-MODIFIED or CREATED: about when the calendar was exported
    Instant latestChange;

    @Override
    public void calendarProperty(IcsBlocks.ContentLine property) {
      properties.putIfAbsent(property.name(), property.value());
    }

    /** Per UID (per text, for events without one), its copies, of which only the latest is read. */
    final EventCopies copies = new EventCopies();

    @Override
    public void block(IcsBlocks.Block block) {
      if (block.name().equals("VEVENT")) {
        events++;
        for (String name : List.of("DTSTAMP", "LAST-MODIFIED", "CREATED")) {
          Instant at = utcStamp(block.property(name));
          if (at != null && (latestChange == null || at.isAfter(latestChange))) {
            latestChange = at;
          }
        }
        String stamp = block.property("DTSTAMP");
        if (stamp != null && stamps.size() < 2) {
          stamps.add(stamp.strip());
        }
        if (block.property("RECURRENCE-ID") == null) {
          copies.add(block);
        }
      }
      if (block.name().equals("VTIMEZONE")) {
        vtimezones.add(block);
      } else if (block.name().equals("VEVENT") && block.property("RECURRENCE-ID") != null) {
        String uid = block.property("UID");
        overrides.computeIfAbsent(uid == null ? "" : uid, key -> new ArrayList<>()).add(block);
      }
    }

    /** A stamp as RFC 5545 writes it, in UTC ({@code 20260405T101500Z}), or null. */
    private static Instant utcStamp(String value) {
      if (value == null) {
        return null;
      }
      try {
        return Instant.from(When.UTC_BASIC.parse(value.strip()));
      } catch (DateTimeParseException e) {
        return null; // not a UTC stamp: it says nothing of when the file was made
      }
    }

    @Override
    public void damaged(long line, String reason, String excerpt) {
      // reported by the second pass
    }

    @Override
    public void cutShort(long beginLine, long lastLine, int completeEvents, String ending) {
      // reported by the second pass
    }
  }

  /** Turns converted events into records and failures into quarantine entries. */
  private static final class Emitter implements IcsEvents.Output {
    private final String file;
    private final String source;
    private final String calendarId;
    private final RecordSink sink;
    final List<String> notRead = new ArrayList<>();

    Emitter(String file, String source, String calendarId, RecordSink sink) {
      this.file = file;
      this.source = source;
      this.calendarId = calendarId;
      this.sink = sink;
    }

    @Override
    public void event(String id, ObjectNode json, long line) {
      sink.accept(
          new RawRecord(
              source,
              CalendarEventsJsonReader.KIND,
              "calendar:" + calendarId + "/" + id,
              file + ":" + line,
              json.toString(),
              copyKey(id, json)));
    }

    /**
     * What the copies of this event in other files of the source share: its id and its content but
     * for the calendar id, which is the file's name, so that one event in two overlapping exports
     * ({@code 2026-q3.ics}, {@code 2026-sep-dec.ics}) is one piece of evidence.
     */
    private static String copyKey(String id, ObjectNode json) {
      ObjectNode content = json.deepCopy();
      if (content.get("_calendar") instanceof ObjectNode calendar) {
        calendar.remove("id");
      }
      return "ics:" + id + "#" + EventVersion.digest(content.toString());
    }

    @Override
    public void broken(IcsBlocks.Block block, BrokenEventException reason) {
      quarantine(reason.line(), reason.getMessage(), block.text());
    }

    @Override
    public void superseded(IcsBlocks.Block block, BrokenEventException reason) {
      sink.superseded(
          new Quarantined(source, file + ":" + reason.line(), reason.getMessage(), block.text()));
    }

    @Override
    public void incomplete(long line, String reason) {
      quarantine(line, reason, "");
    }

    @Override
    public void notRead(long line, String reason) {
      notRead.add(reason + " (line " + line + ")");
    }

    void quarantine(long line, String reason, String excerpt) {
      sink.quarantine(new Quarantined(source, file + ":" + line, reason, excerpt));
    }
  }
}
