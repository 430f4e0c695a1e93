package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.KeptOut.quoted;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.importer.ImportPlan.Skip;
import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.ImportPlan.Value;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.Generated;
import dev.salvage.pipeline.importer.TargetMapping.When;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans a table's updates of rows by key, each change guarded by the row's before-image; a change
 * over a value the application changed since the backup is kept out unless --overwrite names the
 * record.
 */
final class UpdatePlanner {
  private final TablePlanner planner;

  /**
   * @param planner the table being planned, whose steps and skips this adds to
   */
  UpdatePlanner(TablePlanner planner) {
    this.planner = planner;
  }

  /**
   * Plans the updates of rows by key: the backup's rows, whose record's changes and edits are
   * written, or ({@code own}) rows an earlier apply inserted, to which every field of the record is
   * evidence as it was for the insert.
   */
  void planUpdates(
      Map<String, Approved> updates,
      Map<String, ParentLookups.Parents> parents,
      Map<String, OwnRow> own)
      throws SQLException {
    List<Rows.Column> guarded = new ArrayList<>();
    List<ColumnMapping> guardedMappings = new ArrayList<>();
    for (ColumnMapping column : planner.table.columns()) {
      if (column.constant() == null && column.generated() != Generated.FIRST_EVIDENCE) {
        guarded.add(
            new Rows.Column(
                column.column(), planner.columnValues.planType(column), column.lookup()));
        guardedMappings.add(column);
      }
    }
    if (planner.table.softDelete() != null) {
      // read last, past the mapped columns: a row the application deleted is never updated
      guarded.add(new Rows.Column(planner.table.softDelete(), ColumnType.TEXT, null));
    }
    Map<String, List<String>> current = planner.rowsByKey(guarded, updates.keySet());
    Map<String, Map<String, String[]>> rewrites =
        OwnInserts.rewrites(
            planner.connection, planner.dialect, planner.table.table(), updates.keySet());
    Map<String, Map<String, OwnInserts.Update>> salvaged =
        OwnInserts.updates(
            planner.connection, planner.dialect, planner.table.table(), updates.keySet());
    Map<Integer, Map<String, List<List<String>>>> currentParents =
        currentParents(guardedMappings, current);
    Map<String, List<String>> heldKeys = heldKeys(guardedMappings, updates.keySet());
    Map<String, Map<String, String>> throughAlternatives =
        throughAlternatives(guardedMappings, updates.keySet());
    List<Step> planned = new ArrayList<>();
    for (Map.Entry<String, Approved> entry : updates.entrySet()) {
      Approved record = entry.getValue();
      List<String> before = current.get(entry.getKey());
      if (before == null) {
        planner.skip(
            record,
            "row "
                + planner.table.table()
                + "."
                + planner.table.keyColumn()
                + " = "
                + entry.getKey()
                + " not found in the target");
        continue;
      }
      String deletedAt = planner.table.softDelete() == null ? null : before.get(guarded.size() - 1);
      if (deletedAt != null) {
        planner.skip(
            record,
            KeptOut.SOFT_DELETED
                + planner.table.table()
                + "."
                + planner.table.keyColumn()
                + " = "
                + entry.getKey()
                + " has "
                + planner.table.softDelete()
                + " = "
                + deletedAt
                + ": the application deleted it and hides it; nothing is written for this record"
                + " (an update would change a row nobody sees): restore it in the application or"
                + " reject the record");
        continue;
      }
      OwnRow ownRow = own.get(entry.getKey());
      Set<String> fields = new HashSet<>(record.edited());
      record.record().changes().forEach(change -> fields.add(change.field()));
      if (ownRow != null) {
        fields.addAll(record.values().keySet());
      }
      List<Value> values = new ArrayList<>();
      List<Value> guards = new ArrayList<>();
      List<String> rewritten = new ArrayList<>();
      List<String> overwritten = new ArrayList<>();
      List<String> corrected = new ArrayList<>();
      String correctedAt = null;
      String problem = null;
      int lookupAt = -1;
      for (int i = 0; i < guardedMappings.size(); i++) {
        ColumnMapping mapped = guardedMappings.get(i);
        // the lookup alternative the record's fields decide: the row's foreign key is compared
        // as read back through it (the parent's channel_email, not its email)
        ColumnMapping column = mapped.resolvedFor(record.values());
        String old =
            column == mapped
                ? before.get(i)
                : throughAlternatives
                    .getOrDefault(entry.getKey(), Map.of())
                    .get(alternativeKey(column));
        String heldKey = null;
        if (column.lookup() != null) {
          lookupAt++;
          List<String> held = heldKeys.get(entry.getKey());
          heldKey = held == null ? null : held.get(lookupAt);
        }
        guards.add(
            new Value(
                mapped.column(),
                planner.columnValues.planType(mapped),
                before.get(i),
                null,
                mapped.lookup(),
                null,
                planner.columnValues.wallTimeZone(column)));
        if (column.when() != When.ALWAYS || !fields.contains(column.field())) {
          continue;
        }
        String value = record.values().get(column.field());
        if (value == null) {
          continue; // an update never clears a value
        }
        if (column.lookup() != null) {
          problem = planner.lookups.missingParent(record, column, parents);
          if (problem != null) {
            break;
          }
        } else {
          value = planner.columnValues.fitted(record, column, value);
          if (value == null) {
            problem = "does not fit the target";
            break;
          }
        }
        // a foreign key reads back as its parent's match value as stored (Noel@Example.com),
        // which the lookup finds ignoring case: no change merely from case
        // a phone stored in another style (+39 349 618 7766 for +393496187766) is the same
        // number: no UPDATE only to restyle it
        boolean same = planner.columnValues.sameValue(column, value, old);
        if (!same
            && heldKey != null
            && heldKey.equals(planner.lookups.renamedParent(column, value))) {
          // the row's parent is the one this plan gives the record's value (the customer's new
          // email, planned above): the same parent before and after, no change
          same = true;
        }
        String[] rewrite =
            same ? null : rewrites.getOrDefault(entry.getKey(), Map.of()).get(column.column());
        if (rewrite != null
            && planner.columnValues.sameValue(column, value, rewrite[0])
            && planner.columnValues.sameValue(column, old, rewrite[1])) {
          // the last apply wrote this value and the database stored the row's: again would be
          // the same, and an UPDATE planned on every plan
          same = true;
          rewritten.add(
              planner.table.table()
                  + "."
                  + column.column()
                  + " not written again: the last apply wrote "
                  + planner.columnValues.planType(column).literal(value, planner.dialect)
                  + " and the database stored "
                  + planner.columnValues.planType(column).literal(old, planner.dialect)
                  + ", which the row holds (a trigger or rule rewrites it)");
        }
        if (!same && old != null && column.lookup() != null) {
          List<List<String>> rows =
              (column == mapped
                      ? currentParents.get(i)
                      : planner.lookups.parentRows(column, Set.of(old)))
                  .getOrDefault(old.toLowerCase(Locale.ROOT), List.of());
          if (rows.size() > 1) {
            problem = planner.lookups.ambiguousParent(column, old, rows);
            break;
          }
        }
        if (!same && ownRow != null && ownRow.overwriting()) {
          // the operator's --overwrite of a row present with other values is the approval
          overwritten.add(
              planner.table.table()
                  + "."
                  + column.column()
                  + " held "
                  + quoted(old)
                  + ", written over with "
                  + quoted(value)
                  + " (--overwrite of a row present with other values)");
        }
        OwnInserts.Update update =
            salvaged.getOrDefault(entry.getKey(), Map.of()).get(column.column());
        if (!same && ownRow == null && salvagedOwn(column, old, update)) {
          correctedAt = correctedAt == null ? update.appliedAt() : correctedAt;
          corrected.add(
              planner.table.table()
                  + "."
                  + column.column()
                  + " holds "
                  + quoted(old)
                  + ", which "
                  + (update.appliedAt().equals(correctedAt)
                      ? "that apply"
                      : "the apply of " + update.appliedAt())
                  + " wrote (changing it from "
                  + quoted(update.before())
                  + ") and nobody changed since");
        }
        if (!same && ownRow == null) {
          String changed = changedSinceBackup(record, column, entry.getKey(), old, update);
          if (changed != null && !planner.overwrite.contains(record.record().id())) {
            problem = changed;
            break;
          }
          if (changed != null) {
            // the operator's --overwrite is the approval; plan.sql keeps what it wrote over
            overwritten.add(
                planner.table.table()
                    + "."
                    + column.column()
                    + " held "
                    + quoted(old)
                    + ", the application's change since the backup, written over with "
                    + quoted(value)
                    + " (--overwrite)");
          }
        }
        if (!same) {
          values.add(
              new Value(
                  column.column(),
                  planner.columnValues.planType(column),
                  value,
                  old,
                  column.lookup(),
                  null,
                  planner.columnValues.wallTimeZone(column),
                  null,
                  heldKey));
        }
      }
      if (problem != null) {
        planner.skip(record, problem);
        continue;
      }
      if (planner.table.softDelete() != null) {
        // apply refuses should the application delete the row between plan and apply
        guards.add(
            new Value(planner.table.softDelete(), ColumnType.TEXT, null, null, null, null, null));
      }
      rewritten.forEach(line -> planner.notWrittenAgain.add(record.record().id() + ": " + line));
      if (values.isEmpty() && !rewritten.isEmpty()) {
        planner.skip(
            record,
            KeptOut.ALREADY_UP_TO_DATE
                + planner.table.table()
                + "."
                + planner.table.keyColumn()
                + " = "
                + entry.getKey()
                + " has the approved values as the database stores them: "
                + String.join("; ", rewritten));
        continue;
      }
      if (values.isEmpty() && ownRow != null) {
        planner.skip(record, ownRow.otherwise());
        continue;
      }
      if (values.isEmpty()) {
        planner.skip(
            record,
            KeptOut.ALREADY_UP_TO_DATE
                + planner.table.table()
                + "."
                + planner.table.keyColumn()
                + " = "
                + entry.getKey()
                + " has the approved values");
        continue;
      }
      for (int i = 0; i < guardedMappings.size(); i++) {
        ColumnMapping column = guardedMappings.get(i);
        if (column.when() == When.TOUCH) {
          values.add(
              new Value(
                  column.column(),
                  planner.columnValues.planType(column),
                  null,
                  before.get(i),
                  null,
                  Boolean.TRUE,
                  planner.columnValues.wallTimeZone(column)));
        }
      }
      planned.add(
          new Step(
              "update",
              record.record().id(),
              planner.table.table(),
              planner.table.keyColumn(),
              planner.table.keyType(),
              entry.getKey(),
              null,
              null,
              values,
              guards,
              planner.evidence(record.record()),
              null,
              ownRow != null
                  ? ownRow.salvaged()
                  : corrected.isEmpty()
                      ? null
                      : "corrects Salvage's own earlier apply of "
                          + correctedAt
                          + ": "
                          + String.join("; ", corrected),
              overwritten.isEmpty() ? null : overwritten,
              null));
    }
    add(planned);
  }

