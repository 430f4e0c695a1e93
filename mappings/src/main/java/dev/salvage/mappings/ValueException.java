package dev.salvage.mappings;

/** A value found in a record cannot be turned into its canonical form; the message says why. */
public final class ValueException extends Exception {
  private static final long serialVersionUID = 1L;

  ValueException(String message) {
    super(message, null, false, false);
  }
}
