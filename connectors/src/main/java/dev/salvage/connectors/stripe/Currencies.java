package dev.salvage.connectors.stripe;

import dev.salvage.connectors.io.CurrencySigns;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/** How Stripe writes amounts: integers in the currency's minor unit. */
final class Currencies {
  // https://docs.stripe.com/currencies#zero-decimal and #three-decimal
  private static final Set<String> ZERO_DECIMAL =
      Set.of(
          "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
          "xaf", "xof", "xpf");
  private static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");

  private Currencies() {}

  static int minorDigits(String currency) {
    String code = currency.toLowerCase(Locale.ROOT);
    if (ZERO_DECIMAL.contains(code)) {
      return 0;
    }
    return THREE_DECIMAL.contains(code) ? 3 : 2;
  }

  /**
   * An amount written in major units ({@code 1234.50}, {@code 1,234.50}) in minor units.
   *
   * <p>A currency sign or code ({@code £1,234.50}, Excel's currency format; {@code EUR 12.50}) is
   * read as the mapping's {@code money} type reads it ({@link CurrencySigns}), and must name the
   * row's currency.
   *
   * @throws IllegalArgumentException when it is not a number, has more decimals than the currency,
   *     or names another currency
   */
  static long toMinor(String major, String currency) {
    Set<Currency> signed = CurrencySigns.namable(major);
    String unsigned = major;
    if (!signed.isEmpty()) {
      Currency column = CurrencySigns.currency(currency.toUpperCase(Locale.ROOT));
      if (!signed.contains(column)) {
        // a dollar amount in a row the export says is in pounds: read as pence, it was wrong
        throw new IllegalArgumentException(
            "'"
                + major
                + "' is an amount in "
                + CurrencySigns.named(major).getCurrencyCode()
                + ", and column Currency says "
                + currency.toUpperCase(Locale.ROOT));
      }
      unsigned = CurrencySigns.withoutSigns(major);
    }
    // spaces (also no-break ones) group thousands in some locales: 1 234,50
    String text = unsigned.trim().replaceAll("(?<=\\d)[ \u00a0\u202f](?=\\d{3})", "");
    if (text.matches("-?\\d{1,3}(\\.\\d{3})*,\\d{1,2}") || text.matches("-?\\d+,\\d{1,2}")) {
      // a decimal comma (a spreadsheet's re-save in pl, de, fr...): 550,00 or 1.234,50; two
      // decimals or fewer, so never a thousands group
      text = text.replace(".", "").replace(',', '.');
    } else if (text.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
      if (minorDigits(currency) == 3 && text.matches("-?\\d{1,3},\\d{3}")) {
        // 12,500 KWD: twelve thousand five hundred, or 12.500 written with a decimal comma
        throw new IllegalArgumentException(
            "'"
                + major
                + "' is ambiguous in "
                + currency.toUpperCase(Locale.ROOT)
                + " (three decimals): a thousands separator or a decimal comma");
      }
      text = text.replace(",", "");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + major + "' is not a number");
    }
    try {
      return value.movePointRight(minorDigits(currency)).longValueExact();
    } catch (ArithmeticException e) {
      // 1.045 from a spreadsheet in a decimal-comma locale groups thousands; a dot after three
      // digits is a decimal in English: which was meant the file does not say
      String grouped =
          text.matches("-?\\d{1,3}(\\.\\d{3})+")
              ? ", or groups thousands with \".\" ("
                  + text.replace(".", "")
                  + ") as a spreadsheet saved in a decimal-comma locale writes them"
              : "";
      throw new IllegalArgumentException(
          "'"
              + major
              + "' has more decimals than "
              + currency.toUpperCase(Locale.ROOT)
              + " has"
              + grouped);
    }
  }
}