  /**
   * The parents the rows point at now, by the index of each lookup column in {@code guarded}: a
   * changed foreign key's guard (and undo) finds its before-image by the parent's match value
   * ignoring case, which must name one row.
   */
  private Map<Integer, Map<String, List<List<String>>>> currentParents(
      List<ColumnMapping> guardedMappings, Map<String, List<String>> current) throws SQLException {
    Map<Integer, Map<String, List<List<String>>>> currentParents = new HashMap<>();
    for (int i = 0; i < guardedMappings.size(); i++) {
      if (guardedMappings.get(i).lookup() != null) {
        Set<String> olds = new LinkedHashSet<>();
        for (List<String> row : current.values()) {
          if (row.get(i) != null) {
            olds.add(row.get(i));
          }
        }
        currentParents.put(i, planner.lookups.parentRows(guardedMappings.get(i), olds));
      }
    }
    return currentParents;
  }

  /**
   * The lookup columns with alternatives read back through each later alternative, by row key and
   * {@link #alternativeKey}: an update decided by one compares the row's parent by that
   * alternative's match column.
   */
  private Map<String, Map<String, String>> throughAlternatives(
      List<ColumnMapping> guardedMappings, Collection<String> keys) throws SQLException {
    List<Rows.Column> read = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ColumnMapping column : guardedMappings) {
      List<ColumnMapping> choices = column.lookupChoices();
      for (ColumnMapping choice : choices.subList(1, choices.size())) {
        read.add(
            new Rows.Column(
                choice.column(), planner.columnValues.planType(choice), choice.lookup()));
        names.add(alternativeKey(choice));
      }
    }
    if (read.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, String>> found = new HashMap<>();
    planner
        .rowsByKey(read, keys)
        .forEach(
            (key, row) -> {
              Map<String, String> values = new HashMap<>();
              for (int i = 0; i < names.size(); i++) {
                values.put(names.get(i), row.get(i));
              }
              found.put(key, values);
            });
    return found;
  }

