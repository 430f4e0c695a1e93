package dev.salvage.connectors;

/**
 * A source's configuration is unusable (unknown type, missing path, bad or missing option): the run
 * stops before reading anything. The message names the source and the option.
 */
public final class InvalidSourceException extends Exception {
  public InvalidSourceException(String message) {
    super(message);
  }

  public InvalidSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
