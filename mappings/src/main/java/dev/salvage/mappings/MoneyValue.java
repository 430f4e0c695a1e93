package dev.salvage.mappings;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code money}: an amount in major units ({@code 1.234,56 €}, {@code EUR 12.50}, {@code 59,-}) to
 * integer minor units ({@code 123456}, {@code 1250}, {@code 5900}) by the currency's exponent.
 *
 * <p>Currency signs, letters and spaces are ignored; a currency code or sign in the text gives the
 * exponent (2 for EUR, 0 for JPY, 3 for BHD) unless {@code minor_digits} or {@code currency} says
 * otherwise. The decimal separator is {@code decimal}, or the {@code locale}'s; with neither, it is
 * "." unless the text can only mean "," ({@code 1.234,56}, {@code 188,00}, {@code 59,-}). The other
 * separator groups thousands, and groups must have three digits, so that a wrong separator fails
 * instead of scaling amounts a hundredfold.
 */
final class MoneyValue implements ValueType {
  /**
   * Where the currency comes from when the text names none: a code, or one read from the record.
   */
  interface CurrencySource {
    Currency currency(RecordContext context) throws ValueException;

    default boolean readsRecord() {
      return false;
    }
  }

  private static final Map<String, String> SIGNS = new LinkedHashMap<>();

  static {
    // longest first: R$ before $
    SIGNS.put("R$", "BRL");
    SIGNS.put("zł", "PLN");
    SIGNS.put("Kč", "CZK");
    SIGNS.put("€", "EUR");
    SIGNS.put("£", "GBP");
    SIGNS.put("¥", "JPY");
    SIGNS.put("₹", "INR");
    SIGNS.put("₩", "KRW");
    SIGNS.put("₽", "RUB");
    SIGNS.put("₺", "TRY");
    SIGNS.put("₪", "ILS");
    SIGNS.put("₫", "VND");
    SIGNS.put("฿", "THB");
    SIGNS.put("$", "USD");
  }

  private static final Pattern CODE = Pattern.compile("(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])");

  /** {@code 59,-}, {@code 59.–}: a whole amount, the dash standing for no minor units. */
  private static final Pattern WHOLE_DASH = Pattern.compile("(?<=[0-9])[.,][-\u2013\u2014]+");

  private final Character decimal;
  private final Integer minorDigits;
  private final CurrencySource currency;

  /**
   * @param decimal the decimal separator, or null to infer it
   * @param minorDigits digits of the minor unit, or null for the currency's exponent (else 2)
   * @param currency the currency when the text names none, or null
   */
  MoneyValue(Character decimal, Integer minorDigits, CurrencySource currency) {
    this.decimal = decimal;
    this.minorDigits = minorDigits;
    this.currency = currency;
  }

  /** The decimal separator of {@code locale} ({@code .} or {@code ,}), or null for none. */
  static Character decimalOf(Locale locale) {
    if (locale == null) {
      return null;
    }
    char separator = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
    return separator == ',' ? ',' : '.';
  }

