package dev.salvage.connectors.backup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvage.connectors.Quarantined;
import dev.salvage.connectors.RawRecord;
import dev.salvage.connectors.RecordSink;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code backup.row} record every backup reader produces, built in one place so that a dump, a
 * database and an export of the same data give identical records: JSON {@code {"table": ...,
 * "columns": {name: text or null}}} in column order, ref {@code backup:<table>#<pk>} where pk is
 * the value of column {@code id}, else of the first column.
 */
final class BackupRows {
  static final String KIND = "backup.row";

  private BackupRows() {}

  /**
   * @param table the table as refs name it: without the {@code public} schema
   * @param fallbackKey what stands in for the pk in the ref when the pk is null (e.g. a line)
   */
  static RawRecord row(
      String source,
      String table,
      List<String> columns,
      List<String> values,
      String location,
      String fallbackKey) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("table", table);
    ObjectNode fields = json.putObject("columns");
    for (int i = 0; i < columns.size(); i++) {
      fields.put(columns.get(i), values.get(i));
    }
    int key = columns.indexOf("id");
    String pk = values.isEmpty() ? null : values.get(key >= 0 ? key : 0);
    String ref = "backup:" + table + "#" + (pk == null ? fallbackKey : pk);
    return new RawRecord(source, KIND, ref, location, json.toString());
  }

  /**
   * Emits one row read from a file at {@code line}, or quarantines it, with {@code excerpt}, when
   * its columns are unknown or its values do not fit them.
   */
  static void emit(
      RecordSink sink,
      String source,
      Path file,
      long line,
      String table,
      List<String> columns,
      List<String> values,
      String excerpt) {
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
    sink.accept(row(source, table, columns, values, file + ":" + line, "line" + line));
  }

  /** A table name as refs use it: unquoted, without the default {@code public} schema. */
  static String tableName(String schema, String table) {
    return schema == null || schema.equals("public") ? table : schema + "." + table;
  }
}
