package dev.salvage.pipeline.review;

import dev.salvage.mappings.Business;
import dev.salvage.mappings.EditReader;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.RunConfig;
import dev.salvage.mappings.ValueException;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.RunLayout;
import dev.salvage.pipeline.bundle.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
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
  /** The business of a run whose config cannot be read: times in UTC, phones with +CC. */
  private static final Business UNKNOWN = new Business("", ZoneOffset.UTC, null);

  private final Map<String, EntityType> byEntity;
  private final String unavailable;
  private final EditReader reader;

  private RunModel(Map<String, EntityType> byEntity, String unavailable, EditReader reader) {
    this.byEntity = byEntity;
    this.unavailable = unavailable;
    this.reader = reader;
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
        return new RunModel(
            Map.of(), run.summaryJson() + " names no run config", new EditReader(UNKNOWN, null));
      }
      RunConfig loaded = RunConfig.load(Path.of(config));
      return of(
          loaded.entities().types().values(),
          EditReader.of(loaded, "business.phone_region of " + loaded.file()));
    } catch (IOException | MappingException | RuntimeException e) {
      return new RunModel(
          Map.of(),
          "cannot load the run config " + config + ": " + e.getMessage(),
          new EditReader(UNKNOWN, null));
    }
  }

  /** The model of these entity types, with times in UTC and no region to read phones in. */
  static RunModel of(Collection<EntityType> types) {
    return of(types, UNKNOWN, null);
  }

  /**
   * The model of these entity types, reading edits as the mappings read the evidence: a phone
   * without a country code in the business's region, a time without an offset in its zone.
   *
   * @param phoneRegionFrom where the business's phone region is declared, for messages
   */
  static RunModel of(Collection<EntityType> types, Business business, String phoneRegionFrom) {
    return of(types, new EditReader(business, phoneRegionFrom));
  }

  /** The model of these entity types, reading edits with {@code reader}. */
  static RunModel of(Collection<EntityType> types, EditReader reader) {
    Map<String, EntityType> byEntity = new HashMap<>();
    types.forEach(type -> byEntity.put(type.name(), type));
    return new RunModel(Map.copyOf(byEntity), null, reader);
  }

  /**
   * Whether the entity model declares {@code field} for {@code entity}: a field a record may lack
   * (a client known only from a Stripe card has no first_name) and a reviewer may still fill in.
   */
  boolean declares(String entity, String field) {
    return fieldType(entity, field) != null;
  }

  /** The fields the entity model declares for {@code entity}, sorted; empty without a model. */
  List<String> declaredFields(String entity) {
    EntityType type = byEntity.get(entity);
    return type == null ? List.of() : type.fields().keySet().stream().sorted().toList();
  }

  private FieldType fieldType(String entity, String field) {
    EntityType type = byEntity.get(entity);
    return type == null ? null : type.fields().get(field);
  }

  /**
   * What an edit of {@code field} stores: {@code typed} read by the field type of the mappings, in
   * the business's zone and phone region ({@link EditReader}), so the import gets a value a mapping
   * could have produced; as typed (not empty) for a field the model does not declare.
   *
   * @throws Refused saying what is wrong with {@code typed} for the field and how to write it
   */
  EditReader.Read edit(String entity, String field, String typed) throws Refused {
    if (typed == null || typed.isBlank()) {
      throw new Refused("field " + field + " cannot be empty (an import never clears a value)");
    }
    FieldType fieldType = fieldType(entity, field);
    if (fieldType == null) {
      return new EditReader.Read(typed, null);
    }
    try {
      return reader.read(entity, field, fieldType, typed);
    } catch (ValueException e) {
      throw new Refused("field " + field + " is " + fieldType.yamlName() + ": " + e.getMessage());
    }
  }

  /**
   * What an edit of {@code field} of {@code record} stores, as {@link #edit(String, String,
   * String)}; a field the record, its backup row and the entity model all lack is refused. A
   * declared field the record lacks is what an edit most needs to fill: the family name of a client
   * the import could not split (docs/import.md, Names from a full name).
   */
  EditReader.Read edit(ReconstructedRecord record, String field, String typed) throws Refused {
    if (!record.fields().containsKey(field)
        && (record.backup() == null || !record.backup().containsKey(field))
        && !declares(record.entity(), field)) {
      throw new Refused("it has no field " + field);
    }
    EditReader.Read read = edit(record.entity(), field, typed);
    FieldType fieldType = fieldType(record.entity(), field);
    if (fieldType == null
        || !reader.readsAmounts(record.entity(), field, fieldType)
        || !typed.strip().matches("-?[0-9]{1,16}")) {
      return read;
    }
    // a bare integer is minor units; when the evidence claims a hundred times it, the reviewer
    // most likely typed major units (an outside trial's "32" for a 32 EUR fee was stored as 0.32)
    long hundredfold = Long.parseLong(read.value()) * 100;
    ReconstructedRecord.FieldValue claimed = record.fields().get(field);
    List<String> claims = new java.util.ArrayList<>();
    if (claimed != null) {
      claims.add(claimed.value());
      claimed.alternatives().forEach(alternative -> claims.add(alternative.value()));
    }
    if (record.backup() != null && record.backup().get(field) != null) {
      claims.add(record.backup().get(field));
    }
    if (hundredfold == 0 || !claims.contains(Long.toString(hundredfold))) {
      return read;
    }
    return new EditReader.Read(
        read.value(),
        read.note()
            + "; WARNING: the evidence claims "
            + hundredfold
            + " for "
            + field
            + ", a hundred times more: if you meant "
            + typed.strip()
            + " in major units, edit it again as "
            + hundredfold);
  }

  /** An edited value that does not fit its field; the message says why. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** Why edits are not type-checked, or null when they are. */
  String unavailable() {
    return unavailable;
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
