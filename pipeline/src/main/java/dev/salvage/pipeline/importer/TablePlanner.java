package dev.salvage.pipeline.importer;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.importer.ImportPlan.Skip;
import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import dev.salvage.pipeline.importer.TargetMapping.When;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans the rows of one table: sorts its approved records into inserts and updates of rows by key,
 * and holds what the roles that plan them share (the table, the target, the plan so far, the steps
 * and skips they add to): {@link UpdateRows} finds each update's row, {@link InsertPlanner} and
 * {@link UpdatePlanner} plan the steps, {@link #refusedByTarget} keeps out what the database would
 * refuse.
 */
final class TablePlanner {
  final Connection connection;
  final Dialect dialect;
  final TargetSchema schema;
  final TableMapping table;
  final Map<ColumnMapping, PhoneFormat> phones;
  final Map<String, Set<String>> plannedNaturals;
  final List<Step> steps;
  final List<Skip> skipped;
  final List<ImportPlan.KeyColumn> keyColumns;
  final List<ImportPlan.ColumnDefault> columnDefaults;
  final List<String> notWrittenAgain;
  final Map<String, Map<String, String>> parentsHeldOtherwise;
  final Set<String> overwrite;
  final ColumnValues columnValues;
  final ParentLookups lookups;
  final InsertKeys keys;
  final RowComparison comparison;
  // read when the table's rows are planned
  private CheckConstraints checks;
  UniqueIndexes uniques;
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
    this.overwrite = overwrite;
    this.notWrittenAgain = notWrittenAgain;
    this.connection = connection;
    this.dialect = dialect;
    this.schema = schema;
    this.table = table;
    this.phones = phones;
    this.plannedNaturals = plannedNaturals;
    this.steps = steps;
    this.skipped = skipped;
    this.keyColumns = keyColumns;
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
  List<ColumnMapping> factColumns() {
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
    Map<String, Approved> updates = new UpdateRows(this).rowsToUpdate(byBackupKey, unkeyed);
    Map<String, ParentLookups.Parents> parents = lookups.parents(approved);
    checks = CheckConstraints.of(connection, dialect, schema, table.table(), table.keyColumn());
    uniques = UniqueIndexes.of(connection, dialect, schema, table.table(), table.keyColumn());
    foreignKeys = ForeignKeys.of(connection, dialect, schema, table.table(), table.keyColumn());
    Map<String, OwnRow> own = new InsertPlanner(this).planInserts(inserts, parents);
    UpdatePlanner updater = new UpdatePlanner(this);
    updater.planUpdates(updates, parents, Map.of());
    updater.planUpdates(
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

  void skip(Approved record, String reason) {
    skipped.add(new Skip(record.record().id(), table.entity(), reason));
  }

  /**
   * Notes an insert kept out because the row holding its natural key may be another record's, so
   * that its children, whose lookup would find that row, are kept out with it rather than pointed
   * at it (an outside trial's two bookings went to the customer the application had given their
   * owner's email after the restore).
   */
  void heldOtherwise(Approved record, String natural, String reason) {
    parentsHeldOtherwise
        .computeIfAbsent(table.table(), t -> new HashMap<>())
        .put(
            natural.toLowerCase(Locale.ROOT),
            "parent " + record.record().id() + " kept out: " + reason);
  }

  /**
   * Every row holding one of {@code naturals} as its natural key, by natural key: a text one
   * ignoring case (lower-cased, each row led by the natural key as stored), another exactly.
   */
  Map<String, List<List<String>>> allByNatural(
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

  /** The table's rows under {@code keys}, by key, each with the values of {@code columns}. */
  Map<String, List<String>> rowsByKey(List<Rows.Column> columns, Collection<String> keys)
      throws SQLException {
    return Rows.read(
        connection,
        dialect,
        table.table(),
        table.keyColumn(),
        table.keyType(),
        columns,
        keys,
        false);
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
   * Why the database would refuse each of {@code planned} at apply, by record id: a CHECK
   * constraint its row breaks, else a unique index whose value a row of the table already holds,
   * else a foreign key naming a parent row neither the target nor the plan has.
   */
  Map<String, String> refusedByTarget(List<Step> planned) throws SQLException {
    Map<String, String> refusals = new HashMap<>(checks.violations(planned));
    refusals.putAll(
        uniques.violations(
            planned.stream().filter(step -> !refusals.containsKey(step.record())).toList()));
    refusals.putAll(
        foreignKeys.violations(
            planned.stream().filter(step -> !refusals.containsKey(step.record())).toList(), steps));
    return refusals;
  }

  static List<String> evidence(ReconstructedRecord record) {
    List<String> refs = new ArrayList<>();
    for (ReconstructedRecord.Evidence evidence : record.evidence()) {
      refs.add(evidence.ref());
    }
    return refs;
  }
}
