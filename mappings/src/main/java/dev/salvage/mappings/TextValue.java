package dev.salvage.mappings;

import java.util.Locale;

/**
 * {@code text}, {@code name}, {@code upper} and {@code lower}: white space collapsed, case changed.
 * A name or a code typed half-width or full-width is one value, so those three fold widths ({@link
 * Widths}); free text keeps what was written.
 */
record TextValue(FieldType fieldType) implements ValueType {
  @Override
  public String canonical(String text, RecordContext context) {
    String collapsed = Texts.collapse(text);
    return switch (fieldType) {
      case UPPER -> Widths.fold(collapsed).toUpperCase(Locale.ROOT);
      case LOWER -> Widths.fold(collapsed).toLowerCase(Locale.ROOT);
      case NAME -> Widths.fold(collapsed);
      default -> collapsed;
    };
  }
}
