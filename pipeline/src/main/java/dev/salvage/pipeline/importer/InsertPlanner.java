package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.KeptOut.clipped;
import static dev.salvage.pipeline.importer.KeptOut.quoted;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.importer.ImportPlan.Step;
import dev.salvage.pipeline.importer.ImportPlan.Value;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.Generated;
import dev.salvage.pipeline.importer.TargetMapping.When;
import java.math.BigInteger;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Plans a table's inserts: a record whose natural key no live row holds becomes an INSERT with
 * every mapped column; one whose row is there is already present, present with other values, a row
 * an earlier apply inserted that it updates, or soft-deleted, each said.
 */
final class InsertPlanner {
  private final TablePlanner planner;

  /**
   * @param planner the table being planned, whose steps and skips this adds to
   */
  InsertPlanner(TablePlanner planner) {
    this.planner = planner;
  }

  /** Plans the inserts; returns the rows an earlier apply inserted that records update, by key. */
  Map<String, OwnRow> planInserts(
      List<Approved> inserts, Map<String, ParentLookups.Parents> parents) throws SQLException {
    NaturalKey natural = NaturalKey.of(planner.table);
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
    DecidedFacts facts = new DecidedFacts(planner.factColumns());
    List<Rows.Column> key = new ArrayList<>();
    key.add(new Rows.Column(planner.table.keyColumn(), planner.table.keyType(), null));
    key.addAll(facts.readable(planner.columnValues));
    // rows the application soft-deleted are not the record's: by natural key, the row and its
    // mark
    Map<String, List<String>> softDeleted = new HashMap<>();
    Map<String, List<String>> present =
        planner.table.softDelete() != null
            ? liveRows(natural, key, naturals, softDeleted)
            : natural.composite()
                ? firstOfEach(planner.allByNatural(natural, key, naturals))
                : text
                    ? Rows.readIgnoringCase(
                        planner.connection,
                        planner.dialect,
                        planner.table.table(),
                        natural.column(),
                        key,
                        naturals)
                    : Rows.read(
                        planner.connection,
                        planner.dialect,
                        planner.table.table(),
                        natural.column(),
                        natural.single().type(),
                        key,
                        naturals,
                        false);
    // rows found so that an earlier apply inserted: the log says what Salvage's writes left
    // there, and the row is read again whole to prove nobody changed it since
    OwnInserts.Log log =
        OwnInserts.read(
            planner.connection,
            planner.dialect,
            planner.table.table(),
            present.values().stream().map(row -> row.get(0)).distinct().toList());
    List<ColumnMapping> provable = new ArrayList<>();
    List<Rows.Column> provableColumns = new ArrayList<>();
    for (ColumnMapping column : planner.table.columns()) {
      // the apply's time is not in the log as the column holds it
      if (column.when() != When.TOUCH && column.generated() != Generated.NOW) {
        provable.add(column);
        provableColumns.add(
            new Rows.Column(
                column.column(), planner.columnValues.planType(column), column.lookup()));
      }
    }
    Map<String, List<String>> ownRows =
        log.rows().isEmpty() ? Map.of() : planner.rowsByKey(provableColumns, log.rows().keySet());
    MailboxSpellings spellings = otherSpellings(natural, naturals, present, softDeleted);
    Map<String, OwnRow> own = new TreeMap<>();
    Map<String, String> plannedBy = new HashMap<>();
    Set<String> planned =
        planner.plannedNaturals.computeIfAbsent(planner.table.table(), t -> new HashSet<>());
    // a key from a record field is checked against the target and the other records once all
    // are known, so an insert waits here until then
    List<PendingInsert> pending = new ArrayList<>();
    ColumnMapping keyMapping = planner.table.keyFromField();
    KeySequence sequence =
        keyMapping == null
            ? null
            : KeySequence.of(
                planner.connection,
                planner.dialect,
                planner.table.table(),
                planner.table.keyColumn());
    boolean keyHasDefault =
        planner.schema.column(planner.table.table(), planner.table.keyColumn()).hasDefault();
    long defaulted = 0;
    String defaultedExample = null;
    for (Approved record : inserts) {
      String naturalValue = natural.value(record.values());
      if (naturalValue == null) {
        planner.skip(
            record,
            "no "
                + natural.columns().stream()
                    .map(ColumnMapping::field)
                    .filter(field -> record.values().get(field) == null)
                    .collect(java.util.stream.Collectors.joining(", "))
                + ", which "
                + (natural.composite() ? "identify " : "identifies ")
                + planner.table.table()
                + " rows"
                + (natural.composite() ? " with " + natural.field() : ""));
        continue;
      }
      String found = text ? naturalValue.toLowerCase(Locale.ROOT) : naturalValue;
      List<ColumnMapping> compared = facts.columns(record);
      if (!present.containsKey(found) && softDeleted.containsKey(found)) {
        planner.skip(
            record,
            keptOutByDeletedRow(
                record,
                natural,
                naturalValue,
                compared,
                facts.row(record, softDeleted.get(found))));
        continue;
      }
      if (present.containsKey(found)) {
        List<String> row = facts.row(record, present.get(found));
        List<String> differences =
            planner.comparison.differences(record, compared, row.subList(1, row.size()));
        int bothHold = RowComparison.bothHold(record, compared, row.subList(1, row.size()));
        if (!differences.isEmpty()) {
          boolean plainlyAnother = RowComparison.plainlyAnother(compared, differences, bothHold);
          String anotherByIndex =
              planner.comparison.anotherByIndex(
                  planner.uniques, record, natural, naturalValue, compared, row);
          String otherwise =
              KeptOut.PRESENT_OTHERWISE
                  + planner.table.table()
                  + "."
                  + planner.table.keyColumn()
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
                          + planner.table.entity()
                          + " given the same "
                          + natural.column()
                          + " after the backup was restored (the application issued it again)"
                          + (log.unreadable() == null ? "" : " (" + log.unreadable() + ")")
                          + "; to bring this "
                          + planner.table.entity()
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
                          + planner.table.entity()
                          + " given the same "
                          + natural.column()
                          + " after the backup was restored, or this one changed since"
                          + (log.unreadable() == null ? "" : " (" + log.unreadable() + ")")
                          + "; approving it in salvage review changes nothing: check the row in"
                          + " the application (correct it there if it is this "
                          + planner.table.entity()
                          + "), or reject the record");
          if (anotherByIndex != null) {
            otherwise =
                anotherByIndex + (log.unreadable() == null ? "" : " (" + log.unreadable() + ")");
          }
          if (updatesOwnRow(
              record, naturalValue, row.get(0), log, provable, ownRows, own, otherwise)) {
            continue;
          }
          if (planner.overwrite.contains(record.record().id())
              && !plainlyAnother
              && anotherByIndex == null
              && !own.containsKey(row.get(0))) {
            // the operator says the row is this record's: its values are written over the
            // row's, never a delete; a row plainly another's is not, whatever --overwrite says
            own.put(row.get(0), new OwnRow(record, null, otherwise, true));
            continue;
          }
          planner.skip(record, otherwise);
          planner.heldOtherwise(record, naturalValue, otherwise);
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
                + planner.table.table()
                + "."
                + planner.table.keyColumn()
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
          planner.skip(record, alreadyPresent);
        }
        continue;
      }
      List<MailboxSpellings.Held> spelledOtherwise = spellings.otherSpellings(naturalValue);
      if (!spelledOtherwise.isEmpty()) {
        String reason = heldUnderAnotherSpelling(record, natural, naturalValue, spelledOtherwise);
        planner.skip(record, reason);
        planner.heldOtherwise(record, naturalValue, reason);
        continue;
      }
      if (plannedBy.containsKey(found)) {
        planner.skip(
            record,
            "duplicate: record " + plannedBy.get(found) + " inserts the same " + natural.column());
        continue;
      }
      NewRow newRow = newRow(record, parents);
      String problem = newRow.problem();
      List<Value> values = newRow.values();
      List<ColumnMapping> toDefault = newRow.toDefault();
      if (problem != null) {
        planner.skip(record, problem);
        continue;
      }
      if (planner.table.keySource() == TargetMapping.KeySource.UUID) {
        // the application's own key: made here, so the plan (and its digest) holds it
        values.add(
            0,
            new Value(
                planner.table.keyColumn(),
                planner.table.keyType(),
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
          planner.skip(
              record,
              "no "
                  + keyMapping.field()
                  + ", which gives "
                  + planner.table.table()
                  + "."
                  + planner.table.keyColumn()
                  + " (key.field), and the column has no default to take instead");
          continue;
        }
        if (raw == null) {
          defaulted++;
          defaultedExample = defaultedExample == null ? record.record().id() : defaultedExample;
        } else {
          ownKey = planner.columnValues.fitted(record, keyMapping, raw);
          if (ownKey == null) {
            planner.skip(record, "does not fit the target");
            continue;
          }
          values.add(
              0,
              new Value(
                  planner.table.keyColumn(),
                  planner.table.keyType(),
                  ownKey,
                  null,
                  null,
                  null,
                  null));
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
                  planner.table.table(),
                  planner.table.keyColumn(),
                  planner.table.keyType(),
                  null,
                  natural.composite() ? null : natural.column(),
                  naturalValue,
                  values,
                  null,
                  planner.evidence(record.record()),
                  ownKey != null && sequence != null && sequence.generatedAlways() ? true : null,
                  null,
                  null,
                  natural.composite() ? natural.names() : null)));
    }
    Map<String, String> keyRefusals = planner.keys.keyRefusals(pending, natural);
    // before the natural keys are planned, so a child of a row the database would refuse is
    // kept out for its missing parent rather than failing apply
    Map<String, String> checkRefusals =
        planner.refusedByTarget(
            pending.stream()
                .filter(insert -> !keyRefusals.containsKey(insert.record().record().id()))
                .map(PendingInsert::step)
                .toList());
    BigInteger largest = null;
    long written = 0;
    List<String> inserted = new ArrayList<>();
    Map<ColumnMapping, List<String>> tookDefault = new LinkedHashMap<>();
    for (PendingInsert insert : inKeyOrder(pending, keyMapping)) {
      String refusal = keyRefusals.get(insert.record().record().id());
      if (refusal == null) {
        refusal = checkRefusals.get(insert.record().record().id());
      }
      if (refusal != null) {
        planner.skip(insert.record(), refusal);
        continue;
      }
      planned.add(insert.step().naturalValue());
      planner.steps.add(insert.step());
      inserted.add(insert.step().record());
      for (ColumnMapping column : insert.toDefault()) {
        tookDefault.computeIfAbsent(column, c -> new ArrayList<>()).add(insert.step().record());
      }
      if (insert.key() != null) {
        written++;
        if (planner.table.keyType() == ColumnType.INTEGER) {
          BigInteger number = new BigInteger(insert.key());
          largest = largest == null || number.compareTo(largest) > 0 ? number : largest;
        }
      }
    }
    if (keyMapping != null) {
      planner.keyColumns.add(
          planner.keys.keyColumn(
              keyMapping, sequence, written, defaulted, defaultedExample, largest));
    } else {
      planner.keys.unkeptIds(pending, inserted);
    }
    // in the mapping's column order, as the reader meets the columns, not as records hit them
    for (ColumnMapping column : planner.table.columns()) {
      List<String> records = tookDefault.get(column);
      if (records != null) {
        planner.columnDefaults.add(
            new ImportPlan.ColumnDefault(
                planner.table.table(),
                column.column(),
                column.field(),
                column.whenAbsent() != null
                    ? null
                    : planner.schema.column(planner.table.table(), column.column()).defaultValue(),
                records.size(),
                records.subList(0, Math.min(records.size(), ImportPlan.ColumnDefault.EXAMPLES)),
                column.whenAbsent()));
      }
    }
    if (!inserted.isEmpty()) {
      planner.columnDefaults.addAll(unmappedConstants(inserted));
    }
    return own;
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
    NaturalKey natural = NaturalKey.of(planner.table);
    OwnInserts.Inserted inserted = log.rows().get(rowKey);
    List<String> now = ownRows.get(rowKey);
    if (inserted == null || now == null) {
      return false;
    }
    String where =
        planner.table.table()
            + "."
            + planner.table.keyColumn()
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
      planner.skip(record, reason);
      planner.heldOtherwise(record, naturalValue, reason);
      return true;
    }
    if (own.containsKey(rowKey)) {
      planner.skip(
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
              && !planner
                  .comparison
                  .differences(record, List.of(column), List.of(current))
                  .isEmpty()) {
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
                    : planner.phones.containsKey(column)
                        ? planner.phones.get(column).sameNumber(written, current)
                        : planner.columnValues.planType(column).same(written, current);
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
   * The rows holding, spelt otherwise, the mailbox of a natural key no row holds ignoring case,
   * where the natural key is one email field: read only when some record's finds no row.
   */
  private MailboxSpellings otherSpellings(
      NaturalKey natural,
      Set<String> naturals,
      Map<String, List<String>> present,
      Map<String, List<String>> softDeleted)
      throws SQLException {
    if (natural.composite() || !MailboxSpellings.byMailbox(natural.single())) {
      return MailboxSpellings.none();
    }
    List<String> unfound = new ArrayList<>();
    for (String value : naturals) {
      String lowered = value.toLowerCase(Locale.ROOT);
      if (!present.containsKey(lowered) && !softDeleted.containsKey(lowered)) {
        unfound.add(value);
      }
    }
    return unfound.isEmpty()
        ? MailboxSpellings.none()
        : MailboxSpellings.read(
            planner.connection,
            planner.dialect,
            planner.table.table(),
            natural.column(),
            planner.table.keyColumn(),
            planner.table.keyType(),
            planner.table.softDelete(),
            unfound);
  }

  /**
   * Why a record is kept out whose email no row holds but a row holds the same mailbox spelt
   * otherwise: the application may have re-created the customer after the restore (an insert would
   * put a second one beside it), or, a {@code +tag} on a host other than Gmail's, the address may
   * be another person's; the operator knows which.
   */
  private String heldUnderAnotherSpelling(
      Approved record, NaturalKey natural, String naturalValue, List<MailboxSpellings.Held> rows) {
    String stored = rows.get(0).stored();
    return KeptOut.PRESENT_AS_ANOTHER_SPELLING
        + MailboxSpellings.named(
            planner.table.table(), planner.table.keyColumn(), natural.column(), rows)
        + ", the mailbox "
        + MailboxSpellings.mailboxOf(naturalValue)
        + " that the record's "
        + natural.field()
        + " "
        + KeptOut.quoted(naturalValue)
        + " delivers to too; nothing is written for this record (an insert would put a second "
        + planner.table.entity()
        + " beside that row): if the row is this "
        + planner.table.entity()
        + " (the application re-created it after the backup was restored), edit "
        + natural.field()
        + " in salvage review to "
        + KeptOut.quoted(stored)
        + " and plan again (the record is then already present, and its children that name "
        + KeptOut.quoted(naturalValue)
        + " are named with the edit to make), or reject the record; if the address is another"
        + " person's (a +tag on a host other than Gmail may be), add the "
        + planner.table.entity()
        + " in the application";
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
    read.add(new Rows.Column(planner.table.softDelete(), ColumnType.TEXT, null));
    Map<String, List<List<String>>> all = planner.allByNatural(natural, read, naturals);
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
   * The first row of each key, without the key as stored that leads it, as {@link
   * Rows#readIgnoringCase} gives a text key's: a unique key holds one row.
   */
  private static Map<String, List<String>> firstOfEach(Map<String, List<List<String>>> all) {
    Map<String, List<String>> first = new HashMap<>();
    all.forEach((key, rows) -> first.put(key, rows.get(0).subList(1, rows.get(0).size())));
    return first;
  }

  /**
   * Why a record is kept out whose natural key only a row the table's {@code soft_delete} marks
   * deleted holds: the application hides that row, and the record is either that row (to restore in
   * the application), plainly another entity given the same key, or another by a unique index.
   *
   * @param row the deleted row as {@link #liveRows} gives it: its key, the compared columns, the
   *     mark's value last
   */
  private String keptOutByDeletedRow(
      Approved record,
      NaturalKey natural,
      String naturalValue,
      List<ColumnMapping> compared,
      List<String> row) {
    boolean text = natural.lowered();
    // compared as a live row is: a deleted row of another branch given the same number is
    // not this record's to restore (an outside trial, 51, was told to revive one)
    List<String> facts = row.subList(1, row.size() - 1);
    List<String> differences = planner.comparison.differences(record, compared, facts);
    int bothHold = RowComparison.bothHold(record, compared, facts);
    String deleted =
        KeptOut.SOFT_DELETED
            + planner.table.table()
            + "."
            + planner.table.keyColumn()
            + " = "
            + row.get(0)
            + " has "
            + natural.has(naturalValue)
            + " and "
            + planner.table.softDelete()
            + " = "
            + row.get(row.size() - 1)
            + (differences.isEmpty() ? "" : " but " + String.join(", ", differences))
            + ": the application deleted it and hides it; nothing is written for this record"
            + " (an insert would put a second "
            + planner.table.entity()
            + " beside the deleted one, an update would bring it back unseen)";
    // another entity by a unique index that holds the natural key with other columns: a
    // new natural key would rename what its evidence calls it (the QA of trial 51)
    String byIndex =
        planner.comparison.anotherByIndex(
            planner.uniques,
            record,
            natural,
            naturalValue,
            compared,
            row.subList(0, row.size() - 1));
    return byIndex != null
        ? deleted
            + ": "
            + byIndex.substring(
                byIndex.indexOf(
                        ": "
                            + KeptOut.ANOTHER_BY_INDEX
                            + planner.table.entity()
                            + ", since unique index ")
                    + 2)
        : RowComparison.plainlyAnother(compared, differences, bothHold)
            ? deleted
                + ": the row differs in "
                + differences.size()
                + " of the "
                + bothHold
                + " columns both hold: it is plainly another "
                + planner.table.entity()
                + " that had the same "
                + natural.column()
                + ", not this one to restore; to bring this "
                + planner.table.entity()
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
            : deleted + ": restore it in the application or reject the record";
  }

  /**
   * The values of the row a record inserts, column by column in the mapping's order, and the
   * columns it leaves to their default or NULL; or why it cannot have one (a missing parent, a name
   * that does not split, a value that does not fit, required columns without a value).
   */
  private record NewRow(List<Value> values, List<ColumnMapping> toDefault, String problem) {}

  private NewRow newRow(Approved record, Map<String, ParentLookups.Parents> parents) {
    String problem = null;
    List<Value> values = new ArrayList<>();
    List<ColumnMapping> toDefault = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (ColumnMapping mapped : planner.table.columns()) {
      // the lookup alternative the record's fields decide, whose lookup the row's value names
      ColumnMapping column = mapped.resolvedFor(record.values());
      TargetSchema.Column described = planner.schema.column(planner.table.table(), column.column());
      boolean required = !described.nullable() && !described.hasDefault();
      if (column.lookup() != null) {
        problem = planner.lookups.missingParent(record, column, parents);
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
          NameParts.NameSplit split = NameParts.namePart(planner.table, record, column);
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
          missing.add(planner.table.table() + "." + column.column());
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
        value = planner.columnValues.fitted(record, column, value);
        if (value == null) {
          problem = "does not fit the target";
          break;
        }
      }
      values.add(
          new Value(
              column.column(),
              planner.columnValues.planType(column),
              value,
              null,
              column.lookup(),
              now ? Boolean.TRUE : null,
              planner.columnValues.wallTimeZone(column),
              derived));
    }
    if (problem == null && !missing.isEmpty()) {
      problem =
          "no value for "
              + String.join(", ", missing)
              + (missing.size() == 1 ? ", which is required" : ", which are required");
    }
    return new NewRow(values, toDefault, problem);
  }

  /**
   * The columns the mapping does not write whose constant default every new row takes: an {@code
   * is_paid DEFAULT 0} left out of the mapping makes a paid booking read unpaid. Defaults that
   * compute a value (a sequence, {@code now()}, a uuid function) are the application's own
   * mechanism and not named.
   */
  private List<ImportPlan.ColumnDefault> unmappedConstants(List<String> inserted) {
    Map<String, TargetSchema.Column> described = planner.schema.columns(planner.table.table());
    List<ImportPlan.ColumnDefault> constants = new ArrayList<>();
    for (String column : new java.util.TreeSet<>(described.keySet())) {
      TargetSchema.Column declared = described.get(column);
      String value = declared.defaultValue();
      if (column.equals(planner.table.keyColumn())
          || column.equals(planner.table.softDelete())
          || planner.table.column(column) != null
          || declared.generated()
          || value == null
          || value.contains("(")
          || value.strip().toUpperCase(Locale.ROOT).matches("CURRENT_\\w+|LOCALTIME(STAMP)?")) {
        continue;
      }
      constants.add(
          new ImportPlan.ColumnDefault(
              planner.table.table(),
              column,
              null,
              value,
              inserted.size(),
              inserted.subList(0, Math.min(inserted.size(), ImportPlan.ColumnDefault.EXAMPLES))));
    }
    return constants;
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

  /**
   * The inserts in the order apply writes them. On MariaDB the rows whose key a record field gives
   * go first: AUTO_INCREMENT has no sequence plan could move past the keys beforehand, and moves
   * past an explicit key only as it is inserted, so a row taking the default before a keyed one
   * could be handed that row's key and fail the whole apply (a Laravel shop's 339 customers keyed
   * by Stripe metadata beside 25 without it). After the keyed rows the counter stands past each.
   */
  private List<PendingInsert> inKeyOrder(List<PendingInsert> pending, ColumnMapping keyMapping) {
    if (planner.dialect != Dialect.MARIADB || keyMapping == null) {
      return pending;
    }
    List<PendingInsert> ordered = new ArrayList<>(pending.size());
    List<PendingInsert> unkeyed = new ArrayList<>();
    for (PendingInsert insert : pending) {
      (insert.key() != null ? ordered : unkeyed).add(insert);
    }
    ordered.addAll(unkeyed);
    return ordered;
  }
}
