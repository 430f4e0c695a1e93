package dev.salvage.mappings;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code since}: an integer value that is the whole number of days, weeks, hours or minutes from a
 * time found in the record to the time the value's own path finds: an appointment's length from its
 * start and end, a hire's days from its pickup and return. Both times are read alike (the {@code
 * format}, {@code zone} and {@code locale} given beside {@code unit}); days and weeks are counted
 * on the business zone's calendar, so a stay across a change of clock still counts whole days. A
 * span that is not a whole number of the unit, or that ends before it starts, rejects the record
 * rather than being rounded into another value.
 */
final class Elapsed {
  private final Locator start;
  private final ChronoUnit unit;
  private final String unitName;
  private final TemporalValue times;
  private final ZoneId calendar;

  private Elapsed(
      Locator start, ChronoUnit unit, String unitName, TemporalValue times, ZoneId calendar) {
    this.start = start;
    this.unit = unit;
    this.unitName = unitName;
    this.times = times;
    this.calendar = calendar;
  }

  /** Reads {@code since} of an extractor whose values are of {@code type}. */
  static Elapsed parse(Section spec, ValueType type, Business business, Locale locale)
      throws MappingException {
    if (!(type instanceof IntegerValue)) {
      throw spec.error(
          "since", "applies to integer values only (a number of days, weeks, hours or minutes)");
    }
    for (String key : Set.of("lookup", "name", "map", "const")) {
      if (spec.has(key)) {
        throw spec.error(key, "cannot be combined with since, which counts time between two times");
      }
    }
    Section since = spec.section("since", spec.where() + ", since");
    Set<String> keys = new HashSet<>(Locator.KEYS);
    keys.addAll(Set.of("unit", "format", "zone", "locale"));
    since.allowOnly(keys);
    String unitName = since.text("unit").strip().toLowerCase(Locale.ROOT);
    ChronoUnit unit = TimeAddend.UNITS.get(unitName);
    if (unit == null) {
      throw since.error(
          "unit", Texts.quote(unitName) + " is not a unit; units: days, weeks, hours, minutes");
    }
    Locator start = Locator.forExtractor(since);
    if (start.constant() != null) {
      throw since.error("const", "the start must be read from the record");
    }
    TemporalValue times =
        (TemporalValue) ValueTypes.temporal(since, FieldType.DATETIME, business, locale);
    return new Elapsed(start, unit, unitName, times, business.timezone());
  }

  /** Where the start is looked for, for messages. */
  String description() {
    return unitName + " since " + start.description();
  }

  /**
   * The whole number of units from the start found in the record to {@code end}, as text, or null
   * when the record holds no start.
   *
   * @throws ValueException when a time cannot be read, or the span is not a whole number of units
   *     or is negative
   */
  String apply(String end, RecordContext context) throws ValueException {
    String startText = start.first(context);
    if (startText == null) {
      return null;
    }
    ZonedDateTime from = at(startText, context);
    ZonedDateTime to = at(end, context);
    long count = unit.between(from, to);
    if (from.plus(count, unit).equals(to) && count >= 0) {
      return Long.toString(count);
    }
    if (to.isBefore(from)) {
      throw new ValueException(
          Texts.quote(end)
              + " is before "
              + Texts.quote(startText)
              + ": the span ends before it starts ("
              + description()
              + ")");
    }
    throw new ValueException(
        "from "
            + Texts.quote(startText)
            + " to "
            + Texts.quote(end)
            + " is "
            + ChronoUnit.MINUTES.between(from, to)
            + " minutes, not a whole number of "
            + unitName
            + " ("
            + description()
            + ")");
  }

  private ZonedDateTime at(String text, RecordContext context) throws ValueException {
    String canonical = times.canonical(text, context);
    try {
      return Instant.parse(canonical).atZone(calendar);
    } catch (DateTimeException e) {
      throw new ValueException(Texts.quote(text) + " is not a date-time (" + description() + ")");
    }
  }
}
