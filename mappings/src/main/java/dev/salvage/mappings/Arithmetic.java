package dev.salvage.mappings;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code times}, {@code plus} and {@code minus} of an integer or money value: a number found in the
 * record (or given as a constant) multiplies the value, is added to it or is subtracted from it. A
 * Stripe charge's net amount is its {@code amount} less its {@code amount_refunded}; a hire's price
 * is its daily rate times its days.
 *
 * <p>They run in that order, so that a rate times days plus a fee reads as it is written in
 * arithmetic. The operand of {@code plus} and {@code minus} is read like the value: an integer as
 * an integer, an amount of money as an amount in major units with the value's options, in the
 * value's currency when it names none (an operand naming another currency, or naming one when the
 * value's is not known, rejects the record: adding euros to pounds has no meaning). The operand of
 * {@code times} is a plain decimal number; the product is rounded half-even to a whole number (of
 * minor units, for money).
 */
final class Arithmetic {
  /** The keys, in the order their steps run. */
  static final List<String> KEYS = List.of("times", "plus", "minus");

  /**
   * One step.
   *
   * @param fallback the operand's {@code default}, used when the record holds none, or null
   */
  private record Step(String key, Locator operand, String fallback) {
    String description() {
      return key + ": " + operand.description();
    }
  }

  private final List<Step> steps;

  private Arithmetic(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /** Whether {@code spec} has a key that means arithmetic for a value of {@code type}. */
  static boolean wanted(Section spec, ValueType type) {
    return spec.has("times") || spec.has("minus") || (spec.has("plus") && isNumber(type));
  }

  static boolean isNumber(ValueType type) {
    return type != null
        && (type.fieldType() == FieldType.INTEGER || type.fieldType() == FieldType.MONEY);
  }

  /** Reads {@code times}, {@code plus} and {@code minus} of an extractor of {@code type}. */
  static Arithmetic parse(Section spec, ValueType type) throws MappingException {
    List<Step> steps = new ArrayList<>();
    for (String key : KEYS) {
      // plus of a date or date-time is a TimeAddend's
      if (!spec.has(key) || (key.equals("plus") && !isNumber(type))) {
        continue;
      }
      if (!isNumber(type)) {
        throw spec.error(key, "applies to integer and money values only");
      }
      Section place = spec.section(key, spec.where() + ", " + key);
      if (place.has("unit")) {
        throw place.error(
            "unit",
            "a unit applies to plus on a date or datetime; "
                + type.fieldType().yamlName()
                + " values "
                + (key.equals("times") ? "are multiplied by" : "take")
                + " a plain number");
      }
      if (key.equals("times") && place.has("default")) {
        throw place.error(
            "default", "applies to the operands of plus and minus (a fee or discount not written)");
      }
      Set<String> keys = new HashSet<>(Locator.KEYS);
      keys.add("default");
      place.allowOnly(keys);
      Locator operand = Locator.forExtractor(place);
      String fallback = place.optionalText("default");
      if (fallback != null && operand.constant() != null) {
        throw place.error("default", "makes no sense with a const value");
      }
      checked(place, "const", key, operand.constant(), type);
      checked(place, "default", key, fallback, type);
      steps.add(new Step(key, operand, fallback));
    }
    return new Arithmetic(steps);
  }

  /** Fails the load when a constant operand or default of {@code key} is not a number. */
  private static void checked(Section place, String where, String key, String text, ValueType type)
      throws MappingException {
    if (text == null || type.readsRecord()) {
      return;
    }
    try {
      // its currency is checked against the value's in the record
      if (key.equals("times")) {
        factor(text);
      } else {
        type.canonical(text, null);
      }
    } catch (ValueException e) {
      throw place.error(where, e.getMessage());
    }
  }

  /**
   * {@code canonical} with every step applied, or null when an operand is not found in the record.
   *
   * @param written the text the value was read from, which may name its currency
   * @param required whether a missing operand rejects the record rather than leaving no value
   * @throws ValueException when an operand is not a number, names another currency, or is missing
   *     from a required value
   */
  String apply(
      ValueType type, String canonical, String written, boolean required, RecordContext context)
      throws ValueException {
    Currency currency =
        type instanceof MoneyValue money && written != null
            ? money.currencyOf(written, context)
            : null;
    BigDecimal value = new BigDecimal(canonical);
    for (Step step : steps) {
      String text = step.operand().first(context);
      if (text == null) {
        text = step.fallback();
      }
      if (text == null) {
        if (required) {
          throw ValueException.missing("no number found for " + step.description());
        }
        return null;
      }
      BigDecimal operand;
      try {
        operand = step.key().equals("times") ? factor(text) : addend(type, text, currency, context);
      } catch (ValueException e) {
        throw new ValueException(e.getMessage() + " (" + step.description() + ")");
      }
      value =
          switch (step.key()) {
            case "times" -> value.multiply(operand).setScale(0, RoundingMode.HALF_EVEN);
            case "plus" -> value.add(operand);
            default -> value.subtract(operand);
          };
    }
    return value.toBigIntegerExact().toString();
  }

  /** The operand of {@code times}: a plain decimal number. */
  private static BigDecimal factor(String text) throws ValueException {
    BigDecimal factor = Numbers.parse(text);
    if (factor == null) {
      throw new ValueException(
          Texts.quote(text) + " is not a number (a plain decimal such as 3 or 1.5)");
    }
    return factor;
  }

  /**
   * The operand of {@code plus} or {@code minus}: a value of {@code type}, for money in minor units
   * and read in {@code currency} when it names none.
   */
  private static BigDecimal addend(
      ValueType type, String text, Currency currency, RecordContext context) throws ValueException {
    if (type instanceof MoneyValue money) {
      Set<Currency> namable = MoneyValue.namable(text);
      if (!namable.isEmpty() && (currency == null || !namable.contains(currency))) {
        throw new ValueException(
            Texts.quote(text)
                + " is an amount in "
                + MoneyValue.named(text).getCurrencyCode()
                + ", and the value is "
                + (currency == null ? "in no known currency" : "in " + currency.getCurrencyCode()));
      }
      return new BigDecimal(new BigInteger(money.canonicalIn(text, currency, context)));
    }
    return new BigDecimal(new BigInteger(type.canonical(text, context)));
  }
}
