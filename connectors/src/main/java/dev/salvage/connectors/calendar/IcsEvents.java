package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarParserFactory;
import net.fortuna.ical4j.data.ContentHandlerContext;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.DateTime;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.util.CompatibilityHints;

/**
 * Converts the VEVENTs of one iCalendar file into Google Calendar event JSON: one record per event,
 * or per instance of a recurring event within {@value #WINDOW_DAYS} days of its start, with
 * overrides (RECURRENCE-ID) replacing the instances they modify.
 */
final class IcsEvents {
  static final int WINDOW_DAYS = 400;
  static final int MAX_INSTANCES = 5000;

  /** A VEVENT that cannot be read; {@code line} is the file line of the problem, or of BEGIN. */
  static final class BrokenEventException extends Exception {
    private final long line;

    BrokenEventException(String message, long line) {
      super(message);
      this.line = line;
    }

    long line() {
      return line;
    }
  }

  /** Receives converted events. */
  interface Output {
    void event(String id, ObjectNode json, long line);

    /** A VEVENT that could not be read. */
    void broken(IcsBlocks.Block block, BrokenEventException reason);

    /** An event that was read, but not completely. */
    void incomplete(long line, String reason);
  }

  private static final String CALENDAR_HEAD =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//salvage//ics//EN\r\n";
  private static final int HEAD_LINES = 3;
  private static final String CALENDAR_TAIL = "\r\nEND:VCALENDAR\r\n";
  private static final Set<String> TIME_PROPERTIES =
      Set.of("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE");
  private static final Pattern TIME_VALUE =
      Pattern.compile("\\d{8}(T\\d{6}Z?)?", Pattern.CASE_INSENSITIVE);
  private static final DateTimeFormatter LOCAL_BASIC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
  private static final Set<String> RELAXED_HINTS =
      Set.of(
          CompatibilityHints.KEY_RELAXED_PARSING,
          CompatibilityHints.KEY_RELAXED_UNFOLDING,
          CompatibilityHints.KEY_RELAXED_VALIDATION,
          CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY);
  // CompatibilityHints are JVM-wide: relaxed parses are serialised and restore the hints after.
  private static final Object RELAXED_LOCK = new Object();

  private final ObjectNode calendar;
  private final EventZone calendarZone;
  private final Map<String, TimeZone> fileZones;
  private final Map<String, EventZone> zones = new HashMap<>();
  private TimeZoneRegistry registry;

  /**
   * @param calendar the {@code _calendar} object added to every event
   * @param calendarTimeZone X-WR-TIMEZONE, the zone of floating times (UTC when null)
   * @param vtimezones the file's VTIMEZONE blocks, used for TZIDs that are not tz database names
   */
  IcsEvents(ObjectNode calendar, String calendarTimeZone, List<IcsBlocks.Block> vtimezones) {
    this.calendar = calendar;
    this.fileZones = timeZones(vtimezones);
    EventZone resolved = calendarTimeZone == null ? null : resolveZone(calendarTimeZone);
    this.calendarZone = resolved == null ? EventZone.UTC : resolved;
  }

