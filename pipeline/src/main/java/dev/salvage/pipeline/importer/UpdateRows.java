package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.KeptOut.quoted;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which target row each UPDATED record changes: the row under the backup's key when it holds the
 * record's natural key (or the backup's values), else the one live row holding the natural key; a
 * record that finds none, several, or a row another record updates is kept out, named.
 */
final class UpdateRows {
  private final TablePlanner planner;

  /**
   * @param planner the table being planned, whose steps and skips this adds to
   */
  UpdateRows(TablePlanner planner) {
    this.planner = planner;
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
  Map<String, Approved> rowsToUpdate(
      Map<Approved, String> byBackupKey, Map<Approved, String> unkeyed) throws SQLException {
    NaturalKey natural = NaturalKey.of(planner.table);
    boolean text = natural.lowered();
    // the row's other values too: a row holding the backup's is the record's, whatever its
    // natural key holds now
    List<ColumnMapping> others = planner.factColumns();
    List<Rows.Column> underKeyColumns = new ArrayList<>();
    for (ColumnMapping column : natural.columns()) {
      underKeyColumns.add(
          new Rows.Column(column.column(), planner.columnValues.planType(column), column.lookup()));
    }
    int parts = underKeyColumns.size();
    underKeyColumns.addAll(planner.columnValues.readable(others));
    Map<String, List<String>> underKey = planner.rowsByKey(underKeyColumns, byBackupKey.values());
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
      String where = planner.table.table() + "." + planner.table.keyColumn() + " = " + key;
      if (row == null) {
        unresolved.put(record, "row " + where + " not found in the target");
        notUnderKey.put(record, key);
      } else if (naturals.isEmpty() || holdsOneOf(row.get(0), naturals, natural)) {
        claim(updates, key, record);
      } else if (row.get(0) == null
          && !natural.composite()
          && backupHeldNone(record, natural)
          && planner.comparison.holdsBackupValues(record, others, row.subList(1, row.size()))) {
        // the backup held no natural key (a customer id given later) and the row, restored
        // from it, holds none either: it is the record's row as restored, and the record's
        // value for it is a change like any other
        claim(updates, key, record);
      } else if (planner.comparison.holdsBackupValues(record, others, row.subList(1, row.size()))) {
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
        planner.skip(
            record,
            KeptOut.PRESENT_OTHERWISE
                + where
                + ": "
                + planner.table.table()
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
    read.add(new Rows.Column(planner.table.keyColumn(), planner.table.keyType(), null));
    if (planner.table.softDelete() != null) {
      read.add(new Rows.Column(planner.table.softDelete(), ColumnType.TEXT, null));
    }
    Map<String, List<List<String>>> byNatural = planner.allByNatural(natural, read, wanted);
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
                .filter(r -> planner.table.softDelete() == null || r.get(keyAt + 1) == null)
                .toList();
        if (!live.isEmpty()) {
          foundBy = value;
          break;
        }
      }
      if (live.size() == 1) {
        claim(updates, live.get(0).get(keyAt), record);
      } else if (live.size() > 1) {
        planner.skip(
            record,
            why
                + ", and "
                + live.size()
                + " rows hold its "
                + natural.column()
                + " "
                + quoted(foundBy)
                + " ("
                + planner.table.keyColumn()
                + " "
                + live.stream()
                    .map(r -> r.get(keyAt))
                    .collect(java.util.stream.Collectors.joining(", "))
                + "): nothing is written for this record");
      } else if (notUnderKey.containsKey(record) && !naturalValues(record, natural).isEmpty()) {
        // the backup held the row and the target holds it neither under its key nor its
        // natural key: someone deleted it after the restore, which only the application can
        // say was wrong (an outside trial read it among the records a review edit brings in)
        planner.skip(
            record,
            KeptOut.DELETED_SINCE_BACKUP
                + "the backup's row "
                + planner.table.table()
                + "."
                + planner.table.keyColumn()
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
        planner.skip(
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

  /** Adds a record's update of the row with {@code key}, unless another record updates it. */
  private void claim(Map<String, Approved> updates, String key, Approved record) {
    Approved other = updates.putIfAbsent(key, record);
    if (other != null) {
      planner.skip(
          record,
          "row "
              + planner.table.table()
              + "."
              + planner.table.keyColumn()
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
  record Before(String value) {
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
}
