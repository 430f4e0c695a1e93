package dev.salvage.mappings;

import dev.salvage.connectors.io.CaseFolding;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The type of an entity field, which fixes its canonical text form (see {@code
 * mappings/README.md}).
 */
public enum FieldType {
  /** Trimmed, inner white space collapsed. */
  TEXT,
  /**
   * A person's name as typed by hand: text, compared and merged as a name (a typo, another order or
   * initials are the same name), whatever the field is called ({@code nom}, {@code nome}).
   */
  NAME,
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
  INTEGER,
  /**
   * A JSON value, compact, each object's keys in order: compared as JSON, not as its spelling.
   * Declared last: a coder writes a type by its ordinal.
   */
  JSON;

  private static final Pattern DECIMAL_INTEGER = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /**
   * What {@code value} should look like when it is not in this type's canonical form (e.g. {@code
   * "an integer, e.g. 12"}), or null when it is. For values typed by a person, such as a reviewer's
   * edit, which the mapping engine did not produce; text of any form is accepted.
   */
  public String expectedForm(String value) {
    return switch (this) {
      case TEXT, NAME -> null;
      case UPPER -> value.equals(value.toUpperCase(Locale.ROOT)) ? null : "upper-case text";
      case LOWER -> value.equals(CaseFolding.lower(value)) ? null : "lower-case text";
      case EMAIL ->
          EMAIL_ADDRESS.matcher(value).matches() && value.equals(CaseFolding.lower(value))
              ? null
              : "a lower-case email address";
      case PHONE -> E164.matcher(value).matches() ? null : "an E.164 phone, e.g. +351912345678";
      case DATETIME ->
          isUtcInstant(value) ? null : "an ISO-8601 UTC instant, e.g. 2026-03-13T10:00:00Z";
      case DATE -> isDate(value) ? null : "an ISO date, e.g. 2026-03-13";
      case MONEY ->
          DECIMAL_INTEGER.matcher(value).matches() ? null : "an integer in minor units, e.g. 12345";
      case INTEGER -> DECIMAL_INTEGER.matcher(value).matches() ? null : "an integer, e.g. 12";
      case JSON -> isJson(value) ? null : "JSON, e.g. {\"breakfast\": true}";
    };
  }

  private static boolean isJson(String value) {
    try {
      new JsonValue().read(value, null);
      return true;
    } catch (ValueException e) {
      return false;
    }
  }

  private static boolean isUtcInstant(String value) {
    try {
      Instant.parse(value);
      return value.endsWith("Z");
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isDate(String value) {
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The name used in YAML files, e.g. {@code datetime}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a field of this type can hold what a value of {@code produced} type canonicalises to.
   */
  boolean accepts(FieldType produced) {
    return this == produced
        || this == TEXT
        || (this == NAME && produced == TEXT)
        || (this == INTEGER && produced == MONEY);
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
