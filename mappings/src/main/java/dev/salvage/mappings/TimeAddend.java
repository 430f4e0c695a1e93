package dev.salvage.mappings;

import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code plus}: a whole number of days, weeks, hours or minutes added to a date or date-time, the
 * number found in the record or given as a constant. A stay written as its arrival and a number of
 * nights, a rental as its start and a number of days, gives its end this way.
 */
final class TimeAddend {
  static final Map<String, ChronoUnit> UNITS =
      Map.of(
          "days", ChronoUnit.DAYS,
          "weeks", ChronoUnit.WEEKS,
          "hours", ChronoUnit.HOURS,
          "minutes", ChronoUnit.MINUTES);
  private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]{1,9}");

  private final Locator amount;
  private final ChronoUnit unit;
  private final String unitName;

  private TimeAddend(Locator amount, ChronoUnit unit, String unitName) {
    this.amount = amount;
    this.unit = unit;
    this.unitName = unitName;
  }

  /** Reads {@code plus} of an extractor whose values are of {@code type}. */
  static TimeAddend parse(Section spec, ValueType type) throws MappingException {
    if (!(type instanceof TemporalValue temporal)) {
      throw spec.error("plus", "applies to date, datetime, integer and money values only");
    }
    Section plus = spec.section("plus", spec.where() + ", plus");
    Set<String> keys = new HashSet<>(Locator.KEYS);
    keys.add("unit");
    plus.allowOnly(keys);
    String unitName = plus.text("unit").strip().toLowerCase(Locale.ROOT);
    ChronoUnit unit = UNITS.get(unitName);
    if (unit == null) {
      throw plus.error(
          "unit", Texts.quote(unitName) + " is not a unit; units: days, weeks, hours, minutes");
    }
    if (temporal.fieldType() == FieldType.DATE
        && (unit == ChronoUnit.HOURS || unit == ChronoUnit.MINUTES)) {
      throw plus.error("unit", "a date takes days or weeks, not " + unitName);
    }
    Locator amount = Locator.forExtractor(plus);
    if (amount.constant() != null && !WHOLE.matcher(amount.constant().strip()).matches()) {
      throw plus.error("const", Texts.quote(amount.constant()) + " is not a whole number");
    }
    return new TimeAddend(amount, unit, unitName);
  }

  /** Where the amount is looked for, for messages. */
  String description() {
    return amount.description() + " " + unitName;
  }

  /**
   * {@code canonical} moved by the amount found, or null when the record holds none.
   *
   * @throws ValueException when the amount found is not a whole number
   */
  String apply(TemporalValue type, String canonical, RecordContext context) throws ValueException {
    String text = amount.first(context);
    if (text == null) {
      return null;
    }
    // ３泊: full-width digits, read as digits in amounts, dates and integers, count here too
    String trimmed = Texts.asciiDigits(Texts.halfWidth(text)).strip();
    if (!WHOLE.matcher(trimmed).matches()) {
      throw new ValueException(
          Texts.quote(text) + " is not a whole number of " + unitName + " (" + description() + ")");
    }
    return type.plus(canonical, Long.parseLong(trimmed), unit, context);
  }
}
