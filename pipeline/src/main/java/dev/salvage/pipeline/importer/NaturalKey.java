package dev.salvage.pipeline.importer;

import static java.util.Objects.requireNonNull;

import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table's natural key as plan and apply find rows by it: one column, or several that identify a
 * row only together ({@code natural_key: [branch_code, booking_no]}, booking numbers restarting per
 * branch). A composite key's value is written {@code branch_code=DEN, booking_no=1124}: that is how
 * plan names the record, and, lower-cased, how rows found by it are told apart, a text part
 * ignoring case as a one-column text key is.
 */
record NaturalKey(List<ColumnMapping> columns) {
  NaturalKey {
    requireNonNull(columns, "columns");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("A natural key needs a column");
    }
  }

  static NaturalKey of(TableMapping table) {
    List<ColumnMapping> columns = new ArrayList<>();
    for (String name : table.naturalKeys()) {
      columns.add(requireNonNull(table.column(name), name));
    }
    return new NaturalKey(columns);
  }

  boolean composite() {
    return columns.size() > 1;
  }

  /** The one column of a key that is one column. */
  ColumnMapping single() {
    if (composite()) {
      throw new IllegalStateException("The natural key is " + column() + ", not one column");
    }
    return columns.get(0);
  }

  /** The columns as {@link Rows#readAllByKey} reads them, each as its own type. */
  List<Rows.Column> readColumns() {
    return columns.stream().map(c -> new Rows.Column(c.column(), c.type(), null)).toList();
  }

  /** Whether rows are told apart by the value lower-cased: a text key, or any composite one. */
  boolean lowered() {
    return composite() || columns.get(0).type() == ColumnType.TEXT;
  }

  /** The key as a map holds it: lower-cased where {@link #lowered}. */
  String found(String value) {
    return lowered() ? value.toLowerCase(Locale.ROOT) : value;
  }

  /** The column, or the columns as {@code (branch_code, booking_no)}. */
  String column() {
    if (!composite()) {
      return columns.get(0).column();
    }
    return "(" + String.join(", ", names()) + ")";
  }

  /** The record field, or the fields as {@code branch_code, booking_no}. */
  String field() {
    return String.join(", ", columns.stream().map(ColumnMapping::field).toList());
  }

  List<String> names() {
    return columns.stream().map(ColumnMapping::column).toList();
  }

  /**
   * The key's value in a record's values: the one column's as it is, several as {@code
   * branch_code=DEN, booking_no=1124}, each part in its column type's canonical form (an integer
   * without leading zeros, as the database gives it back); null when any part is missing.
   */
  String value(Map<String, String> values) {
    if (!composite()) {
      return values.get(columns.get(0).field());
    }
    List<String> parts = new ArrayList<>();
    for (ColumnMapping column : columns) {
      String part = values.get(column.field());
      if (part == null) {
        return null;
      }
      parts.add(canonical(column.type(), part));
    }
    return shown(names(), parts);
  }

  /** The parts of a key's value in column order, each as its column type binds it. */
  List<String> parts(String value) {
    return composite() ? parts(names(), value) : List.of(value);
  }

  /**
   * The parts of a composite key's value ({@code branch_code=DEN, booking_no=1124}) in the order of
   * its columns' {@code names}.
   */
  static List<String> parts(List<String> names, String value) {
    List<String> parts = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < names.size(); i++) {
      String prefix = (i == 0 ? "" : ", ") + names.get(i) + "=";
      if (!value.startsWith(prefix, at)) {
        throw new IllegalArgumentException(
            "The natural key value " + value + " does not name " + names.get(i));
      }
      at += prefix.length();
      // the last part runs to the end; another ends where the next column is named
      int end =
          i == names.size() - 1 ? value.length() : value.indexOf(", " + names.get(i + 1) + "=", at);
      if (end < 0) {
        throw new IllegalArgumentException(
            "The natural key value " + value + " does not name " + names.get(i + 1));
      }
      parts.add(value.substring(at, end));
      at = end;
    }
    return parts;
  }

  /**
   * What a record's key value says in a message: {@code booking_no = 1124}, a text one {@code email
   * = a@x (ignoring case)}, a composite one {@code branch_code=DEN, booking_no=1124}.
   */
  String has(String value) {
    if (composite()) {
      return value;
    }
    return columns.get(0).column()
        + " = "
        + value
        + (columns.get(0).type() == ColumnType.TEXT ? " (ignoring case)" : "");
  }

  /** A composite key's value from its columns' names and values. */
  static String shown(List<String> names, List<String> values) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      pairs.add(names.get(i) + "=" + values.get(i));
    }
    return String.join(", ", pairs);
  }

  private static String canonical(ColumnType type, String value) {
    if (type == ColumnType.INTEGER) {
      try {
        return new java.math.BigInteger(value.trim()).toString();
      } catch (NumberFormatException e) {
        return value; // the insert's own check names a value its column does not take
      }
    }
    return value;
  }
}
