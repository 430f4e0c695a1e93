package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.KeptOut.clipped;
import static dev.salvage.pipeline.importer.KeptOut.quoted;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.importer.ImportPlan.Skip;
import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.ImportPlan.Value;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.Generated;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import dev.salvage.pipeline.importer.TargetMapping.When;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Plans the rows of one table. */
final class TablePlanner {
  private final Connection connection;
  private final Dialect dialect;
  private final TargetSchema schema;
  private final TableMapping table;
  private final Map<ColumnMapping, PhoneFormat> phones;
  private final Map<String, Set<String>> plannedNaturals;
  private final List<Step> steps;
  private final List<Skip> skipped;
  private final List<String> unfit;
  private final Map<String, List<String>> decimalsInIntegers;
  private final List<ImportPlan.KeyColumn> keyColumns;
  private final List<ImportPlan.UnkeptIds> unkeptIds;
  private final List<ImportPlan.ColumnDefault> columnDefaults;
  private final List<String> notWrittenAgain;
  private final Map<String, Map<String, String>> editedParents;
  private final Map<String, Map<String, String>> rejectedParents;
  private final Map<String, Map<String, String>> parentsHeldOtherwise;
  private final List<RestoredTable> restoredTables;
  private final Set<String> overwrite;
  private final ColumnValues columnValues;
  private final ParentLookups lookups;
  private final InsertKeys keys;
  private final RowComparison comparison;
  // read when the table's rows are planned
  private CheckConstraints checks;
  private UniqueIndexes uniques;
  private ForeignKeys foreignKeys;

  TablePlanner(
      Connection connection,
      Dialect dialect,
      TargetSchema schema,
      TableMapping table,
      Map<ColumnMapping, PhoneFormat> phones,
      Map<String, Set<String>> plannedNaturals,
      List<Step> steps,
      List<Skip> skipped,
      List<String> unfit,
      Map<String, List<String>> decimalsInIntegers,
      List<ImportPlan.KeyColumn> keyColumns,
      List<ImportPlan.UnkeptIds> unkeptIds,
      List<ImportPlan.ColumnDefault> columnDefaults,
      List<String> notWrittenAgain,
      Map<String, Map<String, String>> editedParents,
      Map<String, Map<String, String>> rejectedParents,
      Map<String, Map<String, String>> parentsHeldOtherwise,
      List<RestoredTable> restoredTables,
      Set<String> overwrite) {
    this.parentsHeldOtherwise = parentsHeldOtherwise;
    this.restoredTables = restoredTables;
    this.overwrite = overwrite;
    this.notWrittenAgain = notWrittenAgain;
    this.editedParents = editedParents;
    this.rejectedParents = rejectedParents;
    this.connection = connection;
    this.dialect = dialect;
    this.schema = schema;
    this.table = table;
    this.phones = phones;
    this.plannedNaturals = plannedNaturals;
    this.steps = steps;
    this.skipped = skipped;
    this.unfit = unfit;
    this.decimalsInIntegers = decimalsInIntegers;
    this.keyColumns = keyColumns;
    this.unkeptIds = unkeptIds;
    this.columnDefaults = columnDefaults;
    this.columnValues = new ColumnValues(schema, dialect, table, phones, unfit, decimalsInIntegers);
    this.comparison = new RowComparison(table, phones, columnValues);
    this.keys = new InsertKeys(connection, dialect, schema, table, unkeptIds);
    this.lookups =
        new ParentLookups(
            connection,
            dialect,
            table,
            plannedNaturals,
            restoredTables,
            parentsHeldOtherwise,
            editedParents,
            rejectedParents,
            steps);
  }

  /**
   * The columns that hold the record's own facts, beside its natural key: what tells a row that is
   * the record from another row under the same key.
   */
  private List<ColumnMapping> factColumns() {
    List<ColumnMapping> facts = new ArrayList<>();
    for (ColumnMapping column : table.columns()) {
      if (column.field() != null
          && column.when() != When.TOUCH
          && !table.inNaturalKey(column.column())) {
        facts.add(column);
      }
    }
    return facts;
  }

