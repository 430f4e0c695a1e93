package dev.salvage.mappings;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The operands of conditions on records: a {@code path} narrowed by {@code css} or {@code json_ld};
 * for {@code before}/{@code after}, read as a date-time with the condition's own {@code format},
 * {@code zone} and {@code locale} (as an extractor's, default ISO-8601 and the business zone).
 */
final class RecordOperands implements Operand.Factory<RecordContext> {
  private static final List<String> TIME_KEYS = List.of("format", "zone", "locale");

  private final Business business;
  // the kind of record the rule reads, whose shape its paths are checked against; null for none
  private final String kind;

  RecordOperands(Business business) {
    this(business, null);
  }

  private RecordOperands(Business business, String kind) {
    this.business = business;
    this.kind = kind;
  }

  /** The same operands, checking their paths against the shape of {@code kind}'s records. */
  RecordOperands forKind(String kind) {
    return new RecordOperands(business, kind);
  }

  @Override
  public String placeKey() {
    return "path";
  }

  @Override
  public Set<String> keys() {
    Set<String> keys = new HashSet<>(Locator.KEYS);
    keys.removeAll(Set.of("const", "regex"));
    keys.addAll(TIME_KEYS);
    return keys;
  }

  @Override
  public Operand<RecordContext> operand(Section spec, boolean timed) throws MappingException {
    Locator locator = Locator.forCondition(spec);
    String path = spec.optionalText("path");
    java.util.Optional<String> problem = RecordShapes.problem(kind, path);
    if (problem.isPresent()) {
      throw spec.error("path", problem.get());
    }
    for (String test : List.of("equals", "in")) {
      List<String> values =
          !spec.has(test)
              ? List.of()
              : test.equals("in") ? spec.texts(test) : List.of(spec.text(test));
      for (String value : values) {
        java.util.Optional<String> address = RecordShapes.addressProblem(kind, path, value);
        if (address.isPresent()) {
          throw spec.error(test, address.get());
        }
      }
    }
    if (!timed) {
      for (String key : TIME_KEYS) {
        if (spec.has(key)) {
          throw spec.error(key, "applies only to before and after");
        }
      }
      return new RecordOperand(locator, null);
    }
    return new RecordOperand(
        locator, ValueTypes.temporal(spec, FieldType.DATETIME, business, null));
  }

  private record RecordOperand(Locator locator, ValueType time) implements Operand<RecordContext> {
    @Override
    public boolean visit(RecordContext subject, Predicate<String> visitor) {
      return locator.visit(subject, visitor);
    }

    @Override
    public Instant instant(String value, RecordContext subject) throws ValueException {
      try {
        return Instant.parse(time.canonical(value, subject));
      } catch (ValueException e) {
        throw new ValueException(e.getMessage() + " (" + locator.description() + ")");
      }
    }

    @Override
    public String description() {
      return locator.description();
    }
  }
}
