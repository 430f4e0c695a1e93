package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarParserFactory;
import net.fortuna.ical4j.data.ContentHandlerContext;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.util.CompatibilityHints;

/**
 * Converts the VEVENTs of one iCalendar file into Google Calendar event JSON: one record per event,
 * or per instance of a recurring event, with overrides (RECURRENCE-ID) replacing the instances they
 * modify. Each VEVENT is parsed on its own so that a broken one loses only itself.
 */
final class IcsEvents {
  /** Receives converted events. */
  interface Output {
    void event(String id, ObjectNode json, long line);

    /** A VEVENT that could not be read. */
    void broken(IcsBlocks.Block block, BrokenEventException reason);

    /**
     * A VEVENT read fine and left out for another copy of the same event (newer, or the same text),
     * {@code reason} naming it: not a broken one.
     */
    default void superseded(IcsBlocks.Block block, BrokenEventException reason) {
      broken(block, reason);
    }

    /** An event that was read, but not completely. */
    void incomplete(long line, String reason);

    /**
     * A recurring event whose occurrences after the window were not read: a range of the input left
     * unread, which the reader reports as such once the rest is read.
     */
    void notRead(long line, String reason);
  }

  /** The field of a converted event listing how it was read where that was not plain. */
  static final String NOTES = "_notes";

  /** The note of a timed event without DTEND or DURATION, written without an end. */
  static final String NO_END =
      "no DTEND and no DURATION: the event has no end (endTimeUnspecified, as Google writes such an"
          + " event), not an end at its start as RFC 5545 reads it: a mapping reading end.dateTime"
          + " gets no value";

