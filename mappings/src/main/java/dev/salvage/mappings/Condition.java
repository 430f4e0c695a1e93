package dev.salvage.mappings;

import dev.salvage.connectors.io.CaseFolding;
import dev.salvage.mappings.Yaml.ListNode;
import dev.salvage.mappings.Yaml.Node;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A test from a {@code when} (see mappings/README.md, Conditions): on a record being mapped, or on
 * an entity's merged fields (a {@code derive} rule). Compiled when the file loads.
 */
sealed interface Condition<C extends Subject> {
  Set<String> TEXT_TESTS = Set.of("equals", "contains", "matches", "exists", "in");
  Set<String> TIME_TESTS = Set.of("before", "after");
  Set<String> NUMBER_TESTS = Set.of("above", "below");
  Set<String> GROUPS = Set.of("any", "all", "not");

  /** Tests comparing the value with another place's in the same record (or entity). */
  Set<String> PLACE_TESTS = Set.of("equals_field", "above_field", "below_field");

  /**
   * Whether the condition holds.
   *
   * @throws ValueException when a value it compares as a time or a number is not one
   */
  boolean test(C subject) throws ValueException;

  /** Adds the names of the moments ({@code backup_time}, {@code as_of}) this condition uses. */
  void anchors(Set<String> into);

  /** Whether every condition holds (true for none). */
  static <C extends Subject> boolean all(List<Condition<C>> conditions, C subject)
      throws ValueException {
    for (Condition<C> condition : conditions) {
      if (!condition.test(subject)) {
        return false;
      }
    }
    return true;
  }

  /** The moments the conditions use. */
  static Set<String> anchorsOf(List<? extends Condition<?>> conditions) {
    Set<String> anchors = new HashSet<>();
    conditions.forEach(condition -> condition.anchors(anchors));
    return anchors;
  }

