package dev.salvage.mappings;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one value is extracted from a record: a {@link TextSource} (a locator, several joined, or the
 * first of several that finds one), then a table ({@code map}), a lookup in a backup table, a
 * person-name part, a default, and a {@link ValueType} that gives the canonical form. Constants and
 * static defaults are canonicalised once, when the mapping is loaded.
 */
final class Extractor {
  private static final Set<String> OWN_KEYS =
      Set.of(
          "map",
          "map_default",
          "default",
          "required",
          "unreadable",
          "type",
          "join",
          "first_of",
          "separator",
          "lookup",
          "name",
          "name_order",
          "particles",
          "family_words",
          "negate",
          "plus",
          "minus",
          "times",
          "since");
  private static final String UNREADABLE_QUARANTINES = "quarantine";
  private static final String UNREADABLE_LEFT_OUT = "leave_out";
  private static final Set<String> LOOKUP_KEYS = Set.of("table", "match", "take", "compare");
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern TABLE =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*");

  /**
   * What an extractor made of a record.
   *
   * @param value the canonical value, or null
   * @param hint a partial value (a name with an initial) that helps linking, or null
   * @param miss why a lookup gave nothing for text that was found, or null
   * @param foundInRecord whether text was found in the record (not only a constant or default)
   * @param leftOut why the text found could not be read, when {@code unreadable: leave_out} left
   *     the value out rather than quarantine the record; else null
   */
  record Outcome(
      String value,
      String hint,
      String miss,
      boolean foundInRecord,
      LocalTimeGuess guess,
      String leftOut) {
    Outcome(String value, String hint, String miss, boolean foundInRecord, LocalTimeGuess guess) {
      this(value, hint, miss, foundInRecord, guess, null);
    }

    Outcome(String value, String hint, String miss, boolean foundInRecord) {
      this(value, hint, miss, foundInRecord, null, null);
    }
  }

  private final TextSource source;
  private final Map<String, String> map;
  private final String mapDefault;
  private final String fallback;
  private final boolean required;
  // unreadable: leave_out: a value found but not readable leaves the field empty, noted and
  // counted, instead of quarantining the whole record
  private final boolean leaveOut;
  private final LookupSpec lookup;
  private final PersonNames names;
  private final boolean negate;
  private final TimeAddend plus;
  private final Elapsed since;
  private final Arithmetic arithmetic;
  private final ValueType type;
  private final String constantValue;
  private final String fallbackValue;