  private static String alternativeKey(ColumnMapping choice) {
    return choice.column() + "\n" + choice.field();
  }

  /**
   * The keys the lookup columns hold, as stored, by row key: a changed foreign key's guard and
   * undo.sql compare and restore the key itself, not the parent's match value, which this plan may
   * change in an earlier step (the parent's new email).
   */
  private Map<String, List<String>> heldKeys(
      List<ColumnMapping> guardedMappings, Collection<String> keys) throws SQLException {
    List<Rows.Column> lookupColumns = new ArrayList<>();
    for (ColumnMapping column : guardedMappings) {
      if (column.lookup() != null) {
        lookupColumns.add(
            new Rows.Column(column.column(), planner.columnValues.planType(column), null));
      }
    }
    return lookupColumns.isEmpty() ? Map.of() : planner.rowsByKey(lookupColumns, keys);
  }

  /**
   * Adds the planned updates to the plan, but those the database would refuse at apply, which are
   * kept out with why; a natural key an update writes is one children may find their parent by.
   */
  private void add(List<Step> planned) throws SQLException {
    Map<String, String> checkRefusals = planner.refusedByTarget(planned);
    for (Step step : planned) {
      String refusal = checkRefusals.get(step.record());
      if (refusal != null) {
        planner.skipped.add(new Skip(step.record(), planner.table.entity(), refusal));
        continue;
      }
      for (Value value : step.values()) {
        if (value.column().equals(planner.table.naturalKey())) {
          // children found by the new natural key (a changed email) resolve to this row
          planner
              .plannedNaturals
              .computeIfAbsent(planner.table.table(), t -> new HashSet<>())
              .add(value.value());
        }
      }
      planner.steps.add(step);
    }
  }

