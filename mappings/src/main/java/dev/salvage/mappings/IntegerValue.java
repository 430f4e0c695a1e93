package dev.salvage.mappings;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * {@code integer}: a decimal integer, sign and leading zeros normalised; digits of other scripts
 * (full-width, Arabic-Indic: {@link Texts#asciiDigits}) and multipliers after digits ({@code 3万},
 * {@code 1만 2천}) read as digits.
 */
record IntegerValue() implements ValueType {
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  @Override
  public FieldType fieldType() {
    return FieldType.INTEGER;
  }

  @Override
  public String read(String text, RecordContext context) throws ValueException {
    String trimmed = Texts.asciiDigits(Texts.halfWidth(text)).strip();
    if (CjkNumbers.holds(trimmed)) {
      trimmed = CjkNumbers.expand(text, trimmed, '.').strip();
    }
    if (!INTEGER.matcher(trimmed).matches()) {
      throw new ValueException(Texts.quote(text) + " is not an integer");
    }
    return new BigInteger(trimmed).toString();
  }
}
