package dev.salvage.connectors.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  /**
   * Days before the calendar's latest change from which a series is read: a backup older than this
   * before the export is not expected, and a daily series begun years ago stays within {@link
   * #MAX_INSTANCES}.
   */
  static final int LOOKBACK_DAYS = 800;

  static final int MAX_INSTANCES = 5000;

  private Recurrences() {}

  /**
   * The instances of a recurring event, and the ends that RDATE;VALUE=PERIOD values give theirs (by
   * {@link When#key()}); other instances last as long as the event.
   */
  record Expansion(
      List<When> instances,
      Map<Object, When> ends,
      LocalDate notReadAfter,
      LocalDate notReadBefore) {
    Expansion {
      instances = List.copyOf(instances);
      ends = Map.copyOf(ends);
    }

    Expansion(List<When> instances, Map<Object, When> ends) {
      this(instances, ends, null, null);
    }
  }

  /** A recurrence property that cannot be expanded, with its name for locating it. */
  static final class UnexpandableException extends RuntimeException {
    private final String property;
    private final long line;

    UnexpandableException(String property, RuntimeException cause) {
      super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
      this.property = property;
      this.line = 0;
    }

    UnexpandableException(String property, long line, String message) {
      super(message);
      this.property = property;
      this.line = line;
    }

    String property() {
      return property;
    }

    /** The file line of the property, or 0 when not known. */
    long line() {
      return line;
    }
  }

  /**
   * The instances of a recurring event (at most {@code MAX_INSTANCES + 1}, so that a caller can
   * tell the list was cut), with the last day read when the event repeats after it and the first
   * day read when it had instances before, or null when the event does not recur.
   *
   * <p>With {@code latestChange} (the calendar's latest stamp: when it was exported or last
   * changed), the instances from {@value #LOOKBACK_DAYS} days before it to {@value #WINDOW_DAYS}
   * days after it, and the first one (DTSTART) always: a weekly class begun years before the export
   * repeats without end, and what matters is around the backup and the loss. Without it, from the
   * first instance to {@value #WINDOW_DAYS} days later.
   *
   * @throws UnexpandableException naming the RRULE, RDATE or EXDATE that cannot be read
   */
  static Expansion expand(
      VEvent event, IcsBlocks.Block block, When start, EventTimes times, Instant latestChange) {
    List<RRule> rules = event.getProperties(Property.RRULE);
    // RDATE and EXDATE as the file writes them: see EventTimes.Written
    List<EventTimes.Written> rdates = EventTimes.Written.all(block, Property.RDATE);
    if (rules.isEmpty() && rdates.isEmpty()) {
      return null;
    }
    List<EventTimes.Written> exdates = EventTimes.Written.all(block, Property.EXDATE);
    List<When> instances = new ArrayList<>();
    Map<Object, When> ends = new HashMap<>();
    LocalDate notReadAfter;
    LocalDate notReadBefore;
    if (start.allDay()) {
      TreeSet<LocalDate> dates = new TreeSet<>();
      dates.add(start.date());
      LocalDate anchor =
          latestChange == null
              ? start.date()
              : max(start.date(), times.calendarZone().toLocal(latestChange).toLocalDate());
      LocalDate first =
          latestChange == null ? start.date() : max(start.date(), anchor.minusDays(LOOKBACK_DAYS));
      LocalDate last = anchor.plusDays(WINDOW_DAYS);
      for (RRule rule : rules) {
        tagged(
            Property.RRULE,
            () -> {
              Recur recur = untilAsDate(rule.getRecur(), times.calendarZone());
              DateList list =
                  recur.getDates(
                      icalDate(start.date()),
                      icalDate(first),
                      icalDate(last),
                      Value.DATE,
                      MAX_INSTANCES + 1);
              for (Object date : list) {
                dates.add(LocalDate.parse(date.toString(), DateTimeFormatter.BASIC_ISO_DATE));
              }
            });
      }
      for (EventTimes.Written rdate : rdates) {
        tagged(
            Property.RDATE,
            () -> {
              for (EventTimes.Span span : times.periods(rdate)) {
                LocalDate date = localDate(span.start(), times);
                dates.add(date);
                if (span.end() != null) {
                  ends.put(date, When.ofDate(localDate(span.end(), times)));
                }
              }
            });
      }
      for (EventTimes.Written exdate : exdates) {
        tagged(
            Property.EXDATE,
            () -> times.whens(exdate).forEach(w -> dates.remove(localDate(w, times))));
      }
      dates.headSet(last, true).forEach(date -> instances.add(When.ofDate(date)));
      boolean continues = dates.higher(last) != null;
      notReadBefore = first.isAfter(start.date()) ? first : null;
      for (RRule rule : rules) {
        continues |=
            tagged(
                Property.RRULE,
                () ->
                    !untilAsDate(rule.getRecur(), times.calendarZone())
                        .getDates(
                            icalDate(start.date()),
                            icalDate(last.plusDays(1)),
                            icalDate(last.plusDays(WINDOW_DAYS)),
                            Value.DATE,
                            1)
                        .isEmpty());
      }
      notReadAfter = continues ? last : null;
    } else {
      EventZone zone = start.zone();
      LocalDateTime first = zone.toLocal(start.instant());
      LocalDateTime anchor = latestChange == null ? first : max(first, zone.toLocal(latestChange));
      LocalDateTime from =
          latestChange == null ? first : max(first, anchor.minusDays(LOOKBACK_DAYS));
      LocalDateTime last = anchor.plusDays(WINDOW_DAYS);
      notReadBefore = from.isAfter(first) ? from.toLocalDate() : null;
      TreeSet<LocalDateTime> locals = new TreeSet<>();
      locals.add(first);
      for (RRule rule : rules) {
        tagged(
            Property.RRULE,
            () -> {
              // expanded on the wall clock (as UTC, which has no gaps) so DST changes keep the time
              Recur recur = untilAsWallClock(rule.getRecur(), zone);
              DateList list =
                  recur.getDates(
                      wallClock(first),
                      wallClock(from),
                      wallClock(last),
                      Value.DATE_TIME,
                      MAX_INSTANCES + 1);
              for (Object date : list) {
                locals.add(LocalDateTime.ofInstant(((Date) date).toInstant(), ZoneOffset.UTC));
              }
            });
      }
      Map<LocalDateTime, When> localEnds = new HashMap<>();
      for (EventTimes.Written rdate : rdates) {
        tagged(
            Property.RDATE,
            () -> {
              for (EventTimes.Span span : times.periods(rdate)) {
                When w = span.start();
                LocalDateTime local =
                    w.allDay() ? w.date().atTime(first.toLocalTime()) : zone.toLocal(w.instant());
                locals.add(local);
                // a period of dates says nothing of the length of a timed event's instance
                if (span.end() != null && !span.end().allDay()) {
                  localEnds.put(local, span.end());
                }
              }
            });
      }
      Set<Object> excluded = new HashSet<>();
      for (EventTimes.Written exdate : exdates) {
        tagged(Property.EXDATE, () -> times.whens(exdate).forEach(w -> excluded.add(w.key())));
      }
      boolean continues = locals.higher(last) != null;
      for (RRule rule : rules) {
        continues |=
            tagged(
                Property.RRULE,
                () ->
                    !untilAsWallClock(rule.getRecur(), zone)
                        .getDates(
                            wallClock(first),
                            wallClock(last.plusSeconds(1)),
                            wallClock(last.plusDays(WINDOW_DAYS)),
                            Value.DATE_TIME,
                            1)
                        .isEmpty());
      }
      notReadAfter = continues ? last.toLocalDate() : null;
      for (LocalDateTime local : locals.headSet(last, true)) {
        When instance = start.at(zone.toInstant(local));
        if (!excluded.contains(instance.instant()) && !excluded.contains(local.toLocalDate())) {
          instances.add(instance);
          When end = localEnds.get(local);
          if (end != null) {
            ends.put(instance.key(), end);
          }
        }
      }
    }
    return new Expansion(instances, ends, notReadAfter, notReadBefore);
  }

  private static <T extends Comparable<? super T>> T max(T a, T b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static LocalDate localDate(When when, EventTimes times) {
    return when.allDay() ? when.date() : times.calendarZone().toLocal(when.instant()).toLocalDate();
  }

  private static void tagged(String property, Runnable expansion) {
    try {
      expansion.run();
    } catch (RuntimeException e) {
      throw new UnexpandableException(property, e);
    }
  }

  private static boolean tagged(String property, java.util.function.BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      throw new UnexpandableException(property, e);
    }
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
