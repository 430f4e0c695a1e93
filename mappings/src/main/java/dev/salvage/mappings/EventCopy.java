package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One calendar's copy of a calendar event, as the event's format names it, carried by the
 * observations mapped from it. Google leaves a cancelled stub in the calendar an event is moved out
 * of while the same event id lives on in the calendar it moved to; no mapped field tells that move
 * from a cancellation, so reconciling compares the copies a record holds.
 *
 * @param calendar the calendar's id ({@code _calendar.id})
 * @param id the event's id ({@code id}: an instance of a series carries its own suffix)
 * @param iCalUid the event's {@code iCalUID}, "" when the copy has none (a deletion stub)
 * @param originalStart an instance's {@code originalStartTime} as written, "" for an event that is
 *     no instance of a series (every instance of a series shares the series' iCalUID)
 * @param cancelled whether the copy is cancelled ({@code status: cancelled}: a deletion stub or an
 *     event marked cancelled)
 */
public record EventCopy(
    String calendar, String id, String iCalUid, String originalStart, boolean cancelled) {
  static final String KIND = "calendar.event";

  public EventCopy {
    requireNonNull(calendar, "calendar");
    requireNonNull(id, "id");
    iCalUid = iCalUid == null ? "" : iCalUid;
    originalStart = originalStart == null ? "" : originalStart;
  }

  /** The copy a calendar event record is, null for any other record or an event without ids. */
  static EventCopy of(String kind, JsonNode event) {
    if (!KIND.equals(kind)) {
      return null;
    }
    String calendar = event.path("_calendar").path("id").asText("");
    String id = event.path("id").asText("");
    if (calendar.isEmpty() || id.isEmpty()) {
      return null;
    }
    JsonNode original = event.path("originalStartTime");
    String originalStart =
        original.isObject()
            ? original.path("dateTime").asText(original.path("date").asText(""))
            : "";
    return new EventCopy(
        calendar,
        id,
        event.path("iCalUID").asText(""),
        originalStart,
        "cancelled".equals(event.path("status").asText("")));
  }

  /**
   * Whether this copy is what moving the event to {@code other}'s calendar left behind: this one
   * cancelled, the other live in another calendar, both with the same event id, or the same iCalUID
   * for the same occurrence (an event moved by export and import gets a new id but keeps its
   * iCalUID).
   */
  public boolean leftByMoveTo(EventCopy other) {
    if (!cancelled || other.cancelled || calendar.equals(other.calendar)) {
      return false;
    }
    return id.equals(other.id)
        || (!iCalUid.isEmpty()
            && iCalUid.equals(other.iCalUid)
            && originalStart.equals(other.originalStart));
  }
}
