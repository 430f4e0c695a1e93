package dev.salvage.connectors.backup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code backup.row} record every backup reader produces, built in one place so that a dump, a
 * database and an export of the same data give identical records: JSON {@code {"table": ...,
 * "columns": {name: text or null}}} in column order, ref {@code backup:<table>#<pk>} where pk is
 * the value of the table's declared primary key (a composite one as {@link RowKey#pk} writes it),
 * else of column {@code id}, else of the first column.
 */
final class BackupRows {
  static final String KIND = "backup.row";

  private BackupRows() {}

  /**
   * @param table the table as refs name it: without the {@code public} schema
   * @param key the columns that name the row in its ref
   * @param fallbackKey what stands in for the pk in the ref when the pk is null (e.g. a line)
   */
  static RawRecord row(
      String source,
      String table,
      List<String> columns,
      RowKey key,
      List<String> values,
      String location,
      String fallbackKey) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("table", table);
    ObjectNode fields = json.putObject("columns");
    for (int i = 0; i < columns.size(); i++) {
      fields.put(columns.get(i), values.get(i));
    }
    String pk = values.isEmpty() ? null : key.pk(columns, values);
    String ref = "backup:" + table + "#" + (pk == null ? fallbackKey : pk);
    return new RawRecord(source, KIND, ref, location, json.toString());
  }

  /**
   * Passes {@code row} on, unless its table declares no primary key and an earlier row of it had
   * the same ref: that row is quarantined instead, whole, with a reason naming the table and the
   * key. Emitted, it would be the same evidence as the earlier row (observations with one ref and
   * equal values are one; a record holding both would not see two backup rows), so it would be
   * folded into it downstream without a word; quarantined, it stays in the run's quarantine for the
   * operator to see.
   */
  static void accept(RecordSink sink, RawRecord row, String table, RowKey key, RepeatedRefs seen) {
    accept(
        sink,
        row,
        table,
        key,
        seen,
        "the backup declares no primary key for "
            + table
            + ", and its rows are keyed by "
            + key.describe()
            + ", which is not unique");
  }

  /**
   * Like {@link #accept(RecordSink, RawRecord, String, RowKey, RepeatedRefs)}, saying in {@code
   * why} how the rows came to be keyed as they are (an export's option that named the key).
   */
  static void accept(
      RecordSink sink, RawRecord row, String table, RowKey key, RepeatedRefs seen, String why) {
    if (key.declared() || seen.firstTime(row.ref(), table)) {
      sink.accept(row);
      return;
    }
    sink.quarantine(
        new Quarantined(
            row.source(),
            row.location(),
            "Cannot tell row of table "
                + table
                + " apart: an earlier row has the same ref "
                + row.ref()
                + " ("
                + why
                + "); kept out so it is not merged into that row",
            row.json()));
  }

  /**
   * Emits one row read from a file at {@code line}, or quarantines it, with {@code excerpt}, when
   * its columns are unknown or its values do not fit them, or (see {@link #accept}) when its ref
   * repeats an earlier row's.
   *
   * @param primaryKey the table's declared primary key; empty or null when none is declared
   */
  static void emit(
      RecordSink sink,
      String source,
      Path file,
      long line,
      String table,
      List<String> columns,
      List<String> primaryKey,
      List<String> values,
      String excerpt,
      RepeatedRefs seen) {
    String problem = null;
    if (columns == null) {
      problem = "its columns are unknown (no column list and no CREATE TABLE before it)";
    } else if (columns.size() != values.size()) {
      problem = values.size() + " fields for " + columns.size() + " columns";
    }
    if (problem != null) {
      sink.quarantine(
          new Quarantined(
              source,
              file + ":" + line,
              "Cannot read row of table " + table + ": " + problem,
              excerpt));
      return;
    }
    RowKey key = RowKey.of(primaryKey, columns);
    accept(
        sink,
        row(source, table, columns, key, values, file + ":" + line, "line" + line),
        table,
        key,
        seen);
  }

  // MariaDB and MySQL (without NO_ZERO_DATE) store a DATE, DATETIME or TIMESTAMP never set as
  // zeros; no calendar has a day 0, and a rule reading it as a date quarantined the whole row
  private static final Pattern ZERO_DATE =
      Pattern.compile("0000-00-00(?: 00:00:00(?:\\.0{1,6})?)?");

  /**
   * Whether {@code value} is a MariaDB or MySQL zero date ({@code 0000-00-00}, {@code 0000-00-00
   * 00:00:00}, with or without fractions), which the readers of those give as NULL: it is how they
   * say "no date", and read as written it was no date-time at all.
   */
  static boolean isZeroDate(String value) {
    return value != null && value.startsWith("0000-00-00") && ZERO_DATE.matcher(value).matches();
  }

  /** A table name as refs use it: unquoted, without the default {@code public} schema. */
  static String tableName(String schema, String table) {
    return schema == null || schema.equals("public") ? table : schema + "." + table;
  }
}
