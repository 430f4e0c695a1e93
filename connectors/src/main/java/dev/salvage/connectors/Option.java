package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One option of a source type or of the import target, declared once: its name, the type of its
 * value and how its text is checked, its default, and what it is for. The declarations are all
 * there is: {@link OptionSet} validates a configuration against them and {@link OptionDocs} writes
 * the option tables of docs/*.md from them. Modelled on Debezium's {@code
 * io.debezium.config.Field}.
 *
 * <p>Values arrive as text, as a run config gives them, and a blank value counts as not set. The
 * type of an option shows in its name where the run config depends on it: options naming a file or
 * a directory end in {@code _file} or {@code _dir} (and only they do, see {@link PathOptions}), and
 * options naming the environment variable that holds a secret end in {@code _env}. A declaration
 * breaking these rules, or with a default its own type refuses, fails when its class is loaded.
 *
 * @param <T> the type of the option's value
 */
public final class Option<T> {
  /**
   * Turns an option's text (stripped, never blank) into its value.
   *
   * @param <T> the value's type
   */
  @FunctionalInterface
  public interface Parser<T> {
    /**
     * @throws IllegalArgumentException saying what the value must be ({@code must be an integer
     *     from 1 to 5000}); the option adds its name and the text given
     */
    T parse(String text);
  }

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** What the value is, where the run config or the docs treat it specially. */
  private enum Kind {
    VALUE,
    LIST,
    PATH,
    SECRET_ENV
  }

  /** The declaration; copied, never changed, by the {@code with...} methods. */
  private static final class Spec<T> implements Cloneable {
    String name;
    Kind kind;
    String type;
    Parser<T> parser;
    String description;
    String defaultText;
    String defaultDescription;
    boolean required;
    boolean emptyAllowed;
    boolean valueShown = true;

    @SuppressWarnings("unchecked")
    Spec<T> copy() {
      try {
        return (Spec<T>) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private final Spec<T> spec;
  private final T defaultValue;

  private Option(Spec<T> spec) {
    this.spec = spec;
    requireNonNull(spec.name, "name");
    requireNonNull(spec.type, "type");
    requireNonNull(spec.parser, "parser");
    String name = spec.name;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Option name '" + name + "' is not lower case letters, digits and _");
    }
    if (PathOptions.isPath(name) != (spec.kind == Kind.PATH)) {
      throw new IllegalArgumentException(
          "Option "
              + name
              + ": a name ending in _file or _dir is for, and only for, an option naming a file or"
              + " a directory (Option.file, Option.directory)");
    }
    if (spec.kind == Kind.SECRET_ENV && !name.endsWith("_env")) {
      throw new IllegalArgumentException(
          "Option " + name + " names an environment variable: its name must end in _env");
    }
    if (spec.required && (spec.defaultText != null || spec.defaultDescription != null)) {
      throw new IllegalArgumentException("Option " + name + " is required and has a default");
    }
    try {
      this.defaultValue = spec.defaultText == null ? null : spec.parser.parse(spec.defaultText);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalArgumentException(
          "Option " + name + ": its default '" + spec.defaultText + "' " + e.getMessage(), e);
    }
  }

  private static <T> Option<T> declare(String name, Kind kind, String type, Parser<T> parser) {
    Spec<T> spec = new Spec<>();
    spec.name = name;
    spec.kind = kind;
    spec.type = type;
    spec.parser = parser;
    spec.valueShown = kind != Kind.SECRET_ENV;
    return new Option<>(spec);
  }

  private static <T> Option<T> declare(String name, String type, Parser<T> parser) {
    return declare(name, Kind.VALUE, type, parser);
  }

  private Option<T> with(Consumer<Spec<T>> change) {
    Spec<T> changed = spec.copy();
    change.accept(changed);
    return new Option<>(changed);
  }

  /** Any text. */
  public static Option<String> string(String name) {
    return declare(name, "text", text -> text);
  }

  /** A whole number from {@code min} to {@code max}; {@code Integer.MAX_VALUE}: no upper bound. */
  public static Option<Integer> integer(String name, int min, int max) {
    String range = max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max;
    return declare(
        name,
        max == Integer.MAX_VALUE ? "integer ≥ " + min : "integer " + min + "–" + max,
        text -> {
          try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
              return value;
            }
          } catch (NumberFormatException notAnInteger) {
            // the message below says what is expected
          }
          throw new IllegalArgumentException("must be an integer " + range);
        });
  }

