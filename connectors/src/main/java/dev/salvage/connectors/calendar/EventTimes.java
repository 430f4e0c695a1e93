package dev.salvage.connectors.calendar;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TemporalAmountAdapter;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * Reads the times of one iCalendar file's events: date-times in a TZID (a tz database name, or a
 * VTIMEZONE of the file for other names), in UTC, or floating (read in the calendar's
 * X-WR-TIMEZONE, else the business's zone, else UTC), and dates for all-day events.
 */
final class EventTimes {
  static {
    Ical4jSettings.apply();
  }

  /**
   * A date-time in RFC 5545's basic form. Strict: the default (smart) resolving read April 31 as
   * April 30 and February 30 as February 28 without a word.
   */
  static final DateTimeFormatter LOCAL_BASIC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withResolverStyle(ResolverStyle.STRICT);

  private static final Pattern BASIC_TIME =
      Pattern.compile(
          "(\\d{4})(\\d{2})(\\d{2})(?:T(\\d{2})(\\d{2})(\\d{2})Z?)?", Pattern.CASE_INSENSITIVE);

  /**
   * Why a value of the form of a date or date-time ({@code 20260431T100000}) is not a real one
   * ({@code April 2026 has 30 days}); null when it is one or is not of that form.
   */
  static String impossible(String value) {
    Matcher m = BASIC_TIME.matcher(value.strip());
    if (!m.matches()) {
      return null;
    }
    int year = Integer.parseInt(m.group(1));
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (month < 1 || month > 12) {
      return "there is no month " + month;
    }
    int days = YearMonth.of(year, month).lengthOfMonth();
    if (day < 1 || day > days) {
      return Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH)
          + " "
          + year
          + " has "
          + days
          + " days";
    }
    if (m.group(4) == null) {
      return null;
    }
    int hour = Integer.parseInt(m.group(4));
    int minute = Integer.parseInt(m.group(5));
    int second = Integer.parseInt(m.group(6));
    if (hour > 23) {
      return "there is no hour " + hour + " (hours run 00 to 23)";
    }
    if (minute > 59) {
      return "there is no minute " + minute + " (minutes run 00 to 59)";
    }
    if (second > 59) {
      // RFC 5545 allows 60 for a leap second, which java.time cannot hold
      return "there is no second " + second + " (seconds run 00 to 59)";
    }
    return null;
  }

  private final EventZone calendarZone;

  /** The file's VTIMEZONEs by TZID, in file order; shared by the views of its VCALENDARs. */
  private final Map<String, List<Definition>> definitions;

  /** The VCALENDAR whose definitions come first (0: none, an event outside any). */
  private final int calendar;

  /** The views of the file's other VCALENDARs, by VCALENDAR, shared by all views. */
  private final Map<Integer, EventTimes> calendars;

  private final String calendarTimeZone;

  /** The run's business zone, or null: the guess for local times the file gives no zone. */
  private final ZoneId businessZone;

  /**
   * The zone floating times and TZIDs naming nothing are read in: the calendar's, else the
   * business's, else UTC.
   */
  private final EventZone localZone;

  /** {@link #localZone} for notes: {@code the calendar's zone Europe/Lisbon}. */
  private final String localZoneSaid;

  /** TZIDs that name no zone, read in the local zone: the note their events carry. */
  private final Map<String, String> guessedZones = new HashMap<>();

  /** Why floating times cannot be read, when X-WR-TIMEZONE names a broken VTIMEZONE. */
  private final String calendarZoneProblem;

  /**
   * The note of events with floating times when no X-WR-TIMEZONE names their zone (it names none,
   * or there is none and they were read in the business's zone), else null.
   */
  private final String calendarZoneGuess;

  private final Map<String, EventZone> zones = new HashMap<>();
  private TimeZoneRegistry registry;

  /**
   * @param calendarTimeZone X-WR-TIMEZONE, the zone of floating times (else businessZone)
   * @param vtimezones the file's VTIMEZONE blocks, used for TZIDs that are not tz database names
   * @param businessZone the zone of floating times and of TZIDs naming nothing when the calendar
   *     names none; null reads them in UTC
   */
  EventTimes(String calendarTimeZone, List<IcsBlocks.Block> vtimezones, ZoneId businessZone) {
    this(calendarTimeZone, timeZones(vtimezones), 0, new HashMap<>(), businessZone);
  }

  private EventTimes(
      String calendarTimeZone,
      Map<String, List<Definition>> definitions,
      int calendar,
      Map<Integer, EventTimes> calendars,
      ZoneId businessZone) {
    this.calendarTimeZone = calendarTimeZone;
    this.businessZone = businessZone;
    this.definitions = definitions;
    this.calendar = calendar;
    this.calendars = calendars;
    EventZone resolved = null;
    String problem = null;
    if (calendarTimeZone != null) {
      try {
        resolved = resolveZone(calendarTimeZone);
      } catch (DateTimeException broken) {
        problem = "the calendar's X-WR-TIMEZONE: " + broken.getMessage();
      }
    }
    this.calendarZone = resolved == null ? EventZone.UTC : resolved;
    this.calendarZoneProblem = problem;
    if (resolved != null) {
      localZone = resolved;
      localZoneSaid =
          "the calendar's zone " + resolved.id() + IcsReader.ZONE_GUESSED + "X-WR-TIMEZONE)";
    } else if (businessZone != null) {
      // the business's own clock: a floating 06:30 read in UTC was 5 h 30 off for an Indian one
      localZone = EventZone.ofJava(businessZone, businessZone.getId());
      localZoneSaid =
          "the business's time zone "
              + businessZone.getId()
              + IcsReader.ZONE_GUESSED
              + "business.timezone, as the calendar names none)";
    } else {
      localZone = EventZone.UTC;
      localZoneSaid =
          "UTC" + IcsReader.ZONE_GUESSED + "neither the calendar nor the run names one)";
    }
    if (calendarTimeZone != null && resolved == null && problem == null) {
      calendarZoneGuess =
          "the calendar's X-WR-TIMEZONE '"
              + calendarTimeZone
              + "' names no known time zone and the file defines none: its floating times were"
              + " read in "
              + localZoneSaid;
    } else if (calendarTimeZone == null && businessZone != null) {
      calendarZoneGuess =
          "the calendar has no X-WR-TIMEZONE to name the zone of its floating times (no TZID, no"
              + " Z): they were read in "
              + localZoneSaid;
    } else {
      calendarZoneGuess = null;
    }
  }

  /**
   * What an event's record must say about how its times were read: TZIDs that name no known zone
   * and were read in the calendar's zone, and wall-clock times that do not exist in their zone or
   * happen twice in it. Empty for most events.
   */
  List<String> notes(IcsBlocks.Block block) {
    List<String> notes = new ArrayList<>();
    Set<String> outdatedNoted = new HashSet<>();
    for (String line : block.propertyLines()) {
      Written written = Written.of(line);
      String name = written.name();
      String note = null;
      if (written.tzid() != null) {
        // resolved here, not when the times are read: the first event in a zone that names
        // nothing would otherwise be read in the calendar's zone without the note
        try {
          zone(written.tzid());
        } catch (DateTimeException broken) {
          // the zone's VTIMEZONE is broken: reading the time says so, with its line
        }
        note = guessedZones.get(written.tzid());
      } else if (calendarZoneGuess != null && floating(written)) {
        note = calendarZoneGuess;
      }
      if (note != null && !notes.contains(note)) {
        notes.add(note);
      }
      if (TIME_PROPERTY_NAMES.contains(name)
          && written.tzid() != null
          && outdatedNoted.add(written.tzid())) {
        String outdated = outdatedRulesNote(written, block.property("RRULE") != null);
        if (outdated == null) {
          outdatedNoted.remove(written.tzid());
        } else {
          notes.add(outdated);
        }
      }
      if (TIME_PROPERTY_NAMES.contains(name)) {
        for (String placed : placementNotes(written)) {
          if (!notes.contains(placed)) {
            notes.add(placed);
          }
        }
        for (String both : utcWithTzidNotes(written)) {
          if (!notes.contains(both)) {
            notes.add(both);
          }
        }
      }
    }
    return notes;
  }

  /**
   * What the record must say of a time written in UTC ({@code Z}) under a TZID ({@code
   * DTSTART;TZID=Europe/Paris:20261103T100000Z}), which RFC 5545 (3.2.19, 3.3.5) does not allow and
   * some exporters write: it is read as UTC, as the {@code Z} says, but an exporter that appended
   * the {@code Z} to a wall-clock time meant another instant, and nothing in the file tells which.
   * Until 2026-12-06 it was read as UTC without a word. Nothing when the zone's offset is 0 then
   * (both readings are one instant) or the time cannot be read (reading it reports it).
   */
  private List<String> utcWithTzidNotes(Written property) {
    List<String> notes = new ArrayList<>();
    if (property.tzid() == null) {
      return notes;
    }
    for (String value : property.value().split("[,/]")) {
      String time = value.strip();
      if (time.length() <= 8 || !(time.endsWith("Z") || time.endsWith("z"))) {
        continue;
      }
      try {
        String wall = time.substring(0, time.length() - 1);
        LocalDateTime local = LocalDateTime.parse(wall, LOCAL_BASIC);
        EventZone zone = zone(property.tzid());
        Instant utc = local.toInstant(ZoneOffset.UTC);
        Instant inZone = zone.toInstant(local);
        if (utc.equals(inZone)) {
          continue;
        }
        notes.add(
            "field "
                + property.name()
                + " "
                + wall
                + " has TZID "
                + named(property, zone)
                + " and ends in Z, which RFC 5545 does not allow (a time is in UTC or in its TZID,"
                + " not both): read as UTC, "
                + utc.atOffset(ZoneOffset.UTC)
                + "; read in "
                + zone.id()
                + " it is "
                + inZone.atOffset(zone.offsetAt(inZone)));
      } catch (DateTimeException | IndexOutOfBoundsException unreadable) {
        // reading the time reports it, with its line
      }
    }
    return notes;
  }

  /**
   * What the record must say when a time was read in the tz database's zone although the file
   * defines a VTIMEZONE of that TZID with another offset for it (rules out of date, or its own):
   * the first such time of the property, or for a recurring event's start the first month in the
   * next two years where they differ; null when they agree.
   */
  private String outdatedRulesNote(Written property, boolean recurring) {
    Definition defined = overriddenDefinition(property.tzid()).orElse(null);
    if (defined == null) {
      return null;
    }
    EventZone fileRules = EventZone.ofRules(defined.zone(), property.tzid());
    List<LocalDateTime> times = new ArrayList<>();
    for (String value : property.value().split("[,/]")) {
      String time = value.strip();
      if (time.length() > 8 && !time.endsWith("Z") && !time.endsWith("z") && !time.contains("P")) {
        try {
          LocalDateTime local = LocalDateTime.parse(time, LOCAL_BASIC);
          times.add(local);
          if (recurring && property.name().equals("DTSTART")) {
            for (int month = 1; month <= 24; month++) {
              times.add(local.plusMonths(month));
            }
          }
        } catch (DateTimeException unreadable) {
          // reading the time reports it, with its line
        }
      }
    }
    try {
      EventZone zone = zone(property.tzid());
      for (LocalDateTime local : times) {
        Instant read = zone.toInstant(local);
        Instant byFile = fileRules.toInstant(local);
        if (!read.equals(byFile)) {
          return "times in '"
              + property.tzid()
              + "' were read in the tz database's "
              + zone.id()
              + ", whose rules give "
              + local
              + " the offset "
              + zone.offsetAt(read)
              + "; the file's own VTIMEZONE at line "
              + defined.line()
              + " gives "
              + fileRules.offsetAt(byFile)
              + " (its rules are out of date or its own): check the times";
        }
      }
    } catch (DateTimeException unusable) {
      // reading the time reports it, with its line
    }
    return null;
  }

  /**
   * The file's readable VTIMEZONE of a TZID whose times are read in the tz database's zone instead;
   * empty for other TZIDs.
   */
  private Optional<Definition> overriddenDefinition(String tzid) {
    return overridden.computeIfAbsent(
        tzid,
        id -> {
          if (EventZone.javaZone(id).or(() -> EventZone.windowsZone(id)).isEmpty()) {
            return Optional.empty();
          }
          Definition defined = fileDefinition(id);
          return defined == null || defined.zone() == null
              ? Optional.empty()
              : Optional.of(defined);
        });
  }

  private final Map<String, Optional<Definition>> overridden = new HashMap<>();

  /**
   * What the record must say of a time property's wall-clock times that are not one instant in
   * their zone: one the zone skips (clocks going forward), read later by the length of the gap, or
   * one it has twice (clocks going back), read at the earlier instant. Values that cannot be read
   * say nothing here: reading the event's times reports them.
   */
  private List<String> placementNotes(Written property) {
    List<String> notes = new ArrayList<>();
    if (property.tzid() == null && calendarZoneProblem != null) {
      return notes;
    }
    for (String value : property.value().split("[,/]")) {
      String time = value.strip();
      if (time.length() <= 8 || time.endsWith("Z") || time.endsWith("z") || time.contains("P")) {
        continue; // a date, a UTC time or a period's duration: nothing to place
      }
      try {
        EventZone zone = property.tzid() == null ? localZone : zone(property.tzid());
        LocalDateTime local = LocalDateTime.parse(time, LOCAL_BASIC);
        EventZone.Placement placement = zone.place(local);
        if (placement.offsets() == 1) {
          continue;
        }
        OffsetDateTime read = placement.instant().atOffset(zone.offsetAt(placement.instant()));
        String where = "field " + property.name() + " " + time + " in " + named(property, zone);
        notes.add(
            placement.inGap()
                ? where
                    + " is a time that does not exist (the clocks go forward over it): read"
                    + " later by the gap's "
                    + Duration.between(local, read.toLocalDateTime()).toMinutes()
                    + " minutes, as "
                    + read
                : where
                    + " is a time that happens twice (the clocks go back over it): read as the"
                    + " earlier, "
                    + read);
      } catch (DateTimeException | IndexOutOfBoundsException unreadable) {
        // reading the time reports it, with its line
      }
    }
    return notes;
  }

  /**
   * The zone as the file names it and, when it is read as another (a Windows name by CLDR's
   * mapping), as read: {@code W. Europe Standard Time (read as Europe/Berlin)}. The tz id alone
   * left an Amsterdam office wondering where Berlin came from.
   */
  private static String named(Written property, EventZone zone) {
    String tzid = property.tzid() == null ? null : property.tzid().strip().replace("\"", "");
    return tzid == null || tzid.equals(zone.id())
        ? zone.id()
        : tzid + " (read as " + zone.id() + ")";
  }

  /** Whether a time property holds a date-time of no zone (neither TZID nor UTC). */
  private static boolean floating(Written property) {
    if (!TIME_PROPERTY_NAMES.contains(property.name())) {
      return false;
    }
    for (String value : property.value().split("[,/]")) {
      String time = value.strip();
      if (time.length() > 8
          && time.charAt(8) == 'T'
          && !time.endsWith("Z")
          && !time.endsWith("z")) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> TIME_PROPERTY_NAMES =
      Set.of("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE");

  /**
   * The times of the events of VCALENDAR {@code calendar} (0: of none): its own VTIMEZONEs come
   * before those of the file's other VCALENDARs. A file of several exports appended may define one
   * TZID differently in each; reading them all in the first definition moved the others' events.
   * When no TZID is defined differently, this is the same object.
   */
  EventTimes inCalendar(int calendar) {
    if (calendar == this.calendar || !differentlyDefined()) {
      return this;
    }
    return calendars.computeIfAbsent(
        calendar, c -> new EventTimes(calendarTimeZone, definitions, c, calendars, businessZone));
  }

  private Boolean differentlyDefined;

  private boolean differentlyDefined() {
    if (differentlyDefined == null) {
      differentlyDefined =
          definitions.values().stream()
              .anyMatch(list -> list.stream().map(Definition::rules).distinct().count() > 1);
    }
    return differentlyDefined;
  }

  /** The zone floating times are read in and UTC times shown in. */
  EventZone calendarZone() {
    return calendarZone;
  }

  /**
   * The end of an event: DTEND, else DTSTART plus DURATION, else for an all-day event the next day;
   * null for a timed event with neither. RFC 5545 makes that one end when it starts, but for a
   * booking calendar that is no return time: read so, it gave zero-length rentals, unflagged, that
   * an import wrote. Null agrees with Google's {@code endTimeUnspecified}. An end before the start
   * is refused: it is no time an event can have (DTSTART and DTEND swapped, or a negative
   * DURATION), and read as written it gave a booking returned a week before its pickup.
   */
  When end(VEvent event, When start, IcsBlocks.Block block) throws BrokenEventException {
    net.fortuna.ical4j.model.property.Duration duration = event.getProperty(Property.DURATION);
    When byDuration = null;
    if (duration != null) {
      try {
        byDuration = plus(start, duration.getDuration());
      } catch (DateTimeException e) {
        if (block.propertyLines(Property.DTEND).isEmpty()) {
          throw new BrokenEventException(
              IcsEvents.describe(block) + ": field DURATION: " + e.getMessage(), block.firstLine());
        }
        // a DURATION that gives no end beside a DTEND that does: the DTEND is read, as before
      }
    }
    if (!block.propertyLines(Property.DTEND).isEmpty()) {
      When end = when(block, Property.DTEND);
      if (byDuration != null && !byDuration.asInstant().equals(end.asInstant())) {
        // RFC 5545 allows one of the two; which one the writer kept up to date cannot be told
        throw new BrokenEventException(
            IcsEvents.describe(block)
                + ": it gives two ends: field DTEND value '"
                + String.valueOf(block.property(Property.DTEND)).strip()
                + "' gives "
                + shown(end)
                + ", and field DURATION value '"
                + String.valueOf(block.property(Property.DURATION)).strip()
                + "' gives "
                + shown(byDuration)
                + IcsEvents.summaryOf(block)
                + "; RFC 5545 allows one of the two, and which one is the event's cannot be told,"
                + " so neither is taken: mend the file (keep the right one) and run again",
            IcsEvents.propertyLine(block, Property.DURATION));
      }
      return notBefore(start, end, Property.DTEND, block);
    }
    if (byDuration != null) {
      return notBefore(start, byDuration, Property.DURATION, block);
    }
    return start.allDay() ? When.ofDate(start.date().plusDays(1)) : null;
  }

  /** {@code end}, unless it is before {@code start}: then the event cannot be read. */
  private static When notBefore(When start, When end, String from, IcsBlocks.Block block)
      throws BrokenEventException {
    if (!end.asInstant().isBefore(start.asInstant())) {
      return end;
    }
    String startWritten = String.valueOf(block.property(Property.DTSTART)).strip();
    String endWritten = String.valueOf(block.property(from)).strip();
    throw new BrokenEventException(
        IcsEvents.describe(block)
            + ": it ends before it starts: field "
            + from
            + " value '"
            + endWritten
            + "' gives the end "
            + shown(end)
            + ", before its DTSTART '"
            + startWritten
            + "' ("
            + shown(start)
            + ")"
            + IcsEvents.summaryOf(block)
            + "; neither time is taken for the event (were they swapped?): mend the file and"
            + " run again",
        IcsEvents.propertyLine(block, from));
  }

  private static String shown(When when) {
    if (when.allDay()) {
      return when.date().toString();
    }
    return when.display() == null
        ? when.instant().toString()
        : when.instant().atOffset(when.display().offsetAt(when.instant())).toString();
  }

  static When plus(When start, TemporalAmount amount) {
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

  /**
   * The end of an instance: the event's length after the instance's start; null when the event has
   * no end.
   */
  static When shift(When start, When end, When instance) {
    if (end == null) {
      return null;
    }
    if (start.allDay() && end.allDay()) {
      return When.ofDate(instance.date().plus(Period.between(start.date(), end.date())));
    }
    if (!start.allDay() && !end.allDay()) {
      return end.at(instance.instant().plus(Duration.between(start.instant(), end.instant())));
    }
    return instance;
  }

  /**
   * The first date or date-time of a property that the event must have, read as the file writes it
   * (not as ical4j gives it back).
   */
  When when(IcsBlocks.Block block, String name) throws BrokenEventException {
    List<Written> written = Written.all(block, name);
    if (written.isEmpty()) {
      throw new BrokenEventException(
          IcsEvents.describe(block) + ": field " + name + " is missing", block.firstLine());
    }
    try {
      List<When> values = whens(written.get(0));
      if (values.isEmpty()) {
        throw new DateTimeException("field " + name + " has no value");
      }
      return values.get(0);
    } catch (DateTimeException e) {
      throw new BrokenEventException(
          IcsEvents.describe(block) + ": " + e.getMessage(), IcsEvents.propertyLine(block, name));
    }
  }

  /** The dates or date-times of a property (EXDATE and RDATE may list several). */
  List<When> whens(Written property) {
    return periods(property).stream().map(Span::start).toList();
  }

  /**
   * A time property as the file writes it: its name, its TZID parameter (null when it has none) and
   * its value. ical4j cannot give these back: it replaces a TZID it has an alias for by the zone
   * aliased (Europe/Oslo by Europe/Berlin) and re-reads the time in its own rules of that zone,
   * which moved a time the zone skips (02:30 on the day clocks go forward) to midnight.
   */
  record Written(String name, String tzid, String value) {
    Written {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
    }

    /** The component's own properties {@code name}, as written, in file order. */
    static List<Written> all(IcsBlocks.Block block, String name) {
      return block.propertyLines(name).stream().map(Written::of).toList();
    }

    /** A content line's property: upper-case name, TZID and value as written. */
    static Written of(String line) {
      IcsBlocks.ContentLine content = IcsBlocks.ContentLine.parse(line);
      return new Written(
          content.name(), IcsBlocks.ContentLine.parameter(line, Parameter.TZID), content.value());
    }

    /**
     * A property ical4j read, for the stamps (CREATED, LAST-MODIFIED, DTSTAMP) that RFC 5545 has in
     * UTC, which ical4j gives back as written.
     */
    static Written of(Property property) {
      Parameter tzid = property.getParameter(Parameter.TZID);
      return new Written(
          property.getName().toUpperCase(Locale.ROOT),
          tzid == null ? null : tzid.getValue(),
          property.getValue());
    }
  }

  /**
   * The values of a property as periods: a date or date-time starts a period without an end of its
   * own; an RDATE;VALUE=PERIOD value ({@code start/end} or {@code start/duration}, RFC 5545 3.3.9)
   * has one.
   */
  List<Span> periods(Written property) {
    String tzid = property.tzid();
    List<Span> values = new ArrayList<>();
    for (String raw : property.value().split(",")) {
      String value = raw.strip();
      if (value.isEmpty()) {
        continue;
      }
      try {
        int slash = value.indexOf('/');
        if (slash < 0) {
          values.add(new Span(whenOf(value, tzid), null));
        } else {
          When start = whenOf(value.substring(0, slash), tzid);
          String second = value.substring(slash + 1);
          When end =
              second.startsWith("P") || second.startsWith("+P") || second.startsWith("-P")
                  ? plus(start, TemporalAmountAdapter.parse(second).getDuration())
                  : whenOf(second, tzid);
          values.add(new Span(start, end));
        }
      } catch (DateTimeParseException | IllegalArgumentException | IndexOutOfBoundsException e) {
        String impossible = impossibleIn(value);
        throw new DateTimeException(
            "field "
                + property.name()
                + " value '"
                + IcsEvents.printable(value)
                + (impossible == null
                    ? "' is not a date, date-time or period"
                    : "' is not a real date or date-time: " + impossible));
      } catch (DateTimeException zone) {
        // the value is fine, its time zone is not: say which
        throw new DateTimeException(
            "field "
                + property.name()
                + " value '"
                + IcsEvents.printable(value)
                + "': "
                + zone.getMessage(),
            zone);
      }
    }
    return values;
  }

  /** Why the start or end of a value ({@code start/end}) is not a real date-time, else null. */
  private static String impossibleIn(String value) {
    for (String part : value.split("/")) {
      String impossible = impossible(part);
      if (impossible != null) {
        return impossible;
      }
    }
    return null;
  }

  /** A start, and the end of its own that a PERIOD value gives it (else null). */
  record Span(When start, When end) {}

  private When whenOf(String value, String tzid) {
    if (value.length() == 8) {
      return When.ofDate(LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE));
    }
    if (value.endsWith("Z") || value.endsWith("z")) {
      LocalDateTime utc = LocalDateTime.parse(value.substring(0, value.length() - 1), LOCAL_BASIC);
      return new When(null, utc.toInstant(ZoneOffset.UTC), EventZone.UTC, calendarZone);
    }
    if (tzid == null && calendarZoneProblem != null) {
      throw new DateTimeException("its floating time cannot be placed: " + calendarZoneProblem);
    }
    EventZone zone = tzid == null ? localZone : zone(tzid);
    return new When(null, zone.toInstant(LocalDateTime.parse(value, LOCAL_BASIC)), zone, zone);
  }

  private EventZone zone(String tzid) {
    return zones.computeIfAbsent(
        tzid,
        id -> {
          EventZone resolved = resolveZone(id);
          if (resolved == null) {
            guessedZones.put(
                id,
                "TZID '"
                    + id
                    + "' names no known time zone and the file defines none: its times were read"
                    + " in "
                    + localZoneSaid);
            return localZone;
          }
          return resolved;
        });
  }

  /**
   * The zone a TZID names: the tz database's (a Windows zone name too, by CLDR's mapping), else the
   * file's own VTIMEZONE, else ical4j's aliases; null when none. The tz database wins over a
   * VTIMEZONE of the same name: Outlook writes the rules of the machine that exported, which can be
   * years out of date (Brazil's daylight saving time, abolished in 2019), and the wall-clock time
   * written is the one the business booked. {@link #notes} says when the two differ.
   *
   * @throws DateTimeException when the only definition of the TZID is a VTIMEZONE that cannot be
   *     read, naming its line
   */
  private EventZone resolveZone(String tzid) {
    var java = EventZone.javaZone(tzid).or(() -> EventZone.windowsZone(tzid));
    if (java.isPresent()) {
      return EventZone.ofJava(java.get(), java.get().getId());
    }
    Definition fromFile = fileDefinition(tzid);
    if (fromFile != null && fromFile.zone() != null) {
      return EventZone.ofRules(fromFile.zone(), tzid);
    }
    if (fromFile != null) {
      throw new DateTimeException("its time zone '" + tzid + "' " + fromFile.broken());
    }
    if (registry == null) {
      registry = TimeZoneRegistryFactory.getInstance().createRegistry();
    }
    try {
      TimeZone known = registry.getTimeZone(tzid);
      // for a legacy Java id (IST, CST: India or Ireland, China or Chicago) ical4j gives a
      // VTIMEZONE without a rule, which read every time as UTC, unsaid: it names no zone
      return known == null
              || known.getVTimeZone() == null
              || known.getVTimeZone().getObservances().isEmpty()
          ? null
          : EventZone.ofRules(known, tzid);
    } catch (RuntimeException unknown) {
      return null;
    }
  }

  /**
   * The file's definition of a TZID that its events are read in: the first readable one in the
   * event's own VCALENDAR, else in the file, else the first unreadable one; null when none.
   */
  private Definition fileDefinition(String tzid) {
    List<Definition> defined = definitions.getOrDefault(tzid, List.of());
    return first(defined, d -> d.zone() != null && d.calendar() == calendar)
        .or(() -> first(defined, d -> d.zone() != null))
        .or(() -> first(defined, d -> d.calendar() == calendar))
        .or(() -> first(defined, d -> true))
        .orElse(null);
  }

  private static <T> Optional<T> first(List<T> list, Predicate<T> test) {
    return list.stream().filter(test).findFirst();
  }

  /**
   * One VTIMEZONE of the file: its VCALENDAR and line, its rules as written (the text of its
   * parts), and the zone they give, or why it cannot be read.
   */
  private record Definition(
      int calendar, long line, String rules, TimeZone zone, String unreadable) {
    String broken() {
      return "is defined by a VTIMEZONE at line " + line + " that cannot be read: " + unreadable;
    }
  }

  /**
   * Reads the file's VTIMEZONEs. For a TZID, the first readable definition in the event's own
   * VCALENDAR is used, else the first readable one in the file. One that cannot be read (a part
   * missing or damaged, e.g. a DTSTART with NUL bytes) is remembered with its line, so that only
   * the events written in that zone, when no readable definition exists, are quarantined, with that
   * reason. Definitions written alike are read once: an iTIP log repeats its zone with every
   * message.
   */
  private static Map<String, List<Definition>> timeZones(List<IcsBlocks.Block> vtimezones) {
    Map<String, List<Definition>> definitions = new HashMap<>();
    Map<String, Definition> read = new HashMap<>();
    for (IcsBlocks.Block block : vtimezones) {
      String tzid = block.property("TZID");
      if (tzid == null || tzid.isBlank()) {
        continue; // no event can refer to it
      }
      // TZID is a TEXT value: Outlook writes "TZID:Kuala Lumpur\, Singapore" in the VTIMEZONE
      // and TZID="Kuala Lumpur, Singapore" on the events
      tzid = unescapeText(tzid.strip());
      String rules = tzid + "\n" + rules(block);
      Definition known = read.get(rules);
      if (known == null) {
        known = definition(block, rules);
        read.put(rules, known);
      }
      definitions
          .computeIfAbsent(tzid, id -> new ArrayList<>())
          .add(
              new Definition(
                  block.calendar(), block.firstLine(), rules, known.zone(), known.unreadable()));
    }
    return definitions;
  }

  /** A VTIMEZONE's lines that give its rules: not its stamps, URL or extensions. */
  private static String rules(IcsBlocks.Block block) {
    StringBuilder rules = new StringBuilder();
    for (String line : block.lines()) {
      String name = IcsBlocks.ContentLine.parse(line).name();
      if (!Set.of("LAST-MODIFIED", "DTSTAMP", "TZURL").contains(name) && !name.startsWith("X-")) {
        rules.append(line.strip()).append('\n');
      }
    }
    return rules.toString();
  }

  private static Definition definition(IcsBlocks.Block block, String rules) {
    try {
      return new Definition(block.calendar(), block.firstLine(), rules, readable(block), null);
    } catch (ParserException | IOException | RuntimeException unreadable) {
      String why =
          unreadable instanceof ParserException parser
              ? parser.getMessage()
              : unreadable.getMessage() == null
                  ? unreadable.getClass().getSimpleName()
                  : unreadable.getMessage();
      return new Definition(block.calendar(), block.firstLine(), rules, null, why);
    }
  }

  /** A TEXT value without its escapes (backslash before , ; : " or backslash, RFC 5545 3.3.11). */
  private static String unescapeText(String value) {
    return value.indexOf('\\') < 0 ? value : value.replaceAll("\\\\([\\\\,;:\"])", "$1");
  }

  /**
   * The DTSTART and offsets of a VTIMEZONE's parts as written: ical4j reads some damaged values
   * (NUL bytes inside a DTSTART) leniently into other times, which would move every event in the
   * zone without a word.
   */
  private static void checkObservanceLines(IcsBlocks.Block block) {
    for (int i = 0; i < block.lines().size(); i++) {
      IcsBlocks.ContentLine line = IcsBlocks.ContentLine.parse(block.lines().get(i));
      String value = line.value().strip();
      boolean bad =
          switch (line.name()) {
            case "DTSTART" -> !IcsEvents.TIME_VALUE.matcher(value).matches();
            case "TZOFFSETFROM", "TZOFFSETTO" -> !OFFSET.matcher(value).matches();
            default -> false;
          };
      if (bad) {
        throw new IllegalArgumentException(
            "its "
                + line.name()
                + " at line "
                + block.lineNumbers().get(i)
                + " is not valid: '"
                + IcsEvents.printable(value)
                + "'");
      }
    }
  }

  private static final java.util.regex.Pattern OFFSET =
      java.util.regex.Pattern.compile("[+-]\\d{4}(\\d{2})?");

  /** The zone of a VTIMEZONE block, tried at a few instants so that a damaged one fails here. */
  private static TimeZone readable(IcsBlocks.Block block) throws ParserException, IOException {
    checkObservanceLines(block);
    Calendar parsed = new CalendarBuilder().build(new StringReader(IcsEvents.asCalendar(block)));
    VTimeZone vtimezone = (VTimeZone) parsed.getComponent(Component.VTIMEZONE);
    if (vtimezone == null || vtimezone.getObservances().isEmpty()) {
      throw new IllegalArgumentException("it has no STANDARD or DAYLIGHT part");
    }
    for (Component observance : vtimezone.getObservances()) {
      for (String required :
          List.of(Property.DTSTART, Property.TZOFFSETFROM, Property.TZOFFSETTO)) {
        if (observance.getProperty(required) == null) {
          throw new IllegalArgumentException(
              "its " + observance.getName() + " part has no readable " + required);
        }
      }
    }
    TimeZone zone = new TimeZone(vtimezone);
    for (long probe : new long[] {0L, 1_000_000_000_000L, 1_800_000_000_000L}) {
      zone.getOffset(probe);
    }
    return zone;
  }
}
