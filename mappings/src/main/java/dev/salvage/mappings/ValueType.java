package dev.salvage.mappings;

/** Turns the text found for a field into the canonical form of its type. */
interface ValueType {
  /** The type of the canonical form this produces. */
  FieldType fieldType();

  /**
   * The canonical form of {@code text}, without the invisible direction marks ({@link
   * Texts#withoutDirectionMarks}) Arabic and Hebrew text puts around values: an address with U+200F
   * around it was a second e-mail key of the same customer, and a date after one was refused; and
   * with its control characters as spaces ({@link Texts#withoutControls}).
   *
   * @param context the record being mapped; null when a constant is checked at load time, which
   *     happens only when {@link #readsRecord()} is false
   * @throws ValueException saying why {@code text} is not a value of this type
   */
  default String canonical(String text, RecordContext context) throws ValueException {
    return read(Texts.withoutControls(Texts.withoutDirectionMarks(text)), context);
  }

  /** {@link #canonical} of a text without direction marks. */
  String read(String text, RecordContext context) throws ValueException;

  /** Whether parsing needs the record (a time zone read from it). */
  default boolean readsRecord() {
    return false;
  }
}
