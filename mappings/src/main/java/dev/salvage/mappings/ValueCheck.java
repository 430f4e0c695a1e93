package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One plausibility rule on a field's value, declared in the entity model's {@code checks}: a bound
 * ({@code min: 0} on an amount) or an ordering with another field of the entity ({@code after:
 * check_in} on a departure, {@code at_most: total_cents} on the payments' sum). The merge never
 * lets a claim that breaks a bound win over one that keeps it, and flags a record whose values
 * still break a check; the value is never dropped.
 *
 * @param field the field checked
 * @param kind the rule
 * @param operand a bound in the field's canonical form, or the other field's name for an ordering
 * @param written the operand as the entity model writes it (a money bound in major units)
 */
public record ValueCheck(String field, Kind kind, String operand, String written)
    implements Serializable {
  /** The rules a check can declare, by their name in the entity model. */
  public enum Kind {
    MIN("min"),
    MAX("max"),
    AFTER("after"),
    NOT_BEFORE("not_before"),
    AT_MOST("at_most"),
    AT_LEAST("at_least"),
    EQUALS("equals");

    private final String yamlName;

    Kind(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }

    /** Whether the rule compares the field with another field rather than with a bound. */
    public boolean ordering() {
      return this != MIN && this != MAX;
    }

    /**
     * Whether the rule compares two amounts or counts only ({@code paid_cents at_most
     * total_cents}): a sum of payments against a price, where a date has no meaning.
     */
    public boolean amounts() {
      return this == AT_MOST || this == AT_LEAST || this == EQUALS;
    }
  }

  public ValueCheck {
    requireNonNull(field, "field");
    requireNonNull(kind, "kind");
    requireNonNull(operand, "operand");
    requireNonNull(written, "written");
  }

  /**
   * Whether {@code value} keeps this check, {@code other} being the value of the field an ordering
   * names (ignored by a bound). A value that is missing or cannot be read as {@code type} keeps it:
   * a check judges plausibility, not form, which the value's type already did.
   */
  public boolean keeps(FieldType type, String value, String other) {
    Integer order = compare(type, value, kind.ordering() ? other : operand);
    if (order == null) {
      return true;
    }
    return switch (kind) {
      case MIN, NOT_BEFORE, AT_LEAST -> order >= 0;
      case MAX, AT_MOST -> order <= 0;
      case AFTER -> order > 0;
      case EQUALS -> order == 0;
    };
  }

  /** The check as the entity model writes it: {@code min 0}, {@code after check_in}. */
  public String describe() {
    return kind.yamlName() + " " + written;
  }

  /**
   * The order of two canonical values of {@code type}: negative, zero or positive; null when either
   * is missing or unreadable, or the type has no order.
   */
  static Integer compare(FieldType type, String a, String b) {
    if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
      return null;
    }
    try {
      return switch (type) {
        case INTEGER, MONEY -> new BigInteger(a.strip()).compareTo(new BigInteger(b.strip()));
        case DATETIME -> Instant.parse(a).compareTo(Instant.parse(b));
        case DATE -> LocalDate.parse(a).compareTo(LocalDate.parse(b));
        default -> null;
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }

  /** Whether fields of {@code type} have an order a check can use. */
  static boolean ordered(FieldType type) {
    return type == FieldType.INTEGER
        || type == FieldType.MONEY
        || type == FieldType.DATETIME
        || type == FieldType.DATE;
  }
}
