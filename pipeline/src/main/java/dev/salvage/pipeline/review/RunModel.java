package dev.salvage.pipeline.review;

import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What review knows of the run's entity model: the canonical type of every field, so an edit the
 * import could not use is refused when it is made rather than at plan time, and each type's strong
 * keys, which name a record in a list.
 */
final class RunModel {
  private final Map<String, EntityType> byEntity;
  private final String unavailable;

  private RunModel(Map<String, EntityType> byEntity, String unavailable) {
    this.byEntity = byEntity;
    this.unavailable = unavailable;
  }

  /**
   * The entity model of the run config named in summary.json; when that cannot be loaded (the run
   * was moved to another machine), none, and {@link #unavailable()} says why.
   */
  static RunModel of(RunLayout run) {
    String config = null;
    try {
      config = RunSummary.readOrEmpty(run.summaryJson()).config();
      if (config == null) {
        return new RunModel(Map.of(), run.summaryJson() + " names no run config");
      }
      return of(RunConfig.load(Path.of(config)).entities().types().values());
    } catch (IOException | MappingException | RuntimeException e) {
      return new RunModel(Map.of(), "cannot load the run config " + config + ": " + e.getMessage());
    }
  }

  /** The model of these entity types. */
  static RunModel of(Collection<EntityType> types) {
    Map<String, EntityType> byEntity = new HashMap<>();
    types.forEach(type -> byEntity.put(type.name(), type));
    return new RunModel(Map.copyOf(byEntity), null);
  }

  /** Why edits are not type-checked, or null when they are. */
  String unavailable() {
    return unavailable;
  }

  /** What is wrong with {@code value} as the canonical form of the field, or null if nothing. */
  String problem(String entity, String field, String value) {
    if (value == null || value.isBlank()) {
      return "field " + field + " cannot be empty (an import never clears a value)";
    }
    EntityType type = byEntity.get(entity);
    FieldType fieldType = type == null ? null : type.fields().get(field);
    if (fieldType == null) {
      return null;
    }
    String expected = fieldType.expectedForm(value);
    return expected == null
        ? null
        : "field "
            + field
            + " is "
            + fieldType.yamlName()
            + ": expected "
            + expected
            + ", not \""
            + value
            + "\"";
  }

  /**
   * A short label naming the record for a person: the value of its entity's first strong key (in
   * the entity model's order) that it has; without a model, its first key value by key name; else
   * its first field value. Strong keys identify, so they tell records of one type apart.
   */
  String title(ReconstructedRecord record) {
    EntityType type = byEntity.get(record.entity());
    List<String> keys = type == null ? List.copyOf(record.keys().keySet()) : type.keys();
    for (String key : keys) {
      String value = record.value(key);
      if (value != null && !value.isEmpty()) {
        return value;
      }
      for (String seen : record.keys().getOrDefault(key, List.of())) {
        if (!seen.isEmpty()) {
          return seen;
        }
      }
    }
    for (ReconstructedRecord.FieldValue value : record.fields().values()) {
      if (!value.value().isEmpty()) {
        return value.value();
      }
    }
    return "";
  }
}
