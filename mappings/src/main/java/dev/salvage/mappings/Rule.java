package dev.salvage.mappings;

import dev.salvage.connectors.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compiled mapping rule: which records it takes ({@code kind}, {@code when}), when they were
 * observed, and the observations it emits.
 */
record Rule(
    String name, String kind, List<Condition> when, Extractor observedAt, List<Emit> emits) {

  /** One {@code emit} entry: an observation of one entity type. */
  record Emit(EntityType entity, List<Condition> when, Map<String, Extractor> fields) {}

  boolean matches(RecordContext context) {
    return Condition.all(when, context);
  }

  MappingResult apply(RecordContext context) throws RecordRejectedException {
    if (emits.isEmpty()) {
      return new MappingResult(name, List.of());
    }
    RawRecord record = context.record();
    Instant observed = observedAt(context);
    List<Observation> observations = new ArrayList<>(emits.size());
    for (Emit emit : emits) {
      if (!Condition.all(emit.when(), context)) {
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      Map<String, String> keys = new LinkedHashMap<>();
      boolean foundInRecord = false;
      for (Map.Entry<String, Extractor> field : emit.fields().entrySet()) {
        Extractor extractor = field.getValue();
        String value;
        try {
          String found = extractor.find(context);
          foundInRecord |= found != null && extractor.readsRecord();
          value = extractor.canonical(found, context);
        } catch (ValueException e) {
          throw reject(record, field.getKey(), e);
        }
        if (value != null) {
          fields.put(field.getKey(), value);
          if (emit.entity().isKey(field.getKey())) {
            keys.put(field.getKey(), value);
          }
        }
      }
      if (foundInRecord) {
        observations.add(
            new Observation(
                emit.entity().name(), keys, fields, observed, record.source(), record.ref(), name));
      }
    }
    return new MappingResult(name, observations);
  }

  private Instant observedAt(RecordContext context) throws RecordRejectedException {
    try {
      String found = observedAt.find(context);
      String value = observedAt.canonical(found, context);
      if (value == null) {
        throw new ValueException("required value not found (" + observedAt.description() + ")");
      }
      return Instant.parse(value);
    } catch (ValueException e) {
      throw reject(context.record(), "observed_at", e);
    }
  }

  private RecordRejectedException reject(RawRecord record, String field, ValueException e) {
    return new RecordRejectedException(
        "Cannot parse "
            + RecordContext.describe(record)
            + ": rule "
            + name
            + " field "
            + field
            + ": "
            + e.getMessage(),
        name);
  }
}
