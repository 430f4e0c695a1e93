package dev.salvage.mappings;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Plain decimal numbers as conditions compare them: {@code -12}, {@code 3.5}, {@code +0.25}. */
final class Numbers {
  private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

  private Numbers() {}

  /** The number {@code text} holds, or null when it is not a plain decimal number. */
  static BigDecimal parse(String text) {
    String trimmed = text.strip().replace('\u2212', '-');
    if (!NUMBER.matcher(trimmed).matches()) {
      return null;
    }
    return new BigDecimal(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
  }
}
