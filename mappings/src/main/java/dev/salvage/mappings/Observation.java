package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One claim one source makes about one entity: "mail X says reservation R-1 starts at T".
 *
 * <p>Keys are the normalised strong identifiers used to link observations of the same entity
 * (reference, email, E.164 phone, Stripe customer id, ...). Fields are the values it claims, in
 * canonical text form: ISO-8601 UTC instants for date-times, integers for money in minor units,
 * E.164 for phones, lower-case addresses for emails.
 *
 * @param entityType the canonical entity type, as declared in the entities config (e.g. {@code
 *     reservation})
 * @param keys strong key name to normalised value
 * @param fields canonical field name to canonical text value
 * @param observedAt when the source made the claim (mail date, object creation, event update)
 * @param source the configured source name (e.g. {@code mail}, {@code backup})
 * @param sourceRef the evidence id of the raw record (e.g. {@code stripe:ch_123})
 * @param rule the mapping rule that produced this observation
 * @param hints partial values (a name written with initials, {@code Anna K.}): field name to value;
 *     they help probabilistic linking compare records but are never a field's value
 * @param notes what the mapping could not do for this observation, for the reviewer (a lookup that
 *     found no backup row: {@code car_id: no row of cars with plate "XY-12"})
 * @param ordinal which of its rule's emits of {@code entityType} made it, counted from 0 over the
 *     rule's emits of that type: a class session's third attendee is 2. One record's emits of one
 *     type are distinct pieces of evidence (three attendees are three bookings), while the same
 *     record read twice gives each emit the same ordinal again (a copy, counted once)
 * @param guessed the date-time fields whose value was read from a wall-clock time its zone skips or
 *     repeats (1:30 AM on the night the clocks go back), each to the other instant that time may be
 *     ("" when not known), and the fields whose text two places of a {@code first_of} read as
 *     different values ({@code 04/12/2026} as MM/dd and dd/MM), each to the later place's reading:
 *     a guess, which {@code notes} explains, that an exact claim of either value settles
 * @param event the calendar's copy of the event the observation was mapped from, null for a record
 *     that is no calendar event
 */
public record Observation(
    String entityType,
    Map<String, String> keys,
    Map<String, String> fields,
    Instant observedAt,
    String source,
    String sourceRef,
    String rule,
    Map<String, String> hints,
    List<String> notes,
    int ordinal,
    Map<String, String> guessed,
    EventCopy event) {
  /**
   * What the note of a text two places of a {@code first_of} read as different values says after
   * the quoted text: {@code "04/12/2026" reads as two different values: ...}. Its field is {@link
   * #guessed} too, and merging names the text in the record's reason.
   */
  public static final String TWO_READINGS = " reads as two different values: ";

  /**
   * What the note of a calendar time written in UTC under a TZID holds ({@code field DTSTART
   * 20261103T100000 has TZID Europe/Paris and ends in Z, which RFC 5545 does not allow ...}), the
   * .ics reader's words: such a guess is no clock change.
   */
  public static final String UTC_UNDER_TZID = " and ends in Z, which RFC 5545 does not allow";

  public Observation {
    requireNonNull(entityType, "entityType");
    keys = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(keys, "keys")));
    fields = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(fields, "fields")));
    requireNonNull(observedAt, "observedAt");
    requireNonNull(source, "source");
    requireNonNull(sourceRef, "sourceRef");
    requireNonNull(rule, "rule");
    hints = hints == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(hints));
    notes = notes == null ? List.of() : List.copyOf(notes);
    guessed = guessed == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(guessed));
    if (ordinal < 0) {
      throw new IllegalArgumentException(
          "ordinal of an observation of " + entityType + " from " + sourceRef + ": " + ordinal);
    }
  }

  /**
   * Whether {@code field} was found but left out as unreadable ({@code unreadable: leave_out}), as
   * its note says.
   */
  public boolean leftOutUnreadable(String field) {
    String note = field + ": " + Rule.LEFT_OUT;
    return notes.stream().anyMatch(n -> n.startsWith(note));
  }

  /** An observation of a record that is no calendar event. */
  public Observation(
      String entityType,
      Map<String, String> keys,
      Map<String, String> fields,
      Instant observedAt,
      String source,
      String sourceRef,
      String rule,
      Map<String, String> hints,
      List<String> notes,
      int ordinal,
      Map<String, String> guessed) {
    this(
        entityType,
        keys,
        fields,
        observedAt,
        source,
        sourceRef,
        rule,
        hints,
        notes,
        ordinal,
        guessed,
        null);
  }

  /** An observation of no guessed date-time. */
  public Observation(
      String entityType,
      Map<String, String> keys,
      Map<String, String> fields,
      Instant observedAt,
      String source,
      String sourceRef,
      String rule,
      Map<String, String> hints,
      List<String> notes,
      int ordinal) {
    this(
        entityType,
        keys,
        fields,
        observedAt,
        source,
        sourceRef,
        rule,
        hints,
        notes,
        ordinal,
        Map.of());
  }

  /** This observation with {@code notes} in place of its own. */
  public Observation withNotes(List<String> notes) {
    return new Observation(
        entityType,
        keys,
        fields,
        observedAt,
        source,
        sourceRef,
        rule,
        hints,
        notes,
        ordinal,
        guessed,
        event);
  }

  /** The observation of its rule's first (or only) emit of its entity type. */
  public Observation(
      String entityType,
      Map<String, String> keys,
      Map<String, String> fields,
      Instant observedAt,
      String source,
      String sourceRef,
      String rule,
      Map<String, String> hints,
      List<String> notes) {
    this(entityType, keys, fields, observedAt, source, sourceRef, rule, hints, notes, 0);
  }

  /** An observation without hints or notes. */
  public Observation(
      String entityType,
      Map<String, String> keys,
      Map<String, String> fields,
      Instant observedAt,
      String source,
      String sourceRef,
      String rule) {
    this(entityType, keys, fields, observedAt, source, sourceRef, rule, Map.of(), List.of());
  }
}
