package dev.salvage.mappings;

import dev.salvage.connectors.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One compiled mapping rule: which records it takes ({@code kind}, {@code when}), when they were
 * observed, and the observations it emits.
 *
 * @param current whether the rule reads a record that shows its object as it is when read (a Stripe
 *     customer: {@code created} is old, the email on it is today's), so that its claims hold as of
 *     the run rather than as of {@code observed_at}
 */
record Rule(
    String name,
    String kind,
    List<Condition<RecordContext>> when,
    Extractor observedAt,
    List<Emit> emits,
    boolean current) {

  /**
   * How the note of a value left out as unreadable ({@code unreadable: leave_out}) starts, after
   * its field's name.
   */
  static final String LEFT_OUT = "left out, unreadable: ";

  /**
   * One {@code emit} entry: an observation of one entity type.
   *
   * @param observedAt when this observation holds from, or null for the rule's {@code observed_at}
   */
  record Emit(
      EntityType entity,
      List<Condition<RecordContext>> when,
      Extractor observedAt,
      Map<String, Extractor> fields) {}

  /**
   * Whether the rule takes the record.
   *
   * @throws RecordRejectedException when a condition compares a value that is not a time or number
   */
  boolean matches(RecordContext context) throws RecordRejectedException {
    try {
      return Condition.all(when, context);
    } catch (ValueException e) {
      throw reject(context.record(), "when", e);
    }
  }

  MappingResult apply(RecordContext context) throws RecordRejectedException {
    if (emits.isEmpty()) {
      return new MappingResult(name, List.of());
    }
    RawRecord record = context.record();
    Instant observed = observedAt(observedAt, context, "field observed_at");
    List<Observation> observations = new ArrayList<>(emits.size());
    int leftOut = 0;
    // per entity type, how many of the rule's emits came before: counted whether they emitted or
    // not, so one record read twice gives each of its observations the same ordinal
    Map<String, Integer> emitsOfType = new HashMap<>();
    // the emits dropped for a required value missing, and the first one's quarantine reason
    List<String> dropped = new ArrayList<>();
    List<String> droppedNotes = new ArrayList<>();
    RecordRejectedException firstDropped = null;
    Set<String> quotedOnly = new LinkedHashSet<>();
    emitting:
    for (Emit emit : emits) {
      int ordinal = emitsOfType.merge(emit.entity().name(), 1, Integer::sum) - 1;
      boolean emitted;
      try {
        emitted = Condition.all(emit.when(), context);
      } catch (ValueException e) {
        throw reject(record, "when of emit " + emit.entity().name(), e);
      }
      if (!emitted) {
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      Map<String, String> keys = new LinkedHashMap<>();
      Map<String, String> hints = new LinkedHashMap<>();
      List<String> notes = new ArrayList<>();
      Map<String, String> guessed = new LinkedHashMap<>();
      boolean foundInRecord = false;
      for (Map.Entry<String, Extractor> field : emit.fields().entrySet()) {
        Extractor.Outcome outcome;
        try {
          outcome = field.getValue().outcome(context);
        } catch (ValueException e) {
          // in a rule of several emits, which one: a pet's missing backup_id read as the
          // appointment's, whose mail was quarantined for it
          RecordRejectedException rejected =
              reject(
                  record,
                  (emits.size() == 1 ? "" : "emit " + emitName(emit, ordinal) + " ")
                      + "field "
                      + field.getKey(),
                  e,
                  leaveOutHint(record, field.getKey(), field.getValue(), e));
          if (emits.size() == 1 || !e.missing()) {
            throw rejected;
          }
          // a hire's booking reference missing from a charge says nothing against the payment
          // the charge is: the hire's emit is dropped, the payment stands (until 2026-12-05 the
          // whole record was quarantined, and the payment lost with it)
          dropped.add(emitName(emit, ordinal));
          droppedNotes.add(
              "emit "
                  + emitName(emit, ordinal)
                  + " dropped: field "
                  + field.getKey()
                  + ": "
                  + e.getMessage());
          firstDropped = firstDropped == null ? rejected : firstDropped;
          continue emitting;
        }
        foundInRecord |= outcome.foundInRecord();
        if (outcome.value() != null) {
          String value = outcome.value();
          if (emit.entity().isKey(field.getKey()) || namesAKey(emit.entity(), field.getKey())) {
            // an id is one id in any script's digits: Arabic mail writes member number ١٢٠١
            // where Stripe's metadata and the backup write 1201 (trial 82: kept as written, the
            // key joined nothing and 149 memberships came out twice, unflagged)
            value = keyDigits(emit.entity().fields().get(field.getKey()), value);
          }
          if (emit.entity().isKey(field.getKey())) {
            keys.put(field.getKey(), value);
          }
          fields.put(field.getKey(), value);
        } else if (outcome.hint() != null) {
          hints.put(field.getKey(), outcome.hint());
        } else if (outcome.miss() == null
            && outcome.leftOut() == null
            && field.getValue().foundOnlyInQuote(context)) {
          quotedOnly.add(emit.entity().name() + "/" + field.getKey());
        }
        if (outcome.miss() != null) {
          notes.add(field.getKey() + ": " + outcome.miss());
        }
        if (outcome.leftOut() != null) {
          notes.add(field.getKey() + ": " + LEFT_OUT + outcome.leftOut());
          leftOut++;
        }
        if (outcome.guess() != null) {
          notes.add(field.getKey() + ": " + outcome.guess().note());
          guessed.put(field.getKey(), outcome.guess().other());
        }
      }
      readerGuesses(context, fields, notes, guessed);
      if (foundInRecord) {
        observations.add(
            new Observation(
                emit.entity().name(),
                keys,
                fields,
                emit.observedAt() == null
                    ? observed
                    : observedAt(
                        emit.observedAt(),
                        context,
                        "emit " + emit.entity().name() + " field observed_at"),
                record.source(),
                record.ref(),
                name,
                hints,
                notes,
                ordinal,
                guessed,
                EventCopy.of(record.kind(), context.root())));
      }
    }
    if (firstDropped != null && observations.isEmpty()) {
      // no emit stands: the record says nothing it was meant to, as with one emit
      throw firstDropped;
    }
    if (!droppedNotes.isEmpty()) {
      Observation first = observations.get(0);
      List<String> notes = new ArrayList<>(first.notes());
      notes.addAll(droppedNotes);
      observations.set(0, first.withNotes(notes));
    }
    return new MappingResult(name, observations, Set.of(), leftOut, dropped, List.of(), quotedOnly);
  }

  /**
   * Marks as guessed the date-time fields whose value is a time the record's reader placed in a gap
   * or an overlap of its zone (a calendar event's DTSTART at 1:30 AM on the night the clocks go
   * back, which the mapping reads with its offset, exact to it): the reader's note, which was only
   * in evidence.jsonl, goes with the field.
   */
  private static void readerGuesses(
      RecordContext context,
      Map<String, String> fields,
      List<String> notes,
      Map<String, String> guessed) {
    if (!context.record().json().contains("_notes")) {
      return; // most records carry no note
    }
    for (LocalTimeGuess guess : LocalTimeGuess.readerNoted(context.root())) {
      for (Map.Entry<String, String> field : fields.entrySet()) {
        if (field.getValue().equals(guess.chosen()) && !guessed.containsKey(field.getKey())) {
          notes.add(field.getKey() + ": " + guess.note());
          guessed.put(field.getKey(), guess.other());
        }
      }
    }
  }

  /** {@code pet}, or {@code pet[1]} when the rule emits that type more than once. */
  private String emitName(Emit emit, int ordinal) {
    long ofType =
        emits.stream().filter(e -> e.entity().name().equals(emit.entity().name())).count();
    return ofType == 1 ? emit.entity().name() : emit.entity().name() + "[" + ordinal + "]";
  }

  private Instant observedAt(Extractor extractor, RecordContext context, String place)
      throws RecordRejectedException {
    try {
      String value = extractor.extract(context);
      if (value == null) {
        throw new ValueException("required value not found (" + extractor.description() + ")");
      }
      return Instant.parse(value);
    } catch (ValueException e) {
      throw reject(context.record(), place, e);
    }
  }

  private RecordRejectedException reject(RawRecord record, String place, ValueException e) {
    return reject(record, place, e, "");
  }

  private RecordRejectedException reject(
      RawRecord record, String place, ValueException e, String remedy) {
    return new RecordRejectedException(
        // the record was read; its rule could not map it: "Cannot parse" sent the operator to the
        // input, which was whole
        "Cannot map "
            + RecordContext.describe(record)
            + ": rule "
            + name
            + " "
            + place
            + ": "
            + e.getMessage()
            + nullHint(record, e)
            + remedy,
        name);
  }

  /**
   * The remedy when a value found cannot be read and the field may go without it: the mapping
   * language's {@code unreadable: leave_out} keeps the rest of the record. An outside trial's
   * backup lost a customer's name, email and id over an Excel-mangled phone ({@code 3,16303E+10}),
   * and the message did not say the row could be kept without the phone. Empty for a missing value
   * and for a required field, which cannot be left out.
   */
  private static String leaveOutHint(
      RawRecord record, String field, Extractor extractor, ValueException e) {
    if (e.missing() || e.mappingError() || !extractor.mayLeaveOut()) {
      return "";
    }
    return RecordRejectedException.LEAVE_OUT_HINT
        + field
        + " to keep the "
        + (record.kind().equals("backup.row") ? "row" : "record")
        + " without it";
  }

  /**
   * The remedy when a backup row's value that failed is the text NULL: a CSV export that writes SQL
   * NULL so (mysql's batch output, a script) read with the default option {@code null: empty} gives
   * it as text, and "not a phone number" alone did not say that a backup option was the fix.
   */
  private static String nullHint(RawRecord record, ValueException e) {
    if (!record.kind().equals("backup.row")) {
      return "";
    }
    if (e.getMessage().startsWith(Texts.quote("NULL") + " ")) {
      return " (the backup gave the text NULL: if it is a CSV export that writes SQL NULL so, set"
          + " the backup option null: \"NULL\"; docs/backup.md)";
    }
    if (e.getMessage().startsWith(Texts.quote("\\N") + " ")) {
      return " (the backup gave the text \\N: if it is a CSV export that writes SQL NULL so (MySQL's"
          + " SELECT ... INTO OUTFILE), set the backup option null: '\\N', unless the file writes"
          + " NULL another way too, which one option cannot say: then mend it; docs/backup.md)";
    }
    return "";
  }

  /**
   * A key of a text type ({@code text}, {@code upper}, {@code lower}), or a field a {@code resolve}
   * compares with another entity's key, with the decimal digits of every script as ASCII digits: an
   * identifier is the same whichever digits a template wrote it in. Other fields keep what was
   * written.
   */
  private static boolean namesAKey(EntityType entity, String field) {
    // a resolve's by field holds another entity's key (a membership's member_id)
    return entity.resolve().values().stream().anyMatch(rule -> rule.by().containsKey(field));
  }

  private static String keyDigits(FieldType type, String value) {
    return type == FieldType.TEXT || type == FieldType.UPPER || type == FieldType.LOWER
        ? Texts.asciiDigits(value)
        : value;
  }
}
