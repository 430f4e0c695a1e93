package dev.salvage.connectors;

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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the text of an option becomes its value, one parser per type of {@link Option}. Each throws
 * IllegalArgumentException saying what the value must be; the option adds its name and the text.
 */
final class OptionTypes {
  private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private OptionTypes() {}

  static Option.Parser<Integer> integer(int min, int max) {
    String range = max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max;
    return text -> {
      try {
        int value = Integer.parseInt(text);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException notAnInteger) {
        // the message below says what is expected
      }
      throw new IllegalArgumentException("must be an integer " + range);
    };
  }

  static Option.Parser<Double> decimal(double min, double max) {
    String range = "from " + plain(min) + " to " + plain(max);
    return text -> {
      try {
        double value = Double.parseDouble(text);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException notANumber) {
        // the message below says what is expected
      }
      throw new IllegalArgumentException("must be a number " + range);
    };
  }

  static Option.Parser<Long> byteSize(long min) {
    return text -> {
      String upper = text.toUpperCase(Locale.ROOT);
      int shift =
          upper.endsWith("KB") ? 10 : upper.endsWith("MB") ? 20 : upper.endsWith("GB") ? 30 : 0;
      String digits = (shift == 0 ? upper : upper.substring(0, upper.length() - 2)).strip();
      if (!digits.isEmpty()
          && digits.length() <= 18
          && digits.chars().allMatch(Character::isDigit)) {
        try {
          long value = Math.multiplyExact(Long.parseLong(digits), 1L << shift);
          if (value >= min) {
            return value;
          }
        } catch (ArithmeticException tooLarge) {
          // the message below says what is expected
        }
      }
      throw new IllegalArgumentException(
          "must be a number of bytes of at least " + min + ", bare or in KB, MB or GB (64MB)");
    };
  }

  static Boolean flag(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("must be a date like 2026-03-01");
    }
  }

  /** The constants' names in lower case, in declared order. */
  static <E extends Enum<E>> List<String> names(Class<E> constants) {
    return Arrays.stream(constants.getEnumConstants())
        .map(constant -> constant.name().toLowerCase(Locale.ROOT))
        .toList();
  }

  static <E extends Enum<E>> Option.Parser<E> choice(Class<E> constants) {
    List<String> names = names(constants);
    return text -> {
      int index = names.indexOf(text.toLowerCase(Locale.ROOT));
      if (index < 0) {
        throw new IllegalArgumentException("must be " + either(names));
      }
      return constants.getEnumConstants()[index];
    };
  }

  static <E> Option.Parser<List<E>> list(Option.Parser<E> item) {
    return text -> {
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
    };
  }

  static String regex(String text) {
    try {
      Pattern.compile(text);
      return text;
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "must be a regular expression (" + e.getDescription() + ")");
    }
  }

  static String url(String text) {
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    String scheme =
        uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      throw new IllegalArgumentException("must be an http(s) URL");
    }
    return text;
  }

  /** The path, absolute (a relative one from the working directory) and normalised. */
  static String absolute(String text) {
    return Path.of(text).toAbsolutePath().normalize().toString();
  }

  static String readableFile(String text) {
    Path path = Path.of(absolute(text));
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException("must name a readable file");
    }
    return path.toString();
  }

  static String environmentVariable(String text) {
    if (!ENVIRONMENT_VARIABLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "must name an environment variable (letters, digits and _), not hold the secret;"
              + " the value given is not shown");
    }
    return text;
  }

  static String either(List<String> names) {
    return names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " or "
            + names.get(names.size() - 1);
  }

  static String plain(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }

  static Duration duration(String text) {
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

  static Instant instant(String text) {
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
