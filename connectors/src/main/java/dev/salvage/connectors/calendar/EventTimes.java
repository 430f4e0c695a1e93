package dev.salvage.connectors.calendar;

import java.io.IOException;
import java.io.StringReader;
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
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * Reads the times of one iCalendar file's events: date-times in a TZID (a tz database name, or a
 * VTIMEZONE of the file for other names), in UTC, or floating (read in the calendar's
 * X-WR-TIMEZONE, else UTC), and dates for all-day events.
 */
final class EventTimes {
  static {
    Ical4jSettings.apply();
  }

  static final DateTimeFormatter LOCAL_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

  private final EventZone calendarZone;
  private final Map<String, TimeZone> fileZones;
  private final Map<String, EventZone> zones = new HashMap<>();
  private TimeZoneRegistry registry;

  /**
   * @param calendarTimeZone X-WR-TIMEZONE, the zone of floating times (UTC when null)
   * @param vtimezones the file's VTIMEZONE blocks, used for TZIDs that are not tz database names
   */
  EventTimes(String calendarTimeZone, List<IcsBlocks.Block> vtimezones) {
    this.fileZones = timeZones(vtimezones);
    EventZone resolved = calendarTimeZone == null ? null : resolveZone(calendarTimeZone);
    this.calendarZone = resolved == null ? EventZone.UTC : resolved;
  }

  /** The zone floating times are read in and UTC times shown in. */
  EventZone calendarZone() {
    return calendarZone;
  }

  /** The end of an event: DTEND, else DTSTART plus DURATION, else a day or no time after it. */
  When end(VEvent event, When start, IcsBlocks.Block block) throws BrokenEventException {
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
  static When shift(When start, When end, When instance) {
    if (start.allDay() && end.allDay()) {
      return When.ofDate(instance.date().plus(Period.between(start.date(), end.date())));
    }
    if (!start.allDay() && !end.allDay()) {
      return end.at(instance.instant().plus(Duration.between(start.instant(), end.instant())));
    }
    return instance;
  }

  /** The first date or date-time of a property that the event must have. */
  When when(Property property, String name, IcsBlocks.Block block) throws BrokenEventException {
    if (property == null) {
      throw new BrokenEventException(
          IcsEvents.describe(block) + ": field " + name + " is missing", block.firstLine());
    }
    try {
      List<When> values = whens(property);
      if (values.isEmpty()) {
        throw new DateTimeException("field " + name + " has no value");
      }
      return values.get(0);
    } catch (DateTimeException e) {
      throw new BrokenEventException(
          IcsEvents.describe(block) + ": " + e.getMessage(), block.firstLine());
    }
  }

  /** The dates or date-times of a property (EXDATE and RDATE may list several). */
  List<When> whens(Property property) {
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
            new CalendarBuilder().build(new StringReader(IcsEvents.asCalendar(block)));
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
}
