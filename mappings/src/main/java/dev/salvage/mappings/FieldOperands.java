package dev.salvage.mappings;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The operands of conditions on an entity's merged fields ({@code field: return_at}): the field's
 * canonical value. {@code before}/{@code after} need a {@code datetime} or {@code date} field; a
 * date is compared from the start of its day in the business zone.
 */
final class FieldOperands implements Operand.Factory<EntityFields> {
  private final Map<String, FieldType> fields;
  private final Set<String> read = new java.util.TreeSet<>();

  FieldOperands(Map<String, FieldType> fields) {
    this.fields = fields;
  }

  /** The fields the operands made so far read. */
  Set<String> read() {
    return read;
  }

  @Override
  public String placeKey() {
    return "field";
  }

  @Override
  public Set<String> keys() {
    return Set.of("field");
  }

  @Override
  public Operand<EntityFields> operand(Section spec, boolean timed) throws MappingException {
    String field = spec.text("field");
    FieldType type = fields.get(field);
    if (type == null) {
      throw spec.error(
          "field",
          "\""
              + field
              + "\" is not a field of this entity; its fields: "
              + String.join(", ", fields.keySet()));
    }
    if (timed && type != FieldType.DATETIME && type != FieldType.DATE) {
      throw spec.error(
          "field", "before and after compare times; " + field + " is " + type.yamlName());
    }
    read.add(field);
    return new FieldOperand(field, type);
  }

  private record FieldOperand(String field, FieldType type) implements Operand<EntityFields> {
    @Override
    public boolean visit(EntityFields subject, Predicate<String> visitor) {
      String value = subject.values().get(field);
      return value != null && !Texts.isBlank(value) && visitor.test(value);
    }

    @Override
    public Instant instant(String value, EntityFields subject) throws ValueException {
      try {
        return type == FieldType.DATE
            ? LocalDate.parse(value).atStartOfDay(subject.zone()).toInstant()
            : Instant.parse(value);
      } catch (DateTimeException e) {
        throw new ValueException(Texts.quote(value) + " (field " + field + ") is not a time");
      }
    }

    @Override
    public String description() {
      return "field " + field;
    }
  }
}
