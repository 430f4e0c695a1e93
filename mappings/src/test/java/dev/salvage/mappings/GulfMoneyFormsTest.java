package dev.salvage.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Amounts as a Kuwaiti car rental's mails and backup write them (trial 32): dinars with three minor
 * digits, dinar/fils slashes, minor-unit words, Arabic currency signs and digits. Each was read as
 * another amount or refused for a wrong reason.
 */
class GulfMoneyFormsTest {
  private static String money(String options, String written) throws Exception {
    return MoneyFormsTest.money(options, written);
  }

  private static void assertRefused(String options, String written, String reason) {
    assertThatThrownBy(() -> money(options, written))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("Cannot map test test:1: rule probe_rule field money: " + reason);
  }

  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "KD 8/500          | currency: KWD   | 8500",
        "8/500             | currency: KWD   | 8500",
        "8 / 500           | currency: BHD   | 8500",
        "-8/500            | currency: KWD   | -8500",
        "KWD -8.500        | -               | -8500",
        "'Rs. 12,500/-'    | currency: INR   | 1250000",
      })
  void aDinarFilsSlashIsReadInACurrencyOfThreeMinorDigits(
      String written, String options, String minor) throws Exception {
    assertThat(money(options, written)).isEqualTo(minor);
  }

  @ParameterizedTest(name = "{0} [{1}] is refused")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "8/50              | currency: KWD   | '\"8/50\" is not an amount: it writes \"/\" between its"
            + " digits (dinars/fils as 8/500'",
        "8/500             | currency: EUR   | '\"8/500\" is not an amount: it writes \"/\"'",
        "KWD 8-500         | -               | '\"KWD 8-500\" is not an amount: it writes \"-\" between"
            + " its digits (a minus goes before the amount)'",
        "10-37999          | currency: KWD   | '\"10-37999\" is not an amount: it writes \"-\"'",
        "12.500 - 2.000 KWD | -              | '\"12.500 - 2.000 KWD\" is not an amount: it writes"
            + " \"-\"'",
        "12:30             | currency: KWD   | '\"12:30\" is not an amount: it writes \":\"'",
        "12+3              | -               | '\"12+3\" is not an amount: it writes \"+\"'",
      })
  void anythingElseBetweenDigitsIsRefusedNamingIt(String written, String options, String reason) {
    assertRefused(options, written, reason);
  }

  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "750 fils          | currency: KWD   | 750",
        "'12,500 fils'     | currency: KWD   | 12500",
        "750 Fils          | -               | 750",
        "750 \u0641\u0644\u0633 | currency: KWD | 750",
        "50 cents          | currency: EUR   | 50",
        "99 ct             | -               | 99",
        "250 halalas       | currency: SAR   | 250",
        "500 baisa         | -               | 500",
        "50p               | currency: GBP   | 50",
        "12.50 euros       | -               | 1250",
        "120.000 deposit   | currency: KWD   | 120000",
        "'€120.00 incl. VAT' | -             | 12000",
        "'1.200,50 € (inkl. MwSt.)' | -      | 120050",
        "'Fr. 12.50'       | currency: CHF   | 1250",
        "'120.00 EUR.'     | -               | 12000",
        "'€120.00 tax included' | -          | 12000",
        "12.500 eur        | currency: KWD   | '-'",
        "'12.50 p.p.'      | currency: EUR   | 1250",
        "'£40 p.p.'        | currency: GBP   | 4000",
        "'£120 p.a.'       | -               | 12000",
        "'40p.'            | currency: GBP   | 40",
      })
  void aMinorUnitWordMakesTheAmountMinorUnits(String written, String options, String minor)
      throws Exception {
    if (minor == null) {
      assertThatThrownBy(() -> money(options, written))
          .hasMessageContaining("is an amount in EUR, and the field's currency is KWD");
      return;
    }
    assertThat(money(options, written)).isEqualTo(minor);
  }

  @ParameterizedTest(name = "{0} [{1}] is refused")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "750 fils          | currency: EUR   | '\"750 fils\" counts fils, minor units of AED, BHD, IQD,"
            + " JOD, KWD, YER, and the amount is in EUR'",
        "50 cents          | currency: JPY   | '\"50 cents\" counts cents, and the amount is in JPY,"
            + " which has no minor unit'",
        "12.5 fils         | currency: KWD   | '\"12.5 fils\" is not an amount'",
        "12k               | currency: KWD   | '\"12k\" is not an amount this reads: \"k\" after"
            + " its digits multiplies it'",
        "1.2 million KD    | currency: KWD   | '\"1.2 million KD\" is not an amount this reads:"
            + " \"million\" after its digits multiplies it'",
        "3 lakh            | currency: INR   | '\"3 lakh\" is not an amount this reads: \"lakh\""
            + " after its digits multiplies it'",
      })
  void aWordAfterTheDigitsOfAnotherCurrencysUnitOrThatMultipliesItIsRefused(
      String written, String options, String reason) {
    assertRefused(options, written, reason);
  }

  @ParameterizedTest(name = "{0} [{1}] is {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "63.000 \u062F.\u0643           | currency: KWD | 63000",
        "\u062F.\u0643 63.000           | currency: KWD | 63000",
        "63.000 \u062F.\u0643           | -             | 63000",
        "12.5 \u062F.\u0643.\u200F      | -             | 12500",
        "\u200F63.000 \u062F.\u0643\u200F | -            | 63000",
        "63.000 \u062F\u0643            | -             | 63000",
        "12.500 KD                     | currency: KWD | 12500",
        "KD 12.500                     | -             | 12500",
        "1.250 \u062F.\u0628            | -             | 1250",
        "12.50 \u062F.\u0625            | -             | 1250",
        "12.50 Dhs                     | -             | 1250",
        "150.00 \u0631.\u0633           | -             | 15000",
        "150 SR                        | currency: SAR | 15000",
        "99.00 \u0631.\u0642            | -             | 9900",
        "3.750 \u0631.\u0639.           | -             | 3750",
        "RO 3.750                      | -             | 3750",
        "250.00 \u062C.\u0645           | -             | 25000",
        "BD 1.250                      | -             | 1250",
        "QR 99                         | -             | 9900",
      })
  void aCurrencySignWrittenInLettersAndDotsNamesItsCurrency(
      String written, String options, String minor) throws Exception {
    assertThat(money(options, written)).isEqualTo(minor);
  }

  @ParameterizedTest(name = "{0} [{1}] is refused")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "63.000 \u062F.\u0643  | currency: SAR | '\"63.000 \u062F.\u0643\" is an amount in KWD, and the"
            + " field''s currency is SAR'",
        "12.5.00              | currency: KWD | '\"12.5.00\" is not an amount with decimal \".\": it"
            + " writes \".\" twice, and only a thousands separator is written twice'",
        "12.3456 KWD          | -             | '\"12.3456 KWD\" is not an amount with decimal \".\": it"
            + " has 4 decimal places, and KWD has 3'",
      })
  void aRefusedAmountSaysWhatIsWrongInIt(String written, String options, String reason) {
    assertRefused(options, written, reason);
  }
}
