package dev.salvage.pipeline.importer;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How a canonical value (a string in the forms of mappings/README.md) becomes a column value and
 * back. Values travel through the plan as canonical strings so the plan stays readable and its
 * digest stable.
 */
enum ColumnType {
  TEXT(Set.of("text", "character varying", "character", "citext", "varchar", "char")),
  INTEGER(Set.of("integer", "bigint", "smallint", "int", "mediumint", "tinyint")),
  NUMERIC(Set.of("numeric", "decimal")),
  BOOLEAN(Set.of("boolean")),
  DATE(Set.of("date")),
  TIME(Set.of("time without time zone", "time")),
  /**
   * An instant. A column with a zone holds it as such; a column without one (PostgreSQL's {@code
   * timestamp without time zone}, MariaDB's {@code datetime}) holds its wall time in the mapping's
   * {@code time_zone}, and the plan carries it as {@link #WALL_TIME}.
   */
  TIMESTAMPTZ(Set.of("timestamp with time zone", "timestamp without time zone")),
  /**
   * The wall time an instant has in a zone ({@code 2026-03-29T10:30}), as a column without a zone
   * holds it. Not a mapping's type: the plan's type of a {@code timestamptz} field written to such
   * a column, compared as wall times so what was written reads back equal.
   */
  WALL_TIME(Set.of("timestamp without time zone")),
  UUID(Set.of("uuid")),
  JSON(Set.of("json", "jsonb")),
  ENUM(Set.of("enum"));

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Set<String> dataTypes;

  ColumnType(Set<String> dataTypes) {
    this.dataTypes = dataTypes;
  }

  static ColumnType named(String name) {
    for (ColumnType type : values()) {
      if (type != WALL_TIME && type.yamlName().equals(name)) {
        return type;
      }
    }
    return null;
  }

  /** The names a mapping may use, for messages. */
  static String names() {
    StringBuilder out = new StringBuilder();
    for (ColumnType type : values()) {
      if (type != WALL_TIME) {
        out.append(out.length() == 0 ? "" : ", ").append(type.yamlName());
      }
    }
    return out.toString();
  }

  String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when a column of this catalog data type (normalised by TargetSchema) can hold it. */
  boolean accepts(String dataType) {
    return dataTypes.contains(dataType);
  }

  /** The canonical form of a value, so that equal values compare equal as strings. */
  String canonical(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    try {
      return switch (this) {
        case TEXT, ENUM -> value;
        case INTEGER -> integer(value, trimmed);
        case NUMERIC -> new BigDecimal(trimmed).toPlainString();
        case BOOLEAN -> bool(trimmed);
        case DATE -> LocalDate.parse(trimmed).toString();
        case TIME -> LocalTime.parse(trimmed).toString();
        case TIMESTAMPTZ -> Instant.parse(trimmed).toString();
        case WALL_TIME -> LocalDateTime.parse(trimmed).toString();
        case UUID -> uuid(trimmed);
        case JSON -> Json.MAPPER.writeValueAsString(json(trimmed));
      };
    } catch (NumberFormatException | DateTimeParseException | IOException e) {
      throw new IllegalArgumentException("'" + value + "' is not " + article() + " value", e);
    }
  }

  /**
   * The wall time a canonical instant has in {@code zone}. A function of the instant: no instant
   * falls in a gap of the zone (the hour skipped when clocks go forward), and the two instants an
   * overlap gives one wall time (the hour repeated when clocks go back) are both written as it.
   */
  static String wallTime(String instant, ZoneId zone) {
    return LocalDateTime.ofInstant(Instant.parse(instant), zone).toString();
  }

