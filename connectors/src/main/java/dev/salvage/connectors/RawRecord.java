package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

/**
 * One record exactly as a source holds it, before any business meaning is given to it: a parsed
 * mail, a Stripe object, a calendar event or a backup row, as a JSON document.
 *
 * <p>The JSON shape per {@code kind} is part of the contract between connectors and mappings and is
 * documented in {@code mappings/README.md}:
 *
 * <ul>
 *   <li>{@code mail}: {@code message_id, folder, date, date_source, notes[], from, from_name, to[],
 *       cc[], subject, text, text_new, html, attachments[{name,type,size}], headers{lower-case
 *       name: value}}
 *   <li>{@code stripe.<object>} (charge, customer, payment_intent, refund, ...): the API object
 *       unchanged
 *   <li>{@code calendar.event}: a Google Calendar API event, plus {@code _calendar{id, summary,
 *       timeZone}} from the list it came from; .ics events are converted to the same shape, with
 *       {@code _notes[]} (sentences) when they were read leniently (no VCALENDAR, no UID, a TZID
 *       naming no zone, a recurrence not expanded)
 *   <li>{@code backup.row}: {@code table, columns{name: text or null}}
 * </ul>
 *
 * @param source the configured source name this record was read from (e.g. {@code mail})
 * @param kind what the record is, which selects the applicable mapping rules
 * @param ref the stable source reference used as evidence id, e.g. {@code
 *     email:<Message-ID>#<content hash>}, {@code stripe:ch_123}, {@code
 *     calendar:<calendarId>/<eventId>}, {@code backup:customers#17}
 * @param location where the record was found (file and offset, folder and UID, URL), for errors
 * @param json the record as a JSON document
 * @param copyKey what its copies share: records with equal copy keys are one piece of evidence read
 *     more than once (a mail in two mailboxes whose copies differ only in the delivery headers each
 *     server or client wrote into its own, {@code MailParser#TRACE_HEADERS}), of which a run keeps
 *     one; the ref for every record that is not a mail
 */
public record RawRecord(
    String source, String kind, String ref, String location, String json, String copyKey) {
  public RawRecord {
    requireNonNull(source, "source");
    requireNonNull(kind, "kind");
    requireNonNull(ref, "ref");
    requireNonNull(location, "location");
    requireNonNull(json, "json");
    requireNonNull(copyKey, "copyKey");
  }

  /** A record whose copies are those with the same ref. */
  public RawRecord(String source, String kind, String ref, String location, String json) {
    this(source, kind, ref, location, json, ref);
  }
}