  /**
   * Converts an event without RECURRENCE-ID: one record, or one per instance when it recurs, with
   * {@code overrides} (the VEVENTs sharing its UID that have a RECURRENCE-ID) replacing their
   * instances. Overrides matching no instance are kept as records of their own.
   */
  void convert(IcsBlocks.Block block, List<IcsBlocks.Block> overrides, Output out)
      throws BrokenEventException {
    VEvent event = parse(block);
    String id = eventId(event, block);
    When start = when(event.getProperty(Property.DTSTART), Property.DTSTART, block);
    When end = end(event, start, block);
    List<When> instances = instances(event, start, block, out);
    Map<Object, ParsedOverride> byOriginal = new LinkedHashMap<>();
    for (IcsBlocks.Block override : overrides) {
      try {
        VEvent parsed = parse(override);
        When original =
            when(parsed.getProperty(Property.RECURRENCE_ID), Property.RECURRENCE_ID, override);
        byOriginal.put(original.key(), new ParsedOverride(parsed, override));
      } catch (BrokenEventException e) {
        out.broken(override, e);
      }
    }
    if (instances == null) {
      out.event(id, json(event, id, start, end, null, null), block.firstLine());
    } else {
      for (When instance : instances) {
        ParsedOverride override = byOriginal.remove(instance.key());
        if (override == null) {
          String instanceId = id + "_" + instance.idSuffix();
          out.event(
              instanceId,
              json(event, instanceId, instance, shift(start, end, instance), id, instance),
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

  /** Converts an override whose recurring event is not in the file. */
  void convertOverride(IcsBlocks.Block block, Output out) throws BrokenEventException {
    VEvent event = parse(block);
    emitOverride(new ParsedOverride(event, block), eventId(event, block), out);
  }

  private record ParsedOverride(VEvent event, IcsBlocks.Block block) {}

  private void emitOverride(ParsedOverride override, String recurringEventId, Output out) {
    VEvent event = override.event();
    IcsBlocks.Block block = override.block();
    try {
      When original =
          when(event.getProperty(Property.RECURRENCE_ID), Property.RECURRENCE_ID, block);
      String id = recurringEventId + "_" + original.idSuffix();
      When start = when(event.getProperty(Property.DTSTART), Property.DTSTART, block);
      out.event(
          id,
          json(event, id, start, end(event, start, block), recurringEventId, original),
          block.firstLine());
    } catch (BrokenEventException e) {
      out.broken(block, e);
    }
  }

  // ---- parsing -------------------------------------------------------------------------------

  /**
   * Parses a VEVENT strictly, then once more with ical4j's relaxed compatibility hints. Its times
   * are checked first: relaxed parsing would read a malformed date leniently into a wrong one.
   */
  VEvent parse(IcsBlocks.Block block) throws BrokenEventException {
    checkTimes(block);
    String text = CALENDAR_HEAD + block.text() + CALENDAR_TAIL;
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
                  + value.strip()
                  + "' is not a date or date-time",
              property.line());
        }
      }
    }
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

  static String describe(IcsBlocks.Block block) {
    String uid = block.property("UID");
    return "Cannot read calendar event " + (uid == null ? "at line " + block.firstLine() : uid);
  }

  // ---- identity and times --------------------------------------------------------------------

  private static String eventId(VEvent event, IcsBlocks.Block block) throws BrokenEventException {
    String uid = value(event, Property.UID);
    if (uid == null || uid.isBlank()) {
      throw new BrokenEventException(describe(block) + ": field UID is missing", block.firstLine());
    }
    String id = uid.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return id.isEmpty() ? HexFormat.of().formatHex(uid.getBytes(StandardCharsets.UTF_8)) : id;
  }

  private When end(VEvent event, When start, IcsBlocks.Block block) throws BrokenEventException {
    Property end = event.getProperty(Property.DTEND);
    if (end != null) {
      return when(end, Property.DTEND, block);
    }
    net.fortuna.ical4j.model.property.Duration duration = event.getProperty(Property.DURATION);
    if (duration != null) {
      return plus(start, duration.getDuration());
    }
    return start.allDay() ? When.ofDate(start.date().plusDays(1)) : start;
  }

  private static When plus(When start, TemporalAmount amount) {
    if (start.allDay()) {
      return When.ofDate(
          start
              .date()
              .plus(
                  amount instanceof Period
                      ? amount
                      : Period.ofDays((int) Duration.from(amount).toDays())));
    }
    if (amount instanceof Period) {
      LocalDateTime local = start.zone().toLocal(start.instant()).plus(amount);
      return start.at(start.zone().toInstant(local));
    }
    return start.at(start.instant().plus(amount));
  }

  /** The end of an instance: the event's length after the instance's start. */
  private static When shift(When start, When end, When instance) {
    if (start.allDay() && end.allDay()) {
      return When.ofDate(instance.date().plus(Period.between(start.date(), end.date())));
    }
    if (!start.allDay() && !end.allDay()) {
      return end.at(instance.instant().plus(Duration.between(start.instant(), end.instant())));
    }
    return instance;
  }

  /** The first date or date-time of a property that the event must have. */
  private When when(Property property, String name, IcsBlocks.Block block)
      throws BrokenEventException {
    if (property == null) {
      throw new BrokenEventException(
          describe(block) + ": field " + name + " is missing", block.firstLine());
    }
    try {
      List<When> values = whens(property);
      if (values.isEmpty()) {
        throw new DateTimeException("field " + name + " has no value");
      }
      return values.get(0);
    } catch (DateTimeException e) {
      throw new BrokenEventException(describe(block) + ": " + e.getMessage(), block.firstLine());
    }
  }

  /** The dates or date-times of a property (EXDATE and RDATE may list several). */
  private List<When> whens(Property property) {
    Parameter tzid = property.getParameter(Parameter.TZID);
    List<When> values = new ArrayList<>();
    for (String raw : property.getValue().split(",")) {
      String value = raw.strip();
      if (value.isEmpty()) {
        continue;
      }
      try {
        values.add(whenOf(value, tzid));
      } catch (DateTimeException e) {
        throw new DateTimeException(
            "field " + property.getName() + " value '" + value + "' is not a date or date-time");
      }
    }
    return values;
  }

  private When whenOf(String value, Parameter tzid) {
    if (value.length() == 8) {
      return When.ofDate(LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE));
    }
    if (value.endsWith("Z") || value.endsWith("z")) {
      LocalDateTime utc = LocalDateTime.parse(value.substring(0, value.length() - 1), LOCAL_BASIC);
      return new When(null, utc.toInstant(ZoneOffset.UTC), EventZone.UTC, calendarZone);
    }
    EventZone zone = tzid == null ? calendarZone : zone(tzid.getValue());
    return new When(null, zone.toInstant(LocalDateTime.parse(value, LOCAL_BASIC)), zone, zone);
  }

  private EventZone zone(String tzid) {
    return zones.computeIfAbsent(
        tzid,
        id -> {
          EventZone resolved = resolveZone(id);
          return resolved == null ? calendarZone : resolved;
        });
  }

  private EventZone resolveZone(String tzid) {
    var java = EventZone.javaZone(tzid);
    if (java.isPresent()) {
      return EventZone.ofJava(java.get(), java.get().getId());
    }
    TimeZone fromFile = fileZones.get(tzid);
    if (fromFile != null) {
      return EventZone.ofRules(fromFile, tzid);
    }
    if (registry == null) {
      registry = TimeZoneRegistryFactory.getInstance().createRegistry();
    }
    try {
      TimeZone known = registry.getTimeZone(tzid);
      return known == null ? null : EventZone.ofRules(known, tzid);
    } catch (RuntimeException unknown) {
      return null;
    }
  }

  private static Map<String, TimeZone> timeZones(List<IcsBlocks.Block> vtimezones) {
    Map<String, TimeZone> zones = new HashMap<>();
    for (IcsBlocks.Block block : vtimezones) {
      try {
        Calendar parsed =
            new CalendarBuilder()
                .build(new StringReader(CALENDAR_HEAD + block.text() + CALENDAR_TAIL));
        VTimeZone vtimezone = (VTimeZone) parsed.getComponent(Component.VTIMEZONE);
        if (vtimezone != null && vtimezone.getTimeZoneId() != null) {
          zones.put(vtimezone.getTimeZoneId().getValue(), new TimeZone(vtimezone));
        }
      } catch (ParserException | IOException | RuntimeException unreadable) {
        // events using this TZID fall back to the tz database or the calendar's zone
      }
    }
    return zones;
  }

  // ---- recurrence ----------------------------------------------------------------------------

  /** The instances of a recurring event in the window, or null when the event does not recur. */
  private List<When> instances(VEvent event, When start, IcsBlocks.Block block, Output out)
      throws BrokenEventException {
    try {
      return expand(event, start, block, out);
    } catch (RuntimeException e) {
      throw new BrokenEventException(
          describe(block) + ": its recurrence cannot be expanded: " + e.getMessage(),
          block.firstLine());
    }
  }

  private List<When> expand(VEvent event, When start, IcsBlocks.Block block, Output out) {
    List<RRule> rules = event.getProperties(Property.RRULE);
    List<Property> rdates = event.getProperties(Property.RDATE);
    if (rules.isEmpty() && rdates.isEmpty()) {
      return null;
    }
    List<Property> exdates = event.getProperties(Property.EXDATE);
    List<When> instances = new ArrayList<>();
    if (start.allDay()) {
      TreeSet<LocalDate> dates = new TreeSet<>();
      dates.add(start.date());
      LocalDate last = start.date().plusDays(WINDOW_DAYS);
      for (RRule rule : rules) {
        Recur recur = untilAsDate(rule.getRecur());
        DateList list =
            recur.getDates(
                icalDate(start.date()),
                icalDate(start.date()),
                icalDate(last),
                Value.DATE,
                MAX_INSTANCES + 1);
        for (Object date : list) {
          dates.add(LocalDate.parse(date.toString(), DateTimeFormatter.BASIC_ISO_DATE));
        }
      }
      for (Property rdate : rdates) {
        whens(rdate)
            .forEach(
                w ->
                    dates.add(
                        w.allDay() ? w.date() : calendarZone.toLocal(w.instant()).toLocalDate()));
      }
      for (Property exdate : exdates) {
        whens(exdate)
            .forEach(
                w ->
                    dates.remove(
                        w.allDay() ? w.date() : calendarZone.toLocal(w.instant()).toLocalDate()));
      }
      dates.headSet(last, true).forEach(date -> instances.add(When.ofDate(date)));
    } else {
      EventZone zone = start.zone();
      LocalDateTime first = zone.toLocal(start.instant());
      LocalDateTime last = first.plusDays(WINDOW_DAYS);
      TreeSet<LocalDateTime> locals = new TreeSet<>();
      locals.add(first);
      for (RRule rule : rules) {
        // expanded on the wall clock (as UTC, which has no gaps) so that DST changes keep the time
        Recur recur = untilAsWallClock(rule.getRecur(), zone);
        DateList list =
            recur.getDates(
                wallClock(first),
                wallClock(first),
                wallClock(last),
                Value.DATE_TIME,
                MAX_INSTANCES + 1);
        for (Object date : list) {
          locals.add(LocalDateTime.ofInstant(((java.util.Date) date).toInstant(), ZoneOffset.UTC));
        }
      }
      for (Property rdate : rdates) {
        for (When w : whens(rdate)) {
          locals.add(w.allDay() ? w.date().atTime(first.toLocalTime()) : zone.toLocal(w.instant()));
        }
      }
      Set<Object> excluded = new java.util.HashSet<>();
      for (Property exdate : exdates) {
        whens(exdate).forEach(w -> excluded.add(w.key()));
      }
      for (LocalDateTime local : locals.headSet(last, true)) {
        When instance = start.at(zone.toInstant(local));
        if (!excluded.contains(instance.instant()) && !excluded.contains(local.toLocalDate())) {
          instances.add(instance);
        }
      }
    }
    if (instances.size() > MAX_INSTANCES) {
      out.incomplete(
          block.firstLine(),
          describe(block)
              + ": more than "
              + MAX_INSTANCES
              + " instances in "
              + WINDOW_DAYS
              + " days; only the first "
              + MAX_INSTANCES
              + " were read");
      return instances.subList(0, MAX_INSTANCES);
    }
    return instances;
  }

  private Recur untilAsWallClock(Recur recur, EventZone zone) {
    net.fortuna.ical4j.model.Date until = recur.getUntil();
    if (until == null) {
      return recur;
    }
    LocalDateTime local;
    if (until instanceof DateTime dateTime && dateTime.isUtc()) {
      local = zone.toLocal(dateTime.toInstant());
    } else if (until instanceof DateTime) {
      local = LocalDateTime.parse(until.toString(), LOCAL_BASIC);
    } else {
      local =
          LocalDate.parse(until.toString(), DateTimeFormatter.BASIC_ISO_DATE).atTime(23, 59, 59);
    }
    return new Recur.Builder(recur).until(wallClock(local)).build();
  }

  private Recur untilAsDate(Recur recur) {
    net.fortuna.ical4j.model.Date until = recur.getUntil();
    if (!(until instanceof DateTime dateTime)) {
      return recur;
    }
    LocalDate local =
        dateTime.isUtc()
            ? calendarZone.toLocal(dateTime.toInstant()).toLocalDate()
            : LocalDateTime.parse(until.toString(), LOCAL_BASIC).toLocalDate();
    return new Recur.Builder(recur).until(icalDate(local)).build();
  }

  private static DateTime wallClock(LocalDateTime local) {
    DateTime dateTime = new DateTime(local.toInstant(ZoneOffset.UTC).toEpochMilli());
    dateTime.setUtc(true);
    return dateTime;
  }

  private static net.fortuna.ical4j.model.Date icalDate(LocalDate date) {
    try {
      return new net.fortuna.ical4j.model.Date(date.format(DateTimeFormatter.BASIC_ISO_DATE));
    } catch (java.text.ParseException e) {
      throw new IllegalStateException("ical4j cannot read its own date format: " + date, e);
    }
  }

  // ---- JSON ----------------------------------------------------------------------------------

  private ObjectNode json(
      VEvent event, String id, When start, When end, String recurringEventId, When originalStart) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("kind", "calendar#event");
    json.put("id", id);
    String status = value(event, Property.STATUS);
    json.put("status", status == null ? "confirmed" : status.strip().toLowerCase(Locale.ROOT));
    putInstant(json, "created", event.getProperty(Property.CREATED));
    Property updated = event.getProperty(Property.LAST_MODIFIED);
    putInstant(json, "updated", updated != null ? updated : event.getProperty(Property.DTSTAMP));
    putText(json, "summary", value(event, Property.SUMMARY));
    putText(json, "description", value(event, Property.DESCRIPTION));
    putText(json, "location", value(event, Property.LOCATION));
    Property organizer = event.getProperty(Property.ORGANIZER);
    if (organizer != null) {
      json.set("organizer", person(organizer));
    }
    json.set("start", start.toJson());
    json.set("end", end.toJson());
    if (recurringEventId != null) {
      json.put("recurringEventId", recurringEventId);
      json.set("originalStartTime", originalStart.toJson());
    }
    json.put("iCalUID", value(event, Property.UID));
    String sequence = value(event, Property.SEQUENCE);
    json.put("sequence", parseSequence(sequence));
    List<Property> attendees = event.getProperties(Property.ATTENDEE);
    if (!attendees.isEmpty()) {
      ArrayNode array = json.putArray("attendees");
      for (Property attendee : attendees) {
        ObjectNode person = person(attendee);
        Parameter partstat = attendee.getParameter(Parameter.PARTSTAT);
        if (partstat != null) {
          person.put("responseStatus", responseStatus(partstat.getValue()));
        }
        array.add(person);
      }
    }
    json.set("_calendar", calendar);
    return json;
  }