  /**
   * Why an approved change cannot be written because the row no longer holds the value the change
   * starts from (the backup's): the application changed it after the backup was restored, and the
   * reviewer approved a change from another value. Null when the row holds it.
   *
   * @param salvaged an earlier apply's update of this column, or null: then the change since the
   *     backup began with Salvage's own, and the message says so as it does of a row Salvage
   *     inserted, without offering --overwrite (it would undo the later change too)
   */
  private String changedSinceBackup(
      Approved record,
      ColumnMapping column,
      String key,
      String stored,
      OwnInserts.Update salvaged) {
    if (salvagedOwn(column, stored, salvaged)) {
      return null; // the row holds what Salvage's own apply wrote: nobody changed it since
    }
    if (record.edited().contains(column.field())) {
      return editedSinceBackup(record, column, key, stored);
    }
    for (ReconstructedRecord.Change change : record.record().changes()) {
      if (!change.field().equals(column.field())) {
        continue;
      }
      // compared as the column holds it (a money field in units, a word of the column's
      // vocabulary, a wall time in the column's zone), as the change's new value is
      UpdateRows.Before known = UpdateRows.Before.of(record, change);
      if (known == null) {
        return null; // what the row held is not known: nothing to compare
      }
      String before = known.value();
      if (before != null && column.lookup() == null) {
        before =
            planner.columnValues.quietlyFitted(
                new Approved(record.record(), record.record().backup(), Set.of()), column, before);
        if (before == null) {
          return null; // the backup's value does not fit the column: nothing to compare
        }
      }
      if (!planner.columnValues.sameValue(column, before, stored) && salvaged != null) {
        return KeptOut.CHANGED_SINCE_IMPORT
            + salvaged.appliedAt()
            + " updated it: "
            + planner.table.table()
            + "."
            + planner.table.keyColumn()
            + " = "
            + key
            + ": "
            + planner.table.table()
            + "."
            + column.column()
            + " holds "
            + quoted(stored)
            + ": Salvage's apply of "
            + salvaged.appliedAt()
            + " changed it from "
            + quoted(salvaged.before())
            + " to "
            + quoted(salvaged.after())
            + ", and the application or a person changed it since; nothing is written for this"
            + " record (the evidence may be older than that change): approving it in salvage"
            + " review changes nothing; check the row in the application and correct it there,"
            + " or reject the record";
      }
      if (!planner.columnValues.sameValue(column, before, stored)) {
        return heldSinceBackup(column, key, stored, known.value())
            + " that the approved change to "
            + planner.columnValues.shown(column, change.after())
            + " starts from: the application changed it since, and nothing is written for"
            + " this record (correct the row in the application, or plan with --overwrite "
            + record.record().id()
            + " to write the change over it)";
      }
    }
    return null;
  }