  /** The currency with ISO 4217 code {@code code}, or null. */
  static Currency currency(String code) {
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public FieldType fieldType() {
    return FieldType.MONEY;
  }

  @Override
  public boolean readsRecord() {
    return currency != null && currency.readsRecord();
  }

  @Override
  public String canonical(String text, RecordContext context) throws ValueException {
    return canonicalIn(text, null, context);
  }

  /**
   * The currency {@code text} names, else the configured one; null when neither says.
   *
   * @throws ValueException when the configured currency is read from the record and is not one
   */
  Currency currencyOf(String text, RecordContext context) throws ValueException {
    Currency named = named(text);
    if (named == null && currency != null) {
      named = currency.currency(context);
    }
    return named;
  }

  /**
   * {@link #canonical}, an amount that names no currency being read in {@code assumed} (when not
   * null) rather than the configured one: an amount subtracted from another is read in the other's
   * currency.
   */
  String canonicalIn(String text, Currency assumed, RecordContext context) throws ValueException {
    int digits = minorDigits(text, assumed, context);
    Matcher dash = WHOLE_DASH.matcher(text);
    boolean whole = dash.find();
    String body = whole ? dash.replaceAll("") : text;
    StringBuilder kept = new StringBuilder(body.length());
    boolean negative = false;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if ((c >= '0' && c <= '9') || c == '.' || c == ',') {
        kept.append(c);
      } else if (c == '-' || c == '\u2212') {
        negative = true;
      }
    }
    String amount = kept.toString();
    char point = decimal != null ? decimal : inferred(amount);
    char grouping = point == '.' ? ',' : '.';
    int at = amount.indexOf(point);
    String whole1 = at < 0 ? amount : amount.substring(0, at);
    String fraction = at < 0 ? "" : amount.substring(at + 1);
    if (whole1.isEmpty() && !fraction.isEmpty()) {
      whole1 = "0";
    }
    while (fraction.length() > digits && fraction.endsWith("0")) {
      fraction = fraction.substring(0, fraction.length() - 1);
    }
    if (!validWhole(whole1, grouping)
        || fraction.indexOf(point) >= 0
        || fraction.indexOf(grouping) >= 0
        || fraction.length() > digits
        || (whole && at >= 0)
        || (at >= 0 && at == amount.length() - 1)) {
      throw new ValueException(
          Texts.quote(text)
              + " is not an amount with decimal \""
              + point
              + "\" and at most "
              + digits
              + " decimal places");
    }
    BigDecimal major =
        new BigDecimal(whole1.replace(String.valueOf(grouping), "") + "." + fraction + "0");
    BigDecimal minor = major.movePointRight(digits).stripTrailingZeros();
    if (negative) {
      minor = minor.negate();
    }
    return minor.toBigIntegerExact().toString();
  }

  /**
   * The minor digits: as configured, else the exponent of the text's or the configured currency.
   */
  private int minorDigits(String text, Currency assumed, RecordContext context)
      throws ValueException {
    if (minorDigits != null) {
      return minorDigits;
    }
    Currency named = named(text);
    if (named == null) {
      named = assumed != null ? assumed : currencyOf(text, context);
    }
    int exponent = named == null ? -1 : named.getDefaultFractionDigits();
    return exponent < 0 ? 2 : exponent;
  }

  /** The currency a code or sign in {@code text} names, or null. */
  static Currency named(String text) {
    Matcher code = CODE.matcher(text);
    while (code.find()) {
      Currency found = currency(code.group());
      if (found != null) {
        return found;
      }
    }
    for (Map.Entry<String, String> sign : SIGNS.entrySet()) {
      if (text.contains(sign.getKey())) {
        return Currency.getInstance(sign.getValue());
      }
    }
    return null;
  }

  /**
   * "." unless the amount can only have "," as its decimal separator: both appear and "," comes
   * last, or "," appears once with one or two digits after it.
   */
  private static char inferred(String amount) {
    int comma = amount.lastIndexOf(',');
    int dot = amount.lastIndexOf('.');
    if (comma < 0) {
      return '.';
    }
    if (dot >= 0) {
      return comma > dot ? ',' : '.';
    }
    int after = amount.length() - comma - 1;
    return amount.indexOf(',') == comma && after >= 1 && after <= 2 ? ',' : '.';
  }

  /** Digits, optionally grouped in threes after the first group: {@code 1.234.567}. */
  private static boolean validWhole(String whole, char grouping) {
    if (whole.isEmpty() || whole.charAt(0) == grouping) {
      return false;
    }
    String[] groups = whole.split(Pattern.quote(String.valueOf(grouping)), -1);
    for (int i = 1; i < groups.length; i++) {
      if (groups[i].length() != 3) {
        return false;
      }
    }
    return true;
  }
}