  private void putInstant(ObjectNode json, String field, Property property) {
    if (property == null) {
      return;
    }
    try {
      whens(property).stream()
          .findFirst()
          .ifPresent(w -> json.put(field, w.asInstant().toString()));
    } catch (DateTimeException unreadable) {
      // a bad timestamp is not worth losing the event for
    }
  }

  private static ObjectNode person(Property property) {
    ObjectNode person = JsonNodeFactory.instance.objectNode();
    String address = property.getValue() == null ? "" : property.getValue().strip();
    if (address.regionMatches(true, 0, "mailto:", 0, 7)) {
      address = address.substring(7);
    }
    person.put("email", address);
    Parameter name = property.getParameter(Parameter.CN);
    if (name != null && !name.getValue().isBlank()) {
      person.put("displayName", name.getValue());
    }
    return person;
  }

  private static String responseStatus(String partstat) {
    return switch (partstat.toUpperCase(Locale.ROOT)) {
      case "ACCEPTED" -> "accepted";
      case "DECLINED" -> "declined";
      case "TENTATIVE" -> "tentative";
      default -> "needsAction";
    };
  }

  private static int parseSequence(String sequence) {
    try {
      return sequence == null ? 0 : Integer.parseInt(sequence.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void putText(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }

  private static String value(VEvent event, String name) {
    Property property = event.getProperty(name);
    return property == null ? null : property.getValue();
  }
}
