package dev.salvage.mappings;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers written with Japanese, Chinese and Korean multipliers after digits: {@code 4万8千} and
 * {@code 4만 8천} are 48000, {@code 4.8万} is 48000, {@code 1億2000万} is 120000000.
 *
 * <p>Japanese and Chinese count in myriads (万, 10^4; 億, 10^8), each holding up to 9999 written with
 * 千 and 百; Korean does the same with 만, 억, 천, 백. The characters were once dropped as letters, so
 * {@code 4万8千円} was 48 yen: any of them that does not stand after digits in such a number now
 * refuses the value, naming it, rather than read it as another number. 兆 (10^12 in Japanese, 10^6
 * in some Chinese) is refused as ambiguous and too large for a business's amounts.
 */
final class CjkNumbers {
  /** Myriads: each multiplies everything written since the previous one. */
  private static final Map<Character, Integer> LARGE =
      Map.of('万', 4, '萬', 4, '만', 4, '億', 8, '亿', 8, '억', 8);

  /** Within a myriad: each multiplies the single digit before it. */
  private static final Map<Character, Integer> SMALL =
      Map.of('千', 3, '仟', 3, '천', 3, '百', 2, '佰', 2, '백', 2);

  /** Multipliers this class does not read: refused by name. */
  private static final String UNREAD = "兆조";

  private static final String UNITS = "万萬만億亿억千仟천百佰백";

  /** Digits with separators ({@code 1,500}, {@code 4.8}), then a unit or the end. */
  private static final Pattern EXPRESSION =
      Pattern.compile(
          "[0-9]+(?:[.,][0-9]+)*\\s*["
              + UNITS
              + "](?:\\s*(?:[0-9]+(?:[.,][0-9]+)*\\s*)?["
              + UNITS
              + "])*(?:\\s*[0-9]+(?:[.,][0-9]+)*)?");

  private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:[.,][0-9]+)*");

  private CjkNumbers() {}

  /** Whether {@code text} holds a multiplier, read or refused. */
  static boolean holds(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (LARGE.containsKey(c) || SMALL.containsKey(c) || UNREAD.indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} (half-width) with its one number written with multipliers as plain digits, the
   * decimals (if any) after {@code point}.
   *
   * @param written the value as the source wrote it, for messages
   * @param point the decimal separator; the other one groups thousands before a multiplier ({@code
   *     1,500万})
   * @throws ValueException when a multiplier stands elsewhere than after digits in such a number,
   *     the number breaks the order of its multipliers, or a second such number follows
   */
  static String expand(String written, String text, char point) throws ValueException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (UNREAD.indexOf(c) >= 0) {
        throw new ValueException(
            Texts.quote(written)
                + " writes "
                + c
                + " (10^12 in Japanese and Korean, 10^6 in some Chinese), which is not read as a"
                + " multiplier; write the amount in digits");
      }
    }
    Matcher expression = EXPRESSION.matcher(text);
    if (!expression.find()) {
      throw misplaced(written, text, 0);
    }
    BigDecimal value = value(written, expression.group(), point);
    String rest = text.substring(expression.end());
    if (holds(text.substring(0, expression.start())) || holds(rest)) {
      throw misplaced(
          written, text, holds(text.substring(0, expression.start())) ? 0 : expression.end());
    }
    String plain = value.stripTrailingZeros().toPlainString().replace('.', point);
    return text.substring(0, expression.start()) + plain + rest;
  }

  private static ValueException misplaced(String written, String text, int from) {
    char unit = 0;
    for (int i = from; i < text.length() && unit == 0; i++) {
      if (holds(String.valueOf(text.charAt(i)))) {
        unit = text.charAt(i);
      }
    }
    return new ValueException(
        Texts.quote(written)
            + " writes "
            + unit
            + " ("
            + multiplier(unit)
            + ") elsewhere than after the digits of one number (4万8千, 4만 8천); write the"
            + " number in digits");
  }

  private static String multiplier(char unit) {
    Integer exponent = LARGE.containsKey(unit) ? LARGE.get(unit) : SMALL.get(unit);
    return exponent == null ? "a multiplier" : "10^" + exponent;
  }

  /**
   * The number a matched expression writes: myriads in decreasing order, each holding at most 9999,
   * 千 and 百 in decreasing order within one, each after one digit.
   */
  private static BigDecimal value(String written, String expression, char point)
      throws ValueException {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal section = BigDecimal.ZERO;
    BigDecimal pending = null;
    int lastLarge = Integer.MAX_VALUE;
    int lastSmall = Integer.MAX_VALUE;
    int smallest = 0;
    char lastUnit = 0;
    Matcher number = NUMBER.matcher(expression);
    int i = 0;
    while (i < expression.length()) {
      char c = expression.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (number.find(i) && number.start() == i) {
        pending = number(written, number.group(), point);
        i = number.end();
      } else if (SMALL.containsKey(c)) {
        int exponent = SMALL.get(c);
        if (pending == null
            || exponent >= lastSmall
            || pending.signum() <= 0
            || pending.compareTo(BigDecimal.TEN) >= 0) {
          throw malformed(written, c);
        }
        section = section.add(pending.scaleByPowerOfTen(exponent));
        pending = null;
        lastSmall = exponent;
        smallest = exponent;
        lastUnit = c;
        i++;
      } else {
        int exponent = LARGE.get(c);
        section = pending == null ? section : section.add(pending);
        if (exponent >= lastLarge
            || section.signum() <= 0
            || (lastLarge != Integer.MAX_VALUE
                && section.compareTo(BigDecimal.valueOf(10_000)) >= 0)) {
          throw malformed(written, c);
        }
        total = total.add(section.scaleByPowerOfTen(exponent));
        section = BigDecimal.ZERO;
        pending = null;
        lastLarge = exponent;
        lastSmall = Integer.MAX_VALUE;
        smallest = exponent;
        lastUnit = c;
        i++;
      }
    }
    if (pending != null) {
      // 4万8000 and 4万8千500 add digits below the last multiplier, never as much as it
      if (pending.compareTo(BigDecimal.TEN.pow(smallest)) >= 0) {
        throw malformed(written, lastUnit);
      }
      section = section.add(pending);
    }
    return total.add(section);
  }

  private static ValueException malformed(String written, char unit) {
    return new ValueException(
        Texts.quote(written)
            + " is no number written with multipliers after digits: "
            + unit
            + " ("
            + multiplier(unit)
            + ") is out of order or after too large a number (4万8千, 1億2000万, 4만 8천)");
  }

  /** A number beside a multiplier: {@code point} its decimal, the other separator grouping. */
  private static BigDecimal number(String written, String digits, char point)
      throws ValueException {
    char grouping = point == '.' ? ',' : '.';
    String[] parts = digits.split(Pattern.quote(String.valueOf(point)), -1);
    String whole = parts[0];
    if (parts.length > 2
        || !MoneyValue.validWhole(whole, grouping)
        || (parts.length == 2 && parts[1].indexOf(grouping) >= 0)) {
      throw new ValueException(
          Texts.quote(written)
              + " writes "
              + digits
              + " beside a multiplier, which is no number with decimal \""
              + point
              + "\"");
    }
    return new BigDecimal(
        whole.replace(String.valueOf(grouping), "") + (parts.length == 2 ? "." + parts[1] : ""));
  }
}