  /** A decimal number from {@code min} to {@code max}. */
  public static Option<Double> decimal(String name, double min, double max) {
    String range = "from " + plain(min) + " to " + plain(max);
    return declare(
        name,
        "number " + plain(min) + "–" + plain(max),
        text -> {
          try {
            double value = Double.parseDouble(text);
            if (value >= min && value <= max) {
              return value;
            }
          } catch (NumberFormatException notANumber) {
            // the message below says what is expected
          }
          throw new IllegalArgumentException("must be a number " + range);
        });
  }

  /** {@code true} or {@code false} ({@code yes}, {@code no} too); give it a default. */
  public static Option<Boolean> flag(String name) {
    return declare(
        name,
        "true or false",
        text ->
            switch (text.toLowerCase(Locale.ROOT)) {
              case "true", "yes" -> true;
              case "false", "no" -> false;
              default -> throw new IllegalArgumentException("must be true or false");
            });
  }

  /**
   * A duration, not negative: ISO-8601 ({@code PT2S}, {@code P30D}), a number with a unit ({@code
   * 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 30d}), or a bare number of milliseconds.
   */
  public static Option<Duration> duration(String name) {
    return declare(name, "duration", Option::parseDuration);
  }

  /**
   * An instant: ISO-8601 with an offset ({@code 2026-03-01T00:00:00Z}), a date (its midnight UTC)
   * or epoch seconds.
   */
  public static Option<Instant> instant(String name) {
    return declare(name, "instant or date", Option::parseInstant);
  }

