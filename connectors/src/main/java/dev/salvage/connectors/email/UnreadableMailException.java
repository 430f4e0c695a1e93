package dev.salvage.connectors.email;

/** A mail whose bytes cannot be read as a message at all; the reader quarantines it. */
final class UnreadableMailException extends Exception {
  UnreadableMailException(String message) {
    super(message);
  }
}
