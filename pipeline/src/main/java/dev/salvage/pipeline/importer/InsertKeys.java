package dev.salvage.pipeline.importer;

import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keys of a table's new rows: a key taken from a field ({@code key.field}) that a row or
 * another record holds already, what the plan says of such a key column and its sequence, and the
 * application's ids the records carry in a field the key does not take.
 */
final class InsertKeys {
  private final Connection connection;
  private final Dialect dialect;
  private final TargetSchema schema;
  private final TableMapping table;
  private final List<ImportPlan.UnkeptIds> unkeptIds;

  /**
   * @param unkeptIds where {@link #unkeptIds} adds what it says
   */
  InsertKeys(
      Connection connection,
      Dialect dialect,
      TargetSchema schema,
      TableMapping table,
      List<ImportPlan.UnkeptIds> unkeptIds) {
    this.connection = connection;
    this.dialect = dialect;
    this.schema = schema;
    this.table = table;
    this.unkeptIds = unkeptIds;
  }

  /**
   * Why each insert whose key comes from a field cannot have it, by record id: the key is held by a
   * row of the target (not the record's own: that one was found by the natural key and is already
   * present), or another record claims it too. Writing either would overwrite a row or give one
   * number to two customers; taking another number silently is what key.field exists to prevent. So
   * the record is kept out, named, for the operator.
   */
  Map<String, String> keyRefusals(List<PendingInsert> pending, NaturalKey natural)
      throws SQLException {
    Map<String, List<PendingInsert>> claims = new LinkedHashMap<>();
    for (PendingInsert insert : pending) {
      if (insert.key() != null) {
        claims.computeIfAbsent(insert.key(), k -> new ArrayList<>()).add(insert);
      }
    }
    Map<String, String> refusals = new HashMap<>();
    if (claims.isEmpty()) {
      return refusals;
    }
    Map<String, List<String>> held =
        Rows.read(
            connection,
            dialect,
            table.table(),
            table.keyColumn(),
            table.keyType(),
            natural.columns().stream()
                .map(column -> new Rows.Column(column.column(), column.type(), null))
                .toList(),
            claims.keySet(),
            false);
    String where = table.table() + "." + table.keyColumn() + " = ";
    for (Map.Entry<String, List<PendingInsert>> claim : claims.entrySet()) {
      List<String> row = held.get(claim.getKey());
      String heldBy =
          row == null
              ? ""
              : "the target's row with "
                  + where
                  + claim.getKey()
                  + " holds "
                  + (natural.composite()
                      ? NaturalKey.shown(natural.names(), row)
                      : natural.column() + " = " + row.get(0));
      List<PendingInsert> records = claim.getValue();
      for (PendingInsert insert : records) {
        String own =
            natural.composite()
                ? insert.step().naturalValue()
                : natural.column() + " = " + insert.step().naturalValue();
        String reason;
        if (records.size() > 1) {
          reason =
              "key claimed "
                  + (records.size() == 2 ? "twice" : records.size() + " times")
                  + ": records "
                  + String.join(
                      " and ", records.stream().map(other -> other.record().record().id()).toList())
                  + (records.size() == 2 ? " both give " : " all give ")
                  + where
                  + claim.getKey()
                  + " (field "
                  + table.keyField()
                  + "; this one has "
                  + own
                  + ")"
                  + (heldBy.isEmpty() ? "" : ", and " + heldBy)
                  + "; none is written: edit "
                  + table.keyField()
                  + " of all but one, or reject them, in salvage review";
        } else if (row != null) {
          reason =
              "key held by another row: "
                  + heldBy
                  + ", not this record's "
                  + own
                  + "; nothing is written for this record (the key would overwrite that row, and"
                  + " another number would not be the one the evidence names): find which"
                  + " customer holds "
                  + claim.getKey()
                  + ", then edit "
                  + table.keyField()
                  + " or reject the record in salvage review";
        } else {
          continue;
        }
        refusals.put(insert.record().record().id(), reason);
      }
    }
    return refusals;
  }

  /**
   * What the plan says of a key column written from a field: how many rows keep the record's key,
   * how many take the default, and where the sequence moves (PostgreSQL reads where it stands).
   */
  ImportPlan.KeyColumn keyColumn(
      ColumnMapping keyMapping,
      KeySequence sequence,
      long written,
      long defaulted,
      String defaultedExample,
      BigInteger largest)
      throws SQLException {
    String name = sequence == null ? null : sequence.name();
    String from = null;
    String to = null;
    if (name != null) {
      BigInteger last = sequence.lastValue(connection);
      from = last.toString();
      to = largest != null && largest.compareTo(last) > 0 ? largest.toString() : null;
    }
    return new ImportPlan.KeyColumn(
        table.table(),
        table.keyColumn(),
        keyMapping.field(),
        written,
        defaulted,
        defaultedExample,
        name,
        from,
        to);
  }

