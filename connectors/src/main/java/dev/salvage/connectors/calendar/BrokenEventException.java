package dev.salvage.connectors.calendar;

/** A VEVENT that cannot be read; {@code line} is the file line of the problem, or of its BEGIN. */
final class BrokenEventException extends Exception {
  private final long line;

  BrokenEventException(String message, long line) {
    super(message);
    this.line = line;
  }

  long line() {
    return line;
  }
}
