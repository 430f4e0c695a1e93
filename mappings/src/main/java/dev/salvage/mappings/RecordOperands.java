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

  RecordOperands(Business business) {
    this.business = business;
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
