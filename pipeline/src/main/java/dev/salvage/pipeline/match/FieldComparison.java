package dev.salvage.pipeline.match;

import dev.salvage.mappings.FieldType;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * How two values of one field are compared for probabilistic matching: each kind sorts a pair of
 * values into a level, best agreement first, the last level meaning "disagree".
 */
enum FieldComparison {
  /** Emails, phones, codes: already normalised by their mapping types, so equal or not. */
  EXACT(List.of("exact", "different")),
  /**
   * Hand-typed text such as names and plates, compared by tokens with case and accents folded (card
   * holders are often typed without them): equal; the same tokens in another order or with a typo
   * of at most two characters; every token of the shorter (two or more tokens) in the longer, as a
   * name with and without its second surname, or a partial name whose initials stand for the
   * other's words ({@code Anna K.} for {@code Anna Kowalski}); different. Sharing only a first name
   * is "different": at scale a block holds many Marías on the same day.
   */
  NAME(List.of("exact", "reordered or typo", "tokens contained", "different")),
  /** Amounts: equal, within 2%, different. */
  AMOUNT(List.of("exact", "within 2%", "different")),
  /** Times: the same minute, within an hour, within a day, further apart. */
  TIME(List.of("same minute", "within 1h", "within 24h", "further"));

  /** The level of a field missing on either side: it says nothing either way. */
  static final int MISSING = -1;

  /** Edit distance up to 2 (else -1): a typo, not another name. */
  private static final LevenshteinDistance TYPO = new LevenshteinDistance(2);

  private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
  private static final BigDecimal AMOUNT_TOLERANCE = new BigDecimal("0.02");

  private final List<String> levels;

  FieldComparison(List<String> levels) {
    this.levels = levels;
  }

  static FieldComparison of(FieldType type) {
    return switch (type) {
      case TEXT -> NAME;
      case INTEGER, MONEY -> AMOUNT;
      case DATETIME, DATE -> TIME;
      default -> EXACT;
    };
  }

  List<String> levels() {
    return levels;
  }

  int compare(String a, String b) {
    if (a == null || b == null || a.isBlank() || b.isBlank()) {
      return MISSING;
    }
    return switch (this) {
      case EXACT -> normalised(a).equals(normalised(b)) ? 0 : 1;
      case NAME -> names(normalised(a), normalised(b));
      case AMOUNT -> amounts(a, b);
      case TIME -> times(a, b);
    };
  }

  /** The value as counted for term frequencies: equal keys for values this comparison equates. */
  String termKey(String value) {
    return switch (this) {
      case NAME -> String.join(" ", tokens(value));
      case AMOUNT -> {
        try {
          yield new BigDecimal(value.trim()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
          yield value.trim();
        }
      }
      default -> normalised(value);
    };
  }

  static String normalised(String value) {
    return value.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static int names(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    List<String> x = tokens(a);
    List<String> y = tokens(b);
    if (x.equals(y)) {
      return 0;
    }
    if (x.size() == y.size()
        && (sorted(x).equals(sorted(y))
            || (String.join(" ", x).length() >= 6
                && TYPO.apply(String.join(" ", x), String.join(" ", y)) >= 0))) {
      return 1;
    }
    List<String> shorter = x.size() <= y.size() ? x : y;
    List<String> longer = x.size() <= y.size() ? y : x;
    if (shorter.size() >= 2 && shorter.size() < longer.size() && longer.containsAll(shorter)) {
      return 2;
    }
    if (initialsOf(x, y) || initialsOf(y, x)) {
      return 2;
    }
    return 3;
  }

  /**
   * Whether {@code partial}, a name with at least one initial and one whole word, names {@code
   * full} word by word: each word equal, or an initial that starts the other's word.
   */
  private static boolean initialsOf(List<String> partial, List<String> full) {
    if (partial.size() != full.size() || partial.size() < 2) {
      return false;
    }
    boolean initial = false;
    boolean whole = false;
    for (int i = 0; i < partial.size(); i++) {
      String word = partial.get(i);
      if (word.length() == 1 && full.get(i).length() > 1 && full.get(i).startsWith(word)) {
        initial = true;
      } else if (word.equals(full.get(i)) && word.length() > 1) {
        whole = true;
      } else {
        return false;
      }
    }
    return initial && whole;
  }

  /** Lower-case tokens of letters and digits, accents removed. */
  static List<String> tokens(String value) {
    String folded =
        DIACRITICS
            .matcher(Normalizer.normalize(value.toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
            .replaceAll("");
    List<String> tokens = new ArrayList<>();
    for (String token : folded.split("[^\\p{L}\\p{N}]+")) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  private static List<String> sorted(List<String> tokens) {
    List<String> copy = new ArrayList<>(tokens);
    Collections.sort(copy);
    return copy;
  }

  private static int amounts(String a, String b) {
    try {
      BigDecimal x = new BigDecimal(a.trim());
      BigDecimal y = new BigDecimal(b.trim());
      if (x.compareTo(y) == 0) {
        return 0;
      }
      BigDecimal scale = x.abs().max(y.abs());
      return x.subtract(y).abs().compareTo(scale.multiply(AMOUNT_TOLERANCE)) <= 0 ? 1 : 2;
    } catch (NumberFormatException e) {
      return a.trim().equals(b.trim()) ? 0 : 2;
    }
  }

  private static int times(String a, String b) {
    Instant x = instant(a);
    Instant y = instant(b);
    if (x == null || y == null) {
      return a.trim().equals(b.trim()) ? 0 : 3;
    }
    long seconds = Math.abs(Duration.between(x, y).getSeconds());
    return seconds < 60 ? 0 : seconds <= 3600 ? 1 : seconds <= 86400 ? 2 : 3;
  }

  /** An instant from ISO text with or without an offset (UTC assumed), or a day; else null. */
  static Instant instant(String text) {
    String trimmed = text.trim();
    try {
      return Instant.parse(trimmed);
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(trimmed).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDay) {
          return null;
        }
      }
    }
  }
}
