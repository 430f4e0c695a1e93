package dev.salvage.pipeline.cli;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.ValueCheck;
import dev.salvage.pipeline.SalvagePipeline;
import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunSummary;
import dev.salvage.pipeline.reconcile.LookAlikeKeys;
import dev.salvage.pipeline.reconcile.ValueChecks;
import dev.salvage.pipeline.values.LookAlikes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run's notes on linking and reconciling: values that break the entity model's checks, pieces
 * never weighed for want of a field to link on, times guessed, choices left ambiguous, keys that
 * look alike, and thresholds no pair could reach. The records are written either way; these say
 * where they are weakest.
 */
final class LinkingNotes {
  private LinkingNotes() {}

  /**
   * What to say of each entity type some of whose records broke a check of the entity model: the
   * records flagged for a value that breaks one, and the claims that lost for breaking one to a
   * claim that keeps it, counted per check. Each record's reason says which value and evidence;
   * this says how often, so that a mapping that reads every refund mail's amount as negative is
   * seen as one mistake rather than found record by record.
   */
  static List<String> brokenChecks(EntityModel model, JsonlFile<ReconstructedRecord> recordsFile)
      throws IOException {
    // a scan parses every record (a tenth of the client's work after a 10k run): none without
    // checks
    if (model.types().values().stream().allMatch(type -> type.checks().isEmpty())) {
      return List.of();
    }
    Map<String, Map<String, Long>> flagged = new TreeMap<>();
    Map<String, Map<String, Long>> beaten = new TreeMap<>();
    recordsFile.scan(
        (line, record) -> {
          EntityType type = model.types().get(record.entity());
          if (type == null || type.checks().isEmpty()) {
            return;
          }
          for (ValueCheck check : ValueChecks.broken(type, record.fields())) {
            flagged
                .computeIfAbsent(type.name(), t -> new LinkedHashMap<>())
                .merge(check.field() + " " + check.describe(), 1L, Long::sum);
          }
          record
              .fields()
              .forEach(
                  (field, value) -> {
                    for (var alternative : value.alternatives()) {
                      String check = ValueChecks.beatenBy(alternative);
                      if (check != null) {
                        beaten
                            .computeIfAbsent(type.name(), t -> new LinkedHashMap<>())
                            .merge(field + " " + check, 1L, Long::sum);
                      }
                    }
                  });
        });
    List<String> said = new ArrayList<>();
    Set<String> types = new TreeSet<>(flagged.keySet());
    types.addAll(beaten.keySet());
    for (String type : types) {
      List<String> parts = new ArrayList<>();
      Map<String, Long> flaggedBy = flagged.getOrDefault(type, Map.of());
      Map<String, Long> beatenBy = beaten.getOrDefault(type, Map.of());
      if (!flaggedBy.isEmpty()) {
        parts.add(
            flaggedBy.values().stream().mapToLong(Long::longValue).sum()
                + " broken check(s) flagged for review ("
                + perCheck(flaggedBy)
                + ")");
      }
      if (!beatenBy.isEmpty()) {
        parts.add(
            beatenBy.values().stream().mapToLong(Long::longValue).sum()
                + " value(s) that broke a check lost to a claim that keeps it ("
                + perCheck(beatenBy)
                + ")");
      }
      said.add(
          type
              + ": checks of the entity model: "
              + String.join("; ", parts)
              + ". Each record's reasons and alternatives in review/records.jsonl name the value"
              + " and its evidence; many of one check may be one mapping reading a value wrongly"
              + " (a refund's amount as the price).");
    }
    return said;
  }

  private static String perCheck(Map<String, Long> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((check, count) -> parts.add(check + ": " + count));
    return String.join(", ", parts);
  }

