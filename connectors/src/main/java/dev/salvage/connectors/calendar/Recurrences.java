package dev.salvage.connectors.calendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.DateTime;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.RRule;

/**
 * Expands recurring events (RRULE, RDATE, EXDATE) into their instances. Rules are applied to the
 * wall-clock time in the event's zone, as RFC 5545 says, so that a weekly 08:00 stays at 08:00
 * across a DST change.
 */
final class Recurrences {
  static final int WINDOW_DAYS = 400;
  static final int MAX_INSTANCES = 5000;

  private Recurrences() {}

  /**
   * The instances of a recurring event from its start to {@value #WINDOW_DAYS} days later (at most
   * {@code MAX_INSTANCES + 1}, so that a caller can tell the list was cut), or null when the event
   * does not recur.
   */
  static List<When> expand(VEvent event, When start, EventTimes times) {
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
        Recur recur = untilAsDate(rule.getRecur(), times.calendarZone());
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
        times
            .whens(rdate)
            .forEach(
                w ->
                    dates.add(
                        w.allDay()
                            ? w.date()
                            : times.calendarZone().toLocal(w.instant()).toLocalDate()));
      }
      for (Property exdate : exdates) {
        times
            .whens(exdate)
            .forEach(
                w ->
                    dates.remove(
                        w.allDay()
                            ? w.date()
                            : times.calendarZone().toLocal(w.instant()).toLocalDate()));
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
          locals.add(LocalDateTime.ofInstant(((Date) date).toInstant(), ZoneOffset.UTC));
        }
      }
      for (Property rdate : rdates) {
        for (When w : times.whens(rdate)) {
          locals.add(w.allDay() ? w.date().atTime(first.toLocalTime()) : zone.toLocal(w.instant()));
        }
      }
      Set<Object> excluded = new HashSet<>();
      for (Property exdate : exdates) {
        times.whens(exdate).forEach(w -> excluded.add(w.key()));
      }
      for (LocalDateTime local : locals.headSet(last, true)) {
        When instance = start.at(zone.toInstant(local));
        if (!excluded.contains(instance.instant()) && !excluded.contains(local.toLocalDate())) {
          instances.add(instance);
        }
      }
    }
    return instances;
  }

  private static Recur untilAsWallClock(Recur recur, EventZone zone) {
    net.fortuna.ical4j.model.Date until = recur.getUntil();
    if (until == null) {
      return recur;
    }
    LocalDateTime local;
    if (until instanceof DateTime dateTime && dateTime.isUtc()) {
      local = zone.toLocal(dateTime.toInstant());
    } else if (until instanceof DateTime) {
      local = LocalDateTime.parse(until.toString(), EventTimes.LOCAL_BASIC);
    } else {
      local =
          LocalDate.parse(until.toString(), DateTimeFormatter.BASIC_ISO_DATE).atTime(23, 59, 59);
    }
    return new Recur.Builder(recur).until(wallClock(local)).build();
  }

  private static Recur untilAsDate(Recur recur, EventZone calendarZone) {
    net.fortuna.ical4j.model.Date until = recur.getUntil();
    if (!(until instanceof DateTime dateTime)) {
      return recur;
    }
    LocalDate local =
        dateTime.isUtc()
            ? calendarZone.toLocal(dateTime.toInstant()).toLocalDate()
            : LocalDateTime.parse(until.toString(), EventTimes.LOCAL_BASIC).toLocalDate();
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
}
