package dev.salvage.pipeline.importer;

import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a mapping that would write amounts of money in the wrong units. Records carry money as
 * integer minor units (a money field, a Stripe {@code amount}); a column with decimals holds major
 * units. Written as they are, 12345 øre become 12345.00 kroner: a hundredfold error no check of
 * precision or scale can see, since the value fits. Only the catalog knows the column's scale, so
 * this runs at plan, once the target is read.
 */
final class AmountUnits {
  private AmountUnits() {}

  /**
   * Checks every column mapped from a field against the column the catalog describes.
   *
   * @throws TargetMappingException naming each column and field whose units the mapping leaves
   *     unsaid, and how to declare them
   */
  static void check(TargetMapping mapping, TargetSchema schema) throws TargetMappingException {
    List<String> problems = new ArrayList<>();
    for (TableMapping table : mapping.tables()) {
      for (ColumnMapping column : table.columns()) {
        if (column.field() == null || column.lookup() != null) {
          continue;
        }
        TargetSchema.Column described = schema.column(table.table(), column.column());
        String problem = problem(table, column, described);
        if (problem != null) {
          problems.add(
              mapping.file()
                  + ": entities."
                  + table.entity()
                  + ".columns."
                  + column.column()
                  + ": "
                  + problem);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new TargetMappingException(
          String.join("\n", problems)
              + "\nNo plan was written: the units of "
              + problems.size()
              + " amount column(s) are not declared (docs/import.md, Money).");
    }
  }

  private static String problem(
      TableMapping table, ColumnMapping column, TargetSchema.Column described) {
    String name = table.table() + "." + column.column();
    if (column.type() == ColumnType.NUMERIC
        && column.currency() == null
        && column.units() == TargetMapping.Units.UNSAID
        && column.mayHoldMinorUnits()
        // a numeric(p,0) column holds whole numbers, as minor units are; an unbounded numeric may
        // hold decimals like numeric(p,2)
        && (described.scale() == null || described.scale() > 0)) {
      String declare =
          "set currency on the column to write minor units as major units (currency: NOK, its"
              + " ISO 4217 code, or currency: {field: currency}, the record field holding one;"
              + " 12345 -> 123.45)";
      if (column.fieldType() == FieldType.MONEY) {
        return "column "
            + name
            + " is "
            + described.declared()
            + ", which holds amounts with decimals, and field "
            + column.field()
            + " is money in the entity model: integer minor units (12345 for 123.45), which"
            + " written as they are would be 100 times too large (1000 for KWD); "
            + declare;
      }
      String which =
          column.fieldType() == FieldType.INTEGER
              ? "field " + column.field() + " is integer in the entity model"
              : "the run names no entity model (run.config in summary.json) to tell what field "
                  + column.field()
                  + " holds";
      return "column "
          + name
          + " is "
          + described.declared()
          + ", which holds amounts with decimals, and "
          + which
          + ": if it holds minor units (a Stripe amount, a value read with type: money), written"
          + " as they are they would be 100 times too large. Declare which: "
          + declare
          + ", or units: as_is when the field holds the column's own units (450 -> 450.00)";
    }
    if (column.type() == ColumnType.INTEGER
        && column.currency() != null
        && column.fieldType() == null) {
      return "column "
          + name
          + " holds minor units of "
          + column.currency().describe()
          + ", and the run names no entity model (run.config in summary.json) to tell whether"
          + " field "
          + column.field()
          + " holds minor units (written as they are) or amounts in major units (converted);"
          + " plan from a run that names its run config";
    }
    return null;
  }
}
