package dev.salvage.mappings;

import java.util.Locale;

/** {@code text}, {@code upper} and {@code lower}: white space collapsed, case changed. */
record TextValue(FieldType fieldType) implements ValueType {
  @Override
  public String canonical(String text, RecordContext context) {
    String collapsed = Texts.collapse(text);
    return switch (fieldType) {
      case UPPER -> collapsed.toUpperCase(Locale.ROOT);
      case LOWER -> collapsed.toLowerCase(Locale.ROOT);
      default -> collapsed;
    };
  }
}
