package dev.salvage.connectors.calendar;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;

/**
 * A time zone an event's times are written in: a tz database zone when the TZID names one, or the
 * rules of the file's own VTIMEZONE when it does not (Outlook and Lotus write their own names).
 */
interface EventZone {
  EventZone UTC = ofJava(ZoneOffset.UTC, "UTC");

  /** The name written in the event's {@code timeZone}. */
  String id();

  Instant toInstant(LocalDateTime local);

  ZoneOffset offsetAt(Instant instant);

  default LocalDateTime toLocal(Instant instant) {
    return LocalDateTime.ofInstant(instant, offsetAt(instant));
  }

  static EventZone ofJava(ZoneId zone, String id) {
    return new EventZone() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Instant toInstant(LocalDateTime local) {
        return local.atZone(zone).toInstant();
      }

      @Override
      public ZoneOffset offsetAt(Instant instant) {
        return zone.getRules().getOffset(instant);
      }
    };
  }

  static EventZone ofRules(TimeZone rules, String id) {
    return new EventZone() {
      @Override
      public String id() {
        return id;
      }

      // ical4j's rules of a damaged VTIMEZONE can fail at any instant, with any exception
      @Override
      public Instant toInstant(LocalDateTime local) {
        try {
          Calendar calendar = Calendar.getInstance(rules);
          calendar.clear();
          calendar.set(
              local.getYear(),
              local.getMonthValue() - 1,
              local.getDayOfMonth(),
              local.getHour(),
              local.getMinute(),
              local.getSecond());
          return Instant.ofEpochMilli(calendar.getTimeInMillis());
        } catch (RuntimeException e) {
          throw unusable(local, e);
        }
      }

      @Override
      public ZoneOffset offsetAt(Instant instant) {
        try {
          return ZoneOffset.ofTotalSeconds(rules.getOffset(instant.toEpochMilli()) / 1000);
        } catch (RuntimeException e) {
          throw unusable(instant, e);
        }
      }

      private DateTimeException unusable(Object time, RuntimeException e) {
        return new DateTimeException(
            "its time zone '" + id + "' cannot place " + time + ": " + e, e);
      }
    };
  }

  /**
   * The tz database zone a TZID names, also when prefixed ({@code /mozilla.org/.../Europe/Lisbon},
   * {@code /freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires}): the longest
   * tail of the path that is a zone, of at least two parts.
   */
  static Optional<ZoneId> javaZone(String tzid) {
    if (tzid == null || tzid.isBlank()) {
      return Optional.empty();
    }
    String name = tzid.strip().replace("\"", "");
    try {
      return Optional.of(ZoneId.of(name));
    } catch (DateTimeException notAZoneId) {
      // zone names have up to three parts (America/Argentina/Buenos_Aires): trying only the
      // last two would read such a zone in the calendar's
      String[] parts = name.split("/");
      for (int first = 1; first <= parts.length - 2; first++) {
        try {
          return Optional.of(
              ZoneId.of(String.join("/", Arrays.copyOfRange(parts, first, parts.length))));
        } catch (DateTimeException stillNot) {
          // a prefix part: try the shorter tail
        }
      }
      return Optional.empty();
    }
  }
}
