package dev.salvage.connectors.calendar;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
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

  /**
   * Where a wall-clock time of this zone falls, as the mappings place one ({@link
   * java.time.ZonedDateTime#ofLocal} with no preferred offset, {@code mappings/README.md}): a time
   * the zone skips (clocks going forward) is moved later by the length of the gap, a time it has
   * twice (clocks going back) is the earlier instant.
   */
  Placement place(LocalDateTime local);

  default Instant toInstant(LocalDateTime local) {
    return place(local).instant();
  }

  ZoneOffset offsetAt(Instant instant);

  /**
   * A wall-clock time placed in a zone: its instant, and how many offsets the zone has for that
   * time (1 normally, 0 in a gap, 2 in an overlap), which the record must mention when not 1.
   */
  record Placement(Instant instant, int offsets) {
    boolean inGap() {
      return offsets == 0;
    }
  }

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
      public Placement place(LocalDateTime local) {
        // atZone resolves a gap and an overlap as ZonedDateTime.ofLocal does with no preference
        return new Placement(
            local.atZone(zone).toInstant(), zone.getRules().getValidOffsets(local).size());
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

      // java.util.Calendar, which placed these before, reads a time that happens twice in
      // standard time (the later instant): the same time in a tz database zone is the earlier.
      // offsetAt turns a failure of ical4j's rules of a damaged VTIMEZONE into a DateTimeException
      @Override
      public Placement place(LocalDateTime local) {
        return placeByOffsets(this, local);
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
   * Places a wall-clock time by the offsets a zone has a day before and a day after it (a zone
   * changes its offset at most once in two days): an offset is the time's when the instant it gives
   * has that offset. None: the time is in a gap, read at the offset before it (later by the gap);
   * two: it is in an overlap, read at the earlier instant.
   */
  static Placement placeByOffsets(EventZone zone, LocalDateTime local) {
    Instant asUtc = local.toInstant(ZoneOffset.UTC);
    ZoneOffset before = zone.offsetAt(asUtc.minus(Duration.ofDays(1)));
    ZoneOffset after = zone.offsetAt(asUtc.plus(Duration.ofDays(1)));
    Instant earliest = null;
    int offsets = 0;
    for (ZoneOffset offset : before.equals(after) ? List.of(before) : List.of(before, after)) {
      Instant candidate = local.toInstant(offset);
      if (zone.offsetAt(candidate).equals(offset)) {
        offsets++;
        earliest = earliest == null || candidate.isBefore(earliest) ? candidate : earliest;
      }
    }
    return new Placement(earliest == null ? local.toInstant(before) : earliest, offsets);
  }

  /**
   * The TZID Exchange and Outlook on the web write for UTC, without a VTIMEZONE ({@code
   * DTSTART;TZID=tzone://Microsoft/Utc:20260316T090000}, often unquoted).
   */
  static final String EXCHANGE_UTC = "tzone://Microsoft/Utc";

  /**
   * The tz database zone a Windows time zone name stands for ({@code E. South America Standard
   * Time}: America/Sao_Paulo), by CLDR's mapping for its main region. Outlook and Exchange write
   * these as TZIDs, with a VTIMEZONE of the exporting machine's rules; Exchange's {@link
   * #EXCHANGE_UTC} is UTC.
   */
  static Optional<ZoneId> windowsZone(String tzid) {
    if (tzid == null || tzid.isBlank()) {
      return Optional.empty();
    }
    String name = tzid.strip().replace("\"", "");
    if (name.equalsIgnoreCase(EXCHANGE_UTC)) {
      return Optional.of(ZoneId.of("UTC"));
    }
    String id = com.ibm.icu.util.TimeZone.getIDForWindowsID(name, null);
    try {
      return id == null ? Optional.empty() : Optional.of(ZoneId.of(id));
    } catch (DateTimeException unknownToJava) {
      return Optional.empty();
    }
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
