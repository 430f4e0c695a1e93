package dev.salvage.pipeline.importer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * How a canonical value (a string in the forms of mappings/README.md) becomes a column value and
 * back. Values travel through the plan as canonical strings so the plan stays readable and its
 * digest stable.
 */
enum ColumnType {
  TEXT(Set.of("text", "character varying", "character", "citext")),
  INTEGER(Set.of("integer", "bigint", "smallint")),
  TIMESTAMPTZ(Set.of("timestamp with time zone"));

  private final Set<String> dataTypes;

  ColumnType(Set<String> dataTypes) {
    this.dataTypes = dataTypes;
  }

  static ColumnType named(String name) {
    for (ColumnType type : values()) {
      if (type.yamlName().equals(name)) {
        return type;
      }
    }
    return null;
  }

  String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when a column of this information_schema data_type can hold values of this type. */
  boolean accepts(String dataType) {
    return dataTypes.contains(dataType);
  }

  /** The canonical form of a value, so that equal values compare equal as strings. */
  String canonical(String value) {
    if (value == null) {
      return null;
    }
    try {
      return switch (this) {
        case TEXT -> value;
        case INTEGER -> Long.toString(Long.parseLong(value.trim()));
        case TIMESTAMPTZ -> Instant.parse(value.trim()).toString();
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a canonical " + yamlName() + " value", e);
    }
  }

  void bind(PreparedStatement statement, int index, String value) throws SQLException {
    if (value == null) {
      statement.setNull(
          index,
          switch (this) {
            case TEXT -> Types.VARCHAR;
            case INTEGER -> Types.BIGINT;
            case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
          });
      return;
    }
    switch (this) {
      case TEXT -> statement.setString(index, value);
      case INTEGER -> statement.setLong(index, Long.parseLong(value));
      case TIMESTAMPTZ ->
          statement.setObject(
              index, OffsetDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC));
    }
  }

  String read(ResultSet rows, int index) throws SQLException {
    return switch (this) {
      case TEXT -> rows.getString(index);
      case INTEGER -> {
        long value = rows.getLong(index);
        yield rows.wasNull() ? null : Long.toString(value);
      }
      case TIMESTAMPTZ -> {
        OffsetDateTime value = rows.getObject(index, OffsetDateTime.class);
        yield value == null ? null : value.toInstant().toString();
      }
    };
  }

  /** The value as a SQL literal, for plan.sql and undo.sql. */
  String literal(String value) {
    if (value == null) {
      return "NULL";
    }
    return switch (this) {
      case TEXT -> quote(value);
      case INTEGER -> value;
      case TIMESTAMPTZ -> quote(value) + "::timestamptz";
    };
  }

  /** The SQL array type for {@code = ANY(?)} lookups of this type. */
  String arrayElement() {
    return switch (this) {
      case TEXT -> "text";
      case INTEGER -> "bigint";
      case TIMESTAMPTZ -> "timestamptz";
    };
  }

  Object arrayValue(String value) {
    return switch (this) {
      case TEXT -> value;
      case INTEGER -> Long.parseLong(value);
      case TIMESTAMPTZ -> OffsetDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC);
    };
  }

  /** A string literal under standard_conforming_strings (on by default since PostgreSQL 9.1). */
  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
