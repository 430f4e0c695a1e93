package dev.salvage.pipeline.match;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reservation records for linking tests. */
final class TestRecords {
  private TestRecords() {}

  /** A NEW reservation made of one piece of evidence {@code ref} seen at {@code seen}. */
  static ReconstructedRecord reservation(
      String id, String ref, Instant seen, Map<String, String> values, Map<String, String> keys) {
    Map<String, FieldValue> fields = new TreeMap<>();
    values.forEach((name, value) -> fields.put(name, new FieldValue(value, List.of(ref), 1.0)));
    Map<String, List<String>> keyLists = new TreeMap<>();
    keys.forEach((name, value) -> keyLists.put(name, List.of(value)));
    return new ReconstructedRecord(
        id,
        "reservation",
        Action.NEW,
        1.0,
        false,
        List.of(),
        fields,
        null,
        null,
        List.of(),
        keyLists,
        List.of(new Evidence(ref, ref.split(":")[0], "rule", seen.toString(), values)),
        List.of());
  }
}