  /**
   * What to say of each entity type whose evidence stayed unlinked and was never weighed against
   * the identified records because the type has no {@code linking:} section: probabilistic linking
   * is the default, and nothing else says that it did nothing for the type (a calendar event
   * without the booking's code, which a section comparing the patient, practitioner and time would
   * have attached, stays in unlinked.jsonl).
   */
  static List<String> unweighedForWantOfLinking(
      RunSummary summary, EntityModel model, JsonlFile<ReconstructedRecord> unlinkedFile)
      throws IOException {
    if (summary.stoppedAfter() != null) {
      return List.of();
    }
    // the types some unlinked piece of was read of, and those with a piece that could link
    Set<String> seen = new HashSet<>();
    Set<String> couldLink = new HashSet<>();
    unlinkedFile.scan(
        (line, piece) -> {
          seen.add(piece.entity());
          if (!couldLink.contains(piece.entity()) && couldLink(piece, model)) {
            couldLink.add(piece.entity());
          }
        });
    List<String> said = new ArrayList<>();
    summary
        .entities()
        .forEach(
            (type, byAction) -> {
              long unlinked = byAction.getOrDefault(RunSummary.UNLINKED, 0L);
              if (unlinked > 0
                  && model.types().containsKey(type)
                  && model.linking(type) == null
                  && seen.contains(type)
                  && !couldLink.contains(type)) {
                // a name alone weighs below any link threshold: a section attached such pieces
                // for review, flagging 54 % of an outside trial's students, changing no value
                said.add(
                    type
                        + ": "
                        + unlinked
                        + " unlinked cluster(s) of evidence, each holding one text value only"
                        + " (a name), were not weighed against the identified "
                        + type
                        + " records (the entity model gives "
                        + type
                        + " no linking: section). A name alone is not enough to link: a linking:"
                        + " section would attach such pieces below its link threshold, for"
                        + " review, flagging their records (docs/linking.md, Known gaps). They"
                        + " are in review/unlinked.jsonl.");
              } else if (unlinked > 0
                  && model.types().containsKey(type)
                  && model.linking(type) == null) {
                said.add(
                    type
                        + ": "
                        + unlinked
                        + " unlinked cluster(s) of evidence were not weighed against the"
                        + " identified "
                        + type
                        + " records: the entity model gives "
                        + type
                        + " no linking: section, so --linking probabilistic does nothing for it."
                        + " They are in review/unlinked.jsonl; to have them matched, add a"
                        + " linking: section with the fields to compare and block on"
                        + " (docs/linking.md, Configuration).");
              }
            });
    return said;
  }

  /**
   * Whether an unlinked piece holds more to link by than one text value (a name): a second value,
   * or a value of another type (an email, a phone, a time).
   */
  private static boolean couldLink(ReconstructedRecord piece, EntityModel model) {
    EntityType type = model.types().get(piece.entity());
    if (type == null || piece.fields().size() > 1) {
      return true;
    }
    return piece.fields().keySet().stream()
        .map(field -> type.fields().get(field))
        .anyMatch(fieldType -> fieldType != FieldType.TEXT && fieldType != FieldType.NAME);
  }

  /**
   * The note of each entity type whose fitted model cannot weigh any pair up to its {@code link}
   * (or {@code review}) threshold ({@link dev.salvage.pipeline.bundle.BestPossibleWeight}): its
   * evidence without keys was weighed piece by piece and each came out "below threshold", which
   * reads like evidence that agrees too little, when no evidence could have agreed enough.
   */
  /**
   * One line per entity type some of whose records are flagged for a date-time read from a
   * wall-clock time its zone skips or repeats: the reason is on each record, and the count here
   * says they are there (an outside trial's pickup at the repeated 1:30 AM was one record among
   * many, unflagged, until 2026-12-05).
   */
  static List<String> guessedTimes(Map<String, Long> counters, Iterable<String> entityTypes) {
    return perEntityType(
        counters,
        entityTypes,
        SalvagePipeline::guessedTimesCounter,
        (entity, n) ->
            n
                + " "
                + entity
                + " record(s) flagged: a date-time was read from a wall-clock time its zone skips"
                + " or repeats (the night the clocks change), or from a calendar time written both"
                + " in UTC and under a TZID, and no evidence gives the instant; their reasons say"
                + " which (\"is a guess\")");
  }

