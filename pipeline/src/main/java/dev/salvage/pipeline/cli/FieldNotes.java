package dev.salvage.pipeline.cli;

import static dev.salvage.pipeline.cli.RuleNotes.mapped;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.map.MapRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The run's notes on the mapping's fields and emits: a field no rule fills, one a rule names and
 * never filled, emits dropped, record kinds a source holds that no rule takes, and a backup mapping
 * that emits no key. Each is a mapping mistake that gives no error, only records poorer than the
 * evidence allows.
 */
final class FieldNotes {
  private FieldNotes() {}

  /**
   * What to say of the emits of {@code source}'s rules dropped for a required value the record did
   * not give while the record's other emits stood, per rule and emit: what the emit would have said
   * is in no record, and only a note on each record's evidence said so.
   */
  static Optional<String> droppedEmits(String source, Map<String, Long> counters) {
    List<String> said = new ArrayList<>();
    countedUnder(MapRecords.DROPPED_EMIT + source + ".", counters)
        .forEach(
            (ruleEmit, count) -> {
              String[] ruleAndEmit = ruleEmit.split("/", 2);
              said.add(
                  "rule "
                      + ruleAndEmit[0]
                      + " emit "
                      + ruleAndEmit[1]
                      + " in "
                      + count
                      + " record(s)");
            });
    if (said.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Source "
            + source
            + ": a required value missing dropped "
            + String.join(", ", said)
            + "; the records' other emits stand, and each record's first observation notes the"
            + " field (mappings/README.md, required). Without required the emit stands without"
            + " that value.");
  }

  /**
   * What to say of the records of {@code source} ignored because no rule of its mapping names their
   * kind, per kind: a Stripe object of a type the mappings do not read was counted among the
   * ignored without a word, like a charge no rule's condition held for.
   */
  static Optional<String> ignoredKinds(
      String source, String mappingFile, Map<String, Long> counters) {
    List<String> said = new ArrayList<>();
    Map<String, Long> counted = countedUnder(MapRecords.IGNORED_KIND + source + ".", counters);
    counted.forEach((kind, count) -> said.add(kind + " (" + count + ")"));
    if (said.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Source "
            + source
            + ": record(s) of kind(s) "
            + String.join(", ", said)
            + " were ignored: no rule of "
            + mappingFile
            + " reads that kind (for Stripe, an object type the mappings do not read). If they"
            + " are evidence, add a rule with that kind; else leave them out of the source."
            + (counted.containsKey(STRIPE_EVENT) ? STRIPE_EVENT_HINT : ""));
  }

  private static final String STRIPE_EVENT = "stripe.event";

  /**
   * How to map Stripe's webhook events, which a log of them read as {@code stripe-json} gives: an
   * operator told only to "add a rule with that kind" copied the charge rule's paths, which find
   * nothing one level down, or its {@code created}, which is the charge's, not the event's.
   */
  static final String STRIPE_EVENT_HINT =
      " The stripe.event records are webhook events: each holds its object as it was then at"
          + " data.object (map a charge event with kind: stripe.event, when: {path: type, in:"
          + " [charge.succeeded, charge.refunded]}, paths data.object.amount,"
          + " data.object.metadata.…) and observed_at: {path: created, format: epoch_seconds},"
          + " the event's own time, so that a later event's state wins over an earlier one's"
          + " (docs/stripe.md, Webhook events).";

  /** The counters named {@code prefix} and more, above 0, by what follows the prefix. */
  private static Map<String, Long> countedUnder(String prefix, Map<String, Long> counters) {
    Map<String, Long> counted = new TreeMap<>();
    counters.forEach(
        (counter, count) -> {
          if (counter.startsWith(prefix) && count > 0) {
            counted.put(counter.substring(prefix.length()), count);
          }
        });
    return counted;
  }

  /**
   * The fields of {@code source}'s rules no record the rule matched filled, as {@code
   * rule/entity/field} to the records the rule matched: what {@link #neverFilled} says, for
   * summary.json.
   */
  static Map<String, Long> neverFilledFields(
      String source,
      Map<String, Map<String, List<String>>> fieldsByRule,
      RunSummary summary,
      Map<String, Long> counters) {
    Map<String, Long> never = new TreeMap<>();
    for (UnfilledField unfilled : unfilledFields(source, fieldsByRule, summary, counters)) {
      never.put(
          unfilled.rule() + "/" + unfilled.entity() + "/" + unfilled.field(), unfilled.matched());
    }
    return never;
  }

  /** A field of a rule that no record of the {@code matched} the rule matched filled. */
  record UnfilledField(String rule, String entity, String field, long matched) {}

  /**
   * The fields of {@code source}'s rules that no record the rule matched filled, once the rule
   * matched {@value #NEVER_FILLED_AFTER} records: the one reading of the fill counters behind both
   * the console's note ({@link #neverFilled}) and summary.json ({@link #neverFilledFields}).
   */
  private static List<UnfilledField> unfilledFields(
      String source,
      Map<String, Map<String, List<String>>> fieldsByRule,
      RunSummary summary,
      Map<String, Long> counters) {
    RunSummary.SourceCounts counts = summary.sources().get(source);
    List<UnfilledField> unfilled = new ArrayList<>();
    if (counts == null) {
      return unfilled;
    }
    fieldsByRule.forEach(
        (rule, byEntity) -> {
          long matched = counts.rules().getOrDefault(rule, 0L);
          if (matched < NEVER_FILLED_AFTER) {
            return;
          }
          byEntity.forEach(
              (entity, fields) -> {
                for (String field : fields) {
                  if (counters.getOrDefault(
                          MapRecords.filledCounter(source, rule, entity, field), 0L)
                      == 0) {
                    unfilled.add(new UnfilledField(rule, entity, field, matched));
                  }
                }
              });
        });
    return unfilled;
  }