  /**
   * Whether a column still holds the value an earlier apply's audited update wrote into it: no one
   * changed it since, so later evidence about the record may correct Salvage's own value as it may
   * a row Salvage inserted (an outside trial's two late cancellations stayed "returned", blamed on
   * "the application or a person").
   */
  private boolean salvagedOwn(ColumnMapping column, String stored, OwnInserts.Update salvaged) {
    return salvaged != null
        && salvaged.after() != null
        && planner.columnValues.sameValue(column, salvaged.after(), stored);
  }

  /** How a kept-out record's reason names a row's column that holds other than the backup. */
  private String heldSinceBackup(
      ColumnMapping column, String key, String stored, String backupValue) {
    return KeptOut.PRESENT_OTHERWISE
        + planner.table.table()
        + "."
        + planner.table.keyColumn()
        + " = "
        + key
        + ": "
        + planner.table.table()
        + "."
        + column.column()
        + planner.columnValues.wallTimeNote(column)
        + " holds "
        + quoted(stored)
        + ", not the backup's "
        + planner.columnValues.shown(column, backupValue);
  }

  /**
   * Why a review edit cannot be written because the row holds neither the backup's value nor the
   * record's: the application changed it after the backup was restored, and review showed the
   * operator the record's value, not the row's (an outside trial's edited pitch overwrote the
   * staff's move of the stay to another). Null when the row holds one of them, or the record holds
   * no backup values to tell.
   */
  private String editedSinceBackup(
      Approved record, ColumnMapping column, String key, String stored) {
    Map<String, String> backup = record.record().backup();
    if (backup == null || backup.isEmpty()) {
      return null; // what the row held is not known: the operator's value is all there is
    }
    String backupValue = backup.get(column.field());
    ReconstructedRecord.FieldValue found = record.record().fields().get(column.field());
    String recordValue = found == null ? null : found.value();
    for (String known : java.util.Arrays.asList(backupValue, recordValue)) {
      String held = known;
      if (held != null && column.lookup() == null) {
        held =
            planner.columnValues.quietlyFitted(
                new Approved(record.record(), backup, Set.of()), column, held);
        if (held == null) {
          return null; // the backup's or record's value does not fit the column: nothing to tell
        }
      }
      if (planner.columnValues.sameValue(column, held, stored)) {
        return null;
      }
    }
    return heldSinceBackup(column, key, stored, backupValue)
        + (Objects.equals(recordValue, backupValue)
            ? ""
            : " nor the record's " + planner.columnValues.shown(column, recordValue))
        + ", and the edit of "
        + column.field()
        + " to "
        + planner.columnValues.shown(column, record.values().get(column.field()))
        + " in review was made over the record's value: the application changed the row since"
        + " the backup, and the edit would overwrite that change unseen; nothing is written for"
        + " this record (check the row in the application: to keep its value, edit "
        + column.field()
        + " to "
        + quoted(stored)
        + " in salvage review; to write the edit over it, plan with --overwrite "
        + record.record().id()
        + ")";
  }
}
