package dev.salvage.mappings;

/**
 * A value found in a record cannot be turned into its canonical form, or a {@code required} value
 * is missing; the message says why.
 */
public final class ValueException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean missing;
  private final boolean mapping;

  ValueException(String message) {
    this(message, Kind.UNREADABLE);
  }

  private enum Kind {
    UNREADABLE,
    MISSING,
    MAPPING
  }

  private ValueException(String message, Kind kind) {
    super(message, null, false, false);
    this.missing = kind == Kind.MISSING;
    this.mapping = kind == Kind.MAPPING;
  }

  /**
   * The mapping asks the record for something no record can give as a value (a path to a JSON
   * object without an id): the mapping is to mend, not the record, and {@code unreadable:
   * leave_out} does not hide it.
   */
  static ValueException mapping(String message) {
    return new ValueException(message, Kind.MAPPING);
  }

  /** Whether the mapping, not the record's value, is what failed ({@link #mapping}). */
  boolean mappingError() {
    return mapping;
  }

  /** A {@code required} value the record does not give (nothing found, a lookup's miss). */
  static ValueException missing(String message) {
    return new ValueException(message, Kind.MISSING);
  }

  /**
   * Whether a required value is missing, rather than a value found and unreadable: in a rule of
   * several emits, the first drops its emit alone.
   */
  boolean missing() {
    return missing;
  }
}
