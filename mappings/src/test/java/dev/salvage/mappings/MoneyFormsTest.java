package dev.salvage.mappings;

import static dev.salvage.mappings.TestSupport.extract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Amounts as people and shops write them, each read to the right minor units or refused with a
 * reason: never read silently as another amount (until 2026-12-04 {@code 12.000 kr} was 12 kroner).
 */
class MoneyFormsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The canonical form of {@code written} read as money with the extractor {@code options}. */
  static String money(String options, String written) throws Exception {
    String extractor = options == null ? "{path: v}" : "{path: v, " + options + "}";
    return extract("money", extractor, JSON.writeValueAsString(Map.of("id", "1", "v", written)));
  }

  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // a lone separator before three digits, settled by a declared decimal, locale or currency
        "12.000 kr         | 'decimal: \",\"'   | 1200000",
        "12.000 kr         | 'decimal: \".\"'   | 1200",
        "12.000 kr         | locale: nb-NO      | 1200000",
        "12.000 kr         | locale: en         | 1200",
        "1.200 €           | locale: de-DE      | 120000",
        "2.500 kr          | locale: da-DK      | 250000",
        "'$1,200'          | locale: en-US      | 120000",
        // a comma locale reads its own forms, and a declared decimal "," what it declares
        "1 200,00 $        | locale: fr-CA      | 120000",
        "1 200 $           | locale: fr-CA      | 120000",
        "12,50 $           | locale: fr-CA      | 1250",
        "'$1,200'          | 'decimal: \",\"'   | 120",
        "12,500 TND        | locale: fr-TN      | 12500",
        "KWD 12.000        | -                  | 12000",
        "BHD 1.250         | -                  | 1250",
        "12,500 TND        | -                  | 12500",
        "12.000            | currency: OMR      | 12000",
        "12.000            | minor_digits: 3    | 12000",
        "¥1,200            | -                  | 1200",
        "¥1.000            | -                  | 1000",
        // a dash for no minor units: the separator before it is the decimal one
        "1.450,-           | -                  | 145000",
        "kr 1.450,-        | -                  | 145000",
        "12,-              | -                  | 1200",
        "59.–              | -                  | 5900",
        // two different separators: the last is the decimal one
        "NOK 1,450.00      | -                  | 145000",
        "1,234,567.89      | -                  | 123456789",
        "1.234.567,89 €    | -                  | 123456789",
        // a separator written twice groups thousands
        "1.234.567         | -                  | 123456700",
        "1,234,567         | -                  | 123456700",
        // spaces and apostrophes group thousands too, and are ignored
        "1 450,00 kr       | -                  | 145000",
        "1\u00a0450,00 kr  | -                  | 145000",
        "1\u202f450,00 kr  | -                  | 145000",
        "1'450.00          | -                  | 145000",
        "CHF 1’450.00      | -                  | 145000",
        // one or two digits after a lone separator are decimals
        "€12               | -                  | 1200",
        "12,00 €           | -                  | 1200",
        "-12.50            | -                  | -1250",
        "12.5              | -                  | 1250",
        "12,5              | -                  | 1250",
        // a first group of none, a zero or four digits is no thousands group: decimals
        "0.500             | -                  | 50",
        ".500              | -                  | 50",
        "1234.500          | -                  | 123450",
        // extra trailing zeros beyond the minor digits are fine where nothing is ambiguous
        "12.50000          | -                  | 1250",
      })
  void aWrittenAmountIsReadAsItsMinorUnits(String written, String options, String minorUnits)
      throws Exception {
    assertThat(money(options, written)).isEqualTo(minorUnits);
  }

  @ParameterizedTest(name = "{0} [{1}] is refused")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "12.000 kr    | -                | '\"12.000 kr\" is an ambiguous amount: \".\" before three"
            + " digits groups thousands (12000) or marks decimals (12.000); declare decimal: \",\""
            + " for thousands or decimal: \".\" for decimals (or a locale)'",
        "1.200 €      | -                | '\"1.200 €\" is an ambiguous amount: \".\" before three"
            + " digits groups thousands (1200) or marks decimals (1.200)'",
        "2.500 kr     | -                | '\"2.500 kr\" is an ambiguous amount'",
        "1.234 €      | -                | '\"1.234 €\" is an ambiguous amount'",
        "NOK 1,450    | -                | '\"NOK 1,450\" is an ambiguous amount: \",\" before three"
            + " digits groups thousands (1450) or marks decimals (1,450); declare decimal: \".\""
            + " for thousands or decimal: \",\" for decimals (or a locale)'",
        "-2.000       | -                | '\"-2.000\" is an ambiguous amount'",
        "'$1,200'     | -                | '\"$1,200\" is an ambiguous amount'",
        "12.000 kr    | minor_digits: 4  | '\"12.000 kr\" is an ambiguous amount'",
        "0.005        | -                | '\"0.005\" is not an amount with decimal \".\": it has 3"
            + " decimal places, and an amount naming no currency has 2'",
        "12.345 €     | locale: en       | '\"12.345 €\" is not an amount with decimal \".\": it"
            + " has 3 decimal places, and EUR has 2'",
        "1234,567.89  | -                | '\"1234,567.89\" is not an amount'",
        "1.450.-      | -                | '\"1.450.-\" is not an amount'",
        "1.450,-      | 'decimal: \".\"'  | '\"1.450,-\" is not an amount'",
        "1.2.3        | -                | '\"1.2.3\" is not an amount with decimal \".\"'",
        // a locale whose decimal is "," does not settle $1,200, the English thousands form: it was
        // read as 1.20 (outside trial 66, F5)
        "'$1,200'     | locale: fr-CA    | '\"$1,200\" is an ambiguous amount: \",\" before three"
            + " digits groups thousands (1200) or marks decimals (1,200)'",
        "CA$1,200     | locale: fr-CA    | '\"CA$1,200\" is an ambiguous amount'",
        "1,500 €      | locale: de-DE    | '\"1,500 €\" is an ambiguous amount'",
      })
  void anAmountThatCouldBeReadTwoWaysOrNoneIsRefusedSayingWhy(
      String written, String options, String reason) {
    assertThatThrownBy(() -> money(options, written))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("Cannot map test test:1: rule probe_rule field money: " + reason);
  }

  /**
   * Japanese, Chinese and Korean mail writes amounts in full-width characters and the yen after the
   * amount: read as yen (no minor units), where before {@code ￥9,900} and {@code 34,000円} were
   * taken for amounts with two decimals, a hundred times too large, and {@code １２，８００円} was
   * refused.
   */
  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "\uFFE59,900           | -           | 9900",
        "\uFFE5 9,900          | locale: ja  | 9900",
        "34,000\u5186           | -           | 34000",
        "34,000\u5186\uFF08\u7A0E\u8FBC\uFF09 | locale: ja | 34000",
        "\uFF11\uFF12\uFF0C\uFF18\uFF10\uFF10\u5186 | - | 12800",
        "\uFF0D\uFF15\uFF10\uFF10\u5186 | -  | -500",
        "12,000\uC6D0           | -           | 12000",
        "\uFFE11,234.50        | -           | 123450",
      })
  void readsFullWidthAmountsAndTheYenWrittenAfterThem(String written, String options, String minor)
      throws Exception {
    assertThat(money(options, written)).isEqualTo(minor);
  }

  /**
   * Japanese, Chinese and Korean write round amounts with multipliers after digits: 万 (10^4), 千
   * (10^3), 百, 億 (10^8), and 만, 천, 억 in Korean. The multipliers were dropped as letters, so {@code
   * 4万8千円} was 48 yen and {@code 1万円} 1 yen (trial 27).
   */
  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "4\u4E078\u5343\u5186         | -             | 48000",
        "1\u4E07\u5186                | -             | 10000",
        "12\u4E073\u5343\u5186        | -             | 123000",
        "\uFF14\u4E07\uFF18\u5343\u5186 | -          | 48000",
        "4\u4E078000\u5186            | -             | 48000",
        "4\u4E07800\u5186             | -             | 40800",
        "4.8\u4E07\u5186              | -             | 48000",
        "1,500\u4E07\u5186            | -             | 15000000",
        "1\u51042000\u4E07\u5186      | -             | 120000000",
        "3\u5343\u4E07\u5186          | -             | 30000000",
        "\uFFE54\u4E078\u5343         | -             | 48000",
        "2\u53435\u767E\u5186         | -             | 2500",
        "4\u4E078\u5343\u5186-        | -             | 48000",
        "-1\u4E07\u5186               | -             | -10000",
        "4\u4E07\u5143                | -             | 4000000",
        "4\u842C8\u5343\u5143         | currency: TWD | 4800000",
        "1.5\u4EBF\u5143              | -             | 15000000000",
        "'4\uB9CC 8\uCC9C\uC6D0'       | -             | 48000",
        "3\uC5B5\uC6D0               | -             | 300000000",
        "4\u4E078\u5343              | currency: JPY | 48000",
      })
  void readsMultipliersWrittenAfterDigits(String written, String options, String minor)
      throws Exception {
    assertThat(money(options, written)).isEqualTo(minor);
  }

  /** A multiplier that stands anywhere else is refused by name, never dropped as a letter. */
  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\u4E94\u4E07\u5186     | '\"\u4E94\u4E07\u5186\" writes \u4E07 (10^4) elsewhere than after"
            + " the digits of one number'",
        "4\u4E078\u5104\u5186   | '\"4\u4E078\u5104\u5186\" is no number written with multipliers"
            + " after digits: \u5104 (10^8) is out of order'",
        "4\u4E0712000\u5186     | '\"4\u4E0712000\u5186\" is no number written with multipliers"
            + " after digits: \u4E07 (10^4) is out of order or after too large a number'",
        "12\u5343\u5186         | '\"12\u5343\u5186\" is no number written with multipliers after"
            + " digits: \u5343 (10^3)'",
        "1\u4E07\u5186 2\u4E07\u5186 | '\"1\u4E07\u5186 2\u4E07\u5186\" writes \u4E07 (10^4)"
            + " elsewhere'",
        "1,50\u4E07\u5186 | '\"1,50\u4E07\u5186\" writes 1,50 beside a multiplier, which is no number"
            + " with decimal \".\"'",
        "1\u5146\u5186          | '\"1\u5146\u5186\" writes \u5146 (10^12 in Japanese and Korean'",
        "1.23456\u4E07\u5186    | '\"1.23456\u4E07\u5186\" is not an amount with decimal \".\": it"
            + " has 1 decimal place, and JPY has 0'",
      })
  void aMultiplierOutsideANumberIsRefusedNamingIt(String written, String reason) {
    assertThatThrownBy(() -> money(null, written))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("Cannot map test test:1: rule probe_rule field money: " + reason);
  }

  /**
   * A money field that declares its currency read {@code US$162.00} as 16200 yen and {@code €150}
   * as 15000 (trial 15): a text naming another currency is refused, as an operand's is. A sign the
   * declared currency shares ({@code $} of the Canadian dollar) is no other currency.
   */
  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "'US$162.00'   | currency: JPY  | '\"US$162.00\" is an amount in USD, and the field''s"
            + " currency is JPY'",
        "€150          | currency: JPY  | '\"€150\" is an amount in EUR, and the field''s currency"
            + " is JPY'",
        "12.00 GBP     | currency: EUR  | '\"12.00 GBP\" is an amount in GBP, and the field''s"
            + " currency is EUR'",
        "'$12.00'      | currency: JPY  | '\"$12.00\" is an amount in USD, and the field''s"
            + " currency is JPY'",
        "€150          | 'currency: JPY, minor_digits: 0' | '\"€150\" is an amount in EUR'",
        // letters on a dollar sign say whose dollar it is (outside trial 66)
        "CA$1,234.50   | currency: USD  | '\"CA$1,234.50\" is an amount in CAD, and the field''s"
            + " currency is USD'",
        "C$1,234.50    | currency: USD  | '\"C$1,234.50\" is an amount in CAD'",
        "1 234,50 $ CA | currency: USD  | '\"1 234,50 $ CA\" is an amount in CAD'",
        "1 234,50 $CAN | currency: USD  | '\"1 234,50 $CAN\" is an amount in CAD'",
        "1 234,50 $ US | currency: CAD  | '\"1 234,50 $ US\" is an amount in USD, and the field''s"
            + " currency is CAD'",
        "A$12.00       | currency: NZD  | '\"A$12.00\" is an amount in AUD'",
        "HK$12.00      | currency: USD  | '\"HK$12.00\" is an amount in HKD'",
      })
  void anAmountNamingAnotherCurrencyThanTheDeclaredOneIsRefused(
      String written, String options, String reason) {
    assertThatThrownBy(() -> money(options, written))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("Cannot map test test:1: rule probe_rule field money: " + reason);
  }

  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "'$12.00'      | currency: CAD  | 1200",
        "'$1,200'      | currency: CLP  | 1200",
        "¥12.50        | currency: CNY  | 1250",
        "¥1,200        | currency: JPY  | 1200",
        "JPY 1,200     | currency: JPY  | 1200",
        "1,200         | currency: JPY  | 1200",
        "CA$1,234.50   | currency: CAD  | 123450",
        "1 234,50 $ CA | currency: CAD  | 123450",
        "1 234,50 $ US | currency: USD  | 123450",
        "AU$12.00      | currency: AUD  | 1200",
        "CA$1,234.50   | -              | 123450",
      })
  void aSignTheDeclaredCurrencySharesIsThatCurrency(String written, String options, String minor)
      throws Exception {
    assertThat(money(options, written)).isEqualTo(minor);
  }

  /**
   * Japanese receipts close an amount with a dash ({@code ￥24,000－}: exactly 24,000 yen), which was
   * read as -24000 (trial 15); ledgers such as SAP export a debit as {@code 1.234,00-}. Yen and
   * Japanese text read it as exact, a declaration says otherwise, anything else is refused.
   */
  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "\uFFE524,000\uFF0D     | -                                | 24000",
        "24,000\u5186-          | -                                | 24000",
        "¥24,000-               | -                                | 24000",
        "24,000\u30FC           | currency: JPY                    | 24000",
        "24,000\u2015           | currency: JPY                    | 24000",
        "1,200.50-              | locale: ja                       | 120050",
        "24,000-                | 'currency: JPY, trailing_minus: negative' | -24000",
        "1.234,00-              | trailing_minus: negative         | -123400",
        "EUR 1.234,00-          | 'locale: de-DE, trailing_minus: negative' | -123400",
        "12.50-                 | trailing_minus: exact            | 1250",
        "\uFF0D\uFF15\uFF10\uFF10\u5186 | -                       | -500",
        "-12.50                 | -                                | -1250",
      })
  void aDashAfterTheAmountIsExactForYenAndNegativeWhereDeclared(
      String written, String options, String minor) throws Exception {
    assertThat(money(options, written)).isEqualTo(minor);
  }

  @ParameterizedTest(name = "{0} [{1}] is refused")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "1.234,00-    | -               | '\"1.234,00-\" ends with a dash, which marks a negative"
            + " amount (-1.234,00, as ledgers such as SAP export it) or an exact one (1.234,00, as"
            + " Japanese receipts write it); declare trailing_minus: negative or trailing_minus:"
            + " exact'",
        "12.50 EUR-   | -               | '\"12.50 EUR-\" ends with a dash'",
        "'$12.00-'    | -               | '\"$12.00-\" ends with a dash'",
      })
  void aDashAfterAnAmountInAnotherCurrencyIsRefusedNamingBothReadings(
      String written, String options, String reason) {
    assertThatThrownBy(() -> money(options, written))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("Cannot map test test:1: rule probe_rule field money: " + reason);
  }

  /**
   * Indian receipts write the rupee {@code Rs.} before the amount and {@code /-} after it
   * ("exactly, no paise"): the dot was taken for a decimal separator and the dash for a minus, and
   * {@code Rs. 12,500/-} was refused advising trailing_minus (trial 18).
   */
  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "Rs. 12,500/-          | locale: en-IN                      | 1250000",
        "Rs.12,500             | locale: en-IN                      | 1250000",
        "Rs 12,500/-           | 'currency: INR, locale: en-IN'     | 1250000",
        "₹ 12,500/-       | locale: en-IN                      | 1250000",
        "Rs. 12,500/- only     | locale: en-IN                      | 1250000",
        "INR 12500             | -                                  | 1250000",
        "Re. 1                 | currency: INR                      | 100",
        "Rs. 500/-             | currency: INR                      | 50000",
        "Rs. 500/-             | 'currency: INR, trailing_minus: negative' | 50000",
        "Rs. 12,500.50         | currency: PKR                      | 1250050",
        "Rs 1,200.00           | locale: ur-PK                      | 120000",
      })
  void theRupeeWrittenRsAndTheExactMarkAreReadAsSuch(String written, String options, String minor)
      throws Exception {
    assertThat(money(options, written)).isEqualTo(minor);
  }

  @ParameterizedTest(name = "{0} [{1}] is refused")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "Rs. 12,500/-  | -              | '\"Rs. 12,500/-\" is an amount in rupees, and \"Rs\" does"
            + " not say whose (INR, LKR, MUR, NPR, PKR, SCR); declare the field''s currency"
            + " (currency: INR) or a locale of its country (locale: en-IN)'",
        "Rs. 500       | locale: en-GB  | '\"Rs. 500\" is an amount in rupees, and \"Rs\" does not'",
        "Rs. 500       | currency: EUR  | '\"Rs. 500\" is an amount in rupees (INR, LKR, MUR, NPR,"
            + " PKR, SCR), and the field''s currency is EUR'",
        "12,500/-      | -              | '\"12,500\" is an ambiguous amount'",
      })
  void aRupeeOfNoKnownCurrencyIsRefusedNamingTheRupees(
      String written, String options, String reason) {
    assertThatThrownBy(() -> money(options, written))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("Cannot map test test:1: rule probe_rule field money: " + reason);
  }

  /**
   * India and its neighbours group digits in lakh and crore ({@code ₹1,25,000.00}), which was
   * refused as an amount whatever the field declared (trial 18): read where the locale groups so or
   * the currency is one of theirs, refused naming the grouping elsewhere.
   */
  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "₹1,25,000.00     | 'currency: INR, locale: en-IN'     | 12500000",
        "₹1,25,000.00     | -                                  | 12500000",
        "1,23,456.00           | currency: INR                      | 12345600",
        "1,23,456.00           | locale: en-IN                      | 12345600",
        "1,23,456.00           | locale: hi-IN                      | 12345600",
        "1,23,45,678.00        | locale: mr-IN                      | 1234567800",
        "Rs. 1,25,000/-        | 'currency: INR, trailing_minus: exact, locale: en-IN' | 12500000",
        "NPR 1,23,456          | -                                  | 12345600",
        "BDT 1,23,456.00       | -                                  | 12345600",
        // thousands as the rest of the world groups them, in rupees too
        "12,500.00             | currency: INR                      | 1250000",
        "1,234,567.00          | currency: INR                      | 123456700",
        // the rupee's decimal is ".": a lone "," before three digits groups them
        "₹12,500          | currency: INR                      | 1250000",
        "Rs.12,500             | currency: INR                      | 1250000",
        "Rs. 12,500/-          | currency: INR                      | 1250000",
        // a currency's decimal settles only what the text leaves open
        "INR 1.234,56          | -                                  | 123456",
      })
  void lakhAndCroreAreReadWhereTheLocaleOrCurrencyGroupsSo(
      String written, String options, String minor) throws Exception {
    assertThat(money(options, written)).isEqualTo(minor);
  }

  @ParameterizedTest(name = "{0} [{1}] is refused")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "1,23,456.00       | -              | '\"1,23,456.00\" groups its digits in lakh and crore"
            + " (1,23,45,678), as India and its neighbours write amounts; declare a locale that"
            + " writes them so (locale: en-IN) or a currency of those countries (currency: INR)'",
        "1,23,456.00       | locale: en-GB  | '\"1,23,456.00\" groups its digits in lakh and crore'",
        "1.23.456,00       | locale: de-DE  | '\"1.23.456,00\" groups its digits in lakh and crore"
            + " (1.23.45.678)'",
        "12,34,567,890.00  | currency: INR  | '\"12,34,567,890.00\" is not an amount with decimal"
            + " \".\": \",\" groups thousands there, and its groups must have three digits (1,234,567, or"
            + " in lakh and crore 12,34,567)'",
        "1,2,345.00        | currency: INR  | '\"1,2,345.00\" is not an amount'",
        "01,23,456.00      | currency: INR  | '\"01,23,456.00\" is not an amount'",
      })
  void mixedGroupingsAndLakhWhereNothingSaysSoAreRefused(
      String written, String options, String reason) {
    assertThatThrownBy(() -> money(options, written))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("Cannot map test test:1: rule probe_rule field money: " + reason);
  }

  @org.junit.jupiter.api.Test
  void trailingMinusIsCheckedAtLoad() {
    assertThatThrownBy(() -> TestSupport.probe("money", "{path: v, trailing_minus: minus}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining(
            "field money: trailing_minus: \"minus\" is not a reading of a dash after an amount;"
                + " readings: negative");
    assertThatThrownBy(() -> TestSupport.probe("integer", "{path: v, trailing_minus: negative}"))
        .hasMessageContaining("trailing_minus: is not an option of type integer");
  }

  @ParameterizedTest(name = "{0} [{1}] in a yen business is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // nothing names a currency: the business's minor digits
        "48000             | -                  | 48000",
        "48,000            | -                  | 48000",
        // the text or the field names one: its own
        "€12.50            | -                  | 1250",
        "12.50 EUR         | -                  | 1250",
        "12.50             | currency: USD      | 1250",
        "12.5              | minor_digits: 2    | 1250",
      })
  void anAmountNamingNoCurrencyTakesTheBusinessCurrencysMinorDigits(
      String written, String options, String minorUnits) throws Exception {
    Business ryokan = new Business("Kagetsu", ZoneId.of("Asia/Tokyo"), "JP", "JPY");
    String extractor = options == null ? "{path: v}" : "{path: v, " + options + "}";
    List<Observation> read =
        TestSupport.probe("money", extractor, ryokan)
            .apply(
                TestSupport.record(
                    "test", JSON.writeValueAsString(Map.of("id", "1", "v", written))))
            .observations();

    assertThat(read)
        .singleElement()
        .satisfies(o -> assertThat(o.fields().get("money")).isEqualTo(minorUnits));
  }

  @Test
  void withoutABusinessCurrencyABareAmountHasTwoDecimals() throws Exception {
    assertThat(money(null, "48000")).isEqualTo("4800000");
  }
}
