package dev.salvage.connectors.calendar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** Writes a VEVENT in the shape of a Google Calendar API event. */
final class EventJson {
  private final ObjectNode calendar;
  private final EventTimes times;
  private final String method;

  /**
   * @param calendar the {@code _calendar} object added to every event
   * @param method the calendar's METHOD ({@code PUBLISH}) when its DTSTAMPs are when the file was
   *     made, else null
   */
  EventJson(ObjectNode calendar, EventTimes times, String method) {
    this.calendar = calendar;
    this.times = times;
    this.method = method;
  }

  /**
   * The event as Google writes it.
   *
   * @param end null for an event without one: written as Google's {@code endTimeUnspecified}, with
   *     no {@code end}
   * @param recurringEventId the id of the series for an instance, else null
   * @param originalStart the instance's start in the series, else null
   */
  ObjectNode of(
      VEvent event, String id, When start, When end, String recurringEventId, When originalStart) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("kind", "calendar#event");
    json.put("id", id);
    String status = value(event, Property.STATUS);
    json.put("status", status == null ? "confirmed" : status.strip().toLowerCase(Locale.ROOT));
    putInstant(json, "created", event.getProperty(Property.CREATED));
    putInstant(json, "updated", revision(event, method));
    putText(json, "summary", value(event, Property.SUMMARY));
    putText(json, "description", value(event, Property.DESCRIPTION));
    putText(json, "location", value(event, Property.LOCATION));
    Property organizer = event.getProperty(Property.ORGANIZER);
    if (organizer != null) {
      json.set("organizer", person(organizer));
    }
    json.set("start", start.toJson());
    if (end == null) {
      json.put("endTimeUnspecified", true);
    } else {
      json.set("end", end.toJson());
    }
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
      times.whens(EventTimes.Written.of(property)).stream()
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

  /**
   * The property saying when the event was last changed, or null when nothing says: LAST-MODIFIED;
   * else DTSTAMP, which RFC 5545 makes the last revision only in a calendar without METHOD (with
   * one, as every Outlook, Google and booking-site export has METHOD:PUBLISH, it is when the file
   * was made, the same for every event: dated so, a calendar entry nobody moved would be newer than
   * the mail that moved the booking); there, CREATED for an event never revised (SEQUENCE 0), and
   * the DTSTAMP still for one revised or without CREATED: the latest it can have changed. Left out,
   * every such event of a generated or exported file was quarantined by a mapping dated by it.
   *
   * @param method the calendar's METHOD when its DTSTAMPs are when the file was made, else null
   */
  static Property revision(VEvent event, String method) {
    Property lastModified = event.getProperty(Property.LAST_MODIFIED);
    if (lastModified != null) {
      return lastModified;
    }
    if (method == null) {
      return event.getProperty(Property.DTSTAMP);
    }
    Property created = event.getProperty(Property.CREATED);
    if (created != null && parseSequence(value(event, Property.SEQUENCE)) == 0) {
      return created;
    }
    return event.getProperty(Property.DTSTAMP);
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

  static String value(VEvent event, String name) {
    Property property = event.getProperty(name);
    return property == null ? null : property.getValue();
  }
}