  /**
   * One line per entity of the model declaring fields that no rule of any source's mapping (the
   * backup's too), no {@code resolve} and no {@code derive} gives a value: every record leaves them
   * empty. An outside trial declared a skipper's name on its charters that no mapping read, and no
   * run said so; a rule's field no record filled is said apart ({@link #neverFilled}).
   */
  static List<String> unmappedFields(
      EntityModel entities, java.util.Collection<SourceMapping> mappings) {
    Map<String, Set<String>> mapped = new HashMap<>();
    for (SourceMapping mapping : mappings) {
      mapping
          .fieldsByRule()
          .values()
          .forEach(
              byEntity ->
                  byEntity.forEach(
                      (entity, fields) ->
                          mapped.computeIfAbsent(entity, e -> new HashSet<>()).addAll(fields)));
    }
    List<String> lines = new ArrayList<>();
    entities
        .types()
        .forEach(
            (name, type) -> {
              if (!mapped.containsKey(name)) {
                lines.add(
                    "Entity "
                        + name
                        + " ("
                        + entities.fileLabel()
                        + "): no rule of any source's mapping emits it, so no record of it can"
                        + " come out but the backup's carried rows; map a source to it, or drop it"
                        + " from the entity model");
                return;
              }
              List<String> unmapped =
                  type.fields().keySet().stream()
                      .filter(field -> !mapped.get(name).contains(field))
                      .filter(field -> !type.resolve().containsKey(field))
                      .filter(
                          field -> type.derive().stream().noneMatch(d -> d.field().equals(field)))
                      .toList();
              if (!unmapped.isEmpty()) {
                lines.add(
                    "Entity "
                        + name
                        + " ("
                        + entities.fileLabel()
                        + "): no rule of any source's mapping, no resolve: and no derive: gives a"
                        + " value to "
                        + String.join(", ", unmapped)
                        + ": every record leaves "
                        + (unmapped.size() == 1 ? "it" : "them")
                        + " empty; map "
                        + (unmapped.size() == 1 ? "it" : "them")
                        + " in a source's rule (a field name misspelt there?), or drop "
                        + (unmapped.size() == 1 ? "it" : "them")
                        + " from the entity model");
              }
            });
    return lines;
  }

  /** A rule must have matched this many records before a field it never filled is said. */
  static final long NEVER_FILLED_AFTER = 10;

  /**
   * What to say of the fields of {@code source}'s rules that no record the rule matched filled: a
   * path naming a column or JSON field the records do not have ({@code columns.e_mail}) gives
   * nothing, not an error, so every record of the entity lacks the value (customers UPDATED from a
   * null email). Said once a rule matched {@value #NEVER_FILLED_AFTER} records, so that a field
   * that is only sometimes there does not cry wolf on a rule that matched two.
   */
  static Optional<String> neverFilled(
      String source,
      Map<String, Map<String, List<String>>> fieldsByRule,
      RunSummary summary,
      Map<String, Long> counters) {
    List<String> empty = new ArrayList<>();
    List<String> inQuote = new ArrayList<>();
    for (UnfilledField unfilled : unfilledFields(source, fieldsByRule, summary, counters)) {
      String place =
          "rule "
              + unfilled.rule()
              + " field "
              + unfilled.field()
              + " ("
              + unfilled.matched()
              + " records matched)";
      // its path is right: checking it sent an operator to the path with the quote, whose values
      // were the old booking the reply restated, unflagged
      boolean quoted =
          counters.getOrDefault(
                  MapRecords.quotedOnlyCounter(
                      source, unfilled.rule(), unfilled.entity(), unfilled.field()),
                  0L)
              > 0;
      (quoted ? inQuote : empty).add(place);
    }
    List<String> said = new ArrayList<>();
    if (!empty.isEmpty()) {
      said.add(
          "Source "
              + source
              + ": no record gave a value to "
              + String.join(", ", empty)
              + ". A path naming a column or field the records do not have, or one whose every"
              + " value is empty, gives nothing, not an error; check these paths (salvage mappings test --input FILE --type TYPE"
              + " --show-record shows what a record holds).");
    }
    if (!inQuote.isEmpty()) {
      said.add(
          "Source "
              + source
              + ": no record gave a value to "
              + String.join(", ", inQuote)
              + ": found only in quoted text, which text_new leaves out on purpose: a reply"
              + " restating the old booking. Reading text instead would give the old values; the"
              + " path is right if the replies do not write the value themselves.");
    }
    return said.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", said));
  }

  /**
   * What to say of each source (the backup has its own note) that gave no record at all: a 0-byte
   * mbox, files of another format the reader passed over. Its files were read to their end, so it
   * is not "not read", but whatever it should have held is missing from every record.
   */
  /**
   * What to say of each entity type the backup mapping fills without {@code backup_id}: a record is
   * known by its backup row's key only through that field, so its UPDATED records get an id that
   * names no row, and import cannot update them. A model naming the key after the table ({@code
   * rental_id}) ran through without a word and only the plan said, pointing at the wrong database.
   */
  static List<String> withoutBackupKey(Map<String, List<String>> backupFields, String mapping) {
    List<String> notes = new ArrayList<>();
    backupFields.forEach(
        (entity, fields) -> {
          if (!fields.contains("backup_id")) {
            notes.add(
                "Note: "
                    + mapping
                    + " fills no backup_id of "
                    + entity
                    + ": a record is tied to its backup row by that field alone, so its UPDATED"
                    + " records get new ids that name no row and import cannot update them; map"
                    + " the backup table's primary key to a field named backup_id (a text field"
                    + " of the entity model, listed in its keys) as docs/backup.md shows");
          }
        });
    return notes;
  }
}
