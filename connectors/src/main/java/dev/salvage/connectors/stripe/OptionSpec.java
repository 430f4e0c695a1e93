package dev.salvage.connectors.stripe;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidSourceException;
import java.util.Map;
import java.util.function.Function;

/**
 * One connector option: its name, what it is for, its default as written in a config, and how its
 * text becomes a value (the parser throws {@link IllegalArgumentException} saying what is wrong).
 */
record OptionSpec<T>(
    String name, String description, String defaultText, Function<String, T> parser) {
  OptionSpec {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(parser, "parser");
  }

  /** The configured value, or the parsed default, or null when there is neither. */
  T value(String sourceName, Map<String, String> options) throws InvalidSourceException {
    String text = options.containsKey(name) ? options.get(name) : defaultText;
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return parser.apply(text.trim());
    } catch (RuntimeException e) {
      throw new InvalidSourceException(
          "Source " + sourceName + ": option " + name + " = '" + text + "': " + e.getMessage(), e);
    }
  }
}
