package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.KeptOut.quoted;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.ImportPlan.Value;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A table's lookup columns and the parent rows they find: the target's rows whose match value a
 * record names (live ones, ignoring case, as apply's lookup finds them), the parents this plan
 * inserts or renames, and why a record finds none, several, or one it must not take.
 */
final class ParentLookups {
  private final Connection connection;
  private final Dialect dialect;
  private final TableMapping table;
  private final Map<String, Set<String>> plannedNaturals;
  private final List<RestoredTable> restoredTables;
  private final Map<String, Map<String, String>> parentsHeldOtherwise;
  private final Map<String, Map<String, String>> editedParents;
  private final Map<String, Map<String, String>> rejectedParents;
  private final List<Step> steps;

  /**
   * @param plannedNaturals the natural keys each table gets from the steps planned so far
   * @param parentsHeldOtherwise the tables planned so far: inserts kept out for a row that may be
   *     another record's, by lowered natural key
   * @param steps the steps planned so far, parents first
   */
  ParentLookups(
      Connection connection,
      Dialect dialect,
      TableMapping table,
      Map<String, Set<String>> plannedNaturals,
      List<RestoredTable> restoredTables,
      Map<String, Map<String, String>> parentsHeldOtherwise,
      Map<String, Map<String, String>> editedParents,
      Map<String, Map<String, String>> rejectedParents,
      List<Step> steps) {
    this.connection = connection;
    this.dialect = dialect;
    this.table = table;
    this.plannedNaturals = plannedNaturals;
    this.restoredTables = restoredTables;
    this.parentsHeldOtherwise = parentsHeldOtherwise;
    this.editedParents = editedParents;
    this.rejectedParents = rejectedParents;
    this.steps = steps;
  }

  /**
   * A lookup column's parent rows: by lower-cased natural key, each row's match value as stored and
   * its take value; and the natural keys (lower-cased) planned for the parent table.
   */
  record Parents(
      Map<String, List<List<String>>> present,
      Set<String> planned,
      Map<String, List<List<String>>> softDeleted,
      Map<String, ChangedParent> changedSinceBackup,
      MailboxSpellings spelledOtherwise) {}

  /**
   * The parent row the backup's key names, whose match value the application changed since the
   * restore: where it is, and the value it holds now.
   */
  private record ChangedParent(String where, String now) {}

  /**
   * For each lookup column, the parent rows whose match column is one of the records' values
   * ignoring case (as apply's {@code lower(match) = lower(?)} finds them), and those planned.
   */
  Map<String, Parents> parents(List<Approved> approved) throws SQLException {
    Map<String, Parents> found = new HashMap<>();
    for (ColumnMapping mapped : table.columns()) {
      if (mapped.lookup() == null) {
        continue;
      }
      List<ColumnMapping> choices = mapped.lookupChoices();
      for (int i = 0; i < choices.size(); i++) {
        ColumnMapping column = choices.get(i);
        found.put(
            choiceKey(column),
            parents(
                mapped,
                column,
                approved,
                i == 0 || mapped.alternatives().get(i - 1).findsPlanned()));
      }
    }
    return found;
  }

  /** Where {@link #parents} keeps a column's parents as one alternative finds them. */
  private static String choiceKey(ColumnMapping resolved) {
    return resolved.column() + "\n" + resolved.field();
  }

  /**
   * The parent rows one alternative of a lookup column finds for the records it decides for.
   *
   * @param mapped the column as mapped, which decides which alternative each record takes
   * @param column that alternative
   * @param findsPlanned whether its match column is the natural key parents planned in this import
   *     are known by; else the planned steps' values of that column are
   */
  private Parents parents(
      ColumnMapping mapped, ColumnMapping column, List<Approved> approved, boolean findsPlanned)
      throws SQLException {
    Set<String> wanted = new LinkedHashSet<>();
    for (Approved record : approved) {
      ColumnMapping resolved = mapped.resolvedFor(record.values());
      String value = record.values().get(resolved.field());
      if (value != null && resolved.field().equals(column.field())) {
        wanted.add(value);
      }
    }
    Set<String> planned = new HashSet<>();
    for (String natural :
        findsPlanned
            ? plannedNaturals.getOrDefault(column.lookup().table(), Set.<String>of())
            : plannedValues(column.lookup())) {
      planned.add(natural.toLowerCase(Locale.ROOT));
    }
    Map<String, List<List<String>>> softDeleted = new HashMap<>();
    Map<String, List<List<String>>> present = liveParentRows(column, wanted, softDeleted);
    Set<String> missing = new LinkedHashSet<>();
    for (String value : wanted) {
      String lowered = value.toLowerCase(Locale.ROOT);
      if (!present.containsKey(lowered) && !planned.contains(lowered)) {
        missing.add(lowered);
      }
    }
    Set<String> unfound = new LinkedHashSet<>(missing);
    unfound.removeAll(softDeleted.keySet());
    return new Parents(
        present,
        planned,
        softDeleted,
        changedParentRows(column, missing),
        unfound.isEmpty() || !MailboxSpellings.byMailbox(mapped)
            ? MailboxSpellings.none()
            : MailboxSpellings.read(
                connection,
                dialect,
                column.lookup().table(),
                column.lookup().match(),
                column.lookup().take(),
                column.type(),
                column.lookup().softDelete(),
                unfound));
  }

  /**
   * The values the steps planned so far write to {@code lookup}'s match column of its table: a
   * later alternative matching a column other than the parent's natural key (a guest's
   * channel_email) finds at apply the parent this plan inserts or changes, as the natural key's
   * lookup does, since apply's lookup runs after the parent's step in the same transaction.
   */
  private Set<String> plannedValues(TargetMapping.Lookup lookup) {
    Set<String> values = new HashSet<>();
    for (Step step : steps) {
      if (!sameTableName(step.table(), lookup.table())) {
        continue;
      }
      for (Value written : step.values()) {
        if (written.column().equals(lookup.match())
            && written.lookup() == null
            && written.value() != null) {
          values.add(written.value());
        }
      }
    }
    return values;
  }

  /**
   * For lookup values no parent row holds, the row the backup's key names when that row now holds
   * another match value (the application changed a customer's email since the restore), said as
   * where the child's owner is: by lower-cased value. The backup's row is found through the run's
   * records read from it.
   */
  private Map<String, ChangedParent> changedParentRows(ColumnMapping column, Set<String> missing)
      throws SQLException {
    if (missing.isEmpty()) {
      return Map.of();
    }
    TargetMapping.Lookup lookup = column.lookup();
    Map<String, ChangedParent> found = new HashMap<>();
    for (RestoredTable parent : restoredTables) {
      if (!sameTableName(parent.table().table(), lookup.table())) {
        continue;
      }
      String matchField = null;
      for (ColumnMapping parentColumn : parent.table().columns()) {
        if (parentColumn.column().equals(lookup.match()) && parentColumn.lookup() == null) {
          matchField = parentColumn.field();
        }
      }
      if (matchField == null) {
        continue;
      }
      String prefix = parent.table().entity() + ":";
      Map<String, String> keyOf = new HashMap<>();
      for (ReconstructedRecord record : parent.records()) {
        String backupValue = record.backup().get(matchField);
        if (backupValue == null
            || !missing.contains(backupValue.toLowerCase(Locale.ROOT))
            || !record.id().startsWith(prefix)) {
          continue;
        }
        try {
          keyOf.put(
              backupValue.toLowerCase(Locale.ROOT),
              parent.table().keyType().canonical(record.id().substring(prefix.length())));
        } catch (IllegalArgumentException e) {
          // not a key of the parent's table: nothing to point at
        }
      }
      if (keyOf.isEmpty()) {
        continue;
      }
      Map<String, List<String>> rows =
          Rows.read(
              connection,
              dialect,
              parent.table().table(),
              parent.table().keyColumn(),
              parent.table().keyType(),
              List.of(new Rows.Column(lookup.match(), ColumnType.TEXT, null)),
              keyOf.values(),
              false);
      keyOf.forEach(
          (value, key) -> {
            List<String> row = rows.get(key);
            if (row != null && row.get(0) != null && !row.get(0).equalsIgnoreCase(value)) {
              found.put(
                  value,
                  new ChangedParent(
                      parent.table().table() + "." + parent.table().keyColumn() + " = " + key,
                      row.get(0)));
            }
          });
    }
    return found;
  }

  /**
   * As {@link #parentRows}, leaving out the rows the parent's {@code soft_delete} marks deleted
   * (the application hides them: an order must not get a deleted customer as its owner), which go
   * to {@code softDeleted} with the mark's value last.
   */
  private Map<String, List<List<String>>> liveParentRows(
      ColumnMapping column, Set<String> wanted, Map<String, List<List<String>>> softDeleted)
      throws SQLException {
    String mark = column.lookup().softDelete();
    if (mark == null) {
      return parentRows(column, wanted);
    }
    Map<String, List<List<String>>> all =
        Rows.readAllIgnoringCase(
            connection,
            dialect,
            column.lookup().table(),
            column.lookup().match(),
            List.of(
                new Rows.Column(column.lookup().take(), column.type(), null),
                new Rows.Column(mark, ColumnType.TEXT, null)),
            wanted);
    Map<String, List<List<String>>> live = new HashMap<>();
    all.forEach(
        (match, rows) -> {
          for (List<String> row : rows) {
            if (row.get(2) == null) {
              live.computeIfAbsent(match, m -> new ArrayList<>()).add(row.subList(0, 2));
            } else {
              softDeleted.computeIfAbsent(match, m -> new ArrayList<>()).add(row);
            }
          }
        });
    return live;
  }

  Map<String, List<List<String>>> parentRows(ColumnMapping column, Set<String> wanted)
      throws SQLException {
    return Rows.readAllIgnoringCase(
        connection,
        dialect,
        column.lookup().table(),
        column.lookup().match(),
        List.of(new Rows.Column(column.lookup().take(), column.type(), null)),
        wanted);
  }

  /** Why a lookup of {@code value} finds no single parent row, or null when it finds one. */
  String missingParent(Approved record, ColumnMapping mapped, Map<String, Parents> parents) {
    ColumnMapping column = mapped.resolvedFor(record.values());
    String value = record.values().get(column.field());
    if (value == null) {
      return null;
    }
    Parents found = parents.get(choiceKey(column));
    String lowered = value.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, Map<String, String>> parent : parentsHeldOtherwise.entrySet()) {
      String keptOut =
          sameTableName(parent.getKey(), column.lookup().table())
              ? parent.getValue().get(lowered)
              : null;
      if (keptOut != null) {
        // the row the lookup finds may be another record's (a customer given the parent's
        // email after the backup was restored): a child pointed at it would be silently wrong
        return keptOut
            + "; this record is kept out with it, since "
            + table.table()
            + "."
            + column.column()
            + " would take the "
            + column.lookup().table()
            + " row with "
            + column.lookup().match()
            + " = "
            + value
            + " (ignoring case) that the parent may not be";
      }
    }
    List<List<String>> rows = found.present().getOrDefault(lowered, List.of());
    if (rows.size() > 1) {
      return ambiguousParent(column, value, rows);
    }
    if (!rows.isEmpty() || found.planned().contains(lowered)) {
      return null;
    }
    List<List<String>> deleted = found.softDeleted().getOrDefault(lowered, List.of());
    if (!deleted.isEmpty()) {
      return KeptOut.SOFT_DELETED
          + "the "
          + column.lookup().table()
          + " row with "
          + column.lookup().match()
          + " = "
          + deleted.get(0).get(0)
          + " (for "
          + table.table()
          + "."
          + column.column()
          + ") has "
          + column.lookup().softDelete()
          + " = "
          + deleted.get(0).get(2)
          + ", and no live row has that "
          + column.lookup().match()
          + ": the application deleted it and hides it, and would hide this "
          + table.entity()
          + "'s owner too; nothing is written for this record: restore the row in the"
          + " application or reject the record";
    }
    String edited = null;
    for (Map.Entry<String, Map<String, String>> parent : editedParents.entrySet()) {
      if (sameTableName(parent.getKey(), column.lookup().table())) {
        edited = parent.getValue().get(lowered);
      }
    }
    String missing =
        "missing parent: no "
            + column.lookup().table()
            + " row with "
            + column.lookup().match()
            + " = "
            + value
            + " (ignoring case, for "
            + table.table()
            + "."
            + column.column()
            + "), and none planned";
    ChangedParent changed = found.changedSinceBackup().get(lowered);
    if (changed != null) {
      // the owner's row is there under the backup's key with a match value the application
      // changed since the restore: the lookup cannot find it, an edit of this record can
      return missing
          + ": the backup's "
          + column.lookup().table()
          + " row with "
          + column.lookup().match()
          + " = "
          + value
          + " is "
          + changed.where()
          + ", which now holds "
          + column.lookup().match()
          + " = "
          + quoted(changed.now())
          + " (the application changed it since the backup was restored); if that row is this "
          + table.entity()
          + "'s owner, edit this record's "
          + column.field()
          + " to "
          + quoted(changed.now())
          + " in salvage review and plan again";
    }
    List<MailboxSpellings.Held> spelt = found.spelledOtherwise().otherSpellings(value);
    if (!spelt.isEmpty() && edited == null) {
      // the owner may be there under another spelling of the mailbox (re-created by the
      // application after the restore): the operator can attach the record to it by an edit
      return missing
          + ": "
          + MailboxSpellings.named(
              column.lookup().table(), column.lookup().take(), column.lookup().match(), spelt)
          + ", the mailbox "
          + MailboxSpellings.mailboxOf(value)
          + " that "
          + quoted(value)
          + " delivers to too; if that row is this "
          + table.entity()
          + "'s owner, edit this record's "
          + column.field()
          + " to "
          + quoted(spelt.get(0).stored())
          + " in salvage review and plan again; if the address is another person's (a +tag on a"
          + " host other than Gmail may be), add the owner in the application";
    }
    String rejected = null;
    for (Map.Entry<String, Map<String, String>> parent : rejectedParents.entrySet()) {
      if (sameTableName(parent.getKey(), column.lookup().table())) {
        rejected = parent.getValue().get(lowered);
      }
    }
    return missing
        + (edited == null
            ? ""
            : ": "
                + edited
                + "; edit this record's "
                + column.field()
                + " the same way in salvage review")
        + (rejected == null || edited != null
            ? ""
            : ": "
                + rejected
                + "; approve the parent in salvage review, or reject this record too");
  }

  /**
   * Several parent rows differ only in case ({@code a@x} and {@code A@x}): the lookup would pick
   * one of them arbitrarily (and apply's subquery would fail), so the record is skipped naming
   * them.
   */
  String ambiguousParent(ColumnMapping column, String value, List<List<String>> rows) {
    List<String> named = new ArrayList<>();
    rows.stream()
        .sorted(
            Comparator.<List<String>, String>comparing(row -> row.get(0))
                .thenComparing(row -> String.valueOf(row.get(1))))
        .forEach(
            row ->
                named.add(
                    column.lookup().take()
                        + " = "
                        + row.get(1)
                        + " ("
                        + column.lookup().match()
                        + " = "
                        + row.get(0)
                        + ")"));
    return "ambiguous parent: "
        + column.lookup().table()
        + " rows "
        + String.join(" and ", named)
        + " all match "
        + column.lookup().match()
        + " = "
        + value
        + " ignoring case (for "
        + table.table()
        + "."
        + column.column()
        + "); make the "
        + column.lookup().match()
        + " values differ by more than case and plan again";
  }

  /**
   * The key of the parent row an update planned before this table's gives {@code value} as its
   * match value (a customer's email changed by this plan), as that step names the row; null when no
   * planned update does. A child's lookup of {@code value} finds that row at apply.
   */
  String renamedParent(ColumnMapping column, String value) {
    TargetMapping.Lookup lookup = column.lookup();
    String found = null;
    for (Step step : steps) {
      if (step.insert() || !sameTableName(step.table(), lookup.table())) {
        continue;
      }
      for (Value written : step.values()) {
        if (written.column().equals(lookup.match())
            && written.value() != null
            && written.value().equalsIgnoreCase(value)) {
          if (found != null && !found.equals(step.key())) {
            return null; // two rows given one value: the lookup would not find one
          }
          found = step.key();
        }
      }
    }
    return found;
  }

  /** Whether two mapping spellings of a table, one with its schema perhaps, are one table. */
  private static boolean sameTableName(String a, String b) {
    return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
  }
}
