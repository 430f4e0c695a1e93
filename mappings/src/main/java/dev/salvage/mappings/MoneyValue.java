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
 * inferred from the text ({@code 1.234,56}, {@code 188,00}, {@code 59,-} mean ","), and a lone
 * separator before exactly three digits ({@code 12.000 kr}) is refused as ambiguous unless the
 * currency's exponent settles it. The other separator groups thousands, and groups must have three
 * digits, so that a wrong separator fails instead of scaling amounts a hundredfold.
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

  /** A currency the mapping names ({@code currency: EUR}), the same for every record. */
  record Fixed(Currency code) implements CurrencySource {
    @Override
    public Currency currency(RecordContext context) {
      return code;
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
    // written after the amount: 34,000円, 12,000원
    SIGNS.put("円", "JPY");
    SIGNS.put("원", "KRW");
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
  private final Written written;

  /** Where the amounts come from, which says how an ambiguous one is to be settled. */
  private enum Written {
    /** A source's text: a mapping can declare the decimal separator. */
    SOURCE,
    /** The entity model: the amount is to be rewritten. */
    MODEL,
    /** A person's edit: the person types it again, in major units with decimals. */
    TYPED
  }

  /**
   * @param decimal the decimal separator, or null to infer it
   * @param minorDigits digits of the minor unit, or null for the currency's exponent (else 2)
   * @param currency the currency when the text names none, or null
   */
  MoneyValue(Character decimal, Integer minorDigits, CurrencySource currency) {
    this(decimal, minorDigits, currency, Written.SOURCE);
  }

  private MoneyValue(
      Character decimal, Integer minorDigits, CurrencySource currency, Written written) {
    this.decimal = decimal;
    this.minorDigits = minorDigits;
    this.currency = currency;
    this.written = written;
  }

  /**
   * Money with no options, for amounts written in the entity model, where no {@code decimal} can be
   * declared: an ambiguous amount is to be rewritten rather than declared.
   */
  static MoneyValue plain() {
    return new MoneyValue(null, null, null, Written.MODEL);
  }

  /**
   * Money with no options, for an amount a person types in major units: the separator inferred as
   * for {@link #plain()}, an ambiguous amount to be typed again with its decimals.
   */
  static MoneyValue typed() {
    return new MoneyValue(null, null, null, Written.TYPED);
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

  /** The currency the mapping fixes for amounts that name none, or null. */
  Currency fixedCurrency() {
    return currency instanceof Fixed fixed ? fixed.code() : null;
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
  String canonicalIn(String written, Currency assumed, RecordContext context)
      throws ValueException {
    String text = Texts.halfWidth(written);
    int digits = minorDigits(text, assumed, context);
    Matcher dash = WHOLE_DASH.matcher(text);
    boolean whole = dash.find();
    // 1.450,- is 1450: the separator before the dash is the decimal one, so the other groups
    Character dashed = whole ? text.charAt(dash.start()) : null;
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
    char point =
        decimal != null ? decimal : dashed != null ? dashed : inferred(text, amount, digits);
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
          Texts.quote(written)
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
  static Currency named(String written) {
    String text = Texts.halfWidth(written);
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
   * The decimal separator of an amount that declares none: of two different separators, the last; a
   * separator written more than once groups thousands, so the decimal is the other; a lone one is
   * the decimal unless it comes before exactly three digits (see {@link #loneBeforeThree}); no
   * separator at all, ".".
   *
   * @param digits the minor digits of the amount's currency
   * @throws ValueException when a lone separator before three digits could be either
   */
  private char inferred(String text, String amount, int digits) throws ValueException {
    int comma = amount.lastIndexOf(',');
    int dot = amount.lastIndexOf('.');
    if (comma >= 0 && dot >= 0) {
      return comma > dot ? ',' : '.';
    }
    if (comma < 0 && dot < 0) {
      return '.';
    }
    char separator = comma >= 0 ? ',' : '.';
    char other = separator == '.' ? ',' : '.';
    int at = Math.max(comma, dot);
    if (amount.indexOf(separator) != at) {
      // 1.234.567: only a thousands separator is written twice; 1.2.3 is no amount either way,
      // and fails as one with the usual decimal "."
      return validWhole(amount, separator) ? other : '.';
    }
    String head = amount.substring(0, at);
    if (amount.length() - at - 1 != 3 || !groupable(head)) {
      return separator;
    }
    return loneBeforeThree(text, amount, head, separator, digits);
  }

  /**
   * A lone separator before exactly three digits, {@code 12.000}: twelve thousand as Germans and
   * Norwegians write it, twelve as the English do. Trailing zeros beyond the minor digits are fine
   * elsewhere ({@code 12.500} would be refused as three decimals, but {@code 12.000} would pass as
   * 12.00), so round prices, the most common ones, were read a thousandth of their value. Short of
   * a declared decimal, only the minor digits (the currency's, or {@code minor_digits}) settle it:
   * three (BHD, KWD, TND) make them decimals, none (JPY, KRW) a thousands group.
   */
  private char loneBeforeThree(String text, String amount, String head, char separator, int digits)
      throws ValueException {
    if (digits == 3) {
      return separator;
    }
    char other = separator == '.' ? ',' : '.';
    if (digits == 0) {
      return other;
    }
    String grouped = head + amount.substring(head.length() + 1);
    String decimals = head + separator + amount.substring(head.length() + 1);
    throw new ValueException(
        Texts.quote(text)
            + " is an ambiguous amount: \""
            + separator
            + "\" before three digits groups thousands ("
            + grouped
            + ") or marks decimals ("
            + decimals
            + "); "
            + switch (written) {
              case SOURCE ->
                  "declare decimal: \""
                      + other
                      + "\" for thousands or decimal: \""
                      + separator
                      + "\" for decimals (or a locale)";
              case MODEL -> "write it without the separator or with " + digits + " decimals";
              case TYPED ->
                  "type it with its "
                      + digits
                      + " decimals ("
                      + grouped
                      + "."
                      + "0".repeat(digits)
                      + " if thousands are meant)";
            });
  }

  /** Whether {@code head} can be the first group of a thousands-grouped number: 1 to 3 digits. */
  private static boolean groupable(String head) {
    return !head.isEmpty() && head.length() <= 3 && head.charAt(0) != '0';
  }

  /**
   * Digits, optionally grouped in threes after a first group of one to three: {@code 1.234.567}.
   */
  private static boolean validWhole(String whole, char grouping) {
    if (whole.isEmpty() || whole.charAt(0) == grouping) {
      return false;
    }
    String[] groups = whole.split(Pattern.quote(String.valueOf(grouping)), -1);
    if (groups.length > 1 && !groupable(groups[0])) {
      return false;
    }
    for (int i = 1; i < groups.length; i++) {
      if (groups[i].length() != 3) {
        return false;
      }
    }
    return true;
  }
}
