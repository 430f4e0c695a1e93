package dev.salvage.mappings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The type of an entity field, which fixes its canonical text form (see {@code
 * mappings/README.md}).
 */
public enum FieldType {
  /** Trimmed, inner white space collapsed. */
  TEXT,
  /** As text, upper-cased. */
  UPPER,
  /** As text, lower-cased. */
  LOWER,
  /** A lower-case address. */
  EMAIL,
  /** E.164, e.g. {@code +351912345678}. */
  PHONE,
  /** An ISO-8601 UTC instant, e.g. {@code 2026-03-13T10:00:00Z}. */
  DATETIME,
  /** An ISO date, e.g. {@code 2026-03-13}. */
  DATE,
  /** Parsed from major units; canonical form is integer minor units, e.g. {@code 12345}. */
  MONEY,
  /** A decimal integer. */
  INTEGER;

  /** The name used in YAML files, e.g. {@code datetime}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a field of this type can hold what a value of {@code produced} type canonicalises to.
   */
  boolean accepts(FieldType produced) {
    return this == produced || this == TEXT || (this == INTEGER && produced == MONEY);
  }

  /** The type named {@code name} in {@code key} of {@code spec}, or an error listing the types. */
  static FieldType read(Section spec, String key, String name) throws MappingException {
    for (FieldType type : values()) {
      if (type.yamlName().equals(name)) {
        return type;
      }
    }
    throw spec.error(
        key,
        "unknown type \""
            + name
            + "\"; types: "
            + Arrays.stream(values()).map(FieldType::yamlName).collect(Collectors.joining(", ")));
  }
}
