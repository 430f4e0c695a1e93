package dev.salvage.pipeline.review;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
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
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private final Map<String, EntityType> byEntity;
  private final String unavailable;
  private final String phoneRegion;
  private final String phoneRegionFrom;

  private RunModel(
      Map<String, EntityType> byEntity,
      String unavailable,
      String phoneRegion,
      String phoneRegionFrom) {
    this.byEntity = byEntity;
    this.unavailable = unavailable;
    this.phoneRegion = phoneRegion;
    this.phoneRegionFrom = phoneRegionFrom;
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
        return new RunModel(Map.of(), run.summaryJson() + " names no run config", null, null);
      }
      RunConfig loaded = RunConfig.load(Path.of(config));
      return of(
          loaded.entities().types().values(),
          loaded.business().phoneRegion(),
          "business.phone_region of " + loaded.file());
    } catch (IOException | MappingException | RuntimeException e) {
      return new RunModel(
          Map.of(), "cannot load the run config " + config + ": " + e.getMessage(), null, null);
    }
  }

  /** The model of these entity types, with no region to read national phone numbers in. */
  static RunModel of(Collection<EntityType> types) {
    return of(types, null, null);
  }

  /**
   * The model of these entity types, reading a phone edit written without a country code in {@code
   * phoneRegion}, as the mappings read the evidence's.
   *
   * @param phoneRegion the business's ISO 3166 region, or null when it declares none
   * @param phoneRegionFrom where the region is declared, for messages
   */
  static RunModel of(Collection<EntityType> types, String phoneRegion, String phoneRegionFrom) {
    Map<String, EntityType> byEntity = new HashMap<>();
    types.forEach(type -> byEntity.put(type.name(), type));
    return new RunModel(Map.copyOf(byEntity), null, phoneRegion, phoneRegionFrom);
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
   * The value an edit stores: a phone number typed as the desk writes it ({@code 412 55 678}) read
   * in the business's region, as the mappings read the evidence's, into E.164; any other value as
   * typed. A phone that cannot be read is returned as typed, for {@link #problem} to say.
   */
  String canonical(String entity, String field, String value) {
    if (value == null || fieldType(entity, field) != FieldType.PHONE) {
      return value;
    }
    if (FieldType.PHONE.expectedForm(value.strip()) == null) {
      return value.strip();
    }
    try {
      PhoneNumber number = PHONES.parse(value, phoneRegion == null ? "ZZ" : phoneRegion);
      if (PHONES.isPossibleNumber(number)) {
        return PHONES.format(number, PhoneNumberFormat.E164);
      }
    } catch (NumberParseException e) {
      // said by problem(), with the region it was read in
    }
    return value;
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
    FieldType fieldType = fieldType(entity, field);
    if (fieldType == null) {
      return null;
    }
    String expected = fieldType.expectedForm(value);
    if (expected != null && fieldType == FieldType.PHONE) {
      return "field "
          + field
          + " is phone: \""
          + value
          + "\" is not a phone number"
          + (phoneRegion == null
              ? " with a country code, and no region is declared to read one without it ("
                  + (phoneRegionFrom == null
                      ? "the run config sets no business.phone_region"
                      : phoneRegionFrom + " is not set")
                  + "); write it with its country code, e.g. +351912345678"
              : " of region "
                  + phoneRegion
                  + (phoneRegionFrom == null ? "" : " (" + phoneRegionFrom + ")")
                  + " nor one with a country code; write it as it is dialled in "
                  + phoneRegion
                  + " ("
                  + PHONES.format(
                      PHONES.getExampleNumberForType(
                          phoneRegion, PhoneNumberUtil.PhoneNumberType.MOBILE),
                      PhoneNumberFormat.NATIONAL)
                  + ") or with its country code");
    }
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
