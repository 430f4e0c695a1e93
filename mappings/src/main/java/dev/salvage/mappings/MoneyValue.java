package dev.salvage.mappings;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * {@code money}: an amount in major units ({@code 1.234,56 €}, {@code EUR 12.50}) to integer minor
 * units ({@code 123456}, {@code 1250}). Currency signs, letters and spaces are ignored; the
 * separator that is not the decimal one groups thousands, and groups must have three digits, so
 * that a wrong {@code decimal} setting fails instead of scaling amounts a hundredfold.
 *
 * @param decimal the decimal separator, {@code .} or {@code ,}
 * @param minorDigits digits of the minor unit (2 for cents, 0 for yen)
 */
record MoneyValue(char decimal, int minorDigits) implements ValueType {
  @Override
  public FieldType fieldType() {
    return FieldType.MONEY;
  }

  @Override
  public String canonical(String text, RecordContext context) throws ValueException {
    char grouping = decimal == '.' ? ',' : '.';
    StringBuilder kept = new StringBuilder(text.length());
    boolean negative = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '0' && c <= '9') || c == '.' || c == ',') {
        kept.append(c);
      } else if (c == '-' || c == '\u2212') {
        negative = true;
      }
    }
    String amount = kept.toString();
    int point = amount.indexOf(decimal);
    String whole = point < 0 ? amount : amount.substring(0, point);
    String fraction = point < 0 ? "" : amount.substring(point + 1);
    if (whole.isEmpty() && !fraction.isEmpty()) {
      whole = "0";
    }
    while (fraction.length() > minorDigits && fraction.endsWith("0")) {
      fraction = fraction.substring(0, fraction.length() - 1);
    }
    if (!validWhole(whole, grouping)
        || fraction.indexOf(decimal) >= 0
        || fraction.indexOf(grouping) >= 0
        || fraction.length() > minorDigits
        || (point >= 0 && point == amount.length() - 1)) {
      throw new ValueException(
          Texts.quote(text)
              + " is not an amount with decimal \""
              + decimal
              + "\" and at most "
              + minorDigits
              + " decimal places");
    }
    BigDecimal major =
        new BigDecimal(whole.replace(String.valueOf(grouping), "") + "." + fraction + "0");
    BigDecimal minor = major.movePointRight(minorDigits).stripTrailingZeros();
    if (negative) {
      minor = minor.negate();
    }
    return minor.toBigIntegerExact().toString();
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
