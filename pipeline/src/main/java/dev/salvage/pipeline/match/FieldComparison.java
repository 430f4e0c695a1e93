package dev.salvage.pipeline.match;

import dev.salvage.connectors.io.CaseFolding;
import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.values.Instants;
import dev.salvage.pipeline.values.LinkKeys;
import dev.salvage.pipeline.values.Names;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How two values of one field are compared for probabilistic matching: each kind sorts a pair of
 * values into a level, best agreement first; the levels from {@link #firstDisagreeing} on mean
 * "disagree" (the last one alone, except for times).
 */
enum FieldComparison {
  /** Phones, codes: already normalised by their mapping types, so equal or not. */
  EXACT(List.of("exact", "different")),
  /**
   * Hand-typed text such as names and plates, compared by tokens with case and accents folded (card
   * holders are often typed without them): equal; the same tokens in another order or with a typo
   * of at most two characters; every token of the shorter (two or more tokens) in the longer, as a
   * name with and without its second surname, or a partial name whose initials stand for the
   * other's words ({@code Anna K.} for {@code Anna Kowalski}); different. Sharing only a first name
   * is "different": at scale a block holds many Marías on the same day. Values written in different
   * scripts (kanji, kana, Latin) are {@link #NOT_COMPARABLE}.
   */
  NAME(List.of("exact", "reordered or typo", "tokens contained", "different")),
  /** Amounts: equal, within 2%, different. */
  AMOUNT(List.of("exact", "within 2%", "different")),
  /**
   * Times: the same minute, within an hour, within a day, within a week, further apart. A booking
   * moved by a few days, or a question asked days after the booking, is a weaker disagreement than
   * one weeks away (the customer's next booking); one level for both made them cost the same.
   */
  TIME(List.of("same minute", "within 1h", "within 24h", "within 7 days", "further"), 3),
  /**
   * When a record's evidence was first seen ({@code first_seen}), compared as times, but days apart
   * is not a disagreement here: one booking's traces come days apart (the payment at booking, the
   * reminder before pickup, a question after it), so a piece first seen days after the booking's
   * first trace may well be of it. Only weeks apart disagree.
   */
  FIRST_SEEN(TIME.levels, TIME.levels.size() - 1),
  /**
   * Emails: one mailbox or not, as keys link ({@link LinkKeys}): {@code anna.mueller@gmail.com} and
   * {@code annamueller@googlemail.com} are exact, {@code m.garcia@gmx.de} and {@code
   * mgarcia@gmx.de} different.
   */
  MAILBOX(List.of("exact", "different"));

  /** The level of a field missing on either side: it says nothing either way. */
  static final int MISSING = -1;

  /**
   * The level of two values whose characters cannot be compared (a name in kanji and in Latin
   * letters): like a missing one, it says nothing either way.
   */
  static final int NOT_COMPARABLE = -2;

  private static final BigDecimal AMOUNT_TOLERANCE = new BigDecimal("0.02");
  // compiled once: String.replaceAll compiles it on every call, twice per compared pair
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

  private final List<String> levels;
  private final int firstDisagreeing;

  FieldComparison(List<String> levels) {
    this(levels, levels.size() - 1);
  }

  FieldComparison(List<String> levels, int firstDisagreeing) {
    this.levels = levels;
    this.firstDisagreeing = firstDisagreeing;
  }

  /**
   * The first level at which two values of the same entity disagree: only a change or a typo puts a
   * true match there. Days apart is a disagreement of times, if a weaker one than weeks apart: the
   * same booking's traces are minutes apart, a moved booking's a day or so.
   */
  int firstDisagreeing() {
    return firstDisagreeing;
  }

  static FieldComparison of(FieldType type) {
    return switch (type) {
      case TEXT, NAME -> NAME;
      case INTEGER, MONEY -> AMOUNT;
      case DATETIME, DATE -> TIME;
      case EMAIL -> MAILBOX;
      default -> EXACT;
    };
  }

  List<String> levels() {
    return levels;
  }

  int compare(String a, String b) {
    return compare(prepare(a), prepare(b));
  }

  /**
   * A value worked out once for comparing it with many others (normalised, split into name tokens,
   * parsed as an amount or instant): the u estimate compares each sampled value with 1,500 others.
   *
   * @param trimmed the value without surrounding white space
   * @param normalised {@link #normalised} of the value (exact comparisons)
   * @param name its name tokens (names)
   * @param amount the amount, or null when the value is not a number (amounts)
   * @param instant the instant, or null when the value is not a time (times)
   */
  record Prepared(
      String trimmed,
      String normalised,
      Names.Tokenized name,
      BigDecimal amount,
      Instant instant) {}

  /** {@code value} prepared for this comparison; null when it is missing or blank. */
  Prepared prepare(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    return switch (this) {
      case EXACT, MAILBOX -> new Prepared(trimmed, termKey(value), null, null, null);
      case NAME -> new Prepared(trimmed, null, Names.Tokenized.of(normalised(value)), null, null);
      case AMOUNT -> new Prepared(trimmed, null, null, amount(trimmed), null);
      case TIME, FIRST_SEEN -> new Prepared(trimmed, null, null, null, instant(value));
    };
  }

  /**
   * The level of two values prepared by this comparison; {@link #MISSING} if either is, {@link
   * #NOT_COMPARABLE} for names in different scripts.
   */
  int compare(Prepared a, Prepared b) {
    if (a == null || b == null) {
      return MISSING;
    }
    return switch (this) {
      case EXACT, MAILBOX -> a.normalised().equals(b.normalised()) ? 0 : 1;
      case NAME -> {
        int level = Names.level(a.name(), b.name());
        yield level == Names.NOT_COMPARABLE ? NOT_COMPARABLE : level;
      }
      case AMOUNT ->
          a.amount() == null || b.amount() == null
              ? (a.trimmed().equals(b.trimmed()) ? 0 : 2)
              : amounts(a.amount(), b.amount());
      case TIME, FIRST_SEEN ->
          a.instant() == null || b.instant() == null
              ? (a.trimmed().equals(b.trimmed()) ? 0 : 4)
              : times(a.instant(), b.instant());
    };
  }

  private static BigDecimal amount(String trimmed) {
    try {
      return new BigDecimal(trimmed);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value as counted for term frequencies: equal keys for values this comparison equates. */
  String termKey(String value) {
    return switch (this) {
      case NAME -> String.join(" ", Names.tokens(value));
      case AMOUNT -> {
        BigDecimal amount = amount(value.trim());
        yield amount == null ? value.trim() : amount.stripTrailingZeros().toPlainString();
      }
      case MAILBOX -> LinkKeys.of(FieldType.EMAIL, normalised(value));
      default -> normalised(value);
    };
  }

  static String normalised(String value) {
    return CaseFolding.lower(WHITE_SPACE.matcher(value.trim()).replaceAll(" "));
  }

  private static int amounts(BigDecimal x, BigDecimal y) {
    if (x.compareTo(y) == 0) {
      return 0;
    }
    BigDecimal scale = x.abs().max(y.abs());
    return x.subtract(y).abs().compareTo(scale.multiply(AMOUNT_TOLERANCE)) <= 0 ? 1 : 2;
  }

  private static int times(Instant x, Instant y) {
    long seconds = Math.abs(Duration.between(x, y).getSeconds());
    return seconds < 60
        ? 0
        : seconds <= 3600 ? 1 : seconds <= 86400 ? 2 : seconds <= 7 * 86400 ? 3 : 4;
  }

  /** An instant from ISO text with or without an offset (UTC assumed), or a day; else null. */
  static Instant instant(String text) {
    String trimmed = text.trim();
    LocalDate day = Instants.day(trimmed);
    if (day != null) {
      return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    try {
      return Instants.parse(trimmed);
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
