package dev.salvage.pipeline.match;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.LinkingSettings;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.values.LinkKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What probabilistic matching sees of a record: the values of its compared fields and its strong
 * keys, light enough to be shuffled once per blocking rule.
 *
 * @param key the identified record's id, or {@link #unlinkedKey} of an unlinked one
 * @param entity the entity type
 * @param identified whether the record carries its identifying keys
 * @param values compared and blocked-on field name to value ({@link LinkingSettings#FIRST_SEEN}
 *     included); only the compared ones are weighed
 * @param keys strong keys as they link ({@link LinkKeys}: an email key by its mailbox), to refuse a
 *     match that contradicts one
 */
record MatchProfile(
    String key,
    String entity,
    boolean identified,
    Map<String, String> values,
    Map<String, List<String>> keys) {
  MatchProfile {
    requireNonNull(key, "key");
    requireNonNull(entity, "entity");
    values = Map.copyOf(values);
    keys = Map.copyOf(keys);
  }

  static MatchProfile identified(
      ReconstructedRecord record, List<String> fields, LinkKeys linkKeys) {
    return of(record.id(), record, true, fields, linkKeys);
  }

  static MatchProfile unlinked(ReconstructedRecord record, List<String> fields, LinkKeys linkKeys) {
    return of(unlinkedKey(record), record, false, fields, linkKeys);
  }

  /**
   * An unlinked record by its first piece of evidence, which no other record has: a piece, not a
   * raw record, since one record's several emits of one type (a class session's attendees) are
   * several unlinked records, each matched and decided on its own.
   */
  static String unlinkedKey(ReconstructedRecord record) {
    String first =
        record.evidence().stream()
            .map(ReconstructedRecord.Evidence::piece)
            .sorted()
            .findFirst()
            .orElse(record.id());
    return "unlinked:" + record.entity() + ":" + first;
  }

  static String firstSeen(ReconstructedRecord record) {
    return record.evidence().stream()
        .map(e -> FieldComparison.instant(e.observedAt()))
        .filter(java.util.Objects::nonNull)
        .min(Instant::compareTo)
        .map(Instant::toString)
        .orElse(null);
  }

  private static MatchProfile of(
      String key,
      ReconstructedRecord record,
      boolean identified,
      List<String> fields,
      LinkKeys linkKeys) {
    Map<String, String> values = new TreeMap<>();
    for (String field : fields) {
      String value =
          field.equals(LinkingSettings.FIRST_SEEN) ? firstSeen(record) : record.value(field);
      if (value == null) {
        value = hint(record, field);
      }
      if (value != null && !value.isBlank()) {
        values.put(field, value);
      }
    }
    Map<String, List<String>> keys = new TreeMap<>();
    linkKeys
        .values(record.entity(), record.keys())
        .forEach((name, linking) -> keys.put(name, List.copyOf(linking)));
    return new MatchProfile(key, record.entity(), identified, values, keys);
  }

  /**
   * The newest partial value its evidence gives for {@code field} (a name with initials), which is
   * compared like a value but never written as one; null when there is none.
   */
  static String hint(ReconstructedRecord record, String field) {
    String hint = null;
    for (ReconstructedRecord.Evidence evidence : record.evidence()) {
      String value = evidence.hints().get(field);
      if (value != null) {
        hint = value; // evidence is oldest first
      }
    }
    return hint;
  }

  /** Whether both records name a value of some strong key and no value is common. */
  boolean contradicts(MatchProfile other) {
    return contradicts(keys, other.keys());
  }

  /** Whether both sets of strong keys name a value of some key and no value is common. */
  static boolean contradicts(Map<String, List<String>> keys, Map<String, List<String>> others) {
    for (Map.Entry<String, List<String>> key : keys.entrySet()) {
      List<String> theirs = others.get(key.getKey());
      if (theirs != null
          && !theirs.isEmpty()
          && !key.getValue().isEmpty()
          && key.getValue().stream().noneMatch(theirs::contains)) {
        return true;
      }
    }
    return false;
  }
}
