package dev.salvage.mappings;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A moment written in a rule: {@code backup_time}, {@code as_of} or an ISO-8601 instant with an
 * offset, optionally plus or minus an ISO-8601 duration ({@code backup_time - P1D}, {@code as_of +
 * PT6H}). Compiled when the mapping loads; evaluated against the run's {@link TimeAnchors}.
 */
final class TimeExpression {
  static final String BACKUP_TIME = "backup_time";
  static final String AS_OF = "as_of";
  static final Set<String> ANCHORS = Set.of(BACKUP_TIME, AS_OF);

  private static final Pattern SHAPE = Pattern.compile("\\s*(\\S+)\\s*(?:([+-])\\s*(\\S+))?\\s*");

  private final String text;
  private final String anchor;
  private final Instant fixed;
  private final Duration offset;

  private TimeExpression(String text, String anchor, Instant fixed, Duration offset) {
    this.text = text;
    this.anchor = anchor;
    this.fixed = fixed;
    this.offset = offset;
  }

  /**
   * Compiles {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static TimeExpression parse(String text) {
    Matcher matcher = SHAPE.matcher(text == null ? "" : text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(usage(text));
    }
    String base = matcher.group(1);
    String anchor = ANCHORS.contains(base) ? base : null;
    Instant fixed = null;
    if (anchor == null) {
      try {
        fixed = OffsetDateTime.parse(base).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(usage(text));
      }
    }
    Duration offset = Duration.ZERO;
    if (matcher.group(2) != null) {
      try {
        offset = Duration.parse(matcher.group(3));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "\""
                + matcher.group(3)
                + "\" is not an ISO-8601 duration of days, hours, minutes or seconds (P1D, PT6H,"
                + " P1DT12H)");
      }
      if (matcher.group(2).equals("-")) {
        offset = offset.negated();
      }
    }
    return new TimeExpression(text.strip(), anchor, fixed, offset);
  }

  private static String usage(String text) {
    return "\""
        + text
        + "\" is not a moment: write backup_time, as_of or an ISO-8601 instant with an offset,"
        + " optionally followed by + or - and a duration (backup_time - P1D)";
  }

  /** The anchor this expression starts from, or null for a fixed instant. */
  String anchor() {
    return anchor;
  }

  /**
   * The moment this expression names in a run with {@code anchors}.
   *
   * @throws ValueException when the anchor it needs is unknown
   */
  Instant at(TimeAnchors anchors) throws ValueException {
    Instant base = fixed;
    if (anchor != null) {
      base = anchors.named(anchor);
      if (base == null) {
        throw new ValueException(
            anchor
                + " is not known here"
                + (anchor.equals(BACKUP_TIME) ? " (no backup is configured)" : ""));
      }
    }
    try {
      return base.plus(offset);
    } catch (DateTimeException | ArithmeticException e) {
      throw new ValueException(text + " is out of range");
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