  /**
   * One line per entity type some of whose evidence was left unlinked because two identified
   * records matched it about equally: the table's UNLINKED column does not tell them from pieces
   * that matched nothing, and an outside trial's five weekly bookings of one customer were lost
   * that way without a word at the end of the run (until 2026-12-05).
   */
  static List<String> leftAmbiguous(Map<String, Long> counters, Iterable<String> entityTypes) {
    return perEntityType(
        counters,
        entityTypes,
        SalvagePipeline::ambiguousCounter,
        (entity, n) ->
            entity
                + ": "
                + n
                + " piece(s) of evidence left unlinked as ambiguous: two identified "
                + entity
                + " records match each about equally (its reason in review/unlinked.jsonl names"
                + " both); a person decides which, if either");
  }

  /** The line {@code said} gives of each entity type whose counter is above 0, in their order. */
  private static List<String> perEntityType(
      Map<String, Long> counters,
      Iterable<String> entityTypes,
      java.util.function.Function<String, String> counter,
      java.util.function.BiFunction<String, Long, String> said) {
    List<String> lines = new ArrayList<>();
    for (String entity : entityTypes) {
      long n = counters.getOrDefault(counter.apply(entity), 0L);
      if (n > 0) {
        lines.add(said.apply(entity, n));
      }
    }
    return lines;
  }

  /**
   * The note per entity type and key field whose values read as another value of it when Greek or
   * Cyrillic letters are read as Latin ones ({@link LookAlikeKeys}), with two examples: an outside
   * trial's Greek mails wrote {@code ΑΣ-1043} for Stripe's {@code AS-1043}, and 55 duplicate
   * bookings came out with no word anywhere.
   */
  static List<String> lookAlikeKeys(Path collisionsTsv) throws IOException {
    if (!Files.isRegularFile(collisionsTsv)) {
      return List.of();
    }
    // per "type field", each value written in another script and the values it reads as
    Map<String, Map<String, Set<String>>> byField = new TreeMap<>();
    for (String line : Files.readAllLines(collisionsTsv, StandardCharsets.UTF_8)) {
      String[] parts = line.split("\t", -1);
      if (parts.length < 5) {
        continue;
      }
      List<String> values = Arrays.asList(parts).subList(3, parts.length);
      for (String value : values) {
        if (!LookAlikes.readings(value).isEmpty()) {
          Set<String> others =
              byField
                  .computeIfAbsent(parts[0] + "\t" + parts[1], f -> new TreeMap<>())
                  .computeIfAbsent(value, v -> new TreeSet<>());
          values.stream().filter(other -> !other.equals(value)).forEach(others::add);
        }
      }
    }
    List<String> notes = new ArrayList<>();
    byField.forEach(
        (typeAndField, values) -> {
          String type = typeAndField.substring(0, typeAndField.indexOf('\t'));
          String field = typeAndField.substring(type.length() + 1);
          List<String> examples = new ArrayList<>();
          values.entrySet().stream()
              .limit(2)
              .forEach(
                  example ->
                      examples.add(
                          example.getKey()
                              + " ("
                              + LookAlikes.describe(example.getKey())
                              + ") beside "
                              + String.join(" and ", example.getValue())));
          notes.add(
              "Note: "
                  + values.size()
                  + " "
                  + type
                  + " "
                  + field
                  + " value(s) read as another "
                  + type
                  + "'s "
                  + field
                  + " when their Greek or Cyrillic letters are read as Latin ones, e.g. "
                  + String.join("; ", examples)
                  + ". Keys compare exactly, so each is likely one "
                  + type
                  + " in two records (or one beside the backup's); both are flagged in review. If"
                  + " the business writes one "
                  + field
                  + " in two scripts, make the mapping write it one way: a join of a const"
                  + " holding the Latin letters and a regex reading only the part that does not"
                  + " change (mappings/README.md, \"Keys written in two scripts\"), and run again"
                  + " (summary.json linking."
                  + type
                  + "."
                  + LookAlikeKeys.COUNTER
                  + field
                  + ")");
        });
    return notes;
  }

  static List<String> unreachableThresholds(RunSummary summary) {
    if (summary.stoppedAfter() != null || summary.linking() == null) {
      return List.of();
    }
    return summary.linking().notes();
  }
}
