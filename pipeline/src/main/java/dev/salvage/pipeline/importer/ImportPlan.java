package dev.salvage.pipeline.importer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.importer.TargetMapping.Lookup;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What {@code salvage import apply} will do, exactly: every INSERT and UPDATE with its values and
 * before-images, and every record it leaves alone with the reason. Written to {@code
 * DIR/import/plan.json}; {@code digest} is the SHA-256 of everything in it but {@code digest} and
 * {@code planned_at}, serialised with sorted keys.
 *
 * @param schema the schema (PostgreSQL) or database (MariaDB) the mapping's unqualified table names
 *     resolved to at plan: plan.sql, apply and undo.sql name every table in it, so a session with
 *     another search_path reads and writes the tables plan checked; null in plans made before it
 *     was kept
 * @param wallTimes the mapped columns without a zone and the zone their wall times are taken in;
 *     left out of plan.json when there are none, so a plan without them reads as before
 * @param phoneFormats the mapped columns with a phone format and the style their values are written
 *     in; left out of plan.json when there are none
 * @param keys the key columns written from a record field ({@code key.field}), with how many rows
 *     keep the evidence's key and the sequence apply moves past them; left out when there are none
 * @param defaults the columns mapped from a field that inserts leave to a non-null column default
 *     because their record has no value for the field, with how many and which; left out when there
 *     are none, so the digest of a plan without them is what it was before they were said
 * @param steps in the order apply runs them: parents before children
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "digest",
  "plannedAt",
  "runId",
  "target",
  "schema",
  "counts",
  "wallTimes",
  "phoneFormats",
  "keys",
  "defaults",
  "steps",
  "skipped"
})
public record ImportPlan(
    String digest,
    String plannedAt,
    String runId,
    String target,
    String schema,
    Counts counts,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WallTime> wallTimes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PhoneColumn> phoneFormats,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KeyColumn> keys,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UnkeptIds> unkeptIds,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ColumnDefault> defaults,
    List<Step> steps,
    List<Skip> skipped) {
  public ImportPlan {
    wallTimes = wallTimes == null ? List.of() : List.copyOf(wallTimes);
    phoneFormats = phoneFormats == null ? List.of() : List.copyOf(phoneFormats);
    keys = keys == null ? List.of() : List.copyOf(keys);
    unkeptIds = unkeptIds == null ? List.of() : List.copyOf(unkeptIds);
    defaults = defaults == null ? List.of() : List.copyOf(defaults);
    steps = List.copyOf(steps);
    skipped = List.copyOf(skipped);
  }

  /**
   * A mapped column that holds wall times without a zone, and the zone the plan took them in.
   *
   * @param declared the column's type as the catalog gives it
   * @param setAt the mapping place of its time_zone, or null for the default
   * @param zoned whether the column has a zone (MariaDB's timestamp, PostgreSQL's timestamp with
   *     time zone) and holds wall times because its own time_zone says the application writes them
   *     so; left out of plan.json when false
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WallTime(
      String table,
      String column,
      String declared,
      String zone,
      String setAt,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean zoned) {
    public WallTime {
      requireNonNull(table, "table");
      requireNonNull(column, "column");
      requireNonNull(zone, "zone");
    }

    /** A column without a zone. */
    public WallTime(String table, String column, String declared, String zone, String setAt) {
      this(table, column, declared, zone, setAt, false);
    }

    /** What the plan assumed and how to change it, for plan.sql and the plan command's output. */
    String describe() {
      return table
          + "."
          + column
          + " ("
          + declared
          + (zoned ? ", a column with a zone" : "")
          + ") holds wall times: written and compared as wall time in "
          + zone
          + (setAt == null
              ? ", the default; if the application stores another zone, set time_zone in the"
                  + " mapping (at the top, on the entity or on the column)"
              : ", set at " + setAt)
          + (zoned
              ? " (the application writes wall times in that zone through a session in UTC,"
                  + " which the server keeps as UTC instants: Salvage's UTC session writes them"
                  + " the same way)"
              : "");
    }
  }

  /**
   * A mapped column holding phone numbers, and the style the plan writes them in.
   *
   * @param style {@code e164}, {@code international} or {@code national}
   * @param region the region of national numbers, or null
   * @param regionFrom where the region was declared when the column names none (the run config's
   *     {@code business.phone_region}), or null
   * @param chosenFrom for {@code format: like_existing}, what the column's rows hold ({@code 3
   *     international, 1 e164}); null when the mapping names the style
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PhoneColumn(
      String table,
      String column,
      String style,
      String region,
      String regionFrom,
      String chosenFrom) {
    public PhoneColumn {
      requireNonNull(table, "table");
      requireNonNull(column, "column");
      requireNonNull(style, "style");
    }

    /** For plan.sql and the plan command's output. */
    String describe() {
      return table
          + "."
          + column
          + ": phone numbers written "
          + style
          + (region == null
              ? ""
              : " (region " + region + (regionFrom == null ? "" : ", from " + regionFrom) + ")")
          + (chosenFrom == null
              ? ", as the mapping's format says"
              : ", chosen by format: like_existing from the column's rows (" + chosenFrom + ")")
          + "; compared with the rows as numbers, whatever their style";
    }
  }

  /**
   * New rows whose records carry the application's own id (a field named like the key column, or
   * {@code backup_id}: "Numer kursanta: 84", a Stripe customer's metadata) that the plan does not
   * write, the table's key not taking a field ({@code key.field}): the database gives them other
   * ids, and the application's next ones may collide with the numbers its customers hold. An
   * outside trial's student #84 came back as 120, unsaid; another's restored backup stayed in
   * service, and the application's next bookings took ids (and the references it derives from them)
   * that restored rows carried, and failed.
   *
   * @param rows how many planned inserts carry a value of {@code field}
   * @param example one of them: record id and value
   * @param largest the largest id they carry, or null when the key is not an integer
   * @param held how many of the ids they carry rows of the target hold (rows that are not these
   *     records: those are new), which {@code key.field} would keep out; null when none does
   * @param sequence the key column's sequence on PostgreSQL, or null (none, or MariaDB)
   * @param sequenceFrom the sequence's last value at plan time, or null without a sequence
   * @param sequenceTo the value apply moves it to before the inserts ({@code largest}), or null
   *     when it is past every id carried, or may not be moved
   * @param sequenceGrant the GRANT this role lacks to move the sequence past {@code largest}, or
   *     null
   * @param keyFieldProblem why {@code key.field: field} would not work as the entity model and the
   *     values stand (the field's type, a value that is not an integer) and what to change, or null
   *     when it would: the advice is one that works as written
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UnkeptIds(
      String table,
      String column,
      String field,
      long rows,
      String example,
      String largest,
      Long held,
      String sequence,
      String sequenceFrom,
      String sequenceTo,
      String sequenceGrant,
      String keyFieldProblem) {
    public UnkeptIds {
      requireNonNull(table, "table");
      requireNonNull(column, "column");
      requireNonNull(field, "field");
    }

    /** For plan.sql and the plan command's output. */
    String describe() {
      return table
          + ": "
          + rows
          + " new row(s) carry "
          + field
          + " (the application's id, e.g. "
          + example
          + (largest == null || rows == 1 ? "" : "; the largest " + largest)
          + ") that this plan does not write: the database assigns new ids to "
          + table
          + "."
          + column
          + sequenceSaid()
          + (keyFieldProblem == null
              ? "; set key.field: " + field + " to keep them"
              : "; key.field: "
                  + field
                  + " would not keep them as things stand: "
                  + keyFieldProblem)
          + (held == null
              ? ""
              : " ("
                  + held
                  + " of these ids "
                  + (held == 1
                      ? "is held by a row the target has that is not one of these records"
                      : "are held by rows the target has that are not these records")
                  + ": with key.field: "
                  + field
                  + " those records, and new rows referring to them, would be kept out)");
    }

    /** What becomes of the ids the application hands out next. */
    private String sequenceSaid() {
      if (largest == null) {
        return "";
      }
      if (sequence == null) {
        // MariaDB's AUTO_INCREMENT, or a key without a sequence: plan does not read where it stands
        return "; the application's next ids may be ids the evidence names for these records"
            + " (up to "
            + largest
            + ")";
      }
      // the plan's own inserts take the first of them, the application's rows the rest
      String next =
          "the ids it hands out next, to these inserts and then to the application ("
              + new BigInteger(sequenceFrom).add(BigInteger.ONE)
              + " to "
              + largest
              + ")";
      if (sequenceGrant != null) {
        return "; sequence "
            + sequence
            + " stands at "
            + sequenceFrom
            + ", so "
            + next
            + " would include ids the evidence names for these records, and this role may not"
            + " move it past them: "
            + sequenceGrant
            + " and plan again";
      }
      if (sequenceTo == null) {
        return "; sequence " + sequence + " is at " + sequenceFrom + ", past every id they carry";
      }
      return "; sequence "
          + sequence
          + " stands at "
          + sequenceFrom
          + ", so "
          + next
          + " would include ids the evidence names for these records: it will be moved from "
          + sequenceFrom
          + " to "
          + sequenceTo
          + " before the inserts (setval, never backwards; undo does not move it back), and these"
          + " rows and the application's next ones get ids after "
          + sequenceTo;
    }
  }

  /**
   * A key column whose new rows take their key from a record field ({@code key.field}): the numbers
   * the application showed its customers ("Rental #57").
   *
   * @param written how many inserts write the record's key
   * @param defaulted how many inserts take the column default, their record having no value for the
   *     field
   * @param defaultedExample one of those records, or null when there are none
   * @param sequence the column's sequence on PostgreSQL, or null (MariaDB's AUTO_INCREMENT follows
   *     explicit keys by itself)
   * @param sequenceFrom the sequence's last value at plan time (one before its start when it handed
   *     out none), or null without a sequence
   * @param sequenceTo the value apply moves it to before the inserts (the largest key written), or
   *     null when it is past every key written already
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KeyColumn(
      String table,
      String column,
      String field,
      long written,
      long defaulted,
      String defaultedExample,
      String sequence,
      String sequenceFrom,
      String sequenceTo) {
    public KeyColumn {
      requireNonNull(table, "table");
      requireNonNull(column, "column");
      requireNonNull(field, "field");
    }

    /** For plan.sql and the plan command's output. */
    String describe() {
      return table
          + "."
          + column
          + ": "
          + written
          + " new row(s) keep the key of field "
          + field
          + (defaulted == 0
              ? ""
              : "; "
                  + defaulted
                  + " take the column default, their record having no "
                  + field
                  + " ("
                  + defaultedExample
                  + (defaulted > 1 ? ", ..." : "")
                  + ")")
          + (sequence == null
              ? ""
              : sequenceTo == null
                  ? "; sequence " + sequence + " is at " + sequenceFrom + ", past them: not moved"
                  : "; sequence "
                      + sequence
                      + " will be moved from "
                      + sequenceFrom
                      + " to "
                      + sequenceTo
                      + " (setval, never backwards), so the application's next row gets a key"
                      + " after them");
    }
  }

  /**
   * A column mapped from a record field that inserts leave out because their record has no value
   * for the field, so the database writes the column's default, or NULL when it has none. A default
   * is a value no evidence gave ({@code 'provisional'} for a booking whose confirmation mail was
   * lost), and a NULL a row thinner than its record looks (a booking made from a payment alone has
   * no car): the plan says both rather than leave them to be found in the rows.
   *
   * @param field the record field the column is mapped from; null for a column the mapping does not
   *     write, whose constant default every new row takes
   * @param defaultValue the default as the target's catalog gives it; null when the column has none
   *     and is left NULL
   * @param rows how many planned inserts take it
   * @param examples the first of those records, at most {@link #EXAMPLES}
   * @param mappingDefault the target mapping's {@code default} for the column, which those inserts
   *     write themselves (so {@code defaultValue} is null); null when the database fills it in
   */
  public record ColumnDefault(
      String table,
      String column,
      @JsonInclude(JsonInclude.Include.NON_NULL) String field,
      @JsonInclude(JsonInclude.Include.NON_NULL) String defaultValue,
      long rows,
      List<String> examples,
      @JsonInclude(JsonInclude.Include.NON_NULL) String mappingDefault) {
    /** How many records a column default names; plan.sql marks every INSERT that takes it. */
    static final int EXAMPLES = 3;

    public ColumnDefault {
      requireNonNull(table, "table");
      requireNonNull(column, "column");
      examples = List.copyOf(examples);
    }

    /** One the database fills in: its default, or NULL. */
    public ColumnDefault(
        String table,
        String column,
        String field,
        String defaultValue,
        long rows,
        List<String> examples) {
      this(table, column, field, defaultValue, rows, examples, null);
    }

    /** Whether the inserts leave the column NULL, having no default to take. */
    boolean leftNull() {
      return defaultValue == null && mappingDefault == null;
    }

    /** What an INSERT that takes it writes, for plan.sql: {@code DEFAULT 'provisional'}. */
    String written() {
      return leftNull() ? "NULL" : "DEFAULT " + defaultValue;
    }

    /** For plan.sql and the plan command's output. */
    String describe() {
      return table
          + "."
          + column
          + ": "
          + rows
          + (mappingDefault != null
              ? " new row(s) take the target mapping's default '" + mappingDefault + "'"
              : leftNull()
                  ? " new row(s) leave it NULL (it has no default)"
                  : " new row(s) take the column default " + defaultValue)
          + (field == null
              ? ", a column the target mapping does not write"
              : ", their record having no " + field)
          + " ("
          + String.join(", ", examples)
          + (rows > examples.size() ? ", ..." : "")
          + ")";
    }
  }

  /** How many rows each kind of step writes. */
  public record Counts(long inserts, long updates, long skipped) {}

  /**
   * One row written: an INSERT (key is null until apply) or an UPDATE of the row with key.
   *
   * @param overriding true for an INSERT that writes a {@code GENERATED ALWAYS AS IDENTITY} key
   *     (sent with {@code OVERRIDING SYSTEM VALUE}); else null
   * @param salvaged for an UPDATE of a row an earlier apply inserted (late evidence about a record
   *     Salvage put back itself), which apply and when, for the reader; else null, so plans without
   *     such updates keep their digest
   * @param overwritten for an UPDATE that {@code --overwrite} let write over values the application
   *     changed since the backup, one line per such column (what it held, what is written); else
   *     null, so other plans keep their digest
   * @param naturalKeys for an INSERT into a table whose natural key is several columns, those
   *     columns ({@code natural_key} is then null and {@code natural_value} names each: {@code
   *     branch_code=DEN, booking_no=1124}); else null, so other plans keep their digest
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(
      String op,
      String record,
      String table,
      String keyColumn,
      ColumnType keyType,
      String key,
      String naturalKey,
      String naturalValue,
      List<Value> values,
      List<Value> guards,
      List<String> evidence,
      Boolean overriding,
      String salvaged,
      List<String> overwritten,
      List<String> naturalKeys) {
    public Step {
      overwritten = overwritten == null ? null : List.copyOf(overwritten);
      naturalKeys = naturalKeys == null ? null : List.copyOf(naturalKeys);
      values = List.copyOf(values);
      guards = guards == null ? null : List.copyOf(guards);
      evidence = List.copyOf(evidence);
    }

    boolean insert() {
      return "insert".equals(op);
    }

    /**
     * The natural key's columns: the one of {@code natural_key}, or those of a key of several
     * columns ({@code natural_keys}, whose value {@code natural_value} names them all: {@code
     * branch_code=DEN, booking_no=1124}).
     */
    List<String> naturalColumns() {
      return naturalKeys != null ? naturalKeys : List.of(naturalKey);
    }

    /** Whether the INSERT overrides an identity's GENERATED ALWAYS with the plan's key. */
    boolean overridesIdentity() {
      return Boolean.TRUE.equals(overriding);
    }

    /** The key an INSERT writes itself (from a field, or generated by the plan), or null. */
    String plannedKey() {
      for (Value value : values) {
        if (value.column().equals(keyColumn)) {
          return value.value();
        }
      }
      return null;
    }

    /**
     * This step as the database stored it: each value of {@code stored} (column -> value) in place
     * of the one written (a trigger or rule rewrote it), for undo.sql, whose guards must find the
     * row as it is.
     */
    Step asStored(Map<String, String> stored) {
      if (stored.isEmpty()) {
        return this;
      }
      List<Value> kept = new ArrayList<>();
      for (Value value : values) {
        kept.add(
            stored.containsKey(value.column())
                ? new Value(
                    value.column(),
                    value.type(),
                    stored.get(value.column()),
                    value.before(),
                    value.lookup(),
                    value.now(),
                    value.zone(),
                    value.derived(),
                    value.beforeKey())
                : value);
      }
      return new Step(
          op,
          record,
          table,
          keyColumn,
          keyType,
          key,
          naturalKey,
          naturalKey == null ? naturalValue : stored.getOrDefault(naturalKey, naturalValue),
          kept,
          guards,
          evidence,
          overriding,
          salvaged,
          overwritten,
          naturalKeys);
    }

    /**
     * The row an update step writes, for messages: {@code public.customers id = 17 (customer:17)}.
     */
    String row() {
      return table + " " + keyColumn + " = " + key + " (" + record + ")";
    }
  }

  /**
   * A column value. With a lookup, {@code value} is the natural key the column's value is found by.
   * With {@code now}, the value is the apply transaction's time. In guards, {@code value} is the
   * before-image apply expects. A {@link ColumnType#WALL_TIME} value has its {@code zone}: the wall
   * times are in it, and so is the apply time of {@code now}. A value the record did not hold for
   * the column's field but the plan derived (a given name split from a full name) says how in
   * {@code derived}, so the operator sees it in plan.sql before applying. A lookup column an update
   * changes keeps in {@code beforeKey} the key it held when planned (the parent's id, not its match
   * value): the UPDATE's guard and undo.sql compare and restore that key, so that neither depends
   * on the parent's match value, which the same plan may change earlier (a customer's new email).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Value(
      String column,
      ColumnType type,
      String value,
      String before,
      Lookup lookup,
      Boolean now,
      String zone,
      String derived,
      String beforeKey) {
    Value(
        String column,
        ColumnType type,
        String value,
        String before,
        Lookup lookup,
        Boolean now,
        String zone) {
      this(column, type, value, before, lookup, now, zone, null, null);
    }

    Value(
        String column,
        ColumnType type,
        String value,
        String before,
        Lookup lookup,
        Boolean now,
        String zone,
        String derived) {
      this(column, type, value, before, lookup, now, zone, derived, null);
    }

    boolean generatedNow() {
      return Boolean.TRUE.equals(now);
    }
  }

  /** A record the plan does not write, and why. */
  public record Skip(String record, String entity, String reason) {}

  /** The SQL dialect of the target the plan was made for. */
  Dialect dialect() {
    Dialect dialect = Dialect.of(target);
    if (dialect == null) {
      throw new IllegalStateException("plan.json names an unsupported target " + target);
    }
    return dialect;
  }

  ImportPlan stamped(String plannedAt) {
    return withStamp(computeDigest(), plannedAt);
  }

  /** This plan's content under {@code digest} and {@code plannedAt}. */
  private ImportPlan withStamp(String digest, String plannedAt) {
    return new ImportPlan(
        digest,
        plannedAt,
        runId,
        target,
        schema,
        counts,
        wallTimes,
        phoneFormats,
        keys,
        unkeptIds,
        defaults,
        steps,
        skipped);
  }

  /** The digest of the content, whatever the {@code digest} field says. */
  String computeDigest() {
    ImportPlan content = withStamp(null, null);
    try {
      byte[] bytes = Json.canonical(content);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot compute the plan digest", e);
    }
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, Json.pretty(this), StandardCharsets.UTF_8);
  }

  static ImportPlan read(Path file) throws IOException {
    return Json.MAPPER.readValue(file.toFile(), ImportPlan.class);
  }
}
