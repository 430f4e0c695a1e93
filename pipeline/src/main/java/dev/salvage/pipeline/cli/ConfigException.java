package dev.salvage.pipeline.cli;

/** The run cannot start: an input named in the configuration or on the command line is unusable. */
final class ConfigException extends Exception {
  ConfigException(String message) {
    super(message);
  }

  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