  void plan(List<Approved> approved) throws SQLException {
    List<Approved> inserts = new ArrayList<>();
    Map<Approved, String> byBackupKey = new LinkedHashMap<>();
    Map<Approved, String> unkeyed = new LinkedHashMap<>();
    for (Approved record : approved) {
      if (record.record().backupRef() == null && record.record().action() != Action.UPDATED) {
        inserts.add(record);
        continue;
      }
      String prefix = table.entity() + ":";
      String id =
          record.record().id().startsWith(prefix)
              ? record.record().id().substring(prefix.length())
              : null;
      String key;
      try {
        key = table.keyType().canonical(id);
      } catch (IllegalArgumentException e) {
        key = null;
      }
      if (key == null) {
        // the backup's key and the target's differ in kind (integer ids restored into a table
        // keyed by uuid): the natural key may still find the row; else say what was found and
        // what the column takes
        unkeyed.put(
            record,
            "its id "
                + record.record().id()
                + " does not name a "
                + table.table()
                + "."
                + table.keyColumn()
                + " value: "
                + (id == null ? "it has no backup key after '" + prefix + "'" : "'" + id + "'")
                + " is not "
                + table.keyType().article()
                + (id != null && id.startsWith("new-")
                    ? " (it was made from a backup row, but the entity model holds that row's"
                        + " key in no field named backup_id, which alone gives the record the"
                        + " row's id: map the table's primary key to backup_id, docs/backup.md)"
                    : " (is the target the database the backup was taken from?)"));
      } else {
        byBackupKey.put(record, key);
      }
    }
    Map<String, Approved> updates = rowsToUpdate(byBackupKey, unkeyed);
    Map<String, ParentLookups.Parents> parents = lookups.parents(approved);
    checks = CheckConstraints.of(connection, dialect, schema, table.table(), table.keyColumn());
    uniques = UniqueIndexes.of(connection, dialect, schema, table.table(), table.keyColumn());
    foreignKeys = ForeignKeys.of(connection, dialect, schema, table.table(), table.keyColumn());
    Map<String, OwnRow> own = planInserts(inserts, parents);
    planUpdates(updates, parents, Map.of());
    planUpdates(
        own.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Map.Entry::getKey,
                    entry -> entry.getValue().record(),
                    (a, b) -> a,
                    TreeMap::new)),
        parents,
        own);
  }

  /**
   * The target row each UPDATED record changes, by key. The row under the backup's key is the
   * record's when it holds the record's natural key, as the backup had it or as the record has it
   * now (or the record has none to compare). Otherwise the one live row holding the natural key is:
   * a target whose keys are not the backup's (rows re-keyed by a migration, a uuid key) is updated
   * by natural key, and a row under the backup's key that holds another natural key belongs to
   * someone else and is never written. A record that finds no row, several, or a row another record
   * updates is kept out, named.
   *
   * @param byBackupKey records whose backup key fits the key column, with it
   * @param unkeyed records whose backup key does not, with why
   */
  private Map<String, Approved> rowsToUpdate(
      Map<Approved, String> byBackupKey, Map<Approved, String> unkeyed) throws SQLException {
    NaturalKey natural = NaturalKey.of(table);
    boolean text = natural.lowered();
    // the row's other values too: a row holding the backup's is the record's, whatever its
    // natural key holds now
    List<ColumnMapping> others = factColumns();
    List<Rows.Column> underKeyColumns = new ArrayList<>();
    for (ColumnMapping column : natural.columns()) {
      underKeyColumns.add(
          new Rows.Column(column.column(), columnValues.planType(column), column.lookup()));
    }
    int parts = underKeyColumns.size();
    underKeyColumns.addAll(columnValues.readable(others));
    Map<String, List<String>> underKey =
        Rows.read(
            connection,
            dialect,
            table.table(),
            table.keyColumn(),
            table.keyType(),
            underKeyColumns,
            byBackupKey.values(),
            false);
    Map<String, Approved> updates = new TreeMap<>();
    Map<Approved, String> unresolved = new LinkedHashMap<>(unkeyed);
    // records whose backup row is not under its key: gone, unless the natural key finds it
    Map<Approved, String> notUnderKey = new HashMap<>();
    for (Map.Entry<Approved, String> entry : byBackupKey.entrySet()) {
      Approved record = entry.getKey();
      String key = entry.getValue();
      List<String> read = underKey.get(key);
      // the row's natural key as stored, then its facts, as a one-column key's row reads
      List<String> row = null;
      if (read != null) {
        row = new ArrayList<>();
        row.add(
            natural.composite()
                ? NaturalKey.shown(natural.names(), read.subList(0, parts))
                : read.get(0));
        row.addAll(read.subList(parts, read.size()));
      }
      List<String> naturals = naturalValues(record, natural);
      String where = table.table() + "." + table.keyColumn() + " = " + key;
      if (row == null) {
        unresolved.put(record, "row " + where + " not found in the target");
        notUnderKey.put(record, key);
      } else if (naturals.isEmpty() || holdsOneOf(row.get(0), naturals, natural)) {
        claim(updates, key, record);
      } else if (row.get(0) == null
          && !natural.composite()
          && backupHeldNone(record, natural)
          && comparison.holdsBackupValues(record, others, row.subList(1, row.size()))) {
        // the backup held no natural key (a customer id given later) and the row, restored
        // from it, holds none either: it is the record's row as restored, and the record's
        // value for it is a change like any other
        claim(updates, key, record);
      } else if (comparison.holdsBackupValues(record, others, row.subList(1, row.size()))) {
        // the target's keys are the backup's and the application changed the natural key
        // since the restore (a customer's new email, outside trial 47): the row is the
        // record's, and the record's older value must not be written over the newer one; a
        // row elsewhere holding the old value is not looked for, as it would be someone else's
        String backupValue = natural.value(record.record().backup());
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
          if (row.get(i + 1) != null
              && record.record().backup().get(others.get(i).field()) != null) {
            kept.add(others.get(i).column());
          }
        }
        skip(
            record,
            KeptOut.PRESENT_OTHERWISE
                + where
                + ": "
                + table.table()
                + "."
                + natural.column()
                + " holds "
                + quoted(row.get(0))
                + (backupValue == null && backupHeldNone(record, natural)
                    ? ", where the backup held none and the record holds " + quoted(naturals.get(0))
                    : ", not the backup's "
                        + quoted(backupValue == null ? naturals.get(0) : backupValue))
                + ", and the row holds the backup's "
                + String.join(", ", kept)
                + ": it is this record's row, and the application changed this row's "
                + natural.column()
                + " since the backup was restored; nothing is written for this record, so the"
                + " application's "
                + natural.column()
                + " stays: to write the record's other changes, edit "
                + natural.field()
                + " to "
                + quoted(row.get(0))
                + " in salvage review and plan again, or reject the record");
      } else {
        unresolved.put(
            record,
            "row "
                + where
                + " holds "
                + natural.column()
                + " "
                + quoted(row.get(0))
                + ", not the record's "
                + quoted(naturals.get(0))
                + ": it is another row (the target's keys are not the backup's), never written"
                + " for this record");
      }
    }
    if (unresolved.isEmpty()) {
      return updates;
    }
    Set<String> wanted = new LinkedHashSet<>();
    unresolved.keySet().forEach(record -> wanted.addAll(naturalValues(record, natural)));
    List<Rows.Column> read = new ArrayList<>();
    read.add(new Rows.Column(table.keyColumn(), table.keyType(), null));
    if (table.softDelete() != null) {
      read.add(new Rows.Column(table.softDelete(), ColumnType.TEXT, null));
    }
    Map<String, List<List<String>>> byNatural = allByNatural(natural, read, wanted);
    // readAllIgnoringCase and readAllByKey give the stored natural key first; readAll does not
    int keyAt = text ? 1 : 0;
    for (Map.Entry<Approved, String> entry : unresolved.entrySet()) {
      Approved record = entry.getKey();
      String why = entry.getValue();
      List<List<String>> live = List.of();
      String foundBy = null;
      for (String value : naturalValues(record, natural)) {
        live =
            byNatural
                .getOrDefault(text ? value.toLowerCase(Locale.ROOT) : value, List.of())
                .stream()
                .filter(r -> table.softDelete() == null || r.get(keyAt + 1) == null)
                .toList();
        if (!live.isEmpty()) {
          foundBy = value;
          break;
        }
      }
      if (live.size() == 1) {
        claim(updates, live.get(0).get(keyAt), record);
      } else if (live.size() > 1) {
        skip(
            record,
            why
                + ", and "
                + live.size()
                + " rows hold its "
                + natural.column()
                + " "
                + quoted(foundBy)
                + " ("
                + table.keyColumn()
                + " "
                + live.stream()
                    .map(r -> r.get(keyAt))
                    .collect(java.util.stream.Collectors.joining(", "))
                + "): nothing is written for this record");
      } else if (notUnderKey.containsKey(record) && !naturalValues(record, natural).isEmpty()) {
        // the backup held the row and the target holds it neither under its key nor its
        // natural key: someone deleted it after the restore, which only the application can
        // say was wrong (an outside trial read it among the records a review edit brings in)
        skip(
            record,
            KeptOut.DELETED_SINCE_BACKUP
                + "the backup's row "
                + table.table()
                + "."
                + table.keyColumn()
                + " = "
                + notUnderKey.get(record)
                + " is not in the target, and no live row holds its "
                + natural.column()
                + " "
                + naturalValues(record, natural).stream()
                    .map(value -> quoted(value))
                    .collect(java.util.stream.Collectors.joining(" or "))
                + ": the application or a person deleted it after the backup was restored;"
                + " nothing is written for this record (an update has no row to change, and an"
                + " insert would bring back a row someone deleted): approving it in salvage"
                + " review changes nothing; restore the row in the application if it was deleted"
                + " by mistake, or reject the record");
      } else {
        List<String> naturals = naturalValues(record, natural);
        skip(
            record,
            why
                + (naturals.isEmpty()
                    ? ", and the record has no " + natural.field() + " to find it by"
                    : ", and no live row holds its "
                        + natural.column()
                        + " "
                        + naturals.stream()
                            .map(value -> quoted(value))
                            .collect(java.util.stream.Collectors.joining(" or "))));
      }
    }
    return updates;
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
      if (!change.field().equals(column.field()) || record.edited().contains(column.field())) {
        continue;
      }
      // compared as the column holds it (a money field in units, a word of the column's
      // vocabulary, a wall time in the column's zone), as the change's new value is
      Before known = Before.of(record, change);
      if (known == null) {
        return null; // what the row held is not known: nothing to compare
      }
      String before = known.value();
      if (before != null && column.lookup() == null) {
        before =
            columnValues.quietlyFitted(
                new Approved(record.record(), record.record().backup(), Set.of()), column, before);
        if (before == null) {
          return null; // the backup's value does not fit the column: nothing to compare
        }
      }
      if (!columnValues.sameValue(column, before, stored) && salvaged != null) {
        return KeptOut.CHANGED_SINCE_IMPORT
            + salvaged.appliedAt()
            + " updated it: "
            + table.table()
            + "."
            + table.keyColumn()
            + " = "
            + key
            + ": "
            + table.table()
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
      if (!columnValues.sameValue(column, before, stored)) {
        return heldSinceBackup(column, key, stored, known.value())
            + " that the approved change to "
            + columnValues.shown(column, change.after())
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
        && columnValues.sameValue(column, salvaged.after(), stored);
  }

  /** How a kept-out record's reason names a row's column that holds other than the backup. */
  private String heldSinceBackup(
      ColumnMapping column, String key, String stored, String backupValue) {
    return KeptOut.PRESENT_OTHERWISE
        + table.table()
        + "."
        + table.keyColumn()
        + " = "
        + key
        + ": "
        + table.table()
        + "."
        + column.column()
        + columnValues.wallTimeNote(column)
        + " holds "
        + quoted(stored)
        + ", not the backup's "
        + columnValues.shown(column, backupValue);
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
            columnValues.quietlyFitted(
                new Approved(record.record(), backup, Set.of()), column, held);
        if (held == null) {
          return null; // the backup's or record's value does not fit the column: nothing to tell
        }
      }
      if (columnValues.sameValue(column, held, stored)) {
        return null;
      }
    }
    return heldSinceBackup(column, key, stored, backupValue)
        + (Objects.equals(recordValue, backupValue)
            ? ""
            : " nor the record's " + columnValues.shown(column, recordValue))
        + ", and the edit of "
        + column.field()
        + " to "
        + columnValues.shown(column, record.values().get(column.field()))
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

  /** Adds a record's update of the row with {@code key}, unless another record updates it. */
  private void claim(Map<String, Approved> updates, String key, Approved record) {
    Approved other = updates.putIfAbsent(key, record);
    if (other != null) {
      skip(
          record,
          "row "
              + table.table()
              + "."
              + table.keyColumn()
              + " = "
              + key
              + " is updated by record "
              + other.record().id()
              + " already: nothing is written for this one (review the two)");
    }
  }

  /**
   * The natural key values a record's row may hold: the record's now, then the backup's where the
   * record changes it.
   */
  private static List<String> naturalValues(Approved record, NaturalKey natural) {
    List<String> values = new ArrayList<>();
    String now = natural.value(record.values());
    if (now != null) {
      values.add(now);
    }
    // the backup's key: the record's values with each changed key column's before-image
    Map<String, String> backup = new HashMap<>(record.values());
    boolean changed = false;
    for (ReconstructedRecord.Change change : record.record().changes()) {
      if (natural.columns().stream().anyMatch(c -> change.field().equals(c.field()))) {
        Before before = Before.of(record, change);
        if (before == null) {
          return List.of(); // what the row held is not known: nothing to compare
        }
        backup.put(change.field(), before.value());
        changed = true;
        if (!natural.composite() && before.value() != null && !values.contains(before.value())) {
          values.add(before.value());
        }
      }
    }
    if (changed && natural.composite()) {
      String before = natural.value(backup);
      if (before != null && !values.contains(before)) {
        values.add(before);
      }
    }
    return values;
  }

  /**
   * Whether the backup held no value for the record's natural key: the record holds backup values,
   * and none (or a change from NULL) for the key's field.
   */
  private static boolean backupHeldNone(Approved record, NaturalKey natural) {
    Map<String, String> backup = record.record().backup();
    if (backup == null || backup.isEmpty() || natural.value(backup) != null) {
      return false;
    }
    for (ReconstructedRecord.Change change : record.record().changes()) {
      if (natural.columns().stream().anyMatch(c -> change.field().equals(c.field()))
          && change.before() != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The backup's value a change starts from (null when the backup had none).
   *
   * @param value its {@code before}, else the record's backup values'
   */
  private record Before(String value) {
    /** Null when the record holds no backup values, so a NULL cannot be told from none given. */
    static Before of(Approved record, ReconstructedRecord.Change change) {
      if (change.before() != null) {
        return new Before(change.before());
      }
      Map<String, String> backup = record.record().backup();
      return backup == null || backup.isEmpty() ? null : new Before(backup.get(change.field()));
    }
  }

  private static boolean holdsOneOf(String stored, List<String> values, NaturalKey natural) {
    if (stored == null) {
      return false;
    }
    for (String value : values) {
      if (natural.lowered()
          ? stored.equalsIgnoreCase(value)
          : natural.single().type().same(value, stored)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A row found by an insert's natural key that the record updates: one an earlier apply inserted
   * and nobody changed since, so the record's later evidence updates it, or one present with other
   * values that {@code --overwrite} names, which the operator says is the record's.
   *
   * @param salvaged which apply inserted it, for plan.sql and the plan's output; null when
   *     overwriting
   * @param otherwise why the record is kept out should the update write nothing (its differences
   *     lie in columns written on insert only)
   * @param overwriting whether {@code --overwrite} asked for it: each column written is named as
   *     written over
   */
  private record OwnRow(Approved record, String salvaged, String otherwise, boolean overwriting) {}

  private void skip(Approved record, String reason) {
    skipped.add(new Skip(record.record().id(), table.entity(), reason));
  }

  /**
   * Notes an insert kept out because the row holding its natural key may be another record's, so
   * that its children, whose lookup would find that row, are kept out with it rather than pointed
   * at it (an outside trial's two bookings went to the customer the application had given their
   * owner's email after the restore).
   */
  private void heldOtherwise(Approved record, String natural, String reason) {
    parentsHeldOtherwise
        .computeIfAbsent(table.table(), t -> new HashMap<>())
        .put(
            natural.toLowerCase(Locale.ROOT),
            "parent " + record.record().id() + " kept out: " + reason);
  }

  /** Plans the inserts; returns the rows an earlier apply inserted that records update, by key. */
  private Map<String, OwnRow> planInserts(
      List<Approved> inserts, Map<String, ParentLookups.Parents> parents) throws SQLException {
    NaturalKey natural = NaturalKey.of(table);
    Set<String> naturals = new LinkedHashSet<>();
    for (Approved record : inserts) {
      String value = natural.value(record.values());
      if (value != null) {
        naturals.add(value);
      }
    }
    boolean text = natural.lowered();
    // a row found by the natural key is read with the record's other facts, so one that holds
    // other values (another booking given a reused reference after the backup was restored and
    // the application kept running) is not taken for the record itself
    List<ColumnMapping> compared = factColumns();
    List<Rows.Column> key = new ArrayList<>();
    key.add(new Rows.Column(table.keyColumn(), table.keyType(), null));
    key.addAll(columnValues.readable(compared));
    // rows the application soft-deleted are not the record's: by natural key, the row and its
    // mark
    Map<String, List<String>> softDeleted = new HashMap<>();
    Map<String, List<String>> present =
        table.softDelete() != null
            ? liveRows(natural, key, naturals, softDeleted)
            : natural.composite()
                ? firstOfEach(allByNatural(natural, key, naturals))
                : text
                    ? Rows.readIgnoringCase(
                        connection, dialect, table.table(), natural.column(), key, naturals)
                    : Rows.read(
                        connection,
                        dialect,
                        table.table(),
                        natural.column(),
                        natural.single().type(),
                        key,
                        naturals,
                        false);
    // rows found so that an earlier apply inserted: the log says what Salvage's writes left
    // there, and the row is read again whole to prove nobody changed it since
    OwnInserts.Log log =
        OwnInserts.read(
            connection,
            dialect,
            table.table(),
            present.values().stream().map(row -> row.get(0)).distinct().toList());
    List<ColumnMapping> provable = new ArrayList<>();
    List<Rows.Column> provableColumns = new ArrayList<>();
    for (ColumnMapping column : table.columns()) {
      // the apply's time is not in the log as the column holds it
      if (column.when() != When.TOUCH && column.generated() != Generated.NOW) {
        provable.add(column);
        provableColumns.add(
            new Rows.Column(column.column(), columnValues.planType(column), column.lookup()));
      }
    }
    Map<String, List<String>> ownRows =
        log.rows().isEmpty()
            ? Map.of()
            : Rows.read(
                connection,
                dialect,
                table.table(),
                table.keyColumn(),
                table.keyType(),
                provableColumns,
                log.rows().keySet(),
                false);
    Map<String, OwnRow> own = new TreeMap<>();
    Map<String, String> plannedBy = new HashMap<>();
    Set<String> planned = plannedNaturals.computeIfAbsent(table.table(), t -> new HashSet<>());
    // a key from a record field is checked against the target and the other records once all
    // are known, so an insert waits here until then
    List<PendingInsert> pending = new ArrayList<>();
    ColumnMapping keyMapping = table.keyFromField();
    KeySequence sequence =
        keyMapping == null
            ? null
            : KeySequence.of(connection, dialect, table.table(), table.keyColumn());
    boolean keyHasDefault = schema.column(table.table(), table.keyColumn()).hasDefault();
    long defaulted = 0;
    String defaultedExample = null;
    for (Approved record : inserts) {
      String naturalValue = natural.value(record.values());
      if (naturalValue == null) {
        skip(
            record,
            "no "
                + natural.columns().stream()
                    .map(ColumnMapping::field)
                    .filter(field -> record.values().get(field) == null)
                    .collect(java.util.stream.Collectors.joining(", "))
                + ", which "
                + (natural.composite() ? "identify " : "identifies ")
                + table.table()
                + " rows"
                + (natural.composite() ? " with " + natural.field() : ""));
        continue;
      }
      String found = text ? naturalValue.toLowerCase(Locale.ROOT) : naturalValue;
      if (!present.containsKey(found) && softDeleted.containsKey(found)) {
        List<String> row = softDeleted.get(found);
        // compared as a live row is: a deleted row of another branch given the same number is
        // not this record's to restore (an outside trial, 51, was told to revive one)
        List<String> facts = row.subList(1, row.size() - 1);
        List<String> differences = comparison.differences(record, compared, facts);
        int bothHold = RowComparison.bothHold(record, compared, facts);
        String deleted =
            KeptOut.SOFT_DELETED
                + table.table()
                + "."
                + table.keyColumn()
                + " = "
                + row.get(0)
                + " has "
                + natural.has(naturalValue)
                + " and "
                + table.softDelete()
                + " = "
                + row.get(row.size() - 1)
                + (differences.isEmpty() ? "" : " but " + String.join(", ", differences))
                + ": the application deleted it and hides it; nothing is written for this record"
                + " (an insert would put a second "
                + table.entity()
                + " beside the deleted one, an update would bring it back unseen)";
        // another entity by a unique index that holds the natural key with other columns: a
        // new natural key would rename what its evidence calls it (the QA of trial 51)
        String byIndex =
            comparison.anotherByIndex(
                uniques, record, natural, naturalValue, compared, row.subList(0, row.size() - 1));
        skip(
            record,
            byIndex != null
                ? deleted
                    + ": "
                    + byIndex.substring(
                        byIndex.indexOf(
                                ": "
                                    + KeptOut.ANOTHER_BY_INDEX
                                    + table.entity()
                                    + ", since unique index ")
                            + 2)
                : RowComparison.plainlyAnother(compared, differences, bothHold)
                    ? deleted
                        + ": the row differs in "
                        + differences.size()
                        + " of the "
                        + bothHold
                        + " columns both hold: it is plainly another "
                        + table.entity()
                        + " that had the same "
                        + natural.column()
                        + ", not this one to restore; to bring this "
                        + table.entity()
                        + " in, edit "
                        + natural.field()
                        + (natural.composite()
                            ? " in salvage review to values no row holds together"
                            : text
                                ? " in salvage review to a value no row holds"
                                : " in salvage review to "
                                    + natural.single().type().article()
                                    + " no row holds")
                        + ", then plan again; or reject the record"
                    : deleted + ": restore it in the application or reject the record");
        continue;
      }
      if (present.containsKey(found)) {
        List<String> row = present.get(found);
        List<String> differences =
            comparison.differences(record, compared, row.subList(1, row.size()));
        int bothHold = RowComparison.bothHold(record, compared, row.subList(1, row.size()));
        if (!differences.isEmpty()) {
          boolean plainlyAnother = RowComparison.plainlyAnother(compared, differences, bothHold);
          String anotherByIndex =
              comparison.anotherByIndex(uniques, record, natural, naturalValue, compared, row);
          String otherwise =
              KeptOut.PRESENT_OTHERWISE
                  + table.table()
                  + "."
                  + table.keyColumn()
                  + " = "
                  + row.get(0)
                  + " has "
                  + natural.has(naturalValue)
                  + " but "
                  + String.join(", ", differences)
                  + (plainlyAnother
                      ? "; nothing is written for this record: the row differs in "
                          + differences.size()
                          + " of the "
                          + bothHold
                          + " columns both hold: it is plainly another "
                          + table.entity()
                          + " given the same "
                          + natural.column()
                          + " after the backup was restored (the application issued it again)"
                          + (log.unreadable() == null ? "" : " (" + log.unreadable() + ")")
                          + "; to bring this "
                          + table.entity()
                          + " in, edit "
                          + natural.field()
                          // an example only where the column takes it: 1124-2 is no integer
                          + (natural.composite()
                              ? " in salvage review to values no row holds together"
                              : text
                                  ? " in salvage review to a value no row holds ("
                                      + naturalValue
                                      + "-2, say)"
                                  : " in salvage review to "
                                      + natural.single().type().article()
                                      + " no row holds")
                          + ", then plan again; or reject the record"
                      : "; nothing is written for this record: the row may be another "
                          + table.entity()
                          + " given the same "
                          + natural.column()
                          + " after the backup was restored, or this one changed since"
                          + (log.unreadable() == null ? "" : " (" + log.unreadable() + ")")
                          + "; approving it in salvage review changes nothing: check the row in"
                          + " the application (correct it there if it is this "
                          + table.entity()
                          + "), or reject the record");
          if (anotherByIndex != null) {
            otherwise =
                anotherByIndex + (log.unreadable() == null ? "" : " (" + log.unreadable() + ")");
          }
          if (updatesOwnRow(
              record, naturalValue, row.get(0), log, provable, ownRows, own, otherwise)) {
            continue;
          }
          if (overwrite.contains(record.record().id())
              && !plainlyAnother
              && anotherByIndex == null
              && !own.containsKey(row.get(0))) {
            // the operator says the row is this record's: its values are written over the
            // row's, never a delete; a row plainly another's is not, whatever --overwrite says
            own.put(row.get(0), new OwnRow(record, null, otherwise, true));
            continue;
          }
          skip(record, otherwise);
          heldOtherwise(record, naturalValue, otherwise);
          continue;
        }
        List<String> lacking = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
          String value = record.values().get(compared.get(i).field());
          if (value != null && row.get(i + 1) == null) {
            lacking.add(compared.get(i).column() + " " + quoted(value));
          }
        }
        String alreadyPresent =
            KeptOut.ALREADY_PRESENT
                + table.table()
                + "."
                + table.keyColumn()
                + " = "
                + row.get(0)
                + " has "
                + natural.has(naturalValue)
                + (lacking.isEmpty()
                    ? ""
                    : KeptOut.PRESENT_LACKING
                        + String.join(", ", lacking)
                        + (log.unreadable() == null
                            ? " (the row is neither the backup's nor one Salvage inserted: set"
                                + " them in the application where they are right)"
                            : " (" + log.unreadable() + ")"));
        // a row Salvage inserted before the evidence gave these values (a phone only a later
        // Stripe customer carries) is filled in as any late evidence about it: trial 52 lost
        // 25 phones here, told the rows were not Salvage's
        if (lacking.isEmpty()
            || !updatesOwnRow(
                record, naturalValue, row.get(0), log, provable, ownRows, own, alreadyPresent)) {
          skip(record, alreadyPresent);
        }
        continue;
      }
      if (plannedBy.containsKey(found)) {
        skip(
            record,
            "duplicate: record " + plannedBy.get(found) + " inserts the same " + natural.column());
        continue;
      }
      String problem = null;
      List<Value> values = new ArrayList<>();
      List<ColumnMapping> toDefault = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (ColumnMapping column : table.columns()) {
        TargetSchema.Column described = schema.column(table.table(), column.column());
        boolean required = !described.nullable() && !described.hasDefault();
        if (column.lookup() != null) {
          problem = lookups.missingParent(record, column, parents);
          if (problem != null) {
            break;
          }
        }
        String value;
        boolean now = false;
        String derived = null;
        if (column.field() != null) {
          value = record.values().get(column.field());
          if (value == null && column.fallback() != null) {
            NameParts.NameSplit split = NameParts.namePart(table, record, column);
            if (split.value() == null && required && column.whenAbsent() == null) {
              problem = split.why();
              break;
            }
            value = split.value();
            derived = split.derived();
          }
          if (value == null && column.whenAbsent() != null) {
            // named with the columns left to the database's default: no evidence gave it either
            value = column.whenAbsent();
            toDefault.add(column);
          }
        } else if (column.constant() != null) {
          value = column.constant();
        } else if (column.generated() == Generated.NOW) {
          value = null;
          now = true;
        } else {
          value = firstEvidence(record.record());
        }
        if (value == null && !now) {
          if (required) {
            // every such column, so one edit in review fixes the record
            missing.add(table.table() + "." + column.column());
            continue;
          }
          // a default says something no evidence gave (a lost confirmation leaves a booking
          // 'provisional'), and a NULL leaves a row thinner than the record looks in review (a
          // booking made from a payment alone has no car): both are named
          if (column.field() != null) {
            toDefault.add(column);
          }
          continue;
        }
        if (value != null && column.lookup() == null) {
          value = columnValues.fitted(record, column, value);
          if (value == null) {
            problem = "does not fit the target";
            break;
          }
        }
        values.add(
            new Value(
                column.column(),
                columnValues.planType(column),
                value,
                null,
                column.lookup(),
                now ? Boolean.TRUE : null,
                columnValues.wallTimeZone(column),
                derived));
      }
      if (problem == null && !missing.isEmpty()) {
        problem =
            "no value for "
                + String.join(", ", missing)
                + (missing.size() == 1 ? ", which is required" : ", which are required");
      }
      if (problem != null) {
        skip(record, problem);
        continue;
      }
      if (table.keySource() == TargetMapping.KeySource.UUID) {
        // the application's own key: made here, so the plan (and its digest) holds it
        values.add(
            0,
            new Value(
                table.keyColumn(),
                table.keyType(),
                UUID.randomUUID().toString(),
                null,
                null,
                null,
                null));
      }
      String ownKey = null;
      if (keyMapping != null) {
        String raw = record.values().get(keyMapping.field());
        if (raw == null && !keyHasDefault) {
          skip(
              record,
              "no "
                  + keyMapping.field()
                  + ", which gives "
                  + table.table()
                  + "."
                  + table.keyColumn()
                  + " (key.field), and the column has no default to take instead");
          continue;
        }
        if (raw == null) {
          defaulted++;
          defaultedExample = defaultedExample == null ? record.record().id() : defaultedExample;
        } else {
          ownKey = columnValues.fitted(record, keyMapping, raw);
          if (ownKey == null) {
            skip(record, "does not fit the target");
            continue;
          }
          values.add(
              0, new Value(table.keyColumn(), table.keyType(), ownKey, null, null, null, null));
        }
      }
      plannedBy.put(found, record.record().id());
      pending.add(
          new PendingInsert(
              record,
              ownKey,
              toDefault,
              new Step(
                  "insert",
                  record.record().id(),
                  table.table(),
                  table.keyColumn(),
                  table.keyType(),
                  null,
                  natural.composite() ? null : natural.column(),
                  naturalValue,
                  values,
                  null,
                  evidence(record.record()),
                  ownKey != null && sequence != null && sequence.generatedAlways() ? true : null,
                  null,
                  null,
                  natural.composite() ? natural.names() : null)));
    }
    Map<String, String> keyRefusals = keys.keyRefusals(pending, natural);
    // before the natural keys are planned, so a child of a row the database would refuse is
    // kept out for its missing parent rather than failing apply
    Map<String, String> checkRefusals =
        refusedByTarget(
            pending.stream()
                .filter(insert -> !keyRefusals.containsKey(insert.record().record().id()))
                .map(PendingInsert::step)
                .toList());
    BigInteger largest = null;
    long written = 0;
    List<String> inserted = new ArrayList<>();
    Map<ColumnMapping, List<String>> tookDefault = new LinkedHashMap<>();
    for (PendingInsert insert : pending) {
      String refusal = keyRefusals.get(insert.record().record().id());
      if (refusal == null) {
        refusal = checkRefusals.get(insert.record().record().id());
      }
      if (refusal != null) {
        skip(insert.record(), refusal);
        continue;
      }
      planned.add(insert.step().naturalValue());
      steps.add(insert.step());
      inserted.add(insert.step().record());
      for (ColumnMapping column : insert.toDefault()) {
        tookDefault.computeIfAbsent(column, c -> new ArrayList<>()).add(insert.step().record());
      }
      if (insert.key() != null) {
        written++;
        if (table.keyType() == ColumnType.INTEGER) {
          BigInteger number = new BigInteger(insert.key());
          largest = largest == null || number.compareTo(largest) > 0 ? number : largest;
        }
      }
    }
    if (keyMapping != null) {
      keyColumns.add(
          keys.keyColumn(keyMapping, sequence, written, defaulted, defaultedExample, largest));
    } else {
      keys.unkeptIds(pending, inserted);
    }
    // in the mapping's column order, as the reader meets the columns, not as records hit them
    for (ColumnMapping column : table.columns()) {
      List<String> records = tookDefault.get(column);
      if (records != null) {
        columnDefaults.add(
            new ImportPlan.ColumnDefault(
                table.table(),
                column.column(),
                column.field(),
                column.whenAbsent() != null
                    ? null
                    : schema.column(table.table(), column.column()).defaultValue(),
                records.size(),
                records.subList(0, Math.min(records.size(), ImportPlan.ColumnDefault.EXAMPLES)),
                column.whenAbsent()));
      }
    }
    if (!inserted.isEmpty()) {
      columnDefaults.addAll(unmappedConstants(inserted));
    }
    return own;
  }

  /**
   * The columns the mapping does not write whose constant default every new row takes: an {@code
   * is_paid DEFAULT 0} left out of the mapping makes a paid booking read unpaid. Defaults that
   * compute a value (a sequence, {@code now()}, a uuid function) are the application's own
   * mechanism and not named.
   */
  private List<ImportPlan.ColumnDefault> unmappedConstants(List<String> inserted) {
    Map<String, TargetSchema.Column> described = schema.columns(table.table());
    List<ImportPlan.ColumnDefault> constants = new ArrayList<>();
    for (String column : new java.util.TreeSet<>(described.keySet())) {
      TargetSchema.Column declared = described.get(column);
      String value = declared.defaultValue();
      if (column.equals(table.keyColumn())
          || column.equals(table.softDelete())
          || table.column(column) != null
          || declared.generated()
          || value == null
          || value.contains("(")
          || value.strip().toUpperCase(Locale.ROOT).matches("CURRENT_\\w+|LOCALTIME(STAMP)?")) {
        continue;
      }
      constants.add(
          new ImportPlan.ColumnDefault(
              table.table(),
              column,
              null,
              value,
              inserted.size(),
              inserted.subList(0, Math.min(inserted.size(), ImportPlan.ColumnDefault.EXAMPLES))));
    }
    return constants;
  }

  /**
   * Every row holding one of {@code naturals} as its natural key, by natural key: a text one
   * ignoring case (lower-cased, each row led by the natural key as stored), another exactly.
   */
  private Map<String, List<List<String>>> allByNatural(
      NaturalKey natural, List<Rows.Column> read, Set<String> naturals) throws SQLException {
    if (natural.composite()) {
      return Rows.readAllByKey(
          connection, dialect, table.table(), natural.readColumns(), read, naturals);
    }
    ColumnMapping column = natural.single();
    return column.type() == ColumnType.TEXT
        ? Rows.readAllIgnoringCase(
            connection, dialect, table.table(), column.column(), read, naturals)
        : Rows.readAll(
            connection, dialect, table.table(), column.column(), column.type(), read, naturals);
  }

  /**
   * The first row of each key, without the key as stored that leads it, as {@link
   * Rows#readIgnoringCase} gives a text key's: a unique key holds one row.
   */
  private static Map<String, List<String>> firstOfEach(Map<String, List<List<String>>> all) {
    Map<String, List<String>> first = new HashMap<>();
    all.forEach((key, rows) -> first.put(key, rows.get(0).subList(1, rows.get(0).size())));
    return first;
  }

  /**
   * The live rows by natural key (lower-cased when text), each as {@code columns} read it: a row
   * the table's {@code soft_delete} marks is left out, and where no live row has the natural key
   * the deleted one goes to {@code softDeleted} with the mark's value last. Every row is read, so a
   * live row beside a deleted one with the same natural key is the one found.
   */
  private Map<String, List<String>> liveRows(
      NaturalKey natural,
      List<Rows.Column> columns,
      Set<String> naturals,
      Map<String, List<String>> softDeleted)
      throws SQLException {
    // a composite key's rows are led by the key as stored, as a text key's
    boolean text = natural.lowered();
    List<Rows.Column> read = new ArrayList<>(columns);
    read.add(new Rows.Column(table.softDelete(), ColumnType.TEXT, null));
    Map<String, List<List<String>>> all = allByNatural(natural, read, naturals);
    Map<String, List<String>> live = new HashMap<>();
    all.forEach(
        (value, rows) -> {
          for (List<String> row : rows) {
            // readAllIgnoringCase puts the stored natural key first
            List<String> values = text ? row.subList(1, row.size()) : row;
            if (values.get(values.size() - 1) == null) {
              live.putIfAbsent(value, values.subList(0, values.size() - 1));
            } else {
              softDeleted.putIfAbsent(value, values);
            }
          }
        });
    return live;
  }

  /**
   * Plans late evidence about a row found by natural key as an update of it when an earlier apply
   * inserted it and it still holds what Salvage wrote there; keeps the record out, saying what
   * changed, when it does not. False when the log names no insert of the row (or cannot be read):
   * the row may be another record's, and the caller keeps the record out with its reason.
   *
   * @param provable the columns the log can prove, as {@code ownRows} holds them
   * @param otherwise why the record is kept out should the update find nothing to write
   */
  private boolean updatesOwnRow(
      Approved record,
      String naturalValue,
      String rowKey,
      OwnInserts.Log log,
      List<ColumnMapping> provable,
      Map<String, List<String>> ownRows,
      Map<String, OwnRow> own,
      String otherwise) {
    NaturalKey natural = NaturalKey.of(table);
    OwnInserts.Inserted inserted = log.rows().get(rowKey);
    List<String> now = ownRows.get(rowKey);
    if (inserted == null || now == null) {
      return false;
    }
    String where =
        table.table()
            + "."
            + table.keyColumn()
            + " = "
            + rowKey
            + " ("
            + (natural.composite() ? naturalValue : natural.column() + " = " + naturalValue)
            + ")";
    List<String> changed = changedSinceInsert(record, provable, now, inserted);
    if (!changed.isEmpty()) {
      String reason =
          KeptOut.CHANGED_SINCE_IMPORT
              + inserted.inserted().appliedAt()
              + " inserted it: "
              + where
              + " no longer holds what Salvage wrote there: "
              + String.join(", ", changed)
              + "; nothing is written for this record (the application or a person"
              + " changed the row, and the evidence may be older than that change):"
              + " approving it in salvage review changes nothing; check the row in the"
              + " application and correct it there, or reject the record";
      skip(record, reason);
      heldOtherwise(record, naturalValue, reason);
      return true;
    }
    if (own.containsKey(rowKey)) {
      skip(
          record,
          "duplicate: record "
              + own.get(rowKey).record().record().id()
              + " updates the same row "
              + where);
      return true;
    }
    own.put(
        rowKey,
        new OwnRow(
            record,
            "updates a row an earlier import inserted: "
                + where
                + ", inserted by the apply of "
                + inserted.inserted().appliedAt()
                + " (plan "
                + inserted
                    .inserted()
                    .planDigest()
                    .substring(0, Math.min(12, inserted.inserted().planDigest().length()))
                + ")"
                + (inserted.states().size() > 1
                    ? " and last updated by the apply of " + inserted.latest().appliedAt()
                    : "")
                + ", holding what Salvage wrote there",
            otherwise,
            false));
    return true;
  }

  /**
   * How a row an earlier apply inserted differs from what Salvage's writes left there, each as
   * {@code column was a, now b}; empty when it holds what one of them left (a later update undone
   * by undo.sql leaves the row as the one before). A column the insert left out (the record had no
   * value) is said only when the row now holds something other than the record's value: the log
   * does not keep what the database filled in, so a default cannot be told from an edit.
   */
  private List<String> changedSinceInsert(
      Approved record,
      List<ColumnMapping> provable,
      List<String> now,
      OwnInserts.Inserted inserted) {
    List<String> changed = List.of();
    for (OwnInserts.State state : inserted.states()) {
      changed = new ArrayList<>();
      for (int i = 0; i < provable.size(); i++) {
        ColumnMapping column = provable.get(i);
        String current = now.get(i);
        if (!state.values().containsKey(column.column())) {
          String value = column.field() == null ? null : record.values().get(column.field());
          if (current != null
              && value != null
              && !comparison.differences(record, List.of(column), List.of(current)).isEmpty()) {
            changed.add(
                column.column()
                    + " holds "
                    + clipped(current, 60)
                    + ", which the import did not write (the column's default, or a change"
                    + " since: the log cannot tell)");
          }
          continue;
        }
        String written = state.values().get(column.column());
        boolean same =
            written == null || current == null
                ? written == current
                : column.lookup() != null
                    ? written.toLowerCase(Locale.ROOT).equals(current.toLowerCase(Locale.ROOT))
                    : phones.containsKey(column)
                        ? phones.get(column).sameNumber(written, current)
                        : columnValues.planType(column).same(written, current);
        if (!same) {
          changed.add(
              column.column()
                  + " was "
                  + (written == null ? "NULL" : clipped(written, 60))
                  + ", now "
                  + (current == null ? "NULL" : clipped(current, 60)));
        }
      }
      if (changed.isEmpty()) {
        return changed;
      }
    }
    return changed;
  }

  /**
   * The amount, time and word columns this table's mapping would write otherwise than the rows the
   * target holds from the backup ({@link RestoredRowsCheck}).
   */
  List<String> unlikeRestoredRows(List<ReconstructedRecord> records) throws SQLException {
    return new RestoredRowsCheck(connection, dialect, table, phones, columnValues)
        .unlikeRestoredRows(records);
  }

  /**
   * Plans the updates of rows by key: the backup's rows, whose record's changes and edits are
   * written, or ({@code own}) rows an earlier apply inserted, to which every field of the record is
   * evidence as it was for the insert.
   */
  private void planUpdates(
      Map<String, Approved> updates,
      Map<String, ParentLookups.Parents> parents,
      Map<String, OwnRow> own)
      throws SQLException {
    List<Rows.Column> guarded = new ArrayList<>();
    List<ColumnMapping> guardedMappings = new ArrayList<>();
    for (ColumnMapping column : table.columns()) {
      if (column.constant() == null && column.generated() != Generated.FIRST_EVIDENCE) {
        guarded.add(
            new Rows.Column(column.column(), columnValues.planType(column), column.lookup()));
        guardedMappings.add(column);
      }
    }
    if (table.softDelete() != null) {
      // read last, past the mapped columns: a row the application deleted is never updated
      guarded.add(new Rows.Column(table.softDelete(), ColumnType.TEXT, null));
    }
    Map<String, List<String>> current =
        Rows.read(
            connection,
            dialect,
            table.table(),
            table.keyColumn(),
            table.keyType(),
            guarded,
            updates.keySet(),
            false);
    Map<String, Map<String, String[]>> rewrites =
        OwnInserts.rewrites(connection, dialect, table.table(), updates.keySet());
    Map<String, Map<String, OwnInserts.Update>> salvaged =
        OwnInserts.updates(connection, dialect, table.table(), updates.keySet());
    // the parents the rows point at now: a changed foreign key's guard (and undo) finds its
    // before-image by the parent's match value ignoring case, which must name one row
    Map<Integer, Map<String, List<List<String>>>> currentParents = new HashMap<>();
    for (int i = 0; i < guardedMappings.size(); i++) {
      if (guardedMappings.get(i).lookup() != null) {
        Set<String> olds = new LinkedHashSet<>();
        for (List<String> row : current.values()) {
          if (row.get(i) != null) {
            olds.add(row.get(i));
          }
        }
        currentParents.put(i, lookups.parentRows(guardedMappings.get(i), olds));
      }
    }
    // the keys the lookup columns hold, as stored: a changed foreign key's guard and undo.sql
    // compare and restore the key itself, not the parent's match value, which this plan may
    // change in an earlier step (the parent's new email)
    List<Rows.Column> lookupColumns = new ArrayList<>();
    for (ColumnMapping column : guardedMappings) {
      if (column.lookup() != null) {
        lookupColumns.add(new Rows.Column(column.column(), columnValues.planType(column), null));
      }
    }
    Map<String, List<String>> heldKeys =
        lookupColumns.isEmpty()
            ? Map.of()
            : Rows.read(
                connection,
                dialect,
                table.table(),
                table.keyColumn(),
                table.keyType(),
                lookupColumns,
                updates.keySet(),
                false);
    List<Step> planned = new ArrayList<>();
    for (Map.Entry<String, Approved> entry : updates.entrySet()) {
      Approved record = entry.getValue();
      List<String> before = current.get(entry.getKey());
      if (before == null) {
        skip(
            record,
            "row "
                + table.table()
                + "."
                + table.keyColumn()
                + " = "
                + entry.getKey()
                + " not found in the target");
        continue;
      }
      String deletedAt = table.softDelete() == null ? null : before.get(guarded.size() - 1);
      if (deletedAt != null) {
        skip(
            record,
            KeptOut.SOFT_DELETED
                + table.table()
                + "."
                + table.keyColumn()
                + " = "
                + entry.getKey()
                + " has "
                + table.softDelete()
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
        ColumnMapping column = guardedMappings.get(i);
        String old = before.get(i);
        String heldKey = null;
        if (column.lookup() != null) {
          lookupAt++;
          List<String> held = heldKeys.get(entry.getKey());
          heldKey = held == null ? null : held.get(lookupAt);
        }
        guards.add(
            new Value(
                column.column(),
                columnValues.planType(column),
                old,
                null,
                column.lookup(),
                null,
                columnValues.wallTimeZone(column)));
        if (column.when() != When.ALWAYS || !fields.contains(column.field())) {
          continue;
        }
        String value = record.values().get(column.field());
        if (value == null) {
          continue; // an update never clears a value
        }
        if (column.lookup() != null) {
          problem = lookups.missingParent(record, column, parents);
          if (problem != null) {
            break;
          }
        } else {
          value = columnValues.fitted(record, column, value);
          if (value == null) {
            problem = "does not fit the target";
            break;
          }
        }
        // a foreign key reads back as its parent's match value as stored (Noel@Example.com),
        // which the lookup finds ignoring case: no change merely from case
        // a phone stored in another style (+39 349 618 7766 for +393496187766) is the same
        // number: no UPDATE only to restyle it
        boolean same = columnValues.sameValue(column, value, old);
        if (!same && heldKey != null && heldKey.equals(lookups.renamedParent(column, value))) {
          // the row's parent is the one this plan gives the record's value (the customer's new
          // email, planned above): the same parent before and after, no change
          same = true;
        }
        String[] rewrite =
            same ? null : rewrites.getOrDefault(entry.getKey(), Map.of()).get(column.column());
        if (rewrite != null
            && columnValues.sameValue(column, value, rewrite[0])
            && columnValues.sameValue(column, old, rewrite[1])) {
          // the last apply wrote this value and the database stored the row's: again would be
          // the same, and an UPDATE planned on every plan
          same = true;
          rewritten.add(
              table.table()
                  + "."
                  + column.column()
                  + " not written again: the last apply wrote "
                  + columnValues.planType(column).literal(value, dialect)
                  + " and the database stored "
                  + columnValues.planType(column).literal(old, dialect)
                  + ", which the row holds (a trigger or rule rewrites it)");
        }
        if (!same && old != null && column.lookup() != null) {
          List<List<String>> rows =
              currentParents.get(i).getOrDefault(old.toLowerCase(Locale.ROOT), List.of());
          if (rows.size() > 1) {
            problem = lookups.ambiguousParent(column, old, rows);
            break;
          }
        }
        if (!same && ownRow != null && ownRow.overwriting()) {
          // the operator's --overwrite of a row present with other values is the approval
          overwritten.add(
              table.table()
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
              table.table()
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
          if (changed != null && !overwrite.contains(record.record().id())) {
            problem = changed;
            break;
          }
          if (changed != null) {
            // the operator's --overwrite is the approval; plan.sql keeps what it wrote over
            overwritten.add(
                table.table()
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
                  columnValues.planType(column),
                  value,
                  old,
                  column.lookup(),
                  null,
                  columnValues.wallTimeZone(column),
                  null,
                  heldKey));
        }
      }
      if (problem != null) {
        skip(record, problem);
        continue;
      }
      if (table.softDelete() != null) {
        // apply refuses should the application delete the row between plan and apply
        guards.add(new Value(table.softDelete(), ColumnType.TEXT, null, null, null, null, null));
      }
      rewritten.forEach(line -> notWrittenAgain.add(record.record().id() + ": " + line));
      if (values.isEmpty() && !rewritten.isEmpty()) {
        skip(
            record,
            KeptOut.ALREADY_UP_TO_DATE
                + table.table()
                + "."
                + table.keyColumn()
                + " = "
                + entry.getKey()
                + " has the approved values as the database stores them: "
                + String.join("; ", rewritten));
        continue;
      }
      if (values.isEmpty() && ownRow != null) {
        skip(record, ownRow.otherwise());
        continue;
      }
      if (values.isEmpty()) {
        skip(
            record,
            KeptOut.ALREADY_UP_TO_DATE
                + table.table()
                + "."
                + table.keyColumn()
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
                  columnValues.planType(column),
                  null,
                  before.get(i),
                  null,
                  Boolean.TRUE,
                  columnValues.wallTimeZone(column)));
        }
      }
      planned.add(
          new Step(
              "update",
              record.record().id(),
              table.table(),
              table.keyColumn(),
              table.keyType(),
              entry.getKey(),
              null,
              null,
              values,
              guards,
              evidence(record.record()),
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
    Map<String, String> checkRefusals = refusedByTarget(planned);
    for (Step step : planned) {
      String refusal = checkRefusals.get(step.record());
      if (refusal != null) {
        skipped.add(new Skip(step.record(), table.entity(), refusal));
        continue;
      }
      for (Value value : step.values()) {
        if (value.column().equals(table.naturalKey())) {
          // children found by the new natural key (a changed email) resolve to this row
          plannedNaturals.computeIfAbsent(table.table(), t -> new HashSet<>()).add(value.value());
        }
      }
      steps.add(step);
    }
  }

  /**
   * Why the database would refuse each of {@code planned} at apply, by record id: a CHECK
   * constraint its row breaks, else a unique index whose value a row of the table already holds,
   * else a foreign key naming a parent row neither the target nor the plan has.
   */
  private Map<String, String> refusedByTarget(List<Step> planned) throws SQLException {
    Map<String, String> refusals = new HashMap<>(checks.violations(planned));
    refusals.putAll(
        uniques.violations(
            planned.stream().filter(step -> !refusals.containsKey(step.record())).toList()));
    refusals.putAll(
        foreignKeys.violations(
            planned.stream().filter(step -> !refusals.containsKey(step.record())).toList(), steps));
    return refusals;
  }

  private static String firstEvidence(ReconstructedRecord record) {
    Instant first = null;
    for (ReconstructedRecord.Evidence evidence : record.evidence()) {
      try {
        Instant at = Instant.parse(evidence.observedAt());
        if (first == null || at.isBefore(first)) {
          first = at;
        }
      } catch (RuntimeException e) {
        // an evidence time that does not parse says nothing about when the row was created
      }
    }
    return first == null ? null : first.toString();
  }

  private static List<String> evidence(ReconstructedRecord record) {
    List<String> refs = new ArrayList<>();
    for (ReconstructedRecord.Evidence evidence : record.evidence()) {
      refs.add(evidence.ref());
    }
    return refs;
  }
}