  /**
   * Says when the inserts' records carry the application's id in a field the key does not take (see
   * {@link ImportPlan.UnkeptIds}): a field named as the key column, else backup_id. How many of
   * those ids rows of the target hold is counted, so the advice to take them with key.field is not
   * given blind; and where the key's sequence stands below the largest, it is moved past it, as for
   * key.field: else the application's next rows would take ids the evidence names, and whatever it
   * derives from its id (a booking reference) would repeat a restored row's.
   */
  void unkeptIds(List<PendingInsert> pending, List<String> inserted) throws SQLException {
    Set<String> planned = new HashSet<>(inserted);
    for (String field : new LinkedHashSet<>(List.of(table.keyColumn(), "backup_id"))) {
      long rows = 0;
      String example = null;
      List<String> carried = new ArrayList<>();
      BigInteger largest = null;
      String notPlain = null;
      for (PendingInsert insert : pending) {
        String value = insert.record().values().get(field);
        if (value != null && !value.isBlank() && planned.contains(insert.step().record())) {
          rows++;
          example = example == null ? value + " for " + insert.step().record() : example;
          if (notPlain == null && table.keyType() == ColumnType.INTEGER) {
            String problem = TargetMapping.notPlainInteger(value);
            notPlain = problem == null ? null : problem + " (" + insert.step().record() + ")";
          }
          String id = carriedKey(value);
          if (id != null) {
            carried.add(id);
            if (table.keyType() == ColumnType.INTEGER) {
              BigInteger number = new BigInteger(id);
              largest = largest == null || number.compareTo(largest) > 0 ? number : largest;
            }
          }
        }
      }
      if (rows > 0) {
        unkeptIds.add(unkept(field, rows, example, carried, largest, notPlain));
        return;
      }
    }
  }

  /** A carried id in the key column's canonical form, or null when it cannot be one. */
  private String carriedKey(String value) {
    try {
      return table.keyType().canonical(value.strip());
    } catch (IllegalArgumentException e) {
      return null; // not an id of this table: nothing to count or to move past
    }
  }

  private ImportPlan.UnkeptIds unkept(
      String field,
      long rows,
      String example,
      List<String> carried,
      BigInteger largest,
      String notPlain)
      throws SQLException {
    long held = 0;
    if (!carried.isEmpty()) {
      // these records are new (their natural key is not in the target), so a row holding one
      // of their ids is another one, which key.field would refuse to overwrite
      Map<String, List<String>> rowsHolding =
          Rows.read(
              connection,
              dialect,
              table.table(),
              table.keyColumn(),
              table.keyType(),
              List.of(),
              new LinkedHashSet<>(carried),
              false);
      held = carried.stream().filter(rowsHolding::containsKey).count();
    }
    String name = null;
    String from = null;
    String to = null;
    String grant = null;
    if (largest != null) {
      KeySequence sequence = KeySequence.of(connection, dialect, table.table(), table.keyColumn());
      name = sequence == null ? null : sequence.name();
      if (name != null) {
        List<String> lacked = schema.sequenceLacks(connection, name);
        if (lacked.contains("USAGE")) {
          // plan cannot even read where it stands: said as on MariaDB, with the grant
          name = null;
        } else {
          BigInteger last = sequence.lastValue(connection);
          from = last.toString();
          if (largest.compareTo(last) > 0) {
            if (lacked.isEmpty()) {
              to = largest.toString();
            } else {
              grant = schema.sequenceGrant(name);
            }
          }
        }
      }
    }
    return new ImportPlan.UnkeptIds(
        table.table(),
        table.keyColumn(),
        field,
        rows,
        example,
        largest == null ? null : largest.toString(),
        held == 0 ? null : held,
        name,
        from,
        to,
        grant,
        keyFieldProblem(field, notPlain));
  }

  /**
   * Why {@code key.field: field} would fail as the entity model and the values stand, with what to
   * change, or null when it would work: a plan's advice must be one that works as written (an
   * outside trial, 64, was told to set it for a field its model typed so that the check refused
   * it).
   */
  private String keyFieldProblem(String field, String notPlain) {
    TargetMapping.ModelFields model = table.model();
    FieldType type = model == null ? null : model.types().get(field);
    if (model != null && (type == null || !TargetMapping.fitsKey(table.keyType(), type))) {
      return type == null
          ? "the entity model ("
              + model.file()
              + ") has no field "
              + field
              + " for entity "
              + table.entity()
          : "field "
              + field
              + " is "
              + type.name().toLowerCase(Locale.ROOT)
              + " in the entity model ("
              + model.file()
              + "), which cannot be the "
              + table.keyType().yamlName()
              + " key; declare it "
              + (table.keyType() == ColumnType.INTEGER ? "integer" : "text")
              + " there, run salvage run again, then set key.field: "
              + field;
    }
    if (notPlain != null) {
      return notPlain
          + ", so plan would stop; edit it in salvage review (or reject the record), then set"
          + " key.field: "
          + field;
    }
    return null;
  }
}
