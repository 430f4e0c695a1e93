package dev.salvage.connectors.backup;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The columns whose values name a table's rows in their refs: the primary key the backup declares,
 * else column {@code id}, else the first column. Only a declared key is known to be unique; rows
 * keyed otherwise are checked for repeats ({@link RepeatedRefs}).
 *
 * @param columns the key's columns in key order; empty for a row without columns
 * @param declared whether the backup declared them as the primary key
 */
record RowKey(List<String> columns, boolean declared) {
  RowKey {
    columns = List.copyOf(requireNonNull(columns, "columns"));
    if (declared && columns.isEmpty()) {
      throw new IllegalArgumentException("a declared primary key has at least one column");
    }
  }

  /**
   * The key of rows with {@code columns}: {@code primaryKey} when the backup declared one (empty or
   * null when it did not) and every one of its columns is among the row's, else {@code id}, else
   * the first column.
   */
  static RowKey of(List<String> primaryKey, List<String> columns) {
    if (primaryKey != null && !primaryKey.isEmpty() && columns.containsAll(primaryKey)) {
      return new RowKey(primaryKey, true);
    }
    if (columns.contains("id")) {
      return new RowKey(List.of("id"), false);
    }
    return new RowKey(columns.isEmpty() ? List.of() : List.of(columns.get(0)), false);
  }

  /**
   * The pk part of a ref: the one key column's value as it is; the values of a composite key in key
   * order, joined by {@code ,}, each with {@code %} written {@code %25} and {@code ,} written
   * {@code %2C}, so that no two keys give the same text ({@code (1, 10)} is {@code 1,10}, {@code
   * ("a,b", "c")} is {@code a%2Cb,c}). Null when a key value is null (a key column left NULL in a
   * table without a declared key).
   */
  String pk(List<String> names, List<String> values) {
    if (columns.size() == 1) {
      return values.get(names.indexOf(columns.get(0)));
    }
    StringBuilder pk = new StringBuilder();
    for (String column : columns) {
      String value = values.get(names.indexOf(column));
      if (value == null) {
        return null;
      }
      if (!pk.isEmpty()) {
        pk.append(',');
      }
      pk.append(value.replace("%", "%25").replace(",", "%2C"));
    }
    return columns.isEmpty() ? null : pk.toString();
  }

  /** The key's columns as a message names them: {@code id} or {@code (actor_id, film_id)}. */
  String describe() {
    return columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")";
  }
}
