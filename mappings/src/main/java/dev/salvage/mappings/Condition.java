package dev.salvage.mappings;

import dev.salvage.mappings.Yaml.ListNode;
import dev.salvage.mappings.Yaml.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A test on a record, from a rule's {@code when} (see mappings/README.md, Conditions). */
sealed interface Condition {
  Set<String> TESTS = Set.of("equals", "contains", "matches", "exists", "in");
  Set<String> GROUPS = Set.of("any", "all", "not");

  boolean test(RecordContext context);

  /** Whether every condition holds (true for none). */
  static boolean all(List<Condition> conditions, RecordContext context) {
    for (Condition condition : conditions) {
      if (!condition.test(context)) {
        return false;
      }
    }
    return true;
  }

  /** Reads a {@code when}: one condition or a list of them, all of which must hold. */
  static List<Condition> parseAll(Section parent, String key, String where)
      throws MappingException {
    Node node = parent.node(key);
    if (node == null) {
      return List.of();
    }
    List<Node> items = node instanceof ListNode list ? list.items() : List.of(node);
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      conditions.add(parse(parent.child(where + ", " + key + "[" + i + "]", items.get(i))));
    }
    return List.copyOf(conditions);
  }

  static Condition parse(Section spec) throws MappingException {
    Set<String> allowed = new HashSet<>(Locator.KEYS);
    allowed.removeAll(Set.of("const", "regex"));
    allowed.addAll(TESTS);
    allowed.addAll(GROUPS);
    allowed.add("ignore_case");
    spec.allowOnly(allowed);
    List<String> given =
        spec.keys().stream().filter(k -> TESTS.contains(k) || GROUPS.contains(k)).toList();
    if (given.size() != 1) {
      throw spec.error(
          null,
          "a condition needs exactly one of equals, contains, matches, exists, in, any, all, not;"
              + " found "
              + (given.isEmpty() ? "none" : String.join(", ", given)));
    }
    String test = given.get(0);
    if (GROUPS.contains(test)) {
      if (spec.keys().size() != 1) {
        throw spec.error(test, "stands alone; put the other keys in the conditions under it");
      }
      return switch (test) {
        case "any" -> new Any(parseAll(spec, "any", spec.where()));
        case "all" -> new All(parseAll(spec, "all", spec.where()));
        default -> new Not(parse(spec.child(spec.where() + ", not", spec.node("not"))));
      };
    }
    Locator locator = Locator.forCondition(spec);
    boolean ignoreCase = spec.flag("ignore_case", false);
    if (test.equals("exists")) {
      if (spec.has("ignore_case")) {
        throw spec.error("ignore_case", "does not apply to exists");
      }
      return new Exists(locator, spec.flag("exists", true));
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
    return new Test(locator, predicate);
  }

  private static Predicate<String> equalsTest(String expected, boolean ignoreCase) {
    String trimmed = expected.strip();
    return ignoreCase ? trimmed::equalsIgnoreCase : trimmed::equals;
  }

  private static Predicate<String> containsTest(String needle, boolean ignoreCase) {
    if (!ignoreCase) {
      return value -> value.contains(needle);
    }
    String lower = needle.toLowerCase(Locale.ROOT);
    return value -> value.toLowerCase(Locale.ROOT).contains(lower);
  }

  private static Predicate<String> inTest(Section spec, boolean ignoreCase)
      throws MappingException {
    List<String> values = spec.texts("in");
    if (values.isEmpty()) {
      throw spec.error("in", "needs at least one value");
    }
    Set<String> set = new HashSet<>();
    for (String value : values) {
      set.add(ignoreCase ? value.strip().toLowerCase(Locale.ROOT) : value.strip());
    }
    return ignoreCase ? value -> set.contains(value.toLowerCase(Locale.ROOT)) : set::contains;
  }

  /** Holds when the located value passes the test (any element, for an array). */
  record Test(Locator locator, Predicate<String> predicate) implements Condition {
    @Override
    public boolean test(RecordContext context) {
      return locator.visit(context, predicate);
    }
  }

  /** Holds when a non-empty value is (or, with {@code exists: false}, is not) found. */
  record Exists(Locator locator, boolean expected) implements Condition {
    @Override
    public boolean test(RecordContext context) {
      return (locator.first(context) != null) == expected;
    }
  }

  record Any(List<Condition> conditions) implements Condition {
    @Override
    public boolean test(RecordContext context) {
      for (Condition condition : conditions) {
        if (condition.test(context)) {
          return true;
        }
      }
      return false;
    }
  }

  record All(List<Condition> conditions) implements Condition {
    @Override
    public boolean test(RecordContext context) {
      return Condition.all(conditions, context);
    }
  }

  record Not(Condition condition) implements Condition {
    @Override
    public boolean test(RecordContext context) {
      return !condition.test(context);
    }
  }
}