  /** A day, {@code YYYY-MM-DD}. */
  public static Option<LocalDate> date(String name) {
    return declare(
        name,
        "date",
        text -> {
          try {
            return LocalDate.parse(text);
          } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a date like 2026-03-01");
          }
        });
  }

  /** One of an enum's constants, written as its name in lower case (in any case). */
  public static <E extends Enum<E>> Option<E> choice(String name, Class<E> constants) {
    List<String> names =
        Arrays.stream(constants.getEnumConstants())
            .map(constant -> constant.name().toLowerCase(Locale.ROOT))
            .toList();
    return declare(
        name,
        "one of " + String.join(", ", names.stream().map(n -> "`" + n + "`").toList()),
        text -> {
          int index = names.indexOf(text.toLowerCase(Locale.ROOT));
          if (index < 0) {
            throw new IllegalArgumentException("must be " + either(names));
          }
          return constants.getEnumConstants()[index];
        });
  }

  /** Comma-separated items, stripped, in order, without repeats; at least one. */
  public static Option<List<String>> list(String name) {
    return listOf(name, "list", item -> item);
  }

  /**
   * Comma-separated items, each parsed by {@code item} (its message names the bad item), in order,
   * without repeats; at least one unless {@link #allowingEmpty()}.
   *
   * @param type how the docs name the option's type
   */
  public static <E> Option<List<E>> listOf(String name, String type, Parser<E> item) {
    return declare(
        name,
        Kind.LIST,
        type,
        text -> {
          Set<E> items = new LinkedHashSet<>();
          for (String part : text.split(",")) {
            if (!part.isBlank()) {
              items.add(item.parse(part.strip()));
            }
          }
          if (items.isEmpty()) {
            throw new IllegalArgumentException("must name at least one item");
          }
          return List.copyOf(new ArrayList<>(items));
        });
  }

  /** A Java regular expression, kept as its text. */
  public static Option<String> regex(String name) {
    return declare(
        name,
        "regex",
        text -> {
          try {
            Pattern.compile(text);
            return text;
          } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                "must be a regular expression (" + e.getDescription() + ")");
          }
        });
  }

  /** An http or https URL with a host. */
  public static Option<String> url(String name) {
    return declare(
        name,
        "URL",
        text -> {
          URI uri;
          try {
            uri = URI.create(text);
          } catch (IllegalArgumentException e) {
            uri = null;
          }
          String scheme =
              uri == null || uri.getScheme() == null
                  ? ""
                  : uri.getScheme().toLowerCase(Locale.ROOT);
          if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an http(s) URL");
          }
          return text;
        });
  }

  /**
   * A file, as an absolute path (a relative one is taken from the working directory: the run config
   * has already resolved it against its own directory). The name ends in {@code _file}.
   */
  public static Option<String> file(String name) {
    return path(name, "_file", "file", text -> absolute(text));
  }

  /** A {@link #file} that must exist and be readable when the configuration is loaded. */
  public static Option<String> readableFile(String name) {
    return path(
        name,
        "_file",
        "file",
        text -> {
          Path path = Path.of(absolute(text));
          if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("must name a readable file");
          }
          return path.toString();
        });
  }

  /** A directory, as an absolute path like {@link #file}. The name ends in {@code _dir}. */
  public static Option<String> directory(String name) {
    return path(name, "_dir", "directory", text -> absolute(text));
  }

  /**
   * The name of the environment variable holding a secret, never the secret: the source reads the
   * variable when it connects. The name ends in {@code _env}. A value that is not a variable name
   * is refused without being repeated, as it may be the secret itself, pasted in by mistake.
   */
  public static Option<String> secretEnv(String name) {
    return declare(
        name,
        Kind.SECRET_ENV,
        "environment variable name",
        text -> {
          if (!ENVIRONMENT_VARIABLE.matcher(text).matches()) {
            throw new IllegalArgumentException(
                "must name an environment variable (letters, digits and _), not hold the secret;"
                    + " the value given is not shown");
          }
          return text;
        });
  }

  /**
   * The file holding a secret, never the secret: read when the source connects. Like {@link #file}.
   */
  public static Option<String> secretFile(String name) {
    return path(name, "_file", "file (secret)", text -> absolute(text));
  }

  /**
   * An option of a type of its own.
   *
   * @param type how the docs name the option's type
   * @param parser turns the text into the value, throwing IllegalArgumentException saying what the
   *     value must be
   */
  public static <T> Option<T> of(String name, String type, Parser<T> parser) {
    return declare(name, type, parser);
  }

  private static <T> Option<T> path(String name, String suffix, String type, Parser<T> parser) {
    if (!name.endsWith(suffix)) {
      throw new IllegalArgumentException(
          "Option " + name + " names a " + type + ": its name must end in " + suffix);
    }
    return declare(name, Kind.PATH, type, parser);
  }

  /** This option with its description, as the docs show it (Markdown). */
  public Option<T> withDescription(String text) {
    requireNonNull(text, "text");
    return with(spec -> spec.description = text);
  }

  /** This option with a default, written as in a config. */
  public Option<T> withDefault(String text) {
    requireNonNull(text, "text");
    return with(spec -> spec.defaultText = text);
  }

  /**
   * This option with a default its source works out (from other options, from the run), as the docs
   * describe it; its value is null when not set.
   */
  public Option<T> withDefaultDescribed(String text) {
    requireNonNull(text, "text");
    return with(spec -> spec.defaultDescription = text);
  }

  /** This option, required: a configuration without it is refused. */
  public Option<T> required() {
    return with(spec -> spec.required = true);
  }

  /**
   * This list option, whose value may be empty: given blank it is the empty list, where a blank
   * value of any other option counts as not set.
   *
   * @throws IllegalStateException when this is not a list option
   */
  public Option<T> allowingEmpty() {
    if (spec.kind != Kind.LIST) {
      throw new IllegalStateException("Option " + spec.name + " is not a list");
    }
    Parser<T> parser = spec.parser;
    return with(
        spec -> {
          spec.emptyAllowed = true;
          spec.parser = text -> text.isEmpty() ? emptyList() : parser.parse(text);
        });
  }

  /** This option, whose value is never repeated in messages (it may hold a secret). */
  public Option<T> hidingValue() {
    return with(spec -> spec.valueShown = false);
  }

  @SuppressWarnings("unchecked")
  private static <T> T emptyList() {
    return (T) List.of();
  }

  public String name() {
    return spec.name;
  }

  /** How the docs name the type of the value. */
  public String type() {
    return spec.type;
  }

  /** What the option is for (Markdown); null until {@link #withDescription}. */
  public String description() {
    return spec.description;
  }

  public boolean isRequired() {
    return spec.required;
  }

  /** Whether a blank value is the empty value rather than not set. */
  public boolean isEmptyAllowed() {
    return spec.emptyAllowed;
  }

  /** Whether the value names a file or a directory, resolved like the source's path. */
  public boolean isPath() {
    return spec.kind == Kind.PATH;
  }

  /** The default as written in a config, or null. */
  public String defaultText() {
    return spec.defaultText;
  }

  /** The default as the docs give it: required, the described or the written one, or empty. */
  public String documentedDefault() {
    if (spec.required) {
      return "required";
    }
    if (spec.defaultDescription != null) {
      return spec.defaultDescription;
    }
    return spec.defaultText == null ? "" : "`" + spec.defaultText + "`";
  }

  /** The value of the default; null when there is none (or the source works it out). */
  T defaultValue() {
    return defaultValue;
  }

  /**
   * The value of {@code text}, as given (not blank unless {@link #allowingEmpty()}).
   *
   * @throws InvalidOptionException naming this option, what the value must be, and the text given
   *     unless the value is {@link #hidingValue() hidden}
   */
  public T parse(String text) throws InvalidOptionException {
    String stripped = text.strip();
    try {
      return spec.parser.parse(stripped);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new InvalidOptionException(
          spec.name, e.getMessage() + (spec.valueShown ? ", got \"" + stripped + "\"" : ""), e);
    }
  }

  @Override
  public String toString() {
    return spec.name;
  }

  private static String absolute(String text) {
    return Path.of(text).toAbsolutePath().normalize().toString();
  }

  private static String either(List<String> names) {
    return names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " or "
            + names.get(names.size() - 1);
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }

  private static Duration parseDuration(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    Duration value;
    try {
      if (lower.startsWith("p")) {
        value = Duration.parse(lower.toUpperCase(Locale.ROOT));
      } else if (lower.chars().allMatch(Character::isDigit)) {
        value = Duration.ofMillis(Long.parseLong(lower));
      } else if (lower.endsWith("ms")) {
        value = Duration.ofMillis(number(lower, 2));
      } else if (lower.endsWith("s")) {
        value = Duration.ofSeconds(number(lower, 1));
      } else if (lower.endsWith("m")) {
        value = Duration.ofMinutes(number(lower, 1));
      } else if (lower.endsWith("h")) {
        value = Duration.ofHours(number(lower, 1));
      } else if (lower.endsWith("d")) {
        value = Duration.ofDays(number(lower, 1));
      } else {
        value = null;
      }
    } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
      value = null;
    }
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(
          "must be a duration such as 250ms, 2s, 5m, PT0.5S or P30D (a bare number is"
              + " milliseconds)");
    }
    return value;
  }

  private static long number(String text, int unitLength) {
    String digits = text.substring(0, text.length() - unitLength).strip();
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(text);
    }
    return Long.parseLong(digits);
  }

  private static Instant parseInstant(String text) {
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(text));
      } catch (NumberFormatException | DateTimeException tooLarge) {
        // falls through to the message below
      }
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException notADateTime) {
      try {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeException notADate) {
        throw new IllegalArgumentException(
            "must be an instant with an offset (2026-03-01T00:00:00Z), a date (2026-03-01, at"
                + " midnight UTC) or epoch seconds");
      }
    }
  }
}