  // an integer past 64 bits is still an integer: said as out of range, not as "not an integer"
  private static String integer(String value, String trimmed) {
    BigInteger number = new BigInteger(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
    if (number.bitLength() > 63) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "' is out of the range of every integer column ("
              + Long.MIN_VALUE
              + " to "
              + Long.MAX_VALUE
              + ")");
    }
    return number.toString();
  }

  /** Its name with its article, for messages: "an integer", "a uuid". */
  String article() {
    return (this == INTEGER || this == ENUM ? "an " : "a ") + yamlName();
  }

  private String bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "on", "1" -> "true";
      case "false", "f", "no", "n", "off", "0" -> "false";
      default ->
          throw new IllegalArgumentException(
              "'" + value + "' is not a boolean value (true/false, yes/no, 1/0)");
    };
  }

  private static String uuid(String value) {
    if (!UUID_TEXT.matcher(value).matches()) {
      throw new IllegalArgumentException("'" + value + "' is not a uuid value");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static JsonNode json(String value) throws IOException {
    try (JsonParser parser = Json.MAPPER.createParser(value)) {
      JsonNode tree = Json.MAPPER.readTree(parser);
      // readTree stops after the first value; trailing text would otherwise be dropped silently
      if (tree == null || tree.isMissingNode() || parser.nextToken() != null) {
        throw new JsonParseException(parser, "not exactly one json value");
      }
      return tree;
    }
  }

  /**
   * True when two canonical values (or values read from the target) mean the same column value: a
   * numeric 12.5 is 12.50 in a numeric(10,2) column, and jsonb gives back its own spacing and key
   * order.
   */
  boolean same(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    try {
      return switch (this) {
        case NUMERIC -> new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim())) == 0;
        case JSON -> json(a).equals(json(b));
        default -> a.equals(b);
      };
    } catch (NumberFormatException | IOException e) {
      return Objects.equals(a, b);
    }
  }

  void bind(PreparedStatement statement, int index, String value, Dialect dialect)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, sqlType(dialect));
      return;
    }
    switch (this) {
      case TEXT -> statement.setString(index, value);
      case INTEGER -> statement.setLong(index, Long.parseLong(value));
      case NUMERIC -> statement.setBigDecimal(index, new BigDecimal(value));
      case BOOLEAN -> statement.setBoolean(index, Boolean.parseBoolean(value));
      case DATE -> statement.setObject(index, LocalDate.parse(value));
      case TIME -> statement.setObject(index, LocalTime.parse(value));
      case TIMESTAMPTZ -> dialect.bindInstant(statement, index, Instant.parse(value));
      // sent as a timestamp without zone: no session time zone shifts it
      case WALL_TIME -> statement.setObject(index, LocalDateTime.parse(value));
      case UUID -> {
        if (dialect == Dialect.POSTGRESQL) {
          statement.setObject(index, java.util.UUID.fromString(value));
        } else {
          statement.setString(index, value);
        }
      }
      // sent untyped, so PostgreSQL takes the column's type (json, jsonb, the enum type)
      case JSON, ENUM -> {
        if (dialect == Dialect.POSTGRESQL) {
          statement.setObject(index, value, Types.OTHER);
        } else {
          statement.setString(index, value);
        }
      }
    }
  }

  private int sqlType(Dialect dialect) {
    return switch (this) {
      case TEXT -> Types.VARCHAR;
      case INTEGER -> Types.BIGINT;
      case NUMERIC -> Types.NUMERIC;
      case BOOLEAN -> Types.BOOLEAN;
      case DATE -> Types.DATE;
      case TIME -> Types.TIME;
      case TIMESTAMPTZ ->
          dialect == Dialect.POSTGRESQL ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP;
      case WALL_TIME -> Types.TIMESTAMP;
      case UUID, JSON, ENUM -> dialect == Dialect.POSTGRESQL ? Types.OTHER : Types.VARCHAR;
    };
  }

  String read(ResultSet rows, int index, Dialect dialect) throws SQLException {
    return switch (this) {
      case TEXT, ENUM, JSON -> rows.getString(index);
      case INTEGER -> {
        long value = rows.getLong(index);
        yield rows.wasNull() ? null : Long.toString(value);
      }
      case NUMERIC -> {
        BigDecimal value = rows.getBigDecimal(index);
        yield value == null ? null : value.toPlainString();
      }
      case BOOLEAN -> {
        boolean value = rows.getBoolean(index);
        yield rows.wasNull() ? null : Boolean.toString(value);
      }
      case DATE -> {
        LocalDate value = rows.getObject(index, LocalDate.class);
        yield value == null ? null : value.toString();
      }
      case TIME -> {
        LocalTime value = rows.getObject(index, LocalTime.class);
        yield value == null ? null : value.toString();
      }
      case TIMESTAMPTZ -> {
        Instant value = dialect.readInstant(rows, index);
        yield value == null ? null : value.toString();
      }
      // the wall time as stored, never through an instant: a wall time an overlap repeats, or one
      // in a gap the application wrote, reads back as itself
      case WALL_TIME -> {
        if (dialect == Dialect.POSTGRESQL
            && rows.getMetaData().getColumnTypeName(index).equals("timestamptz")) {
          // a timestamp with time zone column holding wall times (its own time_zone): the UTC
          // wall time of its instant, as Salvage's UTC session wrote it
          Instant value = dialect.readInstant(rows, index);
          yield value == null ? null : LocalDateTime.ofInstant(value, ZoneOffset.UTC).toString();
        }
        LocalDateTime value = rows.getObject(index, LocalDateTime.class);
        yield value == null ? null : value.toString();
      }
      case UUID -> {
        String value = rows.getString(index);
        yield value == null ? null : value.toLowerCase(Locale.ROOT);
      }
    };
  }

  /** The value as a SQL literal, for plan.sql and undo.sql. */
  String literal(String value, Dialect dialect) {
    if (value == null) {
      return "NULL";
    }
    return switch (this) {
      case TEXT, ENUM, JSON -> dialect.quote(value);
      case INTEGER, NUMERIC -> value;
      case BOOLEAN -> Boolean.parseBoolean(value) ? "TRUE" : "FALSE";
      case DATE -> "DATE " + dialect.quote(value);
      case TIME -> "TIME " + dialect.quote(value);
      case TIMESTAMPTZ -> dialect.instantLiteral(value);
      case WALL_TIME ->
          "TIMESTAMP "
              + dialect.quote(
                  DateTimeFormatter.ISO_LOCAL_DATE_TIME
                      .format(LocalDateTime.parse(value))
                      .replace('T', ' '));
      case UUID ->
          dialect == Dialect.POSTGRESQL ? dialect.quote(value) + "::uuid" : dialect.quote(value);
    };
  }

  /** The SQL array type for {@code = ANY(?)} lookups of this type (key and natural key types). */
  String arrayElement() {
    return switch (this) {
      case INTEGER -> "bigint";
      case TIMESTAMPTZ -> "timestamptz";
      case WALL_TIME -> "timestamp";
      case UUID -> "uuid";
      default -> "text";
    };
  }

  Object arrayValue(String value) {
    return switch (this) {
      case INTEGER -> Long.parseLong(value);
      case TIMESTAMPTZ -> OffsetDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC);
      case WALL_TIME -> LocalDateTime.parse(value);
      case UUID -> java.util.UUID.fromString(value);
      default -> value;
    };
  }

  /** The types a table's key may have: values that name one row and come back from RETURNING. */
  boolean canBeKey() {
    return this == TEXT || this == INTEGER || this == UUID;
  }
}
