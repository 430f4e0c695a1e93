package dev.salvage.pipeline;

import dev.salvage.mappings.FieldType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * How two values of one field are compared for probabilistic matching: each kind sorts a pair of
 * values into a level, best agreement first, the last level meaning "disagree".
 */
enum FieldComparison {
  /** Emails, phones, codes: already normalised by their mapping types, so equal or not. */
  EXACT(List.of("exact", "different")),
  /** Hand-typed text such as names and plates: exact, then Jaro-Winkler bands. */
  NAME(List.of("exact", "jaro-winkler>=0.92", "jaro-winkler>=0.80", "different")),
  /** Amounts: equal, within 2%, different. */
  AMOUNT(List.of("exact", "within 2%", "different")),
  /** Times: the same minute, within an hour, within a day, further apart. */
  TIME(List.of("same minute", "within 1h", "within 24h", "further"));

  /** The level of a field missing on either side: it says nothing either way. */
  static final int MISSING = -1;

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
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

  static String normalised(String value) {
    return value.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static int names(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    double similarity = JARO_WINKLER.apply(a, b);
    return similarity >= 0.92 ? 1 : similarity >= 0.80 ? 2 : 3;
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
