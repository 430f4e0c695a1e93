package dev.salvage.mappings;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How one value is extracted from a record: a {@link Locator}, then a lookup table, a default, and
 * a {@link ValueType} that gives the canonical form. Constants and static defaults are
 * canonicalised once, when the mapping is loaded.
 */
final class Extractor {
  private static final Set<String> OWN_KEYS =
      Set.of("map", "map_default", "default", "required", "type");

  private final Locator locator;
  private final Map<String, String> map;
  private final String mapDefault;
  private final String fallback;
  private final boolean required;
  private final ValueType type;
  private final String constantValue;
  private final String fallbackValue;

  private Extractor(Section spec, ValueType type, boolean typed) throws MappingException {
    this.locator = Locator.forExtractor(spec);
    this.type = type;
    Map<String, String> table = spec.textMap("map");
    this.map = table.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(table));
    this.mapDefault = spec.optionalText("map_default");
    this.fallback = spec.optionalText("default");
    this.required = spec.flag("required", false);
    if (spec.has("map") && map == null) {
      throw spec.error("map", "must not be empty");
    }
    if (mapDefault != null && map == null) {
      throw spec.error("map_default", "needs a \"map\"");
    }
    if (required && fallback != null) {
      throw spec.error("required", "cannot be combined with a default");
    }
    if (locator.constant() != null && (fallback != null || required)) {
      throw spec.error(
          fallback != null ? "default" : "required", "makes no sense with a const value");
    }
    this.constantValue = precompute(spec, "const", locator.constant(), typed);
    this.fallbackValue = precompute(spec, "default", fallback, typed);
  }

  /** Keys an extractor may have besides its type's options. */
  static Set<String> keys() {
    Set<String> keys = new HashSet<>(Locator.KEYS);
    keys.addAll(OWN_KEYS);
    return keys;
  }

  /** An extractor whose values are parsed by {@code type}. */
  static Extractor typed(Section spec, ValueType type) throws MappingException {
    return new Extractor(spec, type, true);
  }

  /** An extractor of raw text, trimmed (used for zones). */
  static Extractor untyped(Section spec) throws MappingException {
    Set<String> allowed = new HashSet<>(Locator.KEYS);
    allowed.addAll(Set.of("map", "map_default", "default"));
    spec.allowOnly(allowed);
    return new Extractor(spec, null, false);
  }

  /** Applies the value's map and type to a constant now, so a bad one fails at load. */
  private String precompute(Section spec, String key, String value, boolean typed)
      throws MappingException {
    if (value == null) {
      return null;
    }
    String mapped = value;
    if (key.equals("const") && map != null) {
      mapped = map.getOrDefault(value.strip(), mapDefault);
      if (mapped == null) {
        throw spec.error("map", Texts.quote(value) + " is not in the map");
      }
    }
    if (!typed) {
      return mapped.strip();
    }
    if (type.readsRecord()) {
      return null;
    }
    try {
      return type.canonical(mapped, null);
    } catch (ValueException e) {
      throw spec.error(key, e.getMessage());
    }
  }

  /** Whether the value is read from the record (false for a const). */
  boolean readsRecord() {
    return locator.constant() == null;
  }

  ValueType type() {
    return type;
  }

  /** Where the value is looked for, for error messages. */
  String description() {
    return locator.description();
  }

  /**
   * The value found in the record, mapped through the table, not yet in canonical form; null when
   * nothing was found.
   */
  String find(RecordContext context) throws ValueException {
    String found = locator.first(context);
    if (found == null || map == null) {
      return found;
    }
    String mapped = map.get(found);
    if (mapped == null) {
      mapped = mapDefault;
    }
    if (mapped == null) {
      throw new ValueException(
          Texts.quote(found) + " is not in the map (" + String.join(", ", map.keySet()) + ")");
    }
    return mapped;
  }

  /**
   * The canonical form of what {@link #find} returned, or of the default when that is null; null
   * when there is neither.
   *
   * @throws ValueException when the value is unparseable, or required and missing
   */
  String canonical(String found, RecordContext context) throws ValueException {
    if (found == null) {
      if (fallbackValue != null) {
        return fallbackValue;
      }
      if (required) {
        throw new ValueException("required value not found (" + description() + ")");
      }
      found = fallback;
      if (found == null) {
        return null;
      }
    }
    if (constantValue != null) {
      return constantValue;
    }
    return type == null ? found : type.canonical(found, context);
  }

  /** {@link #find} then {@link #canonical}. */
  String extract(RecordContext context) throws ValueException {
    return canonical(find(context), context);
  }
}
