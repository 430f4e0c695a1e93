package dev.salvage.connectors.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A dollar sign with letters that say whose dollar it is ({@code CA$}, {@code $ US}) names that
 * currency: until 2026-12-06 the letters were dropped and {@code CA$1,234.50} read as any dollar,
 * US dollars too (outside trial 66).
 */
class CurrencySignsTest {
  @ParameterizedTest(name = "{0} names {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CA$1,234.50           | CAD",
        "C$1,234.50            | CAD",
        "CDN$1,234.50          | CAD",
        "1 234,50 $ CA         | CAD",
        "1 234,50 $CA          | CAD",
        "1 234,50 $ CAN        | CAD",
        "1 234,50 $CAN         | CAD",
        "'1\u00a0234,50\u00a0$\u00a0CA' | CAD",
        "1 234,50 $ US         | USD",
        "1 234,50 $US          | USD",
        "US$1,234.50           | USD",
        "A$12.00               | AUD",
        "AU$12.00              | AUD",
        "NZ$12.00              | NZD",
        "HK$12.00              | HKD",
        "S$12.00               | SGD",
        "MX$12.00              | MXN",
        "R$12,00               | BRL",
        "NT$500                | TWD",
        "'$12.00'              | USD",
      })
  void aDollarSignQualifiedByLettersNamesItsCurrency(String written, String code) {
    assertThat(CurrencySigns.named(written)).isEqualTo(Currency.getInstance(code));
    assertThat(CurrencySigns.namable(written)).contains(Currency.getInstance(code));
  }

  @ParameterizedTest(name = "{0} may not be {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CA$1,234.50    | USD",
        "C$1,234.50     | USD",
        "1 234,50 $ CA  | USD",
        "1 234,50 $ CAN | USD",
        "1 234,50 $ US  | CAD",
        "A$12.00        | USD",
        "NZ$12.00       | AUD",
      })
  void aQualifiedDollarSignIsNoOtherDollar(String written, String code) {
    assertThat(CurrencySigns.namable(written)).doesNotContain(Currency.getInstance(code));
  }

  @ParameterizedTest(name = "{0} is {1} without its sign")
  @CsvSource(
      delimiter = '|',
      value = {
        "CA$1,234.50     | 1,234.50",
        "1 234,50 $ CAN  | 1 234,50",
        "1 234,50 $US    | 1 234,50",
        "NZ$12.00        | 12.00",
        "'$12.00'        | 12.00",
      })
  void theLettersOfAQualifiedDollarSignGoWithIt(String written, String amount) {
    assertThat(CurrencySigns.withoutSigns(written)).isEqualTo(amount);
  }
}
