package dev.salvage.mappings;

import com.ibm.icu.text.CurrencyMetaInfo;
import com.ibm.icu.text.CurrencyMetaInfo.CurrencyFilter;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.ULocale;
import dev.salvage.connectors.io.CurrencySigns;
import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 * digits, so that a wrong separator fails instead of scaling amounts a hundredfold; where the
 * locale or the currency writes lakh and crore ({@code 1,23,45,678.00}: India, Bangladesh, Nepal),
 * groups of two before the last three are read too. {@code Rs} before an amount is a rupee, and
 * {@code /-} after it marks it exact. Japanese, Chinese and Korean multipliers after digits are
 * read ({@code 4万8千円}, {@code 4.8万円}, {@code 4만 8천원}: see {@link CjkNumbers}).
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

  /** What a dash after an amount means ({@code 1.234,00-}, {@code ￥24,000－}). */
  enum TrailingMinus {
    /** The amount is negative, as SAP and other ledgers export it. */
    NEGATIVE,
    /** The amount is exact: Japanese receipts close it so, as with 也, against additions. */
    EXACT,
    /** Exact for yen; otherwise ambiguous, and refused. */
    BY_CURRENCY
  }

  /** The Arabic decimal separator, {@code ٫} of {@code ١٢٫٥٠٠}. */
  private static final char ARABIC_DECIMAL = '\u066B';

  /** The Arabic thousands separator, {@code ٬} of {@code ١٬٢٥٠}. */
  private static final char ARABIC_THOUSANDS = '\u066C';

  /** A dash after an amount's last digit: ASCII, minus sign, hyphen, horizontal bar, 長音 ー. */
  private static final String TRAILING_DASHES = "-\u2212\u2010\u2015\u30FC";

  /**
   * {@code Rs}, {@code Rs.}, {@code Re.} before an amount: the rupee, which India, Pakistan, Sri
   * Lanka, Nepal, Mauritius and the Seychelles all write so. Its dot is no decimal separator.
   */
  private static final Pattern RUPEE_WORD =
      Pattern.compile("(?<!\\p{L})(?:Rs|RS|rs|Re)\\.?(?!\\p{L})(?=\\s*[-+]?[0-9])");

  /**
   * The currencies whose name is a rupee (in the JDK's English names): those {@code Rs} may stand
   * for.
   */
  private static final Set<Currency> RUPEES =
      Currency.getAvailableCurrencies().stream()
          .filter(c -> c.getDisplayName(Locale.ENGLISH).contains("Rupee"))
          .collect(Collectors.toUnmodifiableSet());

  /** The codes of {@link #RUPEES}, for messages: {@code INR, LKR, ...}. */
  private static final String RUPEE_CODES =
      RUPEES.stream().map(Currency::getCurrencyCode).sorted().collect(Collectors.joining(", "));

  /**
   * {@code /-} after an amount ({@code Rs. 12,500/-}): written in India and its neighbours for
   * "exactly, no paise", never for a negative amount.
   */
  private static final Pattern EXACT_MARK =
      Pattern.compile("(?<=[0-9])\\s*/\\s*[-\u2212\u2010\u2015]");

  /**
   * {@code 8/500}: dinars and fils (8.500), the major and minor units of a currency with three
   * minor digits (KWD, BHD, OMR) written apart; any other slash between digits is refused.
   */
  private static final Pattern MAJOR_SLASH_MINOR =
      Pattern.compile("(?<![0-9.,/])([0-9]+)\\s*/\\s*([0-9]{3})(?![0-9.,/])");

  /** {@code 59,-}, {@code 59.–}: a whole amount, the dash standing for no minor units. */
  private static final Pattern WHOLE_DASH = Pattern.compile("(?<=[0-9])[.,][-\u2013\u2014]+");

  private final Character decimal;
  // whether decimal was declared (decimal: ","), not taken from the locale
  private final boolean decimalDeclared;
  private final Integer minorDigits;
  private final CurrencySource currency;
  // the minor digits of an amount whose currency nothing names: the business currency's, else 2
  private final int unnamedDigits;
  private final TrailingMinus trailingMinus;
  private final Locale locale;
  private final boolean lakhLocale;
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
   * @param trailingMinus what a dash after the amount means
   * @param locale the locale the amounts are written in, or null: the rupee {@code Rs} is its
   *     country's when that writes one
   */
  MoneyValue(
      Character decimal,
      Integer minorDigits,
      CurrencySource currency,
      TrailingMinus trailingMinus,
      Locale locale) {
    this(decimal, minorDigits, currency, trailingMinus, locale, null);
  }

  /**
   * @param businessCurrency the currency whose minor digits an amount naming none, of a field
   *     naming none, has (a yen business's {@code 48000} was read as 480.00, a hundred times too
   *     small), or null for 2
   */
  MoneyValue(
      Character decimal,
      Integer minorDigits,
      CurrencySource currency,
      TrailingMinus trailingMinus,
      Locale locale,
      Currency businessCurrency) {
    this(decimal, minorDigits, currency, trailingMinus, locale, businessCurrency, true);
  }

  /**
   * @param decimalDeclared whether {@code decimal} was declared ({@code decimal: ","}) rather than
   *     taken from {@code locale}: a locale's decimal comma does not settle {@code $1,200}
   */
  MoneyValue(
      Character decimal,
      Integer minorDigits,
      CurrencySource currency,
      TrailingMinus trailingMinus,
      Locale locale,
      Currency businessCurrency,
      boolean decimalDeclared) {
    this(
        decimal,
        minorDigits,
        currency,
        trailingMinus,
        locale,
        Written.SOURCE,
        businessCurrency == null || businessCurrency.getDefaultFractionDigits() < 0
            ? 2
            : businessCurrency.getDefaultFractionDigits(),
        decimalDeclared);
  }

  private MoneyValue(
      Character decimal,
      Integer minorDigits,
      CurrencySource currency,
      TrailingMinus trailingMinus,
      Locale locale,
      Written written,
      int unnamedDigits,
      boolean decimalDeclared) {
    this.unnamedDigits = unnamedDigits;
    this.decimal = decimal;
    this.decimalDeclared = decimalDeclared;
    this.minorDigits = minorDigits;
    this.currency = currency;
    this.trailingMinus = trailingMinus;
    this.locale = locale;
    this.lakhLocale = Lakh.groups(locale);
    this.written = written;
  }

  /**
   * Money with no options, for amounts written in the entity model, where no {@code decimal} can be
   * declared: an ambiguous amount is to be rewritten rather than declared.
   */
  static MoneyValue plain() {
    return new MoneyValue(
        null, null, null, TrailingMinus.BY_CURRENCY, null, Written.MODEL, 2, false);
  }

  /**
   * Money with no options, for an amount a person types in major units: the separator inferred as
   * for {@link #plain()}, an ambiguous amount to be typed again with its decimals.
   */
  static MoneyValue typed() {
    return new MoneyValue(
        null, null, null, TrailingMinus.BY_CURRENCY, null, Written.TYPED, 2, false);
  }

  /** The decimal separator of {@code locale} ({@code .} or {@code ,}), or null for none. */
  static Character decimalOf(Locale locale) {
    if (locale == null) {
      return null;
    }
    char separator = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
    return separator == ',' ? ',' : '.';
  }

  /** The currency of {@code locale}'s country, or null (no locale, no country, or none). */
  private static Currency countryCurrency(Locale locale) {
    if (locale == null || locale.getCountry().isEmpty()) {
      return null;
    }
    try {
      return Currency.getInstance(locale);
    } catch (IllegalArgumentException e) {
      return null; // a region such as 001, which has no currency
    }
  }

  /** The currency with ISO 4217 code {@code code}, or null. */
  static Currency currency(String code) {
    return CurrencySigns.currency(code);
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
  public String read(String text, RecordContext context) throws ValueException {
    return canonicalIn(text, null, context);
  }

  /**
   * The currency of {@code text}: the configured one when the text names none or writes it with a
   * sign it shares ({@code $12.00} of a business declaring CAD), else the one the text names; null
   * when neither says.
   *
   * @throws ValueException when the configured currency is read from the record and is not one, or
   *     the text names another
   */
  Currency currencyOf(String text, RecordContext context) throws ValueException {
    String halfWidth = Texts.halfWidth(text);
    return RUPEE_WORD.matcher(halfWidth).find()
        ? rupee(text, null, context)
        : currencyIn(halfWidth, text, null, context);
  }

  /**
   * The rupee an amount written with {@code Rs} is in: the field's currency, which must be a rupee,
   * else that of the locale's country (INR for {@code en-IN}), else none known, and refused.
   */
  private Currency rupee(String written, Currency assumed, RecordContext context)
      throws ValueException {
    Currency given =
        assumed != null ? assumed : currency == null ? null : currency.currency(context);
    if (given == null) {
      Currency local = countryCurrency(locale);
      given = local != null && RUPEES.contains(local) ? local : null;
    }
    if (given == null) {
      throw new ValueException(
          Texts.quote(written)
              + " is an amount in rupees, and \"Rs\" does not say whose ("
              + RUPEE_CODES
              + "); declare the field's currency (currency: INR) or a locale of its country"
              + " (locale: en-IN)");
    }
    if (!RUPEES.contains(given)) {
      throw new ValueException(
          Texts.quote(written)
              + " is an amount in rupees ("
              + RUPEE_CODES
              + "), and the field's currency is "
              + given.getCurrencyCode());
    }
    return given;
  }

  /**
   * {@link #currencyOf}, {@code assumed} (when not null) standing for the configured currency: the
   * currency of the amount an operand is added to.
   */
  private Currency currencyIn(String text, String written, Currency assumed, RecordContext context)
      throws ValueException {
    Currency named = named(text);
    Currency given =
        assumed != null ? assumed : currency == null ? null : currency.currency(context);
    if (named == null) {
      return given;
    }
    if (given != null && namable(text).contains(given)) {
      return given;
    }
    if (given != null && assumed == null) {
      // a dollar price in a yen field was read as yen, and a euro one too, without a word
      throw new ValueException(
          Texts.quote(written)
              + " is an amount in "
              + named.getCurrencyCode()
              + ", and the field's currency is "
              + given.getCurrencyCode());
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
    written = Texts.withoutDirectionMarks(written);
    String text = Texts.asciiDigits(Texts.halfWidth(written));
    Character separator = decimal;
    boolean arabicMarks = text.indexOf(ARABIC_DECIMAL) >= 0 || text.indexOf(ARABIC_THOUSANDS) >= 0;
    if (arabicMarks) {
      // ١٢٫٥٠٠: the Arabic separators say which is which, whatever the digits after them
      separator = separator != null ? separator : '.';
      text =
          text.replace(ARABIC_DECIMAL, separator)
              .replace(ARABIC_THOUSANDS, separator == '.' ? ',' : '.');
    }
    Matcher rupeeWord = RUPEE_WORD.matcher(text);
    Currency resolved;
    if (rupeeWord.find()) {
      resolved = rupee(written, assumed, context);
      text = rupeeWord.replaceAll(" ");
    } else {
      resolved = currencyIn(text, written, assumed, context);
    }
    // 63.000 د.ك was refused for its sign's dot, taken for a second decimal separator
    text = CurrencySigns.blankWordSigns(text);
    // Rs. 12,500/-: exact, and not the trailing dash of a ledger's negative amount
    text = EXACT_MARK.matcher(text).replaceAll("");
    if (CjkNumbers.holds(text)) {
      // 4万8千円 was 48 yen: the multipliers were dropped with the letters
      text = CjkNumbers.expand(written, text, separator != null ? separator : '.');
    }
    MinorUnit unit = unitAfter(written, text, resolved);
    if (unit != null) {
      // 750 fils was 750 dinars: the word was dropped as letters
      text = text.substring(0, text.lastIndexOf(unit.word())) + " ";
    }
    int digits = unit != null ? 0 : minorDigits(resolved);
    if (digits == 3) {
      // KD 8/500: 8 dinars and 500 fils, as Kuwait, Bahrain and Oman write prices
      text =
          MAJOR_SLASH_MINOR
              .matcher(text)
              .replaceAll("$1" + (separator != null ? separator : '.') + "$2");
    }
    Matcher dash = WHOLE_DASH.matcher(text);
    boolean whole = dash.find();
    // 1.450,- is 1450: the separator before the dash is the decimal one, so the other groups
    Character dashed = whole ? text.charAt(dash.start()) : null;
    String body = whole ? dash.replaceAll("") : text;
    StringBuilder kept = new StringBuilder(body.length());
    boolean negative = false;
    int firstDigit = -1;
    int lastDigit = -1;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c >= '0' && c <= '9') {
        firstDigit = firstDigit < 0 ? i : firstDigit;
        lastDigit = i;
      }
    }
    boolean trailingDash = false;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if ((c == '.' || c == ',')
          && (i < firstDigit || i > lastDigit)
          && i > 0
          && Character.isLetter(body.charAt(i - 1))) {
        // the dot of "incl. VAT" or "Fr. 12.50", a comma after a word: punctuation, where it
        // was kept as a separator and the amount refused for ending with one
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '.' || c == ',') {
        kept.append(c);
      } else if (lastDigit >= 0 && i > lastDigit && TRAILING_DASHES.indexOf(c) >= 0) {
        trailingDash = true;
      } else if (i > firstDigit && i < lastDigit && !groupsDigits(c)) {
        // KD 8/500 was 8500 dinars and KWD 8-500 -8500: what stands between digits is kept or
        // refused, never dropped
        throw new ValueException(
            Texts.quote(written)
                + " is not an amount: it writes \""
                + c
                + "\" between its digits"
                + (c == '/'
                    ? " (dinars/fils as 8/500 are read only in a currency of 3 minor"
                        + " digits, with 3 digits after the /)"
                    : "")
                + (c == '-' || c == '\u2212' ? " (a minus goes before the amount)" : "")
                + "; capture the amount alone with regex");
      } else if (c == '-' || c == '\u2212') {
        negative = true;
      }
    }
    if (trailingDash && negativeAfter(written, kept.toString(), resolved)) {
      negative = true;
    }
    String amount = kept.toString();
    Character lakhDecimal = resolved == null ? null : Lakh.decimal(resolved);
    boolean lakh = lakhDecimal != null || lakhLocale;
    char point =
        separator != null
            ? arabicMarks
                ? separator
                : localeComma(separator, text, amount, digits, lakhDecimal, dashed)
            : dashed != null ? dashed : inferred(text, amount, digits, lakhDecimal);
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
    if (!lakh && !validWhole(whole1, grouping) && validLakh(whole1, grouping)) {
      throw new ValueException(
          Texts.quote(written)
              + " groups its digits in lakh and crore (1"
              + grouping
              + "23"
              + grouping
              + "45"
              + grouping
              + "678), as India and its neighbours write amounts; declare a locale that writes"
              + " them so (locale: en-IN) or a currency of those countries (currency: INR)");
    }
    String wrong =
        wrongIn(
            amount,
            whole1,
            fraction,
            point,
            digits,
            lakh,
            whole && at >= 0,
            unit != null
                ? "a count of " + unit.word() + " has none"
                : minorDigits != null
                    ? "minor_digits allows " + digits
                    : resolved != null
                        ? resolved.getCurrencyCode() + " has " + digits
                        : "an amount naming no currency has " + digits);
    if (wrong != null) {
      throw new ValueException(
          Texts.quote(written) + " is not an amount with decimal \"" + point + "\": " + wrong);
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
   * A word after an amount that counts the minor units of a currency ({@code 750 fils}: 0.750 KWD),
   * and the currencies whose minor unit it names, or none when it is every currency's ({@code
   * cents}).
   */
  private record MinorUnit(String word, Set<Currency> currencies) {}

  /** The minor units' words, lower case, and the currencies each may be of. */
  private static final Map<String, Set<String>> MINOR_WORDS = new LinkedHashMap<>();

  static {
    Set<String> fils = Set.of("KWD", "BHD", "JOD", "IQD", "AED", "YER");
    for (String word : List.of("fils", "fil", "\u0641\u0644\u0633", "\u0641\u0644\u0648\u0633")) {
      MINOR_WORDS.put(word, fils);
    }
    for (String word : List.of("cents", "cent", "ct", "cts")) {
      MINOR_WORDS.put(word, Set.of());
    }
    for (String word : List.of("halala", "halalas", "halalah", "\u0647\u0644\u0644\u0629")) {
      MINOR_WORDS.put(word, Set.of("SAR"));
    }
    for (String word : List.of("baisa", "baisas", "baiza", "baizas", "\u0628\u064A\u0633\u0629")) {
      MINOR_WORDS.put(word, Set.of("OMR"));
    }
    for (String word : List.of("paise", "paisa")) {
      MINOR_WORDS.put(word, Set.of("INR", "PKR", "NPR"));
    }
    for (String word : List.of("pence", "penny", "p")) {
      MINOR_WORDS.put(word, Set.of("GBP"));
    }
    for (String word : List.of("kopeks", "kopecks", "kopek", "kopeck", "kopeyka", "kopiyka")) {
      MINOR_WORDS.put(word, Set.of("RUB", "UAH"));
    }
    for (String word : List.of("centimes", "centime")) {
      MINOR_WORDS.put(word, Set.of("EUR", "CHF", "MAD"));
    }
    for (String word : List.of("millimes", "millime")) {
      MINOR_WORDS.put(word, Set.of("TND"));
    }
    for (String word : List.of("øre", "öre")) {
      MINOR_WORDS.put(word, Set.of("NOK", "DKK", "SEK"));
    }
    for (String word : List.of("groszy", "grosze", "grosz", "gr")) {
      MINOR_WORDS.put(word, Set.of("PLN"));
    }
    MINOR_WORDS.put("satang", Set.of("THB"));
  }

  /**
   * Words after an amount that name its currency or nothing about it, lower case: read as before,
   * where any other word is refused.
   */
  private static final Set<String> AMOUNT_WORDS =
      Set.of(
          "kr",
          "kn",
          "ft",
          "lei",
          "leu",
          "zl",
          "kc",
          "lv",
          "tl",
          "ytl",
          "fr",
          "sfr",
          "chf",
          "dh",
          "dhs",
          "rs",
          "tk",
          "rp",
          "rm",
          "r",
          "euro",
          "euros",
          "dollar",
          "dollars",
          "pound",
          "pounds",
          "yen",
          "yuan",
          "rmb",
          "won",
          "dinar",
          "dinars",
          "dirham",
          "dirhams",
          "riyal",
          "riyals",
          "rial",
          "rials",
          "rupee",
          "rupees",
          "franc",
          "francs",
          "krone",
          "kroner",
          "krona",
          "kronor",
          "zloty",
          "złoty",
          "złotych",
          "real",
          "reais",
          "peso",
          "pesos",
          "lira",
          "lire",
          "rand",
          "baht",
          "shekel",
          "shekels",
          "ringgit",
          "rupiah",
          "forint",
          "koruna",
          "korun",
          "kuna",
          "lev",
          "leva",
          "hryvnia",
          "ruble",
          "rubles",
          "rouble",
          "roubles",
          "only",
          "net",
          "gross",
          "incl",
          "excl",
          "inkl",
          "exkl",
          "vat",
          "tax",
          "ttc",
          "ht",
          "each",
          "total",
          "per",
          "pp",
          // руб, грн, лв, дин
          "\u0440\u0443\u0431",
          "\u0440",
          "\u0433\u0440\u043D",
          "\u043B\u0432",
          // دينار, دنانير, درهم, دراهم, ريال, جنيه, ليرة, دولار, يورو, فقط (only)
          "\u062F\u064A\u0646\u0627\u0631",
          "\u062F\u0646\u0627\u0646\u064A\u0631",
          "\u062F\u0631\u0647\u0645",
          "\u062F\u0631\u0627\u0647\u0645",
          "\u0631\u064A\u0627\u0644",
          "\u062C\u0646\u064A\u0647",
          "\u0644\u064A\u0631\u0629",
          "\u062F\u0648\u0644\u0627\u0631",
          "\u064A\u0648\u0631\u0648",
          "\u0641\u0642\u0637");

  /**
   * Words after an amount that multiply it, lower case ({@code 12k}, {@code 1.2 million}, {@code 3
   * lakh}): refused, where reading the digits alone would be a thousand times too small.
   */
  private static final Set<String> SCALING_WORDS =
      Set.of(
          "k",
          "m",
          "mm",
          "mn",
          "bn",
          "thousand",
          "thousands",
          "million",
          "millions",
          "billion",
          "billions",
          "mio",
          "mill",
          "mrd",
          "md",
          "tsd",
          "mil",
          "mille",
          "milliers",
          "millones",
          "millón",
          "milhões",
          "milhão",
          "milioni",
          "milione",
          "lakh",
          "lakhs",
          "lac",
          "lacs",
          "crore",
          "crores",
          "cr",
          // тыс, млн, млрд; ألف, مليون
          "\u0442\u044B\u0441",
          "\u043C\u043B\u043D",
          "\u043C\u043B\u0440\u0434",
          "\u0623\u0644\u0641",
          "\u0645\u0644\u064A\u0648\u0646");

  /** The letters right after an amount's last digit (spaces between): {@code fils} of 750 fils. */
  private static final Pattern WORD_AFTER =
      Pattern.compile("[0-9][\\s\\p{Z}\\p{Cf}]*([\\p{L}\\p{M}&&[^\\u30FC]]+)[^0-9]*$");

  /**
   * The minor unit a word after the amount counts in ({@code 750 fils}), or null when the word is
   * none or names the currency; checked against the amount's currency.
   *
   * @throws ValueException when the word is neither, or counts another currency's minor units
   */
  private static MinorUnit unitAfter(String written, String text, Currency resolved)
      throws ValueException {
    Matcher after = WORD_AFTER.matcher(text);
    if (!after.find()) {
      return null;
    }
    String word = after.group(1);
    String lower = word.toLowerCase(Locale.ROOT);
    int end = after.end(1);
    if (end + 1 < text.length()
        && text.charAt(end) == '.'
        && Character.isLetter(text.charAt(end + 1))) {
      // the first letter of an abbreviation written with dots (p.p. per person, p.a., o.n.o.):
      // neither a unit nor a multiplier, though "p" alone is pence
      return null;
    }
    Set<String> codes = MINOR_WORDS.get(lower);
    if (codes == null) {
      Currency code = word.length() == 3 ? currency(word.toUpperCase(Locale.ROOT)) : null;
      if (code != null && resolved != null && !code.equals(resolved)) {
        // 12.500 eur in a dinar field: the code in lower case named no currency
        throw new ValueException(
            Texts.quote(written)
                + " is an amount in "
                + code.getCurrencyCode()
                + ", and the field's currency is "
                + resolved.getCurrencyCode());
      }
      if (AMOUNT_WORDS.contains(lower) || code != null || startsWithSign(word)) {
        return null;
      }
      if (SCALING_WORDS.contains(lower)) {
        throw new ValueException(
            Texts.quote(written)
                + " is not an amount this reads: \""
                + word
                + "\" after its digits multiplies it; write the amount in full, or compute it"
                + " with a derive");
      }
      // any other word (paid, deposit, tax included) says nothing of the amount's size: dropped,
      // as a rule capturing more than the amount has always been read; refusing it would
      // quarantine records for a harmless word
      return null;
    }
    Set<Currency> currencies =
        codes.stream().map(Currency::getInstance).collect(Collectors.toUnmodifiableSet());
    if (resolved != null && !currencies.isEmpty() && !currencies.contains(resolved)
        || resolved != null && resolved.getDefaultFractionDigits() == 0) {
      throw new ValueException(
          Texts.quote(written)
              + " counts "
              + word
              + (currencies.isEmpty()
                  ? ""
                  : ", minor units of " + codes.stream().sorted().collect(Collectors.joining(", ")))
              + ", and the amount is in "
              + resolved.getCurrencyCode()
              + (resolved.getDefaultFractionDigits() == 0 ? ", which has no minor unit" : ""));
    }
    return new MinorUnit(word, currencies);
  }

  /**
   * Whether {@code word} begins with a currency sign written in letters ({@code 円}, {@code zł}).
   */
  private static boolean startsWithSign(String word) {
    return CurrencySigns.startsWithSign(word);
  }

  /**
   * Whether {@code c} may stand between an amount's digits without being kept: a space or an
   * apostrophe grouping thousands ({@code 1 450,00}, {@code 1'450.00}), or an invisible format mark
   * (U+200F).
   */
  private static boolean groupsDigits(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\''
        || c == '\u2019'
        || Character.getType(c) == Character.FORMAT;
  }

  /**
   * What keeps {@code amount} (its digits and separators) from being an amount with decimal {@code
   * point}, said so that the separator or digits at fault are named, or null when nothing does.
   *
   * @param allowed how many decimals are allowed, and why ({@code KWD has 3})
   */
  private static String wrongIn(
      String amount,
      String whole,
      String fraction,
      char point,
      int digits,
      boolean lakh,
      boolean dashAfterDecimals,
      String allowed) {
    char grouping = point == '.' ? ',' : '.';
    if (whole.isEmpty() || amount.chars().noneMatch(c -> c >= '0' && c <= '9')) {
      return "it has no digits";
    }
    if (amount.endsWith(String.valueOf(point)) && !dashAfterDecimals) {
      return "it ends with the decimal separator";
    }
    if (fraction.indexOf(point) >= 0) {
      return "it writes \"" + point + "\" twice, and only a thousands separator is written twice";
    }
    if (fraction.indexOf(grouping) >= 0) {
      return "it writes \"" + grouping + "\", the thousands separator, after the decimal one";
    }
    if (dashAfterDecimals) {
      return "a dash for no minor units stands after its decimals";
    }
    if (!(validWhole(whole, grouping) || lakh && validLakh(whole, grouping))) {
      return "\""
          + grouping
          + "\" groups thousands there, and its groups must have three digits (1"
          + grouping
          + "234"
          + grouping
          + "567"
          + (lakh ? ", or in lakh and crore 12" + grouping + "34" + grouping + "567" : "")
          + ")";
    }
    if (fraction.length() > digits) {
      return "it has "
          + fraction.length()
          + (fraction.length() == 1 ? " decimal place, and " : " decimal places, and ")
          + allowed;
    }
    return null;
  }

  /**
   * The minor digits: as configured, else the exponent of the amount's currency, else that of the
   * business currency, else 2.
   */
  private int minorDigits(Currency resolved) {
    if (minorDigits != null) {
      return minorDigits;
    }
    int exponent = resolved == null ? -1 : resolved.getDefaultFractionDigits();
    return exponent < 0 ? unnamedDigits : exponent;
  }

  /**
   * Whether a dash after the amount makes it negative. Ledgers (SAP) export {@code 1.234,00-} for a
   * debit; Japanese receipts write {@code ￥24,000－} or {@code 24,000円-} for exactly that much.
   * Unless declared, yen are exact and anything else is refused naming both readings: each was once
   * read the other way without a word.
   */
  private boolean negativeAfter(String written, String amount, Currency resolved)
      throws ValueException {
    return switch (trailingMinus) {
      case NEGATIVE -> true;
      case EXACT -> false;
      case BY_CURRENCY -> {
        if (resolved != null && resolved.getCurrencyCode().equals("JPY")) {
          yield false;
        }
        throw new ValueException(
            Texts.quote(written)
                + " ends with a dash, which marks a negative amount (-"
                + amount
                + ", as ledgers such as SAP export it) or an exact one ("
                + amount
                + ", as Japanese receipts write it); "
                + (this.written == Written.SOURCE
                    ? "declare trailing_minus: negative or trailing_minus: exact"
                    : "write it without the dash")
                + (resolved == null
                    ? ""
                    : " (the amount is in " + resolved.getCurrencyCode() + ")"));
      }
    };
  }

  /** The currency a code or sign in {@code text} names, or null. */
  static Currency named(String written) {
    return CurrencySigns.named(written);
  }

  /**
   * The currencies a code or sign in {@code text} may name: the code's, or every currency written
   * with the sign; empty when it names none.
   */
  static Set<Currency> namable(String written) {
    return CurrencySigns.namable(written);
  }

  /**
   * The decimal separator of an amount that declares none: of two different separators, the last; a
   * separator written more than once groups thousands, so the decimal is the other; a lone one is
   * the decimal unless it comes before exactly three digits (see {@link #loneBeforeThree}); no
   * separator at all, ".".
   *
   * @param digits the minor digits of the amount's currency
   * @param lakhDecimal the decimal separator of the amount's currency where it is grouped in lakh
   *     and crore ({@code .} for INR), or null
   * @throws ValueException when a lone separator before three digits could be either
   */
  private char inferred(String text, String amount, int digits, Character lakhDecimal)
      throws ValueException {
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
    // a currency of the lakh countries is written with their decimal: ₹12,500 is no ambiguity
    return lakhDecimal != null
        ? lakhDecimal
        : loneBeforeThree(text, amount, head, separator, digits);
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

  /**
   * {@code separator}, unless it is a locale's decimal comma and {@code amount}'s only separator is
   * a comma before exactly three digits ({@code $1,200}): that is how English writes thousands, and
   * an English line among a Québec office's French ones was read as 1.20 under {@code locale:
   * fr-CA} (outside trial 66). Settled as {@link #loneBeforeThree} settles it without a locale: by
   * the currency's minor digits, else refused as ambiguous.
   */
  private char localeComma(
      char separator,
      String text,
      String amount,
      int digits,
      Character lakhDecimal,
      Character dashed)
      throws ValueException {
    int comma = amount.indexOf(',');
    if (decimalDeclared
        || separator != ','
        || dashed != null
        || lakhDecimal != null
        || comma < 0
        || comma != amount.lastIndexOf(',')
        || amount.indexOf('.') >= 0
        || amount.length() - comma - 1 != 3
        || !groupable(amount.substring(0, comma))) {
      return separator;
    }
    return loneBeforeThree(text, amount, amount.substring(0, comma), ',', digits);
  }

  /** Whether {@code head} can be the first group of a thousands-grouped number: 1 to 3 digits. */
  private static boolean groupable(String head) {
    return !head.isEmpty() && head.length() <= 3 && head.charAt(0) != '0';
  }

  /**
   * Digits grouped in lakh and crore: three last, twos before them, after a first group of one or
   * two: {@code 1,23,45,678}.
   */
  private static boolean validLakh(String whole, char grouping) {
    String[] groups = whole.split(Pattern.quote(String.valueOf(grouping)), -1);
    if (groups.length < 2
        || groups[0].isEmpty()
        || groups[0].length() > 2
        || groups[0].charAt(0) == '0'
        || groups[groups.length - 1].length() != 3) {
      return false;
    }
    for (int i = 1; i < groups.length - 1; i++) {
      if (groups[i].length() != 2) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where amounts are grouped in lakh and crore ({@code 1,23,45,678.00}), as CLDR (through ICU)
   * writes the numbers of the locales of India, Bangladesh, Bhutan, Nepal and Tamil Sri Lanka.
   */
  private static final class Lakh {
    private static final Map<Currency, Optional<Character>> DECIMALS = new ConcurrentHashMap<>();

    private Lakh() {}

    /**
     * The decimal separator the locales that group in lakh and crore write amounts in {@code
     * currency} with (the locales of the countries it is the currency of: INR, BDT, BTN, NPR, LKR),
     * or null when no such locale writes it, or they disagree.
     */
    static Character decimal(Currency currency) {
      return DECIMALS
          .computeIfAbsent(currency, c -> Optional.ofNullable(decimalOf(c)))
          .orElse(null);
    }

    private static Character decimalOf(Currency currency) {
      Set<String> regions =
          new HashSet<>(
              CurrencyMetaInfo.getInstance()
                  .regions(CurrencyFilter.onCurrency(currency.getCurrencyCode())));
      Character found = null;
      for (ULocale locale : ULocale.getAvailableLocales()) {
        if (!regions.contains(locale.getCountry()) || !groups(locale)) {
          continue;
        }
        String separator =
            com.ibm.icu.text.DecimalFormatSymbols.getInstance(locale).getDecimalSeparatorString();
        if (!(separator.equals(".") || separator.equals(","))
            || (found != null && found != separator.charAt(0))) {
          return null;
        }
        found = separator.charAt(0);
      }
      return found;
    }

    /**
     * Whether {@code locale}'s numbers are grouped in lakh and crore ({@code en-IN}, {@code hi}).
     */
    static boolean groups(Locale locale) {
      return locale != null && groups(ULocale.forLocale(locale));
    }

    private static boolean groups(ULocale locale) {
      return NumberFormat.getPatternForStyle(locale, NumberFormat.NUMBERSTYLE).contains("#,##,##0");
    }
  }

  /**
   * Digits, optionally grouped in threes after a first group of one to three: {@code 1.234.567}.
   */
  static boolean validWhole(String whole, char grouping) {
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