  private static final String CALENDAR_HEAD =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//salvage//ics//EN\r\n";
  private static final int HEAD_LINES = 3;
  private static final String CALENDAR_TAIL = "\r\nEND:VCALENDAR\r\n";
  private static final Set<String> TIME_PROPERTIES = Set.of("DTSTART", "DTEND", "RECURRENCE-ID");
  private static final Set<String> RECURRENCE_TIME_PROPERTIES = Set.of("RDATE", "EXDATE");
  private static final Set<String> TEXT_PROPERTIES =
      Set.of("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "RESOURCES", "CATEGORIES");
  private static final Pattern RECURRENCE_VALUE =
      Pattern.compile(
          "\\d{8}(T\\d{6}Z?)?(/(\\d{8}(T\\d{6}Z?)?|[+-]?P[0-9WDTHMS]+))?",
          Pattern.CASE_INSENSITIVE);
  static final Pattern TIME_VALUE = Pattern.compile("\\d{8}(T\\d{6}Z?)?", Pattern.CASE_INSENSITIVE);
  private static final Set<String> RELAXED_HINTS =
      Set.of(
          CompatibilityHints.KEY_RELAXED_PARSING,
          CompatibilityHints.KEY_RELAXED_UNFOLDING,
          CompatibilityHints.KEY_RELAXED_VALIDATION,
          CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY);
  // CompatibilityHints are JVM-wide: relaxed parses are serialised and restore the hints after.
  private static final Object RELAXED_LOCK = new Object();

  static {
    Ical4jSettings.apply();
  }

  private final ObjectNode calendar;
  private final EventTimes times;
  private final String method;
  // the calendar's latest stamp (export or last change), around which series are read; or null
  private final Instant latestChange;
  private final Map<EventTimes, EventJson> json = new HashMap<>();

  /**
   * @param calendar the {@code _calendar} object added to every event
   * @param calendarTimeZone X-WR-TIMEZONE, the zone of floating times (else businessZone)
   * @param vtimezones the file's VTIMEZONE blocks, used for TZIDs that are not tz database names
   * @param businessZone the zone of local times the file names no zone for, or null for UTC
   * @param method the calendar's METHOD when its DTSTAMPs are when the file was made, else null
   * @param latestChange the latest DTSTAMP, LAST-MODIFIED or CREATED of the calendar (when it was
   *     made or last changed), around which recurring events are expanded; null when it has none
   */
  IcsEvents(
      ObjectNode calendar,
      String calendarTimeZone,
      List<IcsBlocks.Block> vtimezones,
      String method,
      Instant latestChange,
      ZoneId businessZone) {
    this.calendar = calendar;
    this.times = new EventTimes(calendarTimeZone, vtimezones, businessZone);
    this.method = method;
    this.latestChange = latestChange;
  }

  /** The times of an event, read in the zones its own VCALENDAR defines. */
  private EventTimes times(IcsBlocks.Block block) {
    return times.inCalendar(block.calendar());
  }

  private EventJson json(IcsBlocks.Block block) {
    return json.computeIfAbsent(times(block), t -> new EventJson(calendar, t, method));
  }

  /**
   * Converts an event without RECURRENCE-ID: one record, or one per instance when it recurs, with
   * {@code overrides} (the VEVENTs sharing its UID that have a RECURRENCE-ID) replacing their
   * instances. Overrides matching no instance are kept as records of their own; of two overrides of
   * one instance the later version ({@link EventVersion}: SEQUENCE, DTSTAMP, LAST-MODIFIED, then
   * file order) is used and the other set aside as superseded. A recurrence that cannot be expanded
   * keeps its first occurrence, flagged, and quarantines the rest; a series left with no occurrence
   * is quarantined.
   */
  void convert(IcsBlocks.Block block, List<IcsBlocks.Block> overrides, Output out)
      throws BrokenEventException {
    VEvent event = parse(block);
    List<String> notes = notes(event, block);
    String id = eventIdOrDerived(event, block, notes);
    When start = times(block).when(block, Property.DTSTART);
    When end = times(block).end(event, start, block);
    Recurrences.Expansion expansion = instances(event, start, block, notes, out);
    if (end == null) {
      notes.add(NO_END);
    }
    Map<Object, ParsedOverride> byOriginal = new LinkedHashMap<>();
    for (IcsBlocks.Block override : overrides) {
      try {
        VEvent parsed = parse(override);
        When original = times(override).when(override, Property.RECURRENCE_ID);
        ParsedOverride candidate = new ParsedOverride(parsed, override);
        ParsedOverride earlier = byOriginal.get(original.key());
        if (earlier == null) {
          byOriginal.put(original.key(), candidate);
        } else {
          boolean newer = candidate.version().compareTo(earlier.version()) >= 0;
          ParsedOverride kept = newer ? candidate : earlier;
          ParsedOverride dropped = newer ? earlier : candidate;
          byOriginal.put(original.key(), kept);
          out.superseded(
              dropped.block(),
              new BrokenEventException(
                  describe(dropped.block())
                      + ": its change of the instance "
                      + original.idSuffix()
                      + " "
                      + EventVersion.superseded(dropped.block(), kept.block()),
                  dropped.block().firstLine()));
        }
      } catch (BrokenEventException e) {
        out.broken(override, e);
      }
    }
    if (expansion == null) {
      out.event(
          id,
          withNotes(json(block).of(event, id, start, end, null, null), notes),
          block.firstLine());
    } else {
      if (expansion.instances().isEmpty()) {
        out.incomplete(
            block.firstLine(),
            describe(block)
                + ": the recurring event has no occurrence left in the "
                + Recurrences.WINDOW_DAYS
                + " days read: EXDATE or UNTIL removes every one");
      }
      List<FutureChange> futureChanges = futureChanges(byOriginal.values());
      for (When instance : expansion.instances()) {
        ParsedOverride override = byOriginal.remove(instance.key());
        FutureChange change = override == null ? changeOf(futureChanges, instance) : null;
        if (change != null) {
          emitChangedFromEarlier(change, instance, id, out);
        } else if (override == null) {
          String instanceId = id + "_" + instance.idSuffix();
          When instanceEnd = expansion.ends().get(instance.key());
          out.event(
              instanceId,
              withNotes(
                  json(block)
                      .of(
                          event,
                          instanceId,
                          instance,
                          instanceEnd != null
                              ? instanceEnd
                              : EventTimes.shift(start, end, instance),
                          id,
                          instance),
                  notes),
              block.firstLine());
        } else {
          emitOverride(override, id, out);
        }
      }
    }
    for (ParsedOverride override : byOriginal.values()) {
      emitOverride(override, id, out);
    }
  }

  /**
   * A change of one instance that RFC 5545 makes a change of every later one too ({@code
   * RECURRENCE-ID;RANGE=THISANDFUTURE}), with its times read once: read as a change of its own
   * instance only, the later instances kept the series' old times without a word.
   */
  private record FutureChange(
      ParsedOverride override, When original, When start, When end, long line) {}

  private List<FutureChange> futureChanges(Collection<ParsedOverride> overrides) {
    List<FutureChange> changes = new ArrayList<>();
    for (ParsedOverride override : overrides) {
      IcsBlocks.Block block = override.block();
      if (block.propertyLines(Property.RECURRENCE_ID).stream()
          .noneMatch(IcsEvents::thisAndFuture)) {
        continue;
      }
      try {
        When original = times(block).when(block, Property.RECURRENCE_ID);
        When start =
            override.event().getProperty(Property.DTSTART) == null
                ? original
                : times(block).when(block, Property.DTSTART);
        When end = times(block).end(override.event(), start, block);
        changes.add(
            new FutureChange(
                override, original, start, end, propertyLine(block, Property.RECURRENCE_ID)));
      } catch (BrokenEventException unreadable) {
        // the change itself is quarantined with this reason when it is read as an override
      }
    }
    changes.sort(Comparator.comparing(change -> change.original().asInstant()));
    return changes;
  }

  /** Whether a RECURRENCE-ID line has the parameter RANGE=THISANDFUTURE. */
  private static boolean thisAndFuture(String line) {
    int colon = IcsBlocks.ContentLine.valueColon(line);
    String head = (colon < 0 ? line : line.substring(0, colon)).toUpperCase(Locale.ROOT);
    return head.replace(" ", "").contains(";RANGE=THISANDFUTURE");
  }

  /** The latest change of this and future instances made at an instance before {@code instance}. */
  private static FutureChange changeOf(List<FutureChange> changes, When instance) {
    FutureChange applies = null;
    for (FutureChange change : changes) {
      if (change.original().asInstant().isBefore(instance.asInstant())) {
        applies = change;
      }
    }
    return applies;
  }

  /**
   * An instance after a change of this and all future instances: read from that change (its
   * summary, description...), moved as the changed instance was moved from its place in the series,
   * and lasting as long as it.
   */
  private void emitChangedFromEarlier(
      FutureChange change, When instance, String recurringEventId, Output out) {
    IcsBlocks.Block block = change.override().block();
    VEvent event = change.override().event();
    When start = EventTimes.shift(change.original(), change.start(), instance);
    When end = EventTimes.shift(change.start(), change.end(), start);
    String id = recurringEventId + "_" + instance.idSuffix();
    List<String> notes = notes(event, block);
    if (end == null) {
      notes.add(NO_END);
    }
    notes.add(
        "read as the change at line "
            + change.line()
            + " (RECURRENCE-ID;RANGE=THISANDFUTURE, of the instance "
            + change.original().idSuffix()
            + ") makes every later instance: moved from its place in the series as that instance"
            + " was, with that change's other values");
    out.event(
        id,
        withNotes(json(block).of(event, id, start, end, recurringEventId, instance), notes),
        block.firstLine());
  }

  /** Converts an override whose recurring event is not in the file. */
  void convertOverride(IcsBlocks.Block block, Output out) throws BrokenEventException {
    VEvent event = parse(block);
    emitOverride(new ParsedOverride(event, block), eventId(event, block), out);
  }

  private record ParsedOverride(VEvent event, IcsBlocks.Block block) {
    EventVersion version() {
      return EventVersion.of(block);
    }
  }

  private void emitOverride(ParsedOverride override, String recurringEventId, Output out) {
    VEvent event = override.event();
    IcsBlocks.Block block = override.block();
    try {
      When original = times(block).when(block, Property.RECURRENCE_ID);
      String id = recurringEventId + "_" + original.idSuffix();
      List<String> notes = notes(event, block);
      When start;
      if (event.getProperty(Property.DTSTART) == null) {
        // iTIP replies and cancellations of one instance often leave DTSTART out: the instance
        // is where the series put it
        start = original;
        notes.add("the change of one instance has no DTSTART: it starts at its RECURRENCE-ID");
      } else {
        start = times(block).when(block, Property.DTSTART);
      }
      When end = times(block).end(event, start, block);
      if (end == null) {
        notes.add(NO_END);
      }
      out.event(
          id,
          withNotes(json(block).of(event, id, start, end, recurringEventId, original), notes),
          block.firstLine());
    } catch (BrokenEventException e) {
      out.broken(block, e);
    }
  }

  /** What the record must say about how it was read, besides what it holds. */
  private List<String> notes(VEvent event, IcsBlocks.Block block) {
    List<String> notes = new ArrayList<>();
    if (!block.inCalendar()) {
      notes.add(
          "read leniently: this VEVENT is not inside a BEGIN:VCALENDAR ... END:VCALENDAR wrapper");
    }
    for (long line : block.badByteLines()) {
      notes.add(
          "line "
              + line
              + " of the file holds a byte that is not UTF-8 while the rest of it is: it was read"
              + " as UTF-8 with that byte replaced by U+FFFD");
    }
    notes.addAll(lostFoldNotes(block));
    for (IcsBlocks.CutValue cut : block.cutValues()) {
      notes.add(
          "field "
              + cut.name()
              + " at line "
              + cut.line()
              + " is "
              + cut.bytes()
              + " bytes long: cut to its first "
              + cut.kept()
              + " characters (name and parameters included) and the event read; the rest of it"
              + " is not read");
    }
    notes.addAll(badStampNotes(block));
    notes.addAll(times(block).notes(block));
    Property stamp = event.getProperty(Property.DTSTAMP);
    if (method != null && event.getProperty(Property.LAST_MODIFIED) == null && stamp != null) {
      boolean created = Property.CREATED.equals(EventJson.revision(event, method).getName());
      notes.add(
          "no LAST-MODIFIED, and its DTSTAMP "
              + stamp.getValue()
              + " is when the file was made (the calendar has METHOD:"
              + method
              + "), not when the event changed: "
              + (created
                  ? "updated is its CREATED (SEQUENCE 0: never revised)"
                  : "updated is that DTSTAMP, the latest it can have changed (it was revised, or"
                      + " has no CREATED, at a time the file does not give)"));
    }
    return notes;
  }

  /** The record's {@code _notes}: how it was read where that was not plain. */
  private static ObjectNode withNotes(ObjectNode json, List<String> notes) {
    if (!notes.isEmpty()) {
      ArrayNode array = json.putArray(NOTES);
      notes.forEach(array::add);
    }
    return json;
  }

  // ---- parsing -------------------------------------------------------------------------------

  /**
   * Parses a VEVENT, without its VALARMs, strictly, then once more with ical4j's relaxed
   * compatibility hints. Its times are checked first: relaxed parsing would read a malformed date
   * leniently into a wrong one. A line that may be a lost fold or an undefined property fails it;
   * stamps (CREATED, LAST-MODIFIED, DTSTAMP) that are not real date-times are left out, noted.
   */
  VEvent parse(IcsBlocks.Block whole) throws BrokenEventException {
    checkLostFolds(whole);
    checkTimes(whole);
    checkTimesGivenOnce(whole);
    // the record holds none of a VEVENT's VALARMs, and one ical4j cannot read (Nextcloud's
    // TRIGGER:-P1W6DT15H) would fail the whole event
    IcsBlocks.Block block = withLowerCaseNewlines(withoutBadStamps(whole.withoutNested()));
    String text = asCalendar(block);
    try {
      return build(text, block, false);
    } catch (BrokenEventException strict) {
      synchronized (RELAXED_LOCK) {
        Map<String, Boolean> previous = new HashMap<>();
        RELAXED_HINTS.forEach(hint -> previous.put(hint, CompatibilityHints.isHintEnabled(hint)));
        RELAXED_HINTS.forEach(hint -> CompatibilityHints.setHintEnabled(hint, true));
        try {
          return build(text, block, true);
        } catch (BrokenEventException relaxed) {
          throw strict;
        } finally {
          previous.forEach(CompatibilityHints::setHintEnabled);
        }
      }
    }
  }

  /**
   * The component with {@code \N} in its TEXT values written {@code \n}: RFC 5545 (3.3.11) allows
   * both for a newline, but ical4j reads only the lower-case one and kept a backslash and N in the
   * record. An escaped backslash before N ({@code \\N}) stays a backslash and N.
   */
  static IcsBlocks.Block withLowerCaseNewlines(IcsBlocks.Block block) {
    List<String> lines = null;
    for (int i = 0; i < block.lines().size(); i++) {
      String line = block.lines().get(i);
      if (line.indexOf('\\') < 0
          || !TEXT_PROPERTIES.contains(IcsBlocks.ContentLine.parse(line).name())) {
        continue;
      }
      String rewritten = lowerCaseNewlines(line, IcsBlocks.ContentLine.valueColon(line) + 1);
      if (!rewritten.equals(line)) {
        if (lines == null) {
          lines = new ArrayList<>(block.lines());
        }
        lines.set(i, rewritten);
      }
    }
    return lines == null
        ? block
        : new IcsBlocks.Block(
            block.name(),
            lines,
            block.lineNumbers(),
            block.calendar(),
            block.badByteLines(),
            block.lostFolds(),
            block.cutValues());
  }

  private static String lowerCaseNewlines(String line, int valueStart) {
    StringBuilder out = new StringBuilder(line.length());
    out.append(line, 0, valueStart);
    for (int i = valueStart; i < line.length(); i++) {
      char c = line.charAt(i);
      out.append(c);
      if (c == '\\' && i + 1 < line.length()) {
        char escaped = line.charAt(++i);
        // the escape is consumed whole, so the N of "\\N" is not taken for one
        out.append(escaped == 'N' ? 'n' : escaped);
      }
    }
    return out.toString();
  }

  /**
   * A line of the event that starts no property of iCalendar but could be one (a name of letters,
   * digits and hyphens, a colon: {@code r: Fiat} of a description folded inside "Car: Fiat" whose
   * folding space was lost) is not guessed at: read as a property, ical4j dropped it and the text
   * it held without a word; read as a continuation, a real property would be glued to the line
   * before it.
   */
  private static void checkLostFolds(IcsBlocks.Block block) throws BrokenEventException {
    for (IcsBlocks.LostFold fold : block.lostFolds()) {
      if (!fold.joined()) {
        throw new BrokenEventException(
            describe(block)
                + ": line "
                + fold.line()
                + " '"
                + printable(fold.excerpt())
                + "' is either a property "
                + fold.name()
                + ", which iCalendar does not define, or the continuation of line "
                + fold.previous()
                + " whose folding space was lost; the event is not read rather than read with"
                + " either guess",
            fold.line());
      }
    }
  }

  /** What the record must say of the lines read as continuations of the line before them. */
  private static List<String> lostFoldNotes(IcsBlocks.Block block) {
    List<String> notes = new ArrayList<>();
    for (IcsBlocks.LostFold fold : block.lostFolds()) {
      if (fold.joined()) {
        notes.add(
            "line "
                + fold.line()
                + " of the file does not start a property ('"
                + printable(fold.excerpt())
                + "'): read as the continuation of line "
                + fold.previous()
                + " (its folding space lost): "
                + fold.why());
      }
    }
    return notes;
  }

  private static final Set<String> STAMP_PROPERTIES = Set.of("CREATED", "LAST-MODIFIED", "DTSTAMP");

  /** A CREATED, LAST-MODIFIED or DTSTAMP line whose value is not a date-time, and why. */
  private record BadStamp(IcsBlocks.LocatedLine property, String why) {}

  /**
   * The event's CREATED, LAST-MODIFIED and DTSTAMP whose value is not a real date-time. They only
   * date the record, so the event is read without them, with a note, as if it had none: ical4j read
   * {@code 20260230T000000Z} leniently as March 2 and month 13 as January of the next year, which
   * dated the record wrongly without a word.
   */
  private static List<BadStamp> badStamps(IcsBlocks.Block block) {
    List<BadStamp> bad = new ArrayList<>();
    for (IcsBlocks.LocatedLine property : block.properties()) {
      if (!STAMP_PROPERTIES.contains(property.content().name())) {
        continue;
      }
      String value = property.content().value().strip();
      String impossible = EventTimes.impossible(value);
      if (!TIME_VALUE.matcher(value).matches()) {
        bad.add(new BadStamp(property, "is not a date-time"));
      } else if (impossible != null) {
        bad.add(new BadStamp(property, "is not a real date-time (" + impossible + ")"));
      }
    }
    return bad;
  }

  private static IcsBlocks.Block withoutBadStamps(IcsBlocks.Block block) {
    Set<Long> lines = new HashSet<>();
    badStamps(block).forEach(stamp -> lines.add(stamp.property().line()));
    return lines.isEmpty() ? block : block.withoutLines(lines);
  }

  private static List<String> badStampNotes(IcsBlocks.Block block) {
    return badStamps(block).stream()
        .map(
            stamp ->
                "field "
                    + stamp.property().content().name()
                    + " value '"
                    + printable(stamp.property().content().value().strip())
                    + "' at line "
                    + stamp.property().line()
                    + " "
                    + stamp.why()
                    + ": left out, the event read as if it had none"
                    + (stamp.property().content().name().equals("DTSTAMP")
                        ? " (also in choosing the latest of its copies)"
                        : ""))
        .toList();
  }

  private static void checkTimes(IcsBlocks.Block block) throws BrokenEventException {
    for (IcsBlocks.LocatedLine property : block.properties()) {
      if (!TIME_PROPERTIES.contains(property.content().name())) {
        continue;
      }
      for (String value : property.content().value().split(",")) {
        if (!TIME_VALUE.matcher(value.strip()).matches()) {
          throw new BrokenEventException(
              describe(block)
                  + ": field "
                  + property.content().name()
                  + " value '"
                  + printable(value.strip())
                  + "' is not a date or date-time",
              property.line());
        }
      }
    }
  }

  /** The properties that say when an event is, each of which RFC 5545 allows once in it. */
  private static final List<String> ONCE_TIME_PROPERTIES =
      List.of("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID");

  /**
   * A time property given twice with different values (a merge or a hand edit that added a line
   * instead of replacing one) leaves the event's time unknown: ical4j took the first without a
   * word, though the line added later is as likely the right one. Neither is guessed, as for an
   * event that ends before it starts; the same line twice is read.
   */
  private static void checkTimesGivenOnce(IcsBlocks.Block block) throws BrokenEventException {
    List<IcsBlocks.LocatedLine> properties = block.properties();
    List<String> written = block.propertyLines();
    for (String name : ONCE_TIME_PROPERTIES) {
      int first = -1;
      for (int i = 0; i < properties.size(); i++) {
        if (!properties.get(i).content().name().equals(name)) {
          continue;
        }
        if (first < 0) {
          first = i;
        } else if (!asGiven(written.get(i)).equals(asGiven(written.get(first)))) {
          throw new BrokenEventException(
              describe(block)
                  + ": field "
                  + name
                  + " is given twice, with different values: '"
                  + printable(written.get(first).strip())
                  + "' at line "
                  + properties.get(first).line()
                  + " and '"
                  + printable(written.get(i).strip())
                  + "' at line "
                  + properties.get(i).line()
                  + summaryOf(block)
                  + "; RFC 5545 allows it once, and which one is the event's cannot be told, so"
                  + " neither is taken: mend the file (keep the right line) and run again",
              properties.get(i).line());
        }
      }
    }
  }

  /** A content line as it gives its value: its name in upper case, without blanks at its ends. */
  private static String asGiven(String line) {
    int colon = IcsBlocks.ContentLine.valueColon(line);
    String head = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    return head.strip().toUpperCase(Locale.ROOT) + ":" + value.strip();
  }

  private static VEvent build(String text, IcsBlocks.Block block, boolean relaxed)
      throws BrokenEventException {
    CalendarBuilder builder =
        new CalendarBuilder(
            CalendarParserFactory.getInstance().get(),
            new ContentHandlerContext().withSupressInvalidProperties(relaxed),
            TimeZoneRegistryFactory.getInstance().createRegistry());
    try {
      Calendar parsed = builder.build(new StringReader(text));
      Component event = parsed.getComponent(Component.VEVENT);
      if (!(event instanceof VEvent vevent)) {
        throw new BrokenEventException(
            describe(block) + ": no VEVENT could be read", block.firstLine());
      }
      return vevent;
    } catch (ParserException e) {
      throw new BrokenEventException(
          describe(block) + ": " + e.getMessage(), fileLine(block, e.getLineNo()));
    } catch (IOException | RuntimeException e) {
      throw new BrokenEventException(describe(block) + ": " + e, block.firstLine());
    }
  }

  private static long fileLine(IcsBlocks.Block block, int parserLine) {
    int index = parserLine - HEAD_LINES - 1;
    if (index < 0) {
      return block.firstLine();
    }
    return block.lineNumbers().get(Math.min(index, block.lineNumbers().size() - 1));
  }

  /** A component wrapped in a calendar of its own, for ical4j. */
  static String asCalendar(IcsBlocks.Block block) {
    return CALENDAR_HEAD + block.text() + CALENDAR_TAIL;
  }

  /** Text for a message, control characters (NUL bytes of damaged files) spelt as escapes. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /**
   * The event's SUMMARY for a reason, {@code " (SUMMARY '...')"} with its first 80 characters, or
   * the empty string when it has none: with the UID it lets the operator find the booking.
   */
  static String summaryOf(IcsBlocks.Block block) {
    String summary = block.property("SUMMARY");
    if (summary == null || summary.isBlank()) {
      return "";
    }
    String text = summary.strip();
    return " (SUMMARY '" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "')";
  }

  static String describe(IcsBlocks.Block block) {
    String uid = block.property("UID");
    return "Cannot read calendar event " + (uid == null ? "at line " + block.firstLine() : uid);
  }

  // ---- identity and times --------------------------------------------------------------------

  /**
   * The event's id from its UID; for an event without one (vCalendar 1.0 and hand-made files), an
   * id derived from its text, with a note: the same event gives the same id, a changed one another.
   */
  private static String eventIdOrDerived(VEvent event, IcsBlocks.Block block, List<String> notes)
      throws BrokenEventException {
    String uid = EventJson.value(event, Property.UID);
    if (uid != null && !uid.isBlank()) {
      return eventId(event, block);
    }
    notes.add(
        "the event has no UID: its id is derived from its text, so a changed copy of it elsewhere"
            + " gets another id");
    return "nouid" + EventVersion.digest(block).substring(0, 20);
  }

  private static String eventId(VEvent event, IcsBlocks.Block block) throws BrokenEventException {
    String uid = EventJson.value(event, Property.UID);
    if (uid == null || uid.isBlank()) {
      throw new BrokenEventException(describe(block) + ": field UID is missing", block.firstLine());
    }
    return EventIds.ofUid(uid);
  }

  // ---- recurrence ----------------------------------------------------------------------------

  /**
   * The instances of a recurring event in the window, or null when the event does not recur. When
   * the recurrence cannot be expanded, its first occurrence (DTSTART) is kept, with a note, and the
   * rest is quarantined at the line of the property that failed.
   */
  private Recurrences.Expansion instances(
      VEvent event, When start, IcsBlocks.Block block, List<String> notes, Output out) {
    Recurrences.Expansion expansion;
    try {
      checkRecurrenceTimes(block);
      expansion = Recurrences.expand(event, block, start, times(block), latestChange);
    } catch (Recurrences.UnexpandableException e) {
      String why = "field " + e.property() + ": " + e.getMessage();
      out.incomplete(
          e.line() > 0 ? e.line() : propertyLine(block, e.property()),
          describe(block)
              + ": its recurrence cannot be expanded ("
              + why
              + "); only its first occurrence (DTSTART) was read, the others are not");
      notes.add(
          "recurrence not expanded ("
              + why
              + "): only this first occurrence was read; the others are in the quarantine");
      return new Recurrences.Expansion(List.of(start), Map.of());
    }
    if (expansion != null && expansion.notReadBefore() != null) {
      notes.add(
          "a recurring event read from "
              + Recurrences.LOOKBACK_DAYS
              + " days before the calendar's latest change: its occurrences before "
              + expansion.notReadBefore()
              + " are not read");
    }
    if (expansion != null && expansion.notReadAfter() != null && latestChange != null) {
      // more than WINDOW_DAYS after the calendar was last changed or exported: an event that
      // repeats without end (a weekly class) always goes on past it, and that is no loss
      notes.add(
          "a recurring event read to "
              + Recurrences.WINDOW_DAYS
              + " days after the calendar's latest change ("
              + latestChange
              + "): its occurrences after "
              + expansion.notReadAfter()
              + " are not read");
    } else if (expansion != null && expansion.notReadAfter() != null) {
      // no stamp in the calendar to tell when it was made: a weekly appointment begun two years
      // ago would otherwise lose its recent occurrences without a word
      out.notRead(
          block.firstLine(),
          describe(block)
              + ": it repeats past the "
              + Recurrences.WINDOW_DAYS
              + " days read from its first occurrence ("
              + start.idSuffix()
              + "); its occurrences after "
              + expansion.notReadAfter()
              + " are not read");
      notes.add(
          "a recurring event read for "
              + Recurrences.WINDOW_DAYS
              + " days from its first occurrence: its occurrences after "
              + expansion.notReadAfter()
              + " are not read");
    }
    if (expansion != null && expansion.instances().size() > Recurrences.MAX_INSTANCES) {
      out.incomplete(
          block.firstLine(),
          describe(block)
              + ": more than "
              + Recurrences.MAX_INSTANCES
              + " instances in the days read; only the first "
              + Recurrences.MAX_INSTANCES
              + " were read");
      return new Recurrences.Expansion(
          expansion.instances().subList(0, Recurrences.MAX_INSTANCES), expansion.ends());
    }
    return expansion;
  }

  /**
   * RDATE and EXDATE values and RRULE's UNTIL as written, before ical4j's relaxed parsing reads a
   * malformed or impossible one into another time (UNTIL=20260431T000000Z as May 1, which kept an
   * instance the series does not have).
   */
  private static void checkRecurrenceTimes(IcsBlocks.Block block) {
    for (IcsBlocks.LocatedLine property : block.properties()) {
      if (property.content().name().equals("RRULE")) {
        checkUntil(property);
        continue;
      }
      if (!RECURRENCE_TIME_PROPERTIES.contains(property.content().name())) {
        continue;
      }
      for (String value : property.content().value().split(",")) {
        // an empty RDATE or EXDATE adds or removes nothing
        if (!value.isBlank() && !RECURRENCE_VALUE.matcher(value.strip()).matches()) {
          throw new Recurrences.UnexpandableException(
              property.content().name(),
              property.line(),
              "value '" + printable(value.strip()) + "' is not a date, date-time or period");
        }
      }
    }
  }

  private static void checkUntil(IcsBlocks.LocatedLine rule) {
    for (String part : rule.content().value().split(";")) {
      int equals = part.indexOf('=');
      if (equals < 0 || !part.substring(0, equals).strip().equalsIgnoreCase("UNTIL")) {
        continue;
      }
      String until = part.substring(equals + 1).strip();
      String impossible = EventTimes.impossible(until);
      if (!TIME_VALUE.matcher(until).matches()) {
        throw new Recurrences.UnexpandableException(
            "RRULE",
            rule.line(),
            "UNTIL value '" + printable(until) + "' is not a date or date-time");
      }
      if (impossible != null) {
        throw new Recurrences.UnexpandableException(
            "RRULE",
            rule.line(),
            "UNTIL value '"
                + printable(until)
                + "' is not a real date or date-time: "
                + impossible);
      }
    }
  }

  /** The file line of the component's first property {@code property}, else of its BEGIN. */
  static long propertyLine(IcsBlocks.Block block, String property) {
    return block.properties().stream()
        .filter(p -> p.content().name().equals(property))
        .mapToLong(IcsBlocks.LocatedLine::line)
        .findFirst()
        .orElse(block.firstLine());
  }
}
