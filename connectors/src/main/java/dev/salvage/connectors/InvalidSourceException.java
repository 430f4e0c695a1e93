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

  /**
   * {@code Cannot configure imap source "office": <problem>}: the form of every configuration error
   * of a source, so that the operator finds the source in the run config at once.
   */
  public static InvalidSourceException of(String type, String sourceName, String problem) {
    return new InvalidSourceException(prefix(type, sourceName) + problem);
  }

  /** The same for a bad option, keeping it as the cause. */
  public static InvalidSourceException of(
      String type, String sourceName, InvalidOptionException bad) {
    return new InvalidSourceException(prefix(type, sourceName) + bad.getMessage(), bad);
  }

  private static String prefix(String type, String sourceName) {
    return "Cannot configure " + type + " source \"" + sourceName + "\": ";
  }
}
