package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An event time as Google writes it: a date for all-day events, else an instant with the zone its
 * wall-clock time is counted in ({@code zone}, which recurrence follows) and the zone it is shown
 * in ({@code display}).
 */
record When(LocalDate date, Instant instant, EventZone zone, EventZone display) {
  /** An instant as RFC 5545 writes it in UTC ({@code 20260405T101500Z}), to write and to read. */
  static final DateTimeFormatter UTC_BASIC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  static When ofDate(LocalDate date) {
    return new When(date, null, null, null);
  }

  boolean allDay() {
    return date != null;
  }

  /** What identifies this time among the instances of a recurring event. */
  Object key() {
    return allDay() ? date : instant;
  }

  /** The suffix Google gives instance ids: {@code 20260313} or {@code 20260313T100000Z}. */
  String idSuffix() {
    return allDay() ? date.format(DateTimeFormatter.BASIC_ISO_DATE) : UTC_BASIC.format(instant);
  }

  /** An instant for timestamps: all-day dates count from midnight UTC. */
  Instant asInstant() {
    return allDay() ? date.atStartOfDay().toInstant(ZoneOffset.UTC) : instant;
  }

  When at(Instant other) {
    return new When(null, other, zone, display);
  }

  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    if (allDay()) {
      json.put("date", date.toString());
    } else {
      json.put(
          "dateTime",
          instant
              .atOffset(display.offsetAt(instant))
              .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      json.put("timeZone", display.id());
    }
    return json;
  }
}