  /** Reads a {@code when}: one condition or a list of them, all of which must hold. */
  static <C extends Subject> List<Condition<C>> parseAll(
      Section parent, String key, String where, Operand.Factory<C> operands)
      throws MappingException {
    Node node = parent.node(key);
    if (node == null) {
      return List.of();
    }
    List<Node> items = node instanceof ListNode list ? list.items() : List.of(node);
    List<Condition<C>> conditions = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      conditions.add(
          parse(parent.child(where + ", " + key + "[" + i + "]", items.get(i)), operands));
    }
    return List.copyOf(conditions);
  }

  static <C extends Subject> Condition<C> parse(Section spec, Operand.Factory<C> operands)
      throws MappingException {
    Set<String> tests = new HashSet<>(TEXT_TESTS);
    tests.addAll(TIME_TESTS);
    tests.addAll(NUMBER_TESTS);
    tests.addAll(PLACE_TESTS);
    Set<String> allowed = new HashSet<>(operands.keys());
    allowed.addAll(tests);
    allowed.addAll(GROUPS);
    allowed.add("ignore_case");
    spec.allowOnly(allowed);
    List<String> given =
        spec.keys().stream().filter(k -> tests.contains(k) || GROUPS.contains(k)).toList();
    if (given.size() != 1) {
      throw spec.error(
          null,
          "a condition needs exactly one of equals, contains, matches, exists, in, before, after,"
              + " above, below, equals_field, above_field, below_field, any, all, not; found "
              + (given.isEmpty() ? "none" : String.join(", ", given)));
    }
    String test = given.get(0);
    if (GROUPS.contains(test)) {
      if (spec.keys().size() != 1) {
        throw spec.error(test, "stands alone; put the other keys in the conditions under it");
      }
      return switch (test) {
        case "any" -> new Any<>(parseAll(spec, "any", spec.where(), operands));
        case "all" -> new All<>(parseAll(spec, "all", spec.where(), operands));
        default -> new Not<>(parse(spec.child(spec.where() + ", not", spec.node("not")), operands));
      };
    }
    boolean timed = TIME_TESTS.contains(test);
    Operand<C> operand = operands.operand(spec, timed);
    if (spec.has("ignore_case") && !Set.of("equals", "contains", "matches", "in").contains(test)) {
      throw spec.error("ignore_case", "does not apply to " + test);
    }
    boolean ignoreCase = spec.flag("ignore_case", false);
    if (PLACE_TESTS.contains(test)) {
      // the other place is read as the first is, without its narrowing (css, json_ld)
      Operand<C> other = operands.operand(spec.valueAs(test, operands.placeKey()), false);
      return new ComparePlaces<>(
          operand,
          other,
          switch (test) {
            case "equals_field" -> Relation.EQUALS;
            case "above_field" -> Relation.ABOVE;
            default -> Relation.BELOW;
          });
    }
    if (test.equals("exists")) {
      return new Exists<>(operand, spec.flag("exists", true));
    }
    if (timed) {
      TimeExpression moment;
      try {
        moment = TimeExpression.parse(spec.text(test));
      } catch (IllegalArgumentException e) {
        throw spec.error(test, e.getMessage());
      }
      return new Moment<>(operand, test.equals("before"), moment);
    }
    if (NUMBER_TESTS.contains(test)) {
      BigDecimal bound = Numbers.parse(spec.text(test));
      if (bound == null) {
        throw spec.error(test, "\"" + spec.text(test) + "\" is not a number");
      }
      return new Compare<>(operand, test.equals("below"), bound);
    }
    Predicate<String> predicate =
        switch (test) {
          case "equals" -> equalsTest(spec.text("equals"), ignoreCase);
          case "contains" -> containsTest(spec.text("contains"), ignoreCase);
          case "matches" ->
              Locator.compileRegex(
                      spec,
                      "matches",
                      spec.text("matches"),
                      ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                  .asPredicate();
          default -> inTest(spec, ignoreCase);
        };
    return new Test<>(operand, predicate);
  }

  private static Predicate<String> equalsTest(String expected, boolean ignoreCase) {
    String trimmed = expected.strip();
    if (!ignoreCase) {
      return trimmed::equals;
    }
    String folded = CaseFolding.caseless(trimmed);
    return value -> folded.equals(CaseFolding.caseless(value));
  }

  private static Predicate<String> containsTest(String needle, boolean ignoreCase) {
    if (!ignoreCase) {
      return value -> value.contains(needle);
    }
    // folded as equals and in fold: Locale.ROOT wrote İ as i + U+0307, which then held no "i"
    String folded = CaseFolding.caseless(needle);
    return value -> CaseFolding.caseless(value).contains(folded);
  }

  private static Predicate<String> inTest(Section spec, boolean ignoreCase)
      throws MappingException {
    List<String> values = spec.texts("in");
    if (values.isEmpty()) {
      throw spec.error("in", "needs at least one value");
    }
    Set<String> set = new HashSet<>();
    for (String value : values) {
      set.add(ignoreCase ? CaseFolding.caseless(value.strip()) : value.strip());
    }
    return ignoreCase ? value -> set.contains(CaseFolding.caseless(value)) : set::contains;
  }

  /** Holds when a value found passes a text test (any element, for an array). */
  record Test<C extends Subject>(Operand<C> operand, Predicate<String> predicate)
      implements Condition<C> {
    @Override
    public boolean test(C subject) {
      return operand.visit(subject, predicate);
    }

    @Override
    public void anchors(Set<String> into) {}
  }

  /** Holds when a non-empty value is (or, with {@code exists: false}, is not) found. */
  record Exists<C extends Subject>(Operand<C> operand, boolean expected) implements Condition<C> {
    @Override
    public boolean test(C subject) {
      return operand.visit(subject, value -> true) == expected;
    }

    @Override
    public void anchors(Set<String> into) {}
  }

  /** {@code before} / {@code after}: a value found, read as a moment, compared with one. */
  record Moment<C extends Subject>(Operand<C> operand, boolean before, TimeExpression moment)
      implements Condition<C> {
    @Override
    public boolean test(C subject) throws ValueException {
      Instant bound = moment.at(subject.anchors());
      return visitChecked(
          operand,
          subject,
          value -> {
            Instant at = operand.instant(value, subject);
            return before ? at.isBefore(bound) : at.isAfter(bound);
          });
    }

    @Override
    public void anchors(Set<String> into) {
      if (moment.anchor() != null) {
        into.add(moment.anchor());
      }
    }
  }

  /** {@code above} / {@code below}: a value found, read as a number, compared with one. */
  record Compare<C extends Subject>(Operand<C> operand, boolean below, BigDecimal bound)
      implements Condition<C> {
    @Override
    public boolean test(C subject) throws ValueException {
      return visitChecked(
          operand,
          subject,
          value -> {
            BigDecimal number = Numbers.parse(value);
            if (number == null) {
              throw new ValueException(
                  Texts.quote(value) + " (" + operand.description() + ") is not a number");
            }
            int order = number.compareTo(bound);
            return below ? order < 0 : order > 0;
          });
    }

    @Override
    public void anchors(Set<String> into) {}
  }

  /** How {@link ComparePlaces} compares its two values. */
  enum Relation {
    /** The same number (12 and 12.00), or the same text. */
    EQUALS,
    /** The first number is greater. */
    ABOVE,
    /** The first number is less. */
    BELOW
  }

  /**
   * {@code equals_field}, {@code above_field}, {@code below_field}: a value found compared with one
   * found at another place of the same record or entity (a charge's {@code amount_refunded} with
   * its {@code amount}: a full refund or a partial one). Either not found: the condition does not
   * hold. Any value of each, for arrays.
   */
  record ComparePlaces<C extends Subject>(Operand<C> operand, Operand<C> other, Relation relation)
      implements Condition<C> {
    @Override
    public boolean test(C subject) throws ValueException {
      return visitChecked(
          operand,
          subject,
          value -> visitChecked(other, subject, otherValue -> holds(value, otherValue)));
    }

    private boolean holds(String value, String otherValue) throws ValueException {
      BigDecimal number = Numbers.parse(value.strip());
      BigDecimal otherNumber = Numbers.parse(otherValue.strip());
      if (relation == Relation.EQUALS) {
        return number != null && otherNumber != null
            ? number.compareTo(otherNumber) == 0
            : value.strip().equals(otherValue.strip());
      }
      if (number == null || otherNumber == null) {
        throw new ValueException(
            Texts.quote(number == null ? value : otherValue)
                + " ("
                + (number == null ? operand : other).description()
                + ") is not a number");
      }
      int order = number.compareTo(otherNumber);
      return relation == Relation.BELOW ? order < 0 : order > 0;
    }

    @Override
    public void anchors(Set<String> into) {}
  }

  record Any<C extends Subject>(List<Condition<C>> conditions) implements Condition<C> {
    @Override
    public boolean test(C subject) throws ValueException {
      for (Condition<C> condition : conditions) {
        if (condition.test(subject)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void anchors(Set<String> into) {
      conditions.forEach(condition -> condition.anchors(into));
    }
  }

  record All<C extends Subject>(List<Condition<C>> conditions) implements Condition<C> {
    @Override
    public boolean test(C subject) throws ValueException {
      return Condition.all(conditions, subject);
    }

    @Override
    public void anchors(Set<String> into) {
      conditions.forEach(condition -> condition.anchors(into));
    }
  }

  record Not<C extends Subject>(Condition<C> condition) implements Condition<C> {
    @Override
    public boolean test(C subject) throws ValueException {
      return !condition.test(subject);
    }

    @Override
    public void anchors(Set<String> into) {
      condition.anchors(into);
    }
  }

  /** A test of one value that may find it is not a time or number. */
  interface CheckedTest {
    boolean holds(String value) throws ValueException;
  }

  /** {@link Operand#visit} with a test that may throw: the first failure is rethrown. */
  private static <C extends Subject> boolean visitChecked(
      Operand<C> operand, C subject, CheckedTest test) throws ValueException {
    ValueException[] failure = new ValueException[1];
    boolean held =
        operand.visit(
            subject,
            value -> {
              try {
                return test.holds(value);
              } catch (ValueException e) {
                failure[0] = e;
                return true;
              }
            });
    if (failure[0] != null) {
      throw failure[0];
    }
    return held;
  }
}
