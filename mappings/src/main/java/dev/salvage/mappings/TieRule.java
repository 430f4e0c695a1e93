package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/**
 * How a tie between equally new claims is broken (an entity's {@code ties}): the evidence whose
 * claim of {@code field} is preferred wins every field it claims. A vehicle swap cancels one
 * calendar event and creates another at the same instant; {@code {field: status, prefer:
 * [confirmed, cancelled]}} lets the new event win.
 *
 * @param field the field whose claims are compared
 * @param prefer its values, most preferred first; empty for a numeric order
 * @param highest for a numeric order: whether the highest value wins (else the lowest)
 */
public record TieRule(String field, List<String> prefer, boolean highest) {
  public TieRule {
    requireNonNull(field, "field");
    prefer = List.copyOf(prefer);
  }

  /**
   * Orders two claims of the field: positive when {@code a} is preferred over {@code b}, negative
   * when {@code b} is, 0 when the rule cannot tell (equal, or neither preferred). A missing claim
   * (null) loses to any preferred one.
   */
  public int compare(String a, String b) {
    if (prefer.isEmpty()) {
      BigDecimal x = a == null ? null : Numbers.parse(a);
      BigDecimal y = b == null ? null : Numbers.parse(b);
      if (x == null || y == null) {
        return x != null ? 1 : y != null ? -1 : 0;
      }
      return highest ? x.compareTo(y) : y.compareTo(x);
    }
    int x = rank(a);
    int y = rank(b);
    return Integer.compare(y, x);
  }

  /**
   * Says which rule it is and how it ranks values, for the record's reasons. It names the rule as a
   * tie rule on its field because it decides every field of the evidence it prefers: "by status
   * precedence" in a reason about {@code car_id} read as a source precedence of some field applied
   * to another.
   */
  public String describe() {
    return "the tie rule on "
        + field
        + (prefer.isEmpty()
            ? " (" + (highest ? "highest" : "lowest") + " wins)"
            : " (" + String.join(" > ", prefer) + ")");
  }

  private int rank(String value) {
    int rank = value == null ? -1 : prefer.indexOf(value);
    return rank < 0 ? prefer.size() : rank;
  }
}
