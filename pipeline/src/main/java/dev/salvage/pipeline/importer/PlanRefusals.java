package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.importer.ImportPlan.Skip;
import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The refusals that stop a whole plan, so that no plan is written: a mistake of the mapping or of
 * the command (an integer key field holding other text, columns written otherwise than the restored
 * rows hold, decimals into integer columns, values that do not fit, an {@code --overwrite} that
 * names no record or writes over nothing) said once, with what to change.
 */
final class PlanRefusals {
  private PlanRefusals() {}

  /** Refuses an {@code --overwrite} naming a record the run does not hold. */
  static void refuseUnknownOverwrites(Set<String> overwrite, List<ReconstructedRecord> records)
      throws ImportRefusedException {
    Set<String> unknown = new java.util.TreeSet<>(overwrite);
    records.forEach(record -> unknown.remove(record.id()));
    if (!unknown.isEmpty()) {
      throw new ImportRefusedException(
          "Cannot plan: --overwrite names "
              + String.join(", ", unknown)
              + ", which the run's review/records.jsonl does not hold (give a record id as"
              + " review and plan show it, e.g. customer:11)");
    }
  }

  /**
   * Stops the plan when a field that gives an integer key ({@code key.field}) holds a value that is
   * not an integer written plainly, in any record of the run the operator has not rejected (with
   * its review edit). A text field may be the key (TargetMapping.fitsKey) only because of this: a
   * record whose id is "A-17" is a sign the field is not the application's number, which no
   * row-by-row refusal would make plain.
   */
  static void checkIntegerKeysFromFields(
      TargetMapping mapping,
      List<ReconstructedRecord> records,
      Map<String, List<Approved>> byEntity,
      List<ReconstructedRecord> rejected)
      throws TargetMappingException {
    Set<String> rejectedIds = new HashSet<>();
    rejected.forEach(record -> rejectedIds.add(record.id()));
    Map<String, Map<String, String>> approved = new HashMap<>();
    byEntity.values().forEach(list -> list.forEach(a -> approved.put(a.record().id(), a.values())));
    for (TableMapping table : mapping.tables()) {
      if (table.keyFromField() == null || table.keyType() != ColumnType.INTEGER) {
        continue;
      }
      for (ReconstructedRecord record : records) {
        if (!record.entity().equals(table.entity()) || rejectedIds.contains(record.id())) {
          continue;
        }
        Map<String, String> values = approved.get(record.id());
        String value;
        if (values != null) {
          value = values.get(table.keyField());
        } else {
          var field = record.fields().get(table.keyField());
          value = field == null ? null : field.value();
        }
        String problem = value == null ? null : TargetMapping.notPlainInteger(value);
        if (problem != null) {
          throw new TargetMappingException(
              "Cannot use field "
                  + table.keyField()
                  + " of "
                  + table.entity()
                  + " "
                  + record.id()
                  + " as the integer key "
                  + table.table()
                  + "."
                  + table.keyColumn()
                  + ": "
                  + problem
                  + ". key.field takes a field as the key only when every value the run holds for"
                  + " it is an integer written plainly; edit "
                  + table.keyField()
                  + " of "
                  + record.id()
                  + " or reject it in salvage review, or remove key.field from "
                  + mapping.file()
                  + " (the database then assigns the ids). No plan was written.");
        }
      }
    }
  }

  /**
   * Refuses the plan when the target mapping would write columns otherwise than the rows restored
   * from the backup hold the same values ({@link RestoredRowsCheck}).
   */
  static void refuseUnlikeRestored(TargetMapping mapping, List<String> unlikeRestored)
      throws TargetMappingException {
    if (!unlikeRestored.isEmpty()) {
      throw new TargetMappingException(
          unlikeRestored.stream()
                  .map(line -> mapping.file() + ": " + line)
                  .collect(java.util.stream.Collectors.joining("\n"))
              + "\nNo plan was written: the target mapping would write "
              + unlikeRestored.size()
              + " column(s) otherwise than the rows restored from the backup hold the same values"
              + " (docs/import.md, Checked against the restored rows).");
    }
  }

  /** Refuses decimal amounts mapped to integer columns, by column with examples. */
  static void refuseDecimalsInIntegers(
      TargetMapping mapping, Map<String, List<String>> decimalsInIntegers)
      throws TargetMappingException {
    if (!decimalsInIntegers.isEmpty()) {
      List<String> problems = new ArrayList<>();
      decimalsInIntegers.forEach(
          (column, examples) ->
              problems.add(
                  mapping.file()
                      + ": "
                      + column
                      + " ("
                      + String.join(", ", examples.subList(0, Math.min(3, examples.size())))
                      + (examples.size() > 3 ? ", ... " + examples.size() + " in all" : "")
                      + "); an integer column cannot hold them without rounding. If they are"
                      + " amounts in major units and the column holds minor units (cents, øre),"
                      + " set currency on the column (currency: NOK, or {field: currency}) to"
                      + " convert them (450.00 -> 45000)"));
      throw new TargetMappingException(
          String.join("\n", problems)
              + "\nNo plan was written: decimal amounts mapped to integer column(s).");
    }
  }

  /** Refuses values that do not fit the target's columns: the first 20, and how many more. */
  static void refuseUnfit(List<String> unfit) throws ImportRefusedException {
    if (!unfit.isEmpty()) {
      int shown = Math.min(unfit.size(), 20);
      throw new ImportRefusedException(
          String.join("\n", unfit.subList(0, shown))
              + (shown < unfit.size() ? "\n... and " + (unfit.size() - shown) + " more" : "")
              + "\nNo plan was written: "
              + unfit.size()
              + " value(s) do not fit the target's columns. Edit or reject these records in"
              + " salvage review, or change the target mapping.");
    }
  }

  /**
   * Refuses an {@code --overwrite} of a record whose plan writes over nothing, naming why: an
   * outside trial's {@code --overwrite} of a record kept out exited 0 and changed nothing, said
   * nowhere, while a misspelt id was refused, so the operator took it as honoured.
   */
  static void refuseOverwritingNothing(Set<String> overwrite, List<Step> steps, List<Skip> skipped)
      throws ImportRefusedException {
    List<String> unused = new ArrayList<>();
    for (String id : new java.util.TreeSet<>(overwrite)) {
      if (steps.stream().anyMatch(step -> step.record().equals(id) && step.overwritten() != null)) {
        continue;
      }
      String why =
          steps.stream()
              .filter(step -> step.record().equals(id))
              .findFirst()
              .map(
                  step ->
                      step.insert()
                          ? "its record is planned as an insert, over no row"
                          : "its record's update writes over no change the application made"
                              + " since the backup")
              .orElseGet(
                  () ->
                      skipped.stream()
                          .filter(skip -> skip.record().equals(id))
                          .findFirst()
                          .map(skip -> "its record is kept out: " + skip.reason())
                          .orElse("no table of the target mapping takes its record"));
      unused.add(id + ", whose plan writes over nothing: " + why);
    }
    if (!unused.isEmpty()) {
      throw new ImportRefusedException(
          "Cannot plan: --overwrite names "
              + String.join("; and ", unused)
              + "\nNo plan was written: --overwrite writes a record's values over a row holding"
              + " others, where an approved change's column holds what the application changed"
              + " since the backup, or where a row is present with other values and may be this"
              + " record's (never a row plainly another's); plan without it");
    }
  }
}
