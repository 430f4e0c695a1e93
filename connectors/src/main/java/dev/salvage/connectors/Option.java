package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
    boolean secretFile;

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
    return declare(
        name,
        max == Integer.MAX_VALUE ? "integer ≥ " + min : "integer " + min + "–" + max,
        OptionTypes.integer(min, max));
  }

  /** A decimal number from {@code min} to {@code max}. */
  public static Option<Double> decimal(String name, double min, double max) {
    return declare(
        name,
        "number " + OptionTypes.plain(min) + "–" + OptionTypes.plain(max),
        OptionTypes.decimal(min, max));
  }

  /**
   * A number of bytes of at least {@code min}: bare ({@code 200}) or with a unit of 1024 ({@code
   * 512KB}, {@code 64MB}, {@code 1GB}).
   */
  public static Option<Long> byteSize(String name, long min) {
    return declare(
        name, "byte size ≥ " + min + " (`200`, `512KB`, `64MB`, `1GB`)", OptionTypes.byteSize(min));
  }

  /** {@code true} or {@code false} ({@code yes}, {@code no} too); give it a default. */
  public static Option<Boolean> flag(String name) {
    return declare(name, "true or false", OptionTypes::flag);
  }

  /**
   * A duration, not negative: ISO-8601 ({@code PT2S}, {@code P30D}), a number with a unit ({@code
   * 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 30d}), or a bare number of milliseconds.
   */
  public static Option<Duration> duration(String name) {
    return declare(name, "duration", OptionTypes::duration);
  }

  /**
   * An instant: ISO-8601 with an offset ({@code 2026-03-01T00:00:00Z}), a date (its midnight UTC)
   * or epoch seconds.
   */
  public static Option<Instant> instant(String name) {
    return declare(name, "instant or date", OptionTypes::instant);
  }

  /** A tz database zone ({@code Europe/Oslo}), {@code example} one that fits the option. */
  public static Option<ZoneId> zone(String name, String example) {
    return declare(
        name,
        "time zone (`" + example + "`)",
        text -> {
          try {
            return ZoneId.of(text);
          } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                "must be a time zone such as " + example + ", America/New_York or UTC");
          }
        });
  }

  /** A day, {@code YYYY-MM-DD}. */
  public static Option<LocalDate> date(String name) {
    return declare(name, "date", OptionTypes::date);
  }

  /** One of an enum's constants, written as its name in lower case (in any case). */
  public static <E extends Enum<E>> Option<E> choice(String name, Class<E> constants) {
    List<String> names = OptionTypes.names(constants);
    return declare(
        name,
        "one of " + String.join(", ", names.stream().map(n -> "`" + n + "`").toList()),
        OptionTypes.choice(constants));
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
    return declare(name, Kind.LIST, type, OptionTypes.list(item));
  }

  /** A Java regular expression, kept as its text. */
  public static Option<String> regex(String name) {
    return declare(name, "regex", OptionTypes::regex);
  }

  /** An http or https URL with a host. */
  public static Option<String> url(String name) {
    return declare(name, "URL", OptionTypes::url);
  }

  /**
   * A file, as an absolute path (a relative one is taken from the working directory: the run config
   * has already resolved it against its own directory). The name ends in {@code _file}.
   */
  public static Option<String> file(String name) {
    return path(name, "_file", "file", OptionTypes::absolute);
  }

  /** A {@link #file} that must exist and be readable when the configuration is loaded. */
  public static Option<String> readableFile(String name) {
    return path(name, "_file", "file", OptionTypes::readableFile);
  }

  /** A directory, as an absolute path like {@link #file}. The name ends in {@code _dir}. */
  public static Option<String> directory(String name) {
    return path(name, "_dir", "directory", OptionTypes::absolute);
  }

  /**
   * The name of the environment variable holding a secret, never the secret: the source reads the
   * variable when it connects. The name ends in {@code _env}. A value that is not a variable name
   * is refused without being repeated, as it may be the secret itself, pasted in by mistake.
   */
  public static Option<String> secretEnv(String name) {
    return declare(
        name, Kind.SECRET_ENV, "environment variable name", OptionTypes::environmentVariable);
  }

  /**
   * The file holding a secret, never the secret: read when the source connects. Like {@link #file}.
   */
  public static Option<String> secretFile(String name) {
    return path(name, "_file", "file (secret)", OptionTypes::absolute)
        .with(spec -> spec.secretFile = true);
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

  /** Whether the value names the environment variable holding a secret ({@link #secretEnv}). */
  public boolean isSecretEnv() {
    return spec.kind == Kind.SECRET_ENV;
  }

  /** Whether the value names the file holding a secret ({@link #secretFile}). */
  public boolean isSecretFile() {
    return spec.secretFile;
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
}