  /**
   * @param business and {@code locale}: what a {@code first_of} place's own {@code format} or
   *     {@code locale} is read with, as the field's are; null for an untyped extractor
   */
  private Extractor(
      Section spec, ValueType type, boolean typed, Elapsed since, Business business, Locale locale)
      throws MappingException {
    this.since = since;
    if (spec.has("join") && spec.has("first_of")) {
      throw spec.error("first_of", "cannot be combined with join");
    }
    if (spec.has("first_of")) {
      for (String key : List.of("path", "const", "css", "json_ld", "regex", "separator")) {
        if (spec.has(key)) {
          throw spec.error(key, "cannot be combined with first_of; give it to a place of the list");
        }
      }
      this.source =
          FirstOf.parse(
              spec,
              typed && type != null
                  ? place ->
                      ValueTypes.read(
                          spec.overriddenBy(place, FirstOf.PLACE_OPTIONS),
                          type.fieldType(),
                          business,
                          locale)
                  : null);
    } else if (spec.has("join")) {
      for (String key : List.of("path", "const", "css", "json_ld", "regex")) {
        if (spec.has(key)) {
          throw spec.error(key, "cannot be combined with join; give it to a part of the join");
        }
      }
      this.source = Join.parse(spec);
    } else {
      if (spec.has("separator")) {
        throw spec.error("separator", "needs a \"join\"");
      }
      this.source = Locator.forExtractor(spec);
    }
    this.type = type;
    Map<String, String> table = spec.textMap("map");
    this.map = table.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(table));
    this.mapDefault = spec.optionalText("map_default");
    this.fallback = spec.optionalText("default");
    this.required = spec.flag("required", false);
    if (spec.has("map") && map == null) {
      throw spec.error("map", "must not be empty");
    }
    if (map != null) {
      refuseKeysThatCannotMatch(spec, map.keySet());
    }
    if (mapDefault != null && map == null) {
      throw spec.error("map_default", "needs a \"map\"");
    }
    if (required && fallback != null) {
      throw spec.error("required", "cannot be combined with a default");
    }
    String unreadable = spec.optionalText("unreadable");
    if (unreadable != null
        && !unreadable.equals(UNREADABLE_QUARANTINES)
        && !unreadable.equals(UNREADABLE_LEFT_OUT)) {
      throw spec.error(
          "unreadable",
          Texts.quote(unreadable)
              + " is not what to do with a value that cannot be read; choices: quarantine (the"
              + " record, the default), leave_out (the value, noted and counted)");
    }
    this.leaveOut = UNREADABLE_LEFT_OUT.equals(unreadable);
    if (leaveOut && required) {
      throw spec.error(
          "unreadable", "leave_out cannot be combined with required: a required value is needed");
    }
    if (source.constant() != null && (fallback != null || required)) {
      throw spec.error(
          fallback != null ? "default" : "required", "makes no sense with a const value");
    }
    this.lookup = spec.has("lookup") ? lookup(spec) : null;
    this.names = names(spec, type);
    this.negate = spec.flag("negate", false);
    this.arithmetic = Arithmetic.wanted(spec, type) ? Arithmetic.parse(spec, type) : null;
    this.plus =
        spec.has("plus") && !Arithmetic.isNumber(type) ? TimeAddend.parse(spec, type) : null;
    if (negate
        && (type == null
            || (type.fieldType() != FieldType.MONEY && type.fieldType() != FieldType.INTEGER))) {
      throw spec.error("negate", "applies to money and integer values only");
    }
    if (source.constant() != null && (lookup != null || names != null)) {
      throw spec.error(lookup != null ? "lookup" : "name", "makes no sense with a const value");
    }
    this.constantValue = precompute(spec, "const", source.constant(), typed);
    this.fallbackValue = precompute(spec, "default", fallback, typed);
  }

  /**
   * Refuses a map key no value found can equal: a value is trimmed, and a blank one is not found,
   * before the map is looked up, so such a key would silently hand every record the default.
   */
  private static void refuseKeysThatCannotMatch(Section spec, Set<String> keys)
      throws MappingException {
    for (String key : keys) {
      if (Texts.isBlank(key)) {
        throw spec.error(
            "map",
            "the key "
                + Texts.quote(key)
                + " is blank and can never match: a value found is trimmed before it is looked up"
                + " in the map, and a blank one is not found");
      }
      if (!key.equals(key.strip())) {
        throw spec.error(
            "map",
            "the key "
                + Texts.quote(key)
                + " has spaces around it and can never match: a value found is trimmed before it"
                + " is looked up in the map; write the key as "
                + Texts.quote(key.strip()));
      }
    }
  }

  /** Keys an extractor may have besides its type's options. */
  static Set<String> keys() {
    Set<String> keys = new HashSet<>(Locator.KEYS);
    keys.addAll(OWN_KEYS);
    return keys;
  }

  /** An extractor whose values are parsed by {@code type}. */
  static Extractor typed(Section spec, ValueType type) throws MappingException {
    return new Extractor(spec, type, true, null, null, null);
  }

  /**
   * An extractor whose values are parsed by {@code type}, reading {@code since} with the business's
   * zone and the rule's {@code locale} when it has one.
   */
  static Extractor typed(Section spec, ValueType type, Business business, Locale locale)
      throws MappingException {
    Elapsed since = spec.has("since") ? Elapsed.parse(spec, type, business, locale) : null;
    return new Extractor(spec, type, true, since, business, locale);
  }

  /** An extractor of raw text, trimmed (used for zones and currencies). */
  static Extractor untyped(Section spec) throws MappingException {
    Set<String> allowed = new HashSet<>(Locator.KEYS);
    allowed.addAll(Set.of("map", "map_default", "default"));
    spec.allowOnly(allowed);
    return new Extractor(spec, null, false, null, null, null);
  }

  private static LookupSpec lookup(Section spec) throws MappingException {
    Section lookup = spec.section("lookup", spec.where() + ", lookup");
    lookup.allowOnly(LOOKUP_KEYS);
    String table = lookup.text("table");
    if (!TABLE.matcher(table).matches()) {
      throw lookup.error("table", "\"" + table + "\" is not a table name ([schema.]name)");
    }
    String match = column(lookup, "match");
    String take = column(lookup, "take");
    String compare = lookup.optionalText("compare");
    LookupSpec.Compare how = LookupSpec.Compare.EXACT;
    if (compare != null) {
      try {
        how = LookupSpec.Compare.valueOf(compare.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw lookup.error(
            "compare",
            "\""
                + compare
                + "\" is not a comparison; comparisons: exact, ignore_case, letters_digits");
      }
    }
    return new LookupSpec(table, match, take, how);
  }

  private static String column(Section lookup, String key) throws MappingException {
    String column = lookup.text(key);
    if (!COLUMN.matcher(column).matches()) {
      throw lookup.error(key, "\"" + column + "\" is not a column name");
    }
    return column;
  }

  private static PersonNames names(Section spec, ValueType type) throws MappingException {
    if (!spec.has("name")) {
      for (String key : List.of("name_order", "particles", "family_words")) {
        if (spec.has(key)) {
          throw spec.error(key, "needs \"name\" (full, given or family)");
        }
      }
      return null;
    }
    if (!(type instanceof TextValue)) {
      throw spec.error("name", "applies to text values only");
    }
    String partText = spec.text("name");
    PersonNames.Part part;
    try {
      part = PersonNames.part(partText);
    } catch (IllegalArgumentException e) {
      throw spec.error(
          "name", "\"" + partText + "\" is not a part of a name; parts: full, given, family");
    }
    String orderText = spec.optionalText("name_order");
    PersonNames.Order order = PersonNames.Order.GIVEN_FIRST;
    if (orderText != null) {
      try {
        order = PersonNames.Order.valueOf(orderText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw spec.error(
            "name_order",
            "\"" + orderText + "\" is not an order; orders: given_first, family_first");
      }
    }
    List<String> particles =
        spec.has("particles") ? spec.texts("particles") : PersonNames.DEFAULT_PARTICLES;
    String wordsText = spec.optionalText("family_words");
    int familyWords = 1;
    if (wordsText != null) {
      try {
        familyWords = Integer.parseInt(wordsText.strip());
      } catch (NumberFormatException e) {
        familyWords = 0;
      }
      if (familyWords < 1 || familyWords > 4) {
        throw spec.error("family_words", "must be a number from 1 to 4, not \"" + wordsText + "\"");
      }
    }
    return new PersonNames(part, order, particles, familyWords);
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

  /**
   * Whether {@code unreadable: leave_out} may be declared on it: it reads the record and is not
   * required.
   */
  boolean mayLeaveOut() {
    return readsRecord() && !required;
  }

  /** Whether the value is read from the record (false for a const). */
  boolean readsRecord() {
    return source.constant() == null;
  }

  ValueType type() {
    return type;
  }

  /** The lookup this extractor makes, or null. */
  LookupSpec lookup() {
    return lookup;
  }

  /** Whether the value changes sign ({@code negate: true}): a refund's amount against a payment. */
  boolean negates() {
    return negate;
  }

  /**
   * Whether it does more than find a value and parse it (a lookup, a name part, a sign,
   * arithmetic).
   */
  boolean transforms() {
    return lookup != null || names != null || negate || plus != null || arithmetic != null;
  }

  /**
   * Whether the value, not found, is found by the same extraction in the quoted text its path
   * leaves out on purpose (a reply restating the old booking).
   */
  boolean foundOnlyInQuote(RecordContext context) {
    return source.foundOnlyInQuote(context);
  }

  /** The record paths it reads, as written. */
  List<String> paths() {
    return source.paths();
  }

  /** Where the value is looked for, for error messages. */
  String description() {
    return source.description();
  }

  /**
   * The value found in the record, mapped through the table, not yet in canonical form (its text
   * null when nothing was found), with the type of the place that found it when it has its own.
   */
  private TextSource.Found find(RecordContext context) throws ValueException {
    // where the text found is read by the type as it is, a first_of place whose text the type
    // cannot read passes to the next; after a map, lookup, name or span the type reads another text
    TextSource.Found found =
        source instanceof FirstOf firstOf
                && type != null
                && map == null
                && lookup == null
                && names == null
                && since == null
                && constantValue == null
            ? firstOf.readable(context, type)
            : source.found(context);
    if (found.text() == null || map == null) {
      return found;
    }
    String mapped = map.get(found.text());
    if (mapped == null) {
      mapped = mapDefault;
    }
    if (mapped == null) {
      throw new ValueException(
          Texts.quote(found.text())
              + " is not in the map ("
              + String.join(", ", map.keySet())
              + ")");
    }
    return new TextSource.Found(mapped, found.type());
  }

  /**
   * The canonical form of what {@link #find} returned, read by {@code placeType} when the place
   * that found it has its own (else by the extractor's), or of the default when that is null; null
   * when there is neither.
   *
   * @throws ValueException when the value is unparseable, or required and missing
   */
  private String canonical(String found, ValueType placeType, RecordContext context)
      throws ValueException {
    return read(found, placeType, context).value();
  }

  /** {@link #canonical}, with the guess a date-time read from a skipped or repeated time made. */
  private TemporalValue.Reading read(String found, ValueType placeType, RecordContext context)
      throws ValueException {
    if (found == null) {
      if (fallbackValue != null) {
        return new TemporalValue.Reading(fallbackValue, null);
      }
      if (required) {
        throw ValueException.missing(
            "required value not found (" + source.nothingFound(context) + ")");
      }
      found = fallback;
      if (found == null) {
        return new TemporalValue.Reading(null, null);
      }
    }
    if (constantValue != null) {
      return new TemporalValue.Reading(constantValue, null);
    }
    ValueType reading = placeType != null ? placeType : type;
    if (reading instanceof TemporalValue temporal) {
      return temporal.reading(found, context);
    }
    return new TemporalValue.Reading(
        reading == null ? found : reading.canonical(found, context), null);
  }

  /** {@link #find} then {@link #canonical}: the canonical value, or null. */
  String extract(RecordContext context) throws ValueException {
    try {
      TextSource.Found found = find(context);
      return canonical(found.text(), found.type(), context);
    } catch (Locator.NotAValue e) {
      throw ValueException.mapping(e.getMessage());
    }
  }

  /**
   * Everything this extractor makes of the record: the value, or a partial value (a hint), or a
   * lookup's miss.
   *
   * @throws ValueException when a value is unparseable, or required and missing (a lookup that
   *     finds nothing, or a partial name, does not satisfy {@code required})
   */
  Outcome outcome(RecordContext context) throws ValueException {
    if (!leaveOut) {
      return guardedOutcome(context);
    }
    try {
      return guardedOutcome(context);
    } catch (ValueException e) {
      if (e.mappingError()) {
        throw e; // the mapping is wrong for every record: not a value to leave out
      }
      // only text found in the record can fail to be read: nothing required is left to miss
      return new Outcome(null, null, null, true, null, e.getMessage());
    }
  }

  private Outcome guardedOutcome(RecordContext context) throws ValueException {
    try {
      return readOutcome(context);
    } catch (Locator.NotAValue e) {
      throw ValueException.mapping(e.getMessage());
    }
  }

  private Outcome readOutcome(RecordContext context) throws ValueException {
    TextSource.Found located = find(context);
    String found = located.text();
    boolean inRecord = found != null && readsRecord();
    if (found != null && lookup != null) {
      String miss = null;
      LookupTables tables = context.lookups();
      if (!tables.loaded()) {
        miss = "lookup in " + lookup.describe() + " not made: the backup's tables were not read";
      } else {
        Set<String> values = new LinkedHashSet<>();
        tables.values(lookup.key(found)).forEach(values::add);
        miss = missOf(found, values);
        if (miss == null) {
          found = values.iterator().next();
        }
      }
      if (miss != null) {
        if (required) {
          throw ValueException.missing(miss);
        }
        return new Outcome(null, null, miss, inRecord);
      }
    }
    if (found != null && names != null) {
      PersonNames.Found part = names.apply(found);
      if (part == null) {
        found = null;
      } else if (part.partial()) {
        if (required) {
          throw ValueException.missing(Texts.quote(part.text()) + " is only a partial name");
        }
        return new Outcome(null, type.canonical(part.text(), context), null, inRecord);
      } else {
        found = part.text();
      }
    }
    if (found != null && since != null) {
      // the value's own path finds the end; the count of units since the start is the value
      found = since.apply(found, context);
    }
    TemporalValue.Reading read = read(found, located.type(), context);
    String value = read.value();
    // a time the clocks repeat is one guess; a text two formats read as two dates is another
    LocalTimeGuess guess = read.guess() != null ? read.guess() : located.twoReadings();
    if (value != null && plus != null) {
      // without the amount the value is not known, as when its path finds nothing
      value = plus.apply((TemporalValue) type, value, context);
      if (value == null && required) {
        throw ValueException.missing("no amount to add found (" + plus.description() + ")");
      }
      if (guess != null && value != null) {
        // the amount moves both instants the wall time may be
        guess =
            new LocalTimeGuess(
                value, plus.apply((TemporalValue) type, guess.other(), context), guess.note());
      }
    }
    if (value != null && arithmetic != null) {
      // the text the value was read from names its currency, which its operands must share
      value = arithmetic.apply(type, value, found != null ? found : fallback, required, context);
    }
    if (value != null && negate) {
      value = value.startsWith("-") ? value.substring(1) : value.equals("0") ? value : "-" + value;
    }
    return new Outcome(value, null, null, inRecord, value == null ? null : guess);
  }

  /** Why the rows found for {@code value} give no single value, or null when they give one. */
  private String missOf(String value, Set<String> values) {
    String place =
        "row of " + lookup.table() + " with " + lookup.match() + " " + Texts.quote(value);
    if (values.isEmpty()) {
      return "no " + place;
    }
    if (values.size() > 1) {
      List<String> shown =
          values.stream().map(v -> v.equals(LookupSpec.NO_VALUE) ? "null" : v).sorted().toList();
      return "ambiguous: more than one "
          + place
          + ", with "
          + lookup.take()
          + " "
          + String.join(", ", shown);
    }
    if (values.contains(LookupSpec.NO_VALUE)) {
      return "the " + place + " has no " + lookup.take();
    }
    return null;
  }
}
