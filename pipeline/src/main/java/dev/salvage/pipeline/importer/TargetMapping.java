package dev.salvage.pipeline.importer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.connectors.InvalidOptionException;
import dev.salvage.connectors.Option;
import dev.salvage.connectors.OptionSet;
import dev.salvage.connectors.OptionValues;
import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.PersonNames;
import dev.salvage.mappings.Yaml;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How canonical entities map onto the application's tables: which table, which key, which column
 * holds which field in which type, which foreign keys are resolved by natural key, and which
 * records are approved without an explicit decision. The format is documented in docs/import.md.
 *
 * @param file where it was loaded from, for messages
 * @param policy what happens to records without an explicit decision
 * @param tables in write order: a table's parents come before it
 */
public record TargetMapping(Path file, Policy policy, List<TableMapping> tables) {
  /**
   * What no identifier may hold: control characters (NUL cannot be sent to PostgreSQL at all, a
   * line break would end the comment lines of plan.sql and undo.sql that name the table) and
   * U+FFFD, the mark of text that was not valid UTF-8.
   */
  private static final Pattern UNQUOTABLE = Pattern.compile("[\\p{Cc}\\x{FFFD}]");

  public TargetMapping {
    requireNonNull(file, "file");
    requireNonNull(policy, "policy");
    tables = List.copyOf(tables);
  }

  /**
   * Which records are approved without an explicit decision: the mapping's {@code policy} section,
   * whose keys are declared here once (docs/import.md's table is generated from them).
   */
  public record Policy(Set<Action> approve, double minConfidence) {
    static final Option<List<Action>> APPROVE =
        Option.listOf("approve", "list of `NEW`, `UPDATED`", Policy::approvable)
            .allowingEmpty()
            .withDefault("NEW, UPDATED")
            .withDescription(
                "the kinds of record approved without a decision (`[]`: none); `CONFLICT` and"
                    + " `UNCHANGED` records always need an explicit one");
    static final Option<Double> MIN_CONFIDENCE =
        Option.decimal("min_confidence", 0, 1)
            .withDefault("1.0")
            .withDescription(
                "they are approved from this confidence up; `salvage import plan"
                    + " --min-confidence` overrides it");
    static final OptionSet OPTIONS = OptionSet.of("policy", APPROVE, MIN_CONFIDENCE);

    public Policy {
      approve = Set.copyOf(approve);
    }

    public static Policy defaults() {
      try {
        return of(OPTIONS.read(Map.of()));
      } catch (InvalidOptionException e) {
        throw new IllegalStateException("The policy's defaults are invalid", e);
      }
    }

    static Policy of(OptionValues values) {
      return new Policy(Set.copyOf(values.get(APPROVE)), values.get(MIN_CONFIDENCE));
    }

    private static Action approvable(String text) {
      Action action;
      try {
        action = Action.valueOf(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "names an unknown action '" + text + "' (expected NEW, UPDATED)");
      }
      if (action == Action.CONFLICT || action == Action.UNCHANGED) {
        throw new IllegalArgumentException(
            action + " records cannot be approved by policy; they need an explicit decision");
      }
      return action;
    }

    public Policy withMinConfidence(double value) {
      return new Policy(approve, value);
    }
  }

  /**
   * The zone whose wall time a column without a zone holds, and where the mapping says so: the plan
   * names both for every such column, so nobody gets shifted times without being told.
   *
   * @param setAt the mapping place that set it ({@code entities.booking.time_zone}), or null for
   *     the default
   * @param onColumn whether the column's own mapping sets it: only then does it count for a column
   *     that has a zone (MariaDB's {@code timestamp}, PostgreSQL's {@code timestamp with time
   *     zone}), saying the application writes wall times in it through a UTC session (Laravel's
   *     APP_TIMEZONE without DB_TIMEZONE); a zone set at the top or on an entity is for columns
   *     without one, as it always was
   */
  record WallTimeZone(ZoneId zone, String setAt, boolean onColumn) {
    /**
     * The option, declared once: at the top of the mapping, on an entity, or on a column, the
     * nearest one counting. docs/import.md's table is generated from it.
     */
    static final Option<ZoneId> TIME_ZONE =
        Option.of(
                "time_zone",
                "time-zone id (`Europe/Lisbon`) or offset (`+02:00`)",
                TargetMapping::zone)
            .withDefault("UTC")
            .withDescription(
                "the zone whose wall time the application stores in columns without a zone"
                    + " (PostgreSQL `timestamp without time zone`, MariaDB `datetime`): `UTC` for"
                    + " Rails and Prisma, Django's `TIME_ZONE` when `USE_TZ = False`. Set at the"
                    + " top of the mapping, on an entity or on a column; the nearest counts. On a"
                    + " column that has a zone (MariaDB `timestamp`, PostgreSQL `timestamp with"
                    + " time zone`), set on the column itself only: the zone whose wall times the"
                    + " application writes into it through a session in UTC (Laravel's"
                    + " `APP_TIMEZONE` without `DB_TIMEZONE` on a server in UTC)");

    static final OptionSet OPTIONS = OptionSet.of("time_zone", TIME_ZONE);

    WallTimeZone {
      requireNonNull(zone, "zone");
    }

    WallTimeZone(ZoneId zone, String setAt) {
      this(zone, setAt, false);
    }

    /** The same zone, set on the column's own mapping. */
    WallTimeZone ownedByColumn() {
      return new WallTimeZone(zone, setAt, true);
    }

    static WallTimeZone defaults() {
      try {
        return new WallTimeZone(OPTIONS.read(Map.of()).get(TIME_ZONE), null);
      } catch (InvalidOptionException e) {
        throw new IllegalStateException("The time_zone default is invalid", e);
      }
    }

    /**
     * For messages: {@code Europe/Lisbon (entities.booking.time_zone)}, {@code UTC (the default)}.
     */
    String describe() {
      return zone.getId() + (setAt == null ? " (the default)" : " (set at " + setAt + ")");
    }
  }

  /**
   * A zone as the option takes it: a region id of the tz database, or a fixed offset in whole
   * minutes. Abbreviations ({@code CET} aside, which is a region) are refused: {@code EST} and
   * {@code IST} mean different things in different places.
   */
  private static ZoneId zone(String text) {
    ZoneId zone;
    try {
      zone = ZoneId.of(text);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "must be a time-zone id of the tz database (Europe/Lisbon, America/New_York, UTC) or an"
              + " offset (+02:00)");
    }
    if (zone.normalized() instanceof java.time.ZoneOffset offset
        && offset.getTotalSeconds() % 60 != 0) {
      throw new IllegalArgumentException("must be an offset in whole minutes");
    }
    return zone;
  }

  /**
   * Where an inserted row's key comes from. Prisma and other ORMs make ids in the application
   * ({@code cuid()}, {@code uuid()}), so their tables have no default to give one.
   */
  enum KeySource {
    /** The key column's default: a sequence, an identity, a function. */
    DATABASE,
    /** A random UUID salvage writes into the plan, as text or uuid. */
    UUID,
    /**
     * A record field ({@code key: {..., field: rental_number}}): an application that shows its key
     * to customers ("Rental #57" in a mail, {@code rental_id} in Stripe metadata) gets its lost
     * rows back under the numbers the customers hold, not the sequence's next ones. A record
     * without the field takes the column default.
     */
    FIELD
  }

  /**
   * One entity's table. The natural key is a column mapped from a field.
   *
   * @param keyField the record field new rows' keys come from ({@link KeySource#FIELD}), else null
   * @param softDelete the column whose value marks a row the application deleted ({@code
   *     soft_delete: deleted_at}), or null when every row is live
   * @param model the entity's fields as the run's entity model types them, or null when plan was
   *     given no model: advice to take a field as the key is checked against it
   */
  record TableMapping(
      String entity,
      String table,
      String keyColumn,
      ColumnType keyType,
      KeySource keySource,
      String keyField,
      List<String> naturalKeys,
      List<ColumnMapping> columns,
      String softDelete,
      ModelFields model) {
    /**
     * The option, declared once; docs/import.md's table is generated from it. A framework that
     * soft-deletes (Laravel's SoftDeletes, Rails' paranoia or discard) keeps the row and hides it:
     * taken for live, it would make a new record "already present", be a lookup's parent, or be
     * updated unseen.
     */
    static final Option<String> SOFT_DELETE =
        Option.of("soft_delete", "column name", TargetMapping::softDeleteColumn)
            .withDefaultDescribed("none: every row is live")
            .withDescription(
                "on an entity: the column the application marks a deleted row in, NULL on live"
                    + " rows (Laravel's `deleted_at`, `discarded_at`); it must exist and be"
                    + " nullable. Rows holding a value in it are not matched by natural key, not"
                    + " found by lookups and never updated: a record that finds only such a row"
                    + " is kept out, named");

    static final OptionSet OPTIONS = OptionSet.of("soft_delete", SOFT_DELETE);

    TableMapping {
      requireNonNull(naturalKeys, "naturalKeys");
      naturalKeys = List.copyOf(naturalKeys);
      columns = List.copyOf(columns);
    }

    TableMapping(
        String entity,
        String table,
        String keyColumn,
        ColumnType keyType,
        KeySource keySource,
        String keyField,
        List<String> naturalKeys,
        List<ColumnMapping> columns,
        String softDelete) {
      this(
          entity,
          table,
          keyColumn,
          keyType,
          keySource,
          keyField,
          naturalKeys,
          columns,
          softDelete,
          null);
    }

    TableMapping withColumns(List<ColumnMapping> replaced, ModelFields typedBy) {
      return new TableMapping(
          entity,
          table,
          keyColumn,
          keyType,
          keySource,
          keyField,
          naturalKeys,
          replaced,
          softDelete,
          typedBy);
    }

    TableMapping withColumns(List<ColumnMapping> replaced) {
      return withColumns(replaced, model);
    }

    /**
     * The natural key's one column, or null when the key is several columns ({@code natural_key:
     * [branch_code, booking_no]}), which only the planner's composite paths read.
     */
    String naturalKey() {
      return naturalKeys.size() == 1 ? naturalKeys.get(0) : null;
    }

    /** Whether the natural key is several columns that identify a row only together. */
    boolean compositeNaturalKey() {
      return naturalKeys.size() > 1;
    }

    /** Whether a column is the natural key or one of its columns. */
    boolean inNaturalKey(String column) {
      return naturalKeys.contains(column);
    }

    ColumnMapping column(String name) {
      for (ColumnMapping column : columns) {
        if (column.column().equals(name)) {
          return column;
        }
      }
      return name.equals(keyColumn) ? keyFromField() : null;
    }

    /**
     * The key column as a column mapped from {@code key.field}, so its value is fitted (an
     * integer's range, a text's length) as any column's is, and so it can be the natural key of a
     * table whose only identity is the number it shows customers; null when new keys come from
     * elsewhere.
     */
    ColumnMapping keyFromField() {
      if (keySource != KeySource.FIELD) {
        return null;
      }
      return new ColumnMapping(
          keyColumn,
          keyType,
          keyField,
          null,
          null,
          null,
          When.INSERT,
          null,
          WallTimeZone.defaults(),
          null,
          null,
          Units.UNSAID,
          null,
          null,
          null,
          List.of());
    }
  }

  /** When a column is written. */
  /** What a column's {@code units} says of the amounts it takes. */
  enum Units {
    /** Nothing said: money is converted only as {@code currency} and the column's type tell. */
    UNSAID,
    /** {@code as_is}: the field holds the column's own units (450 kroner as 450.00). */
    AS_IS,
    /**
     * {@code major}: the column holds whole major units (euros, not cents), so minor units are
     * divided by the currency's exponent and an amount with cents does not fit.
     */
    MAJOR
  }

  enum When {
    /** On insert, and on update when its field changed. */
    ALWAYS,
    /** On insert only. */
    INSERT,
    /** On insert, and on every update of the row (an updated_at column). */
    TOUCH
  }

  /** A value the import produces itself. */
  enum Generated {
    /** The apply transaction's time. */
    NOW,
    /** The observation time of the record's earliest evidence. */
    FIRST_EVIDENCE
  }

  /**
   * Resolves a natural key value to the column value: {@code SELECT take FROM table WHERE match =
   * value}.
   *
   * @param softDelete the looked-up table's {@code soft_delete} column, or null: apply's lookup
   *     then finds only rows where it is NULL, as plan did (left out of plan.json when null, so
   *     plans without it keep their digest)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Lookup(String table, String match, String take, String softDelete) {
    /** A lookup of a table whose rows are all live. */
    Lookup(String table, String match, String take) {
      this(table, match, take, null);
    }
  }

  /**
   * A later way for a lookup column to find its parent ({@code lookup:} given as a list): by this
   * field's value, tried only when the record holds none of the earlier alternatives' fields.
   *
   * @param findsPlanned whether {@code lookup.match} is the natural key of a table this import
   *     plans rows in, so a parent planned in the same import is found among the planned natural
   *     keys; false for another column, whose planned values plan reads from the planned steps
   */
  record LookupAlternative(String field, Lookup lookup, boolean findsPlanned) {
    LookupAlternative {
      requireNonNull(field, "field");
      requireNonNull(lookup, "lookup");
    }
  }

  /** A soft-delete column's name as the option takes it: one the import's SQL can quote. */
  private static String softDeleteColumn(String text) {
    String problem = unquotable(text);
    if (problem != null) {
      throw new IllegalArgumentException("names no column: the name " + problem);
    }
    return text;
  }

  /**
   * The currency of a money field written to a numeric column in major units: a fixed ISO 4217 code
   * ({@code currency: EUR}) or the record field holding one ({@code currency: {field: currency}}).
   * Exactly one is set.
   */
  record MoneyCurrency(String code, String field) {
    /** Where the currency comes from, for messages. */
    String describe() {
      return code != null ? code : "field " + field;
    }
  }

  /**
   * Where a column mapped from a field takes its value when the record has none for that field: a
   * part of a person's name held by another field ({@code fallback: {field: full_name, name:
   * given}}). A client known only from a Stripe card or a calendar title has one full name, and a
   * table with NOT NULL given and family name columns could not take it otherwise. Split as the
   * mappings' {@code name:} extractor option splits, with the same {@code name_order}, {@code
   * particles} and {@code family_words}.
   *
   * @param field the record field holding the full name
   * @param part {@link PersonNames.Part#GIVEN} or {@link PersonNames.Part#FAMILY}
   * @param splitter gives that part of a name
   * @param familyWordsSet whether the operator set {@code family_words}: without it a name that
   *     splits differently by how many words its family name has is not split (which reading is
   *     right is a guess), with it the operator has decided
   * @param place where the fallback is set, {@code target.yaml:
   *     entities.client.columns.x.fallback}, for messages
   */
  record NamePart(
      String field,
      PersonNames.Part part,
      PersonNames splitter,
      boolean familyWordsSet,
      String place) {
    NamePart {
      requireNonNull(field, "field");
      requireNonNull(part, "part");
      requireNonNull(splitter, "splitter");
      requireNonNull(place, "place");
    }

    /** {@code given name}, {@code family name}. */
    String partName() {
      return part.name().toLowerCase(java.util.Locale.ROOT) + " name";
    }
  }

  /**
   * One column; exactly one of field, constant and generated is set. With {@code currency}, the
   * field holds integer minor units and the column gets major units by the currency's exponent.
   *
   * @param zone for a timestamptz column the target holds without a zone, the zone of its wall
   *     time; set on every column, used only where the catalog says the column has no zone, or
   *     where the column's own mapping sets it ({@link WallTimeZone#onColumn})
   * @param phone how the column holds phone numbers ({@code format}), or null for values as the
   *     record has them
   * @param fallback where an inserted row's value comes from when the record has none for {@code
   *     field}, or null
   * @param units {@code units}: as_is when the field holds amounts in the column's own units, so a
   *     whole number goes into a column with decimals unconverted (450 kroner as 450.00); major
   *     when the column holds whole major units
   * @param fieldType the field's type in the run's entity model, or null when the run names none: a
   *     money field holds minor units, which a column with decimals must not take as they are
   * @param values {@code values}: each canonical value the column takes, with the word the column
   *     holds for it ({@code booked: réservé}), or null when values are written as they are. A
   *     value it lacks is refused, never written as it is: that would put a second vocabulary into
   *     the column, which this map exists to prevent
   * @param whenAbsent {@code default}: the value, canonical for the column's type, an INSERT writes
   *     when the record has none for {@code field} (nor a name part from {@code fallback}), or null
   *     to leave the column to the database. A NOT NULL column without a database default (Django's
   *     {@code blank=True} text) would otherwise keep every such record out. Never written by an
   *     UPDATE: a record lacking a value says nothing against the row's
   * @param alternatives the lookup's later alternatives ({@code lookup:} given as a list; {@code
   *     field} and {@code lookup} are the first), tried in order when the record lacks the earlier
   *     fields; empty for a single lookup
   */
  record ColumnMapping(
      String column,
      ColumnType type,
      String field,
      Lookup lookup,
      String constant,
      Generated generated,
      When when,
      MoneyCurrency currency,
      WallTimeZone zone,
      PhoneFormat phone,
      NamePart fallback,
      Units units,
      FieldType fieldType,
      Map<String, String> values,
      String whenAbsent,
      List<LookupAlternative> alternatives) {
    ColumnMapping {
      requireNonNull(zone, "zone");
      requireNonNull(units, "units");
      values = values == null ? null : java.util.Collections.unmodifiableMap(values);
      alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /**
     * This column as it finds the parent of a record holding {@code recordValues}: with the field
     * and lookup of the first alternative whose field the record holds, or itself when the record
     * holds its own field, holds none of them, or the column has no alternatives.
     */
    ColumnMapping resolvedFor(Map<String, String> recordValues) {
      if (alternatives.isEmpty() || recordValues.get(field) != null) {
        return this;
      }
      for (LookupAlternative alternative : alternatives) {
        if (recordValues.get(alternative.field()) != null) {
          return alternative(alternative);
        }
      }
      return this;
    }

    /** This column and each of its alternatives, as {@link #resolvedFor} gives them, in order. */
    List<ColumnMapping> lookupChoices() {
      List<ColumnMapping> choices = new ArrayList<>();
      choices.add(this);
      alternatives.forEach(alternative -> choices.add(alternative(alternative)));
      return choices;
    }

    /** Every field the column may take its parent's match value from, in the order tried. */
    List<String> lookupFields() {
      List<String> fields = new ArrayList<>();
      fields.add(field);
      alternatives.forEach(alternative -> fields.add(alternative.field()));
      return fields;
    }

    private ColumnMapping alternative(LookupAlternative alternative) {
      return copy(alternative.field(), alternative.lookup(), phone, fieldType, List.of());
    }

    ColumnMapping withPhone(PhoneFormat format) {
      return copy(field, lookup, format, fieldType, alternatives);
    }

    ColumnMapping withFieldType(FieldType declared) {
      return copy(field, lookup, phone, declared, alternatives);
    }

    /** This column with the parts that later load steps and lookup alternatives change. */
    private ColumnMapping copy(
        String field,
        Lookup lookup,
        PhoneFormat phone,
        FieldType fieldType,
        List<LookupAlternative> alternatives) {
      return new ColumnMapping(
          column,
          type,
          field,
          lookup,
          constant,
          generated,
          when,
          currency,
          zone,
          phone,
          fallback,
          units,
          fieldType,
          values,
          whenAbsent,
          alternatives);
    }

    /**
     * Whether the field holds whole numbers that may be minor units: a money field always does, an
     * integer field does when it was read from a Stripe amount or with {@code type: money}, and
     * without an entity model nobody can tell.
     */
    boolean mayHoldMinorUnits() {
      return fieldType == null || fieldType == FieldType.MONEY || fieldType == FieldType.INTEGER;
    }
  }

  /**
   * This mapping with {@code region} for every phone column that names none: the run config's
   * {@code business.phone_region}, which the mappings already read phone numbers with, so a column
   * needs its own {@code phone_region} only when the application stores another country's numbers.
   *
   * @param region the run config's region, or null when it declares none
   * @param config the run config, or null when the run names none
   * @throws TargetMappingException when a column holds national numbers and neither it nor the run
   *     config says their country
   */
  TargetMapping withPhoneRegion(String region, Path config) throws TargetMappingException {
    String from = config == null ? null : "business.phone_region of " + config;
    List<TableMapping> resolved = new ArrayList<>();
    for (TableMapping table : tables) {
      List<ColumnMapping> columns = new ArrayList<>();
      for (ColumnMapping column : table.columns()) {
        PhoneFormat phone = column.phone();
        if (phone != null && phone.region() == null) {
          if (region == null && phone.style() == PhoneFormat.Style.NATIONAL) {
            throw new TargetMappingException(
                file
                    + ": entities."
                    + table.entity()
                    + ".columns."
                    + column.column()
                    + ".phone_region: missing: column "
                    + table.table()
                    + "."
                    + column.column()
                    + " holds national numbers, which do not say their country, and "
                    + (config == null
                        ? "the run names no run config to take business.phone_region from"
                        : "the run config " + config + " declares no business.phone_region")
                    + "; set phone_region on the column or in the run config's business (IT, US,"
                    + " ...)");
          }
          if (region != null) {
            column = column.withPhone(new PhoneFormat(phone.style(), region, from));
          }
        }
        columns.add(column);
      }
      resolved.add(table.withColumns(columns));
    }
    return new TargetMapping(file, policy, resolved);
  }

  /**
   * Every field of {@code entity}'s records that the mapping reads anywhere: columns, their
   * currency and fallback fields, and the field new keys come from. A record whose other fields
   * change writes the same rows.
   */
  Set<String> fieldsRead(String entity) {
    Set<String> read = new java.util.TreeSet<>();
    for (TableMapping table : tables) {
      if (!table.entity().equals(entity)) {
        continue;
      }
      if (table.keyField() != null) {
        read.add(table.keyField());
      }
      for (ColumnMapping column : table.columns()) {
        if (column.field() != null) {
          read.add(column.field());
        }
        if (column.currency() != null && column.currency().field() != null) {
          read.add(column.currency().field());
        }
        if (column.fallback() != null && column.fallback().field() != null) {
          read.add(column.fallback().field());
        }
      }
    }
    return read;
  }

  /**
   * Checks that every record field the mapping reads is a field of its entity in the run's entity
   * model: a misspelt {@code field} would otherwise find no value in any record, and a column
   * silently never written (or every record skipped for a required one) is found only after apply.
   *
   * <p>Returns this mapping with each column's field type from the model, which plan needs to tell
   * a money field's minor units from an amount in the column's units.
   *
   * @param modelFile where the model was read from, for messages
   * @throws TargetMappingException naming this file, the mapping place and the entity's fields
   */
  TargetMapping checkFields(EntityModel model, String modelFile) throws TargetMappingException {
    List<TableMapping> typed = new ArrayList<>();
    for (TableMapping table : tables) {
      EntityType type = model.types().get(table.entity());
      if (type == null) {
        throw new TargetMappingException(
            file
                + ": entities."
                + table.entity()
                + ": the entity model ("
                + modelFile
                + ") has no entity "
                + table.entity()
                + " (its entities: "
                + String.join(", ", model.types().keySet())
                + ")");
      }
      checkKeyField(table, type, modelFile);
      List<ColumnMapping> columns = new ArrayList<>();
      for (ColumnMapping column : table.columns()) {
        String place = "entities." + table.entity() + ".columns." + column.column();
        checkField(type, column.field(), place + ".field", modelFile);
        if (column.currency() != null) {
          checkField(type, column.currency().field(), place + ".currency.field", modelFile);
        }
        if (column.fallback() != null) {
          checkField(type, column.fallback().field(), place + ".fallback.field", modelFile);
        }
        FieldType fieldType = column.field() == null ? null : type.fields().get(column.field());
        if (column.units() == Units.AS_IS && fieldType == FieldType.MONEY) {
          throw new TargetMappingException(
              file
                  + ": "
                  + place
                  + ".units: field "
                  + column.field()
                  + " is money in the entity model ("
                  + modelFile
                  + "), which holds integer minor units (12345 for 123.45): as_is would write them"
                  + " as major units into column "
                  + table.table()
                  + "."
                  + column.column()
                  + "; set currency (NOK, or {field: currency}) instead to convert them");
        }
        columns.add(column.withFieldType(fieldType));
      }
      typed.add(table.withColumns(columns, new ModelFields(type.fields(), modelFile)));
    }
    return new TargetMapping(file, policy, typed);
  }

  /**
   * Checks a key taken from a record field ({@code key.field}): the field is the entity's, and its
   * type can be the key's. An integer key from a money or date field would be refused row by row at
   * plan; said once here, before the target is read.
   */
  private void checkKeyField(TableMapping table, EntityType type, String modelFile)
      throws TargetMappingException {
    if (table.keyField() == null) {
      return;
    }
    String place = "entities." + table.entity() + ".key.field";
    checkField(type, table.keyField(), place, modelFile);
    FieldType fieldType = type.fields().get(table.keyField());
    if (!fitsKey(table.keyType(), fieldType)) {
      throw new TargetMappingException(
          file
              + ": "
              + place
              + ": field "
              + table.keyField()
              + " of entity "
              + table.entity()
              + " is "
              + fieldType.name().toLowerCase(java.util.Locale.ROOT)
              + " in the entity model ("
              + modelFile
              + "), which cannot be the "
              + table.keyType().yamlName()
              + " key "
              + table.table()
              + "."
              + table.keyColumn()
              + (table.keyType() == ColumnType.INTEGER
                  ? " (expected an integer field, the number the application shows: Rental #57,"
                      + " or a text field whose every value is such a number)"
                  : table.keyType() == ColumnType.UUID
                      ? " (expected a text field holding the uuid)"
                      : " (expected a text or integer field)"));
    }
  }

  /**
   * Whether a field of this type can give a key column of this type its values. A text field can be
   * an integer key: a model may type the application's id as text (the sample's backup_id does),
   * and the plan then checks every value the run holds ({@link #notPlainInteger}), so a value that
   * is not a number stops the plan instead of being refused row by row.
   */
  static boolean fitsKey(ColumnType keyType, FieldType fieldType) {
    return switch (keyType) {
      case INTEGER ->
          fieldType == FieldType.INTEGER
              || fieldType == FieldType.TEXT
              || fieldType == FieldType.LOWER
              || fieldType == FieldType.UPPER;
      case UUID ->
          fieldType == FieldType.TEXT
              || fieldType == FieldType.LOWER
              || fieldType == FieldType.UPPER;
      default -> fieldType != FieldType.MONEY && fieldType != FieldType.DATETIME;
    };
  }

  private static final Pattern PLAIN_INTEGER = Pattern.compile("[+-]?(0|[1-9][0-9]*)");

  /**
   * Why a value cannot be an integer key as it is written, or null when it is an integer written
   * plainly: digits with an optional sign, no spaces, no leading zero. A leading zero is refused
   * because the key would drop it: 0042 would become 42, and which of the two the application shows
   * is not something plan can know.
   */
  static String notPlainInteger(String value) {
    if (PLAIN_INTEGER.matcher(value).matches()) {
      return null;
    }
    if (value.strip().matches("[+-]?0[0-9]+")) {
      return "value \""
          + value
          + "\" is not an integer written plainly (a leading zero, which the key would drop)";
    }
    return "value \"" + value + "\" is not an integer";
  }

  /**
   * An entity's fields as the run's entity model types them.
   *
   * @param file where the model was read from, for messages
   */
  record ModelFields(Map<String, FieldType> types, String file) {
    ModelFields {
      types = Map.copyOf(types);
      requireNonNull(file, "file");
    }
  }

  private void checkField(EntityType type, String field, String place, String modelFile)
      throws TargetMappingException {
    if (field != null && !type.fields().containsKey(field)) {
      throw new TargetMappingException(
          file
              + ": "
              + place
              + ": entity "
              + type.name()
              + " has no field '"
              + field
              + "' in the entity model ("
              + modelFile
              + "; its fields: "
              + String.join(", ", type.fields().keySet())
              + ")");
    }
  }

  /**
   * The digits of a currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD), or -1 when the code is
   * not an ISO 4217 currency with a minor unit.
   */
  static int exponent(String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      return -1;
    }
    try {
      return java.util.Currency.getInstance(code).getDefaultFractionDigits();
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  /**
   * Why {@code name} cannot be an identifier in the SQL the import writes, or null when it can: it
   * is quoted there ({@code "User"}, {@code `User`}), so anything but an empty name, one with
   * blanks at its ends (YAML and the reader would disagree on them) or a character of {@link
   * #UNQUOTABLE} is.
   */
  static String unquotable(String name) {
    if (name.isEmpty()) {
      return "is empty (write it as [schema.]table)";
    }
    if (!name.equals(name.strip())) {
      return "'" + name + "' starts or ends with a blank";
    }
    java.util.regex.Matcher bad = UNQUOTABLE.matcher(name);
    if (bad.find()) {
      return String.format(
          "'%s' holds the character U+%04X, which cannot be quoted safely in SQL",
          name.replaceAll("\\p{Cc}", "?"), (int) bad.group().charAt(0));
    }
    return null;
  }

  public static TargetMapping load(Path file) throws TargetMappingException {
    JsonNode root;
    try {
      root = Json.readYaml(file);
    } catch (JsonProcessingException e) {
      throw new TargetMappingException(file + ": not valid YAML: " + Yaml.syntaxError(e), e);
    } catch (IOException e) {
      throw new TargetMappingException(
          "Cannot read target mapping " + file + ": " + e.getMessage(), e);
    }
    return new Parser(file).mapping(root);
  }

  private static final class Parser {
    private final Path file;

    Parser(Path file) {
      this.file = file;
    }

    TargetMappingException error(String place, String problem) {
      return new TargetMappingException(file + ": " + place + ": " + problem);
    }

    TargetMapping mapping(JsonNode root) throws TargetMappingException {
      if (root == null || !root.isObject()) {
        throw error("(top)", "expected a mapping with 'entities'");
      }
      allowOnly(root, "(top)", "policy", "time_zone", "entities");
      Policy policy = root.has("policy") ? policy(root.get("policy")) : Policy.defaults();
      WallTimeZone zone = timeZone(root, "", WallTimeZone.defaults());
      JsonNode entities = root.get("entities");
      if (entities == null || !entities.isObject() || entities.isEmpty()) {
        throw error("entities", "expected at least one entity");
      }
      List<TableMapping> tables = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = entities.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> entry = it.next();
        tables.add(table(entry.getKey(), entry.getValue(), tables, zone));
      }
      checkWriteOrder(tables);
      return new TargetMapping(file, policy, tables);
    }

    /**
     * Tables are written in the file's order, and a lookup finds the rows this import writes only
     * in tables written before its own: a parent listed after its child would leave every child of
     * a new parent kept out for a missing parent, and two tables that look each other up cannot be
     * ordered at all.
     */
    void checkWriteOrder(List<TableMapping> tables) throws TargetMappingException {
      for (int i = 0; i < tables.size(); i++) {
        TableMapping child = tables.get(i);
        for (ColumnMapping column : child.columns()) {
          if (column.lookup() == null) {
            continue;
          }
          for (TableMapping parent : tables.subList(i + 1, tables.size())) {
            if (!parent.table().equals(column.lookup().table())) {
              continue;
            }
            String place = "entities." + child.entity() + ".columns." + column.column() + ".lookup";
            ColumnMapping back = lookupOf(parent, child.table());
            if (back != null) {
              throw error(
                  place,
                  "entities "
                      + child.entity()
                      + " and "
                      + parent.entity()
                      + " look each other up ("
                      + child.table()
                      + "."
                      + column.column()
                      + " finds a row of "
                      + parent.table()
                      + ", "
                      + parent.table()
                      + "."
                      + back.column()
                      + " one of "
                      + child.table()
                      + "), so neither can be written first; leave one of the two columns out of"
                      + " the mapping (the application fills it again) or map it without lookup");
            }
            throw error(
                place,
                "it finds rows of "
                    + parent.table()
                    + ", which entity "
                    + parent.entity()
                    + " writes after "
                    + child.entity()
                    + ": tables are written in the file's order, so list "
                    + parent.entity()
                    + " before "
                    + child.entity()
                    + " (else every "
                    + child.entity()
                    + " of a new "
                    + parent.entity()
                    + " is kept out for a missing parent)");
          }
        }
      }
    }

    /** The column of {@code table}'s mapping that looks up rows of {@code other}, or null. */
    private static ColumnMapping lookupOf(TableMapping table, String other) {
      for (ColumnMapping column : table.columns()) {
        if (column.lookup() != null && column.lookup().table().equals(other)) {
          return column;
        }
      }
      return null;
    }

    Policy policy(JsonNode node) throws TargetMappingException {
      if (!node.isObject()) {
        throw error("policy", "expected a mapping");
      }
      Map<String, String> options = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        options.put(field.getKey(), optionText(field.getValue(), "policy." + field.getKey()));
      }
      try {
        return Policy.of(Policy.OPTIONS.read(options));
      } catch (InvalidOptionException e) {
        throw error(e.option() == null ? "policy" : "policy." + e.option(), e.problem());
      }
    }

    /** A YAML value as option text: a list is its items comma-separated, an empty list "". */
    String optionText(JsonNode value, String place) throws TargetMappingException {
      if (value.isValueNode()) {
        return value.isNull() ? "" : value.asText();
      }
      if (!value.isArray()) {
        throw error(place, "expected a value or a list of values");
      }
      List<String> items = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isValueNode() || item.isNull()) {
          throw error(place, "expected a list of values, got " + item);
        }
        items.add(item.asText());
      }
      return String.join(",", items);
    }

    /**
     * The zone {@code node}'s {@code time_zone} sets, or {@code outer} when it sets none.
     *
     * @param prefix the place of node, with its trailing dot ("" at the top)
     */
    WallTimeZone timeZone(JsonNode node, String prefix, WallTimeZone outer)
        throws TargetMappingException {
      JsonNode value = node.get(WallTimeZone.TIME_ZONE.name());
      if (value == null) {
        return outer;
      }
      String place = prefix + WallTimeZone.TIME_ZONE.name();
      try {
        OptionValues values =
            WallTimeZone.OPTIONS.read(
                Map.of(WallTimeZone.TIME_ZONE.name(), optionText(value, place)));
        return new WallTimeZone(values.get(WallTimeZone.TIME_ZONE), place);
      } catch (InvalidOptionException e) {
        throw error(place, e.problem());
      }
    }

    TableMapping table(String entity, JsonNode node, List<TableMapping> earlier, WallTimeZone outer)
        throws TargetMappingException {
      String place = "entities." + entity;
      if (!node.isObject()) {
        throw error(place, "expected a mapping with table, key, natural_key, columns");
      }
      allowOnly(node, place, "table", "key", "natural_key", "time_zone", "soft_delete", "columns");
      WallTimeZone zone = timeZone(node, place + ".", outer);
      String softDelete = softDelete(node, place);
      String table = table(node, place);
      JsonNode key = node.get("key");
      if (key == null || !key.isObject()) {
        throw error(place + ".key", "expected {column: NAME, type: TYPE}");
      }
      allowOnly(key, place + ".key", "column", "type", "generate", "field");
      String keyColumn = identifier(key, "column", place + ".key");
      ColumnType keyType = type(key, place + ".key");
      if (!keyType.canBeKey()) {
        throw error(
            place + ".key.type", "a key is text, integer or uuid, not " + keyType.yamlName());
      }
      KeySource keySource = keySource(key, keyType, place + ".key");
      String keyField = keySource == KeySource.FIELD ? text(key, "field", place + ".key") : null;
      if (!node.has("natural_key") && keySource != KeySource.FIELD) {
        throw error(
            place + ".natural_key",
            "missing: name the mapped column that tells a row already in the target from a new one"
                + " (an email, a booking reference), or give the key's values from a field"
                + " (key: {..., field: NAME}), which then is the natural key");
      }
      // a key the records give is the row's identity: by default it is the natural key too
      List<String> naturalKeys =
          node.has("natural_key") || keySource != KeySource.FIELD
              ? naturalKeys(node, place)
              : List.of(keyColumn);
      JsonNode columnsNode = node.get("columns");
      if (columnsNode == null || !columnsNode.isObject() || columnsNode.isEmpty()) {
        throw error(place + ".columns", "expected at least one column");
      }
      Map<String, ColumnMapping> columns = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = columnsNode.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> entry = it.next();
        // a name with a line break must not break the message that names it
        String columnPlace = place + ".columns." + entry.getKey().replaceAll("\\p{Cc}", "?");
        String problem = unquotable(entry.getKey());
        if (problem != null) {
          throw error(columnPlace, "the column name " + problem);
        }
        if (entry.getKey().equals(keyColumn)) {
          throw error(
              columnPlace,
              "is the key column; new keys come from the column default (or from a record field"
                  + " with key.field: NAME), existing ones from the backup");
        }
        columns.put(
            entry.getKey(),
            column(entry.getKey(), entry.getValue(), columnPlace, earlier, zone, table));
      }
      for (int k = 0; k < naturalKeys.size(); k++) {
        String naturalKey = naturalKeys.get(k);
        // each column of a key of several columns finds rows as a one-column key does
        String keyPlace = place + ".natural_key" + (naturalKeys.size() > 1 ? "[" + k + "]" : "");
        ColumnMapping natural =
            naturalKey.equals(keyColumn) && keySource == KeySource.FIELD
                ? new TableMapping(
                        entity,
                        table,
                        keyColumn,
                        keyType,
                        keySource,
                        keyField,
                        naturalKeys,
                        List.of(),
                        softDelete)
                    .keyFromField()
                : columns.get(naturalKey);
        if (natural != null && natural.field() != null && natural.lookup() != null) {
          // a one-to-one foreign key (a Django profile's user_id) is the row's identity, but a
          // natural key is matched, read back and deleted by as the record holds it, and a lookup
          // holds the parent's match value, not the key the column stores
          throw error(
              keyPlace,
              "'"
                  + naturalKey
                  + "' is mapped with a lookup (of "
                  + natural.lookup().table()
                  + "), and a natural key cannot be: rows already present are found, inserted rows"
                  + " read back and undo.sql's deletes matched by the value the record holds, and"
                  + " this column stores the parent's "
                  + natural.lookup().take()
                  + ", not the "
                  + natural.field()
                  + " the record holds. Keep "
                  + naturalKey
                  + " a lookup column and make the natural key another column of "
                  + table
                  + " that the records carry and no two rows share (a customer number, a payment"
                  + " provider's customer id); rows the backup held are updated under their backup"
                  + " key whatever it holds, and a unique index on "
                  + naturalKey
                  + " (one row per parent) keeps a second row of one parent out at plan, named"
                  + " (docs/import.md, \"A one-to-one table: Django's auth_user and a profile\")");
        }
        if (natural == null || natural.field() == null || natural.lookup() != null) {
          throw error(
              keyPlace,
              "'"
                  + naturalKey
                  + "' must be one of the columns, mapped from a field without lookup"
                  + (naturalKey.equals(keyColumn)
                      ? ", or the key column when its values come from a field (key.field)"
                      : ""));
        }
        if (natural.fallback() != null) {
          // a key made from a split name would find rows already present by a guess of its own
          throw error(
              place + ".columns." + naturalKey + ".fallback",
              "column "
                  + table
                  + "."
                  + naturalKey
                  + " is the natural key, which finds rows already present; it cannot be taken from a"
                  + " part of a name");
        }
        if (natural.whenAbsent() != null) {
          // every record lacking its key would insert the one row the default names
          throw error(
              place + ".columns." + naturalKey + ".default",
              "column "
                  + table
                  + "."
                  + naturalKey
                  + " is the natural key, which finds rows already present; records without it"
                  + " would all carry the same default key");
        }
        if (natural.values() != null) {
          // rows already present are found by the natural key's value in SQL, as the record has it
          throw error(
              place + ".columns." + naturalKey + ".values",
              "column "
                  + table
                  + "."
                  + naturalKey
                  + " is the natural key, which is matched as the record holds it; a value map cannot"
                  + " be set on it");
        }
        if (natural.phone() != null) {
          // rows already present are found by the natural key's value in SQL, as text: a number
          // stored in another style would not be found and the customer would be inserted twice
          throw error(
              place + ".columns." + naturalKey + ".format",
              "column "
                  + table
                  + "."
                  + naturalKey
                  + " is the natural key, which is matched as text; a phone format cannot be set on"
                  + " it");
        }
      }
      if (softDelete != null && (softDelete.equals(keyColumn) || columns.containsKey(softDelete))) {
        // the application's own mark: an import writing it would delete or restore rows
        throw error(
            place + ".soft_delete",
            "column "
                + table
                + "."
                + softDelete
                + " is "
                + (softDelete.equals(keyColumn) ? "the key" : "mapped in columns")
                + "; the soft-delete column is the application's own: leave it out of the"
                + " mapping's columns");
      }
      return new TableMapping(
          entity,
          table,
          keyColumn,
          keyType,
          keySource,
          keyField,
          naturalKeys,
          List.copyOf(columns.values()),
          softDelete);
    }

    /** The entity's {@code soft_delete} column, or null. */
    String softDelete(JsonNode node, String place) throws TargetMappingException {
      JsonNode value = node.get(TableMapping.SOFT_DELETE.name());
      String optionPlace = place + "." + TableMapping.SOFT_DELETE.name();
      if (value != null && !value.isTextual()) {
        // a list would read as one name with commas in it
        throw error(optionPlace, "expected one column name, got " + value);
      }
      try {
        return TableMapping.OPTIONS
            .read(
                value == null
                    ? Map.of()
                    : Map.of(TableMapping.SOFT_DELETE.name(), optionText(value, optionPlace)))
            .get(TableMapping.SOFT_DELETE);
      } catch (InvalidOptionException e) {
        throw error(optionPlace, e.problem());
      }
    }

    /**
     * Where new rows' keys come from: the column default, {@code generate: uuid}, or a record field
     * ({@code field: NAME}).
     */
    KeySource keySource(JsonNode key, ColumnType keyType, String place)
        throws TargetMappingException {
      JsonNode generate = key.get("generate");
      if (key.has("field")) {
        if (generate != null) {
          // two sources for one key: which one wins would be a guess
          throw error(
              place + ".field",
              "a key comes from a record field or is generated (generate: uuid), not both");
        }
        return KeySource.FIELD;
      }
      if (generate == null) {
        return KeySource.DATABASE;
      }
      if (!generate.isTextual() || !generate.asText().equals("uuid")) {
        throw error(
            place + ".generate",
            "expected uuid (new keys made by salvage, for an application that makes its own keys"
                + " such as Prisma's cuid() or uuid()), not "
                + generate);
      }
      if (keyType != ColumnType.TEXT && keyType != ColumnType.UUID) {
        throw error(
            place + ".generate", "uuid keys need a text or uuid key, not " + keyType.yamlName());
      }
      return KeySource.UUID;
    }

    ColumnMapping column(
        String name,
        JsonNode node,
        String place,
        List<TableMapping> earlier,
        WallTimeZone outer,
        String table)
        throws TargetMappingException {
      if (!node.isObject()) {
        throw error(place, "expected a mapping with field (or value, or from) and type");
      }
      allowOnly(
          node,
          place,
          "field",
          "value",
          "from",
          "type",
          "lookup",
          "on",
          "currency",
          "time_zone",
          "format",
          "phone_region",
          "fallback",
          "default",
          "units",
          "values");
      ColumnType type = type(node, place);
      WallTimeZone zone = timeZone(node, place + ".", outer);
      if (node.has("time_zone") && type != ColumnType.TIMESTAMPTZ) {
        throw error(place + ".time_zone", "is for timestamptz columns, not " + type.yamlName());
      }
      if (node.has("time_zone")) {
        zone = zone.ownedByColumn();
      }
      boolean alternativeLookups = node.has("lookup") && node.get("lookup").isArray();
      if (alternativeLookups && node.has("field")) {
        throw error(
            place + ".field",
            "a lookup given as a list of alternatives names the field of each alternative"
                + " ({field, table, match, take}): leave out the column's field");
      }
      int sources =
          (node.has("field") || alternativeLookups ? 1 : 0)
              + (node.has("value") ? 1 : 0)
              + (node.has("from") ? 1 : 0);
      if (sources != 1) {
        throw error(place, "needs exactly one of field, value, from");
      }
      String field = node.has("field") ? text(node, "field", place) : null;
      List<LookupAlternative> alternatives = List.of();
      if (alternativeLookups) {
        alternatives = lookupAlternatives(node.get("lookup"), place + ".lookup", earlier);
        field = alternatives.get(0).field();
      }
      String constant = node.has("value") ? node.get("value").asText() : null;
      Generated generated = null;
      if (node.has("from")) {
        String from = node.get("from").asText();
        generated =
            switch (from) {
              case "now" -> Generated.NOW;
              case "first_evidence" -> Generated.FIRST_EVIDENCE;
              default ->
                  throw error(
                      place + ".from", "unknown '" + from + "' (expected now, first_evidence)");
            };
        if (type != ColumnType.TIMESTAMPTZ) {
          throw error(place + ".type", "'from: " + from + "' needs type timestamptz");
        }
      }
      if (constant != null) {
        try {
          constant = type.canonical(constant);
        } catch (IllegalArgumentException e) {
          throw error(place + ".value", e.getMessage());
        }
      }
      Lookup lookup = null;
      if (alternativeLookups) {
        lookup = alternatives.get(0).lookup();
        alternatives = alternatives.subList(1, alternatives.size());
      } else if (node.has("lookup")) {
        if (field == null) {
          throw error(place + ".lookup", "a lookup needs a field holding the natural key");
        }
        lookup = lookup(node.get("lookup"), place + ".lookup", earlier);
      }
      When when = field != null ? When.ALWAYS : When.INSERT;
      if (node.has("on")) {
        String on = node.get("on").asText();
        when =
            switch (on) {
              case "always" -> When.ALWAYS;
              case "insert" -> When.INSERT;
              case "touch" -> When.TOUCH;
              default ->
                  throw error(
                      place + ".on", "unknown '" + on + "' (expected always, insert, touch)");
            };
        if (when == When.TOUCH && generated != Generated.NOW) {
          throw error(place + ".on", "'touch' is for columns with 'from: now'");
        }
        if (when == When.ALWAYS && field == null) {
          throw error(place + ".on", "'always' is for columns mapped from a field");
        }
      }
      MoneyCurrency currency = null;
      if (node.has("currency")) {
        currency = currency(node.get("currency"), place + ".currency");
        if ((type != ColumnType.NUMERIC && type != ColumnType.INTEGER)
            || field == null
            || lookup != null) {
          throw error(
              place + ".currency",
              "is for an amount of money written to a numeric column (in major units) or an"
                  + " integer one (in minor units): needs field and type numeric or integer,"
                  + " without lookup");
        }
      }
      Units units = Units.UNSAID;
      if (node.has("units")) {
        String said = text(node, "units", place);
        if (said.equals("as_is")) {
          if (type != ColumnType.NUMERIC || field == null || lookup != null || currency != null) {
            throw error(
                place + ".units",
                "as_is is for a numeric column mapped from a field without currency or lookup: it"
                    + " says a whole number in the field is already in the column's units");
          }
          units = Units.AS_IS;
        } else if (said.equals("major")) {
          if ((type != ColumnType.INTEGER && type != ColumnType.NUMERIC) || currency == null) {
            throw error(
                place + ".units",
                "major is for an integer or numeric column with currency: it says the column"
                    + " holds whole major units (120 for 120.00 EUR), whose exponent the currency"
                    + " gives");
          }
          units = Units.MAJOR;
        } else {
          throw error(
              place + ".units",
              "unknown '"
                  + said
                  + "' (expected as_is: the field holds the column's own units, or major: the"
                  + " column holds whole major units, with currency; for minor units in an"
                  + " integer column set currency alone)");
        }
      }
      PhoneFormat phone = phone(node, place, table + "." + name, type, field, lookup);
      NamePart fallback = null;
      if (node.has("fallback")) {
        fallback =
            fallback(node.get("fallback"), place + ".fallback", table + "." + name, type, field);
        if (lookup != null || currency != null || phone != null) {
          throw error(
              place + ".fallback",
              "a name part is for a plain text column; column "
                  + table
                  + "."
                  + name
                  + " also has "
                  + (lookup != null ? "a lookup" : currency != null ? "a currency" : "a format"));
        }
      }
      Map<String, String> values = null;
      if (node.has("values")) {
        values = values(node.get("values"), place + ".values", table + "." + name);
        if ((type != ColumnType.TEXT && type != ColumnType.ENUM)
            || field == null
            || lookup != null
            || phone != null
            || fallback != null) {
          throw error(
              place + ".values",
              "a value map is for a text or enum column mapped from a field, without lookup,"
                  + " format or fallback; column "
                  + table
                  + "."
                  + name
                  + (type != ColumnType.TEXT && type != ColumnType.ENUM
                      ? " is of type " + type.yamlName()
                      : field == null
                          ? " is not mapped from a field"
                          : lookup != null
                              ? " has a lookup"
                              : phone != null ? " has a phone format" : " has a fallback"));
        }
      }
      String whenAbsent = null;
      if (node.has("default")) {
        whenAbsent = whenAbsent(node.get("default"), place, table + "." + name, type);
        if (field == null
            || lookup != null
            || currency != null
            || phone != null
            || values != null) {
          // it is the column's own value, written as it stands: the conversions are for the
          // record's values, and a lookup's default would name a parent nobody chose
          throw error(
              place + ".default",
              "is the value an insert writes into a column mapped from a field when the record has"
                  + " none; column "
                  + table
                  + "."
                  + name
                  + (field == null
                      ? " is not mapped from a field (its value or from is written already)"
                      : " has "
                          + (lookup != null
                              ? "a lookup"
                              : currency != null
                                  ? "a currency"
                                  : phone != null ? "a phone format" : "a value map")
                          + ", which converts record values; leave default out or map the column"
                          + " without it"));
        }
      }
      return new ColumnMapping(
          name,
          type,
          field,
          lookup,
          constant,
          generated,
          when,
          currency,
          zone,
          phone,
          fallback,
          units,
          null,
          values,
          whenAbsent,
          alternatives);
    }

    /**
     * A column's {@code default}, canonical for its type, checked here so a value the column cannot
     * take stops the load rather than every insert. An empty text is a value (Django's {@code
     * blank=True} columns hold {@code ''}, not NULL); null is not, since leaving the column to the
     * database is what a mapping without {@code default} does.
     */
    private String whenAbsent(JsonNode node, String place, String column, ColumnType type)
        throws TargetMappingException {
      if (node == null || node.isNull() || !node.isValueNode()) {
        throw error(
            place + ".default",
            "column "
                + column
                + ": expected a value (quote text: default: \"\"); a null default is what"
                + " leaving default out does");
      }
      try {
        return type.canonical(node.asText());
      } catch (IllegalArgumentException e) {
        throw error(place + ".default", "column " + column + ": " + e.getMessage());
      }
    }

    /**
     * A column's {@code values}: {@code {booked: réservé, cancelled: annulé}}, each record value
     * with the word the column holds for it, both text. Checked here, at load, so a typo stops the
     * plan before it reads anything.
     *
     * @param column {@code table.column}, for messages
     */
    Map<String, String> values(JsonNode node, String place, String column)
        throws TargetMappingException {
      if (!node.isObject() || node.isEmpty()) {
        throw error(
            place,
            "expected a map of each record value to the word column "
                + column
                + " holds for it ({booked: réservé, cancelled: annulé})");
      }
      Map<String, String> values = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        JsonNode value = entry.getValue();
        if (entry.getKey().isBlank()) {
          throw error(place, "a record value is empty in the map of column " + column);
        }
        // a YAML 1 or yes is a number or a boolean: written in quotes it is the text it shows
        if (!value.isTextual() || value.asText().isBlank()) {
          throw error(
              place + "." + entry.getKey(),
              "expected the text column "
                  + column
                  + " holds for '"
                  + entry.getKey()
                  + "', not "
                  + (value.isNull() ? "nothing" : value.toString())
                  + " (write it in quotes)");
        }
        values.put(entry.getKey(), value.asText());
      }
      return values;
    }

    /**
     * A column's {@code fallback}: {@code {field: full_name, name: given|family}}, with the
     * mappings' {@code name_order}, {@code particles} and {@code family_words}. Checked here, at
     * load, so a typo stops the plan before it reads anything.
     *
     * @param column {@code table.column}, for messages
     */
    NamePart fallback(JsonNode node, String place, String column, ColumnType type, String field)
        throws TargetMappingException {
      if (!node.isObject()) {
        throw error(
            place,
            "expected {field: NAME, name: given or family} for column "
                + column
                + " (the part of a person's name in another field taken when the record has no "
                + (field == null ? "value" : field)
                + ")");
      }
      allowOnly(node, place, "field", "name", "name_order", "particles", "family_words");
      if (field == null || type != ColumnType.TEXT) {
        throw error(
            place,
            "a name part is taken when the record has no value for the column's field, so it is"
                + " for a text column mapped from a field; column "
                + column
                + " is "
                + (field == null ? "not mapped from a field" : "of type " + type.yamlName()));
      }
      String source = text(node, "field", place);
      if (source.equals(field)) {
        throw error(
            place + ".field",
            "is the column's own field "
                + field
                + "; name the field holding the full name (full_name, ...) for column "
                + column);
      }
      String partText = text(node, "name", place);
      PersonNames.Part part =
          switch (partText) {
            case "given" -> PersonNames.Part.GIVEN;
            case "family" -> PersonNames.Part.FAMILY;
            default ->
                throw error(
                    place + ".name",
                    "'"
                        + partText
                        + "' is not a part of a name for column "
                        + column
                        + " (expected given or family)");
          };
      PersonNames.Order order = PersonNames.Order.GIVEN_FIRST;
      if (node.has("name_order")) {
        String orderText = text(node, "name_order", place);
        order =
            switch (orderText) {
              case "given_first" -> PersonNames.Order.GIVEN_FIRST;
              case "family_first" -> PersonNames.Order.FAMILY_FIRST;
              default ->
                  throw error(
                      place + ".name_order",
                      "'"
                          + orderText
                          + "' is not an order for column "
                          + column
                          + " (expected given_first or family_first)");
            };
      }
      List<String> particles = PersonNames.DEFAULT_PARTICLES;
      if (node.has("particles")) {
        JsonNode list = node.get("particles");
        if (!list.isArray()) {
          throw error(place + ".particles", "expected a list of words (van, de, ...)");
        }
        particles = new ArrayList<>();
        for (JsonNode word : list) {
          if (!word.isTextual() || word.asText().isBlank() || word.asText().contains(" ")) {
            throw error(place + ".particles", "expected a list of single words, got " + word);
          }
          particles.add(word.asText());
        }
      }
      int familyWords = 1;
      if (node.has("family_words")) {
        JsonNode words = node.get("family_words");
        familyWords = words.canConvertToInt() && words.isIntegralNumber() ? words.asInt() : 0;
        if (familyWords < 1 || familyWords > 4) {
          throw error(place + ".family_words", "must be a number from 1 to 4, not " + words);
        }
      }
      return new NamePart(
          source,
          part,
          new PersonNames(part, order, particles, familyWords),
          node.has("family_words"),
          file + ": " + place);
    }

    /**
     * The column's phone format ({@code format}, with {@code phone_region} for national numbers),
     * or null when it sets none. Checked here, at load, so a typo stops the plan before it reads
     * anything.
     *
     * @param column {@code table.column}, for messages
     */
    PhoneFormat phone(
        JsonNode node, String place, String column, ColumnType type, String field, Lookup lookup)
        throws TargetMappingException {
      String region = null;
      if (node.has("phone_region")) {
        region = text(node, "phone_region", place).toUpperCase(java.util.Locale.ROOT);
        if (!PhoneFormat.isRegion(region)) {
          throw error(
              place + ".phone_region",
              "'"
                  + node.get("phone_region").asText()
                  + "' for column "
                  + column
                  + " is not a phone region (an ISO 3166 code such as IT, US, PT)");
        }
        if (!node.has("format")) {
          throw error(
              place + ".phone_region",
              "is for a column with a phone format; column " + column + " sets no format");
        }
      }
      if (!node.has("format")) {
        return null;
      }
      String name = text(node, "format", place);
      PhoneFormat.Style style = PhoneFormat.Style.named(name);
      if (style == null) {
        throw error(
            place + ".format",
            "unknown phone format '"
                + name
                + "' for column "
                + column
                + " (expected "
                + PhoneFormat.Style.names()
                + ")");
      }
      if (type != ColumnType.TEXT || field == null || lookup != null) {
        throw error(
            place + ".format",
            "a phone format is for a text column mapped from a phone field without lookup; column "
                + column
                + " is "
                + (type != ColumnType.TEXT
                    ? "of type " + type.yamlName()
                    : field == null ? "not mapped from a field" : "a lookup"));
      }
      // without phone_region, the run config's business.phone_region counts (withPhoneRegion)
      return new PhoneFormat(style, region);
    }

    MoneyCurrency currency(JsonNode node, String place) throws TargetMappingException {
      if (node.isObject()) {
        allowOnly(node, place, "field");
        return new MoneyCurrency(null, text(node, "field", place));
      }
      String code = node.isValueNode() ? node.asText() : "";
      if (exponent(code) < 0) {
        throw error(
            place,
            "'"
                + code
                + "' is not an ISO 4217 currency with minor units (EUR, JPY, KWD, ...), nor"
                + " {field: NAME}");
      }
      return new MoneyCurrency(code, null);
    }

    ColumnType type(JsonNode node, String place) throws TargetMappingException {
      String name = text(node, "type", place);
      ColumnType type = ColumnType.named(name);
      if (type == null) {
        throw error(
            place + ".type", "unknown type '" + name + "' (expected " + ColumnType.names() + ")");
      }
      return type;
    }

    /**
     * A lookup given as a list: each alternative {@code {field, table, match, take}}, tried in
     * order. Every alternative finds a row of one table and takes one column of it, since the
     * column holds one foreign key; a later alternative may match a column other than a planned
     * table's natural key (a channel booking's relay address), found among the target's rows only.
     */
    List<LookupAlternative> lookupAlternatives(
        JsonNode node, String place, List<TableMapping> earlier) throws TargetMappingException {
      if (node.isEmpty()) {
        throw error(
            place,
            "an empty list finds no parent: give at least one {field, table, match," + " take}");
      }
      List<LookupAlternative> alternatives = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        String itemPlace = place + "[" + i + "]";
        if (!item.isObject()) {
          throw error(itemPlace, "expected {field, table, match, take}");
        }
        allowOnly(item, itemPlace, "field", "table", "match", "take");
        if (!item.has("field")) {
          throw error(
              itemPlace + ".field",
              "missing: each alternative names the field holding the value it looks up");
        }
        String field = text(item, "field", itemPlace);
        for (LookupAlternative before : alternatives) {
          if (before.field().equals(field)) {
            // a record holding it is decided by the earlier alternative: this one never is
            throw error(
                itemPlace + ".field",
                "'"
                    + field
                    + "' is the field of an earlier alternative, which decides whenever"
                    + " the record holds it: this alternative would never be tried");
          }
        }
        Lookup lookup = lookup(item, itemPlace, earlier, i > 0);
        if (!alternatives.isEmpty()) {
          Lookup first = alternatives.get(0).lookup();
          if (!first.table().equals(lookup.table())) {
            throw error(
                itemPlace + ".table",
                "'"
                    + lookup.table()
                    + "' is not "
                    + first.table()
                    + ", the table the first"
                    + " alternative finds: the column holds a key of one table");
          }
          if (!first.take().equals(lookup.take())) {
            throw error(
                itemPlace + ".take",
                "'"
                    + lookup.take()
                    + "' is not "
                    + first.take()
                    + ", the column the first"
                    + " alternative takes: the column holds one key of "
                    + first.table());
          }
          for (LookupAlternative before : alternatives) {
            if (before.lookup().match().equals(lookup.match())) {
              throw error(
                  itemPlace + ".match",
                  "'"
                      + lookup.match()
                      + "' is matched by an earlier alternative too: give one"
                      + " alternative per column of "
                      + lookup.table());
            }
          }
        }
        boolean findsPlanned = true;
        for (TableMapping parent : earlier) {
          if (parent.table().equals(lookup.table())
              && !parent.naturalKey().equals(lookup.match())) {
            findsPlanned = false;
          }
        }
        alternatives.add(new LookupAlternative(field, lookup, findsPlanned));
      }
      return List.copyOf(alternatives);
    }

    Lookup lookup(JsonNode node, String place, List<TableMapping> earlier)
        throws TargetMappingException {
      if (!node.isObject()) {
        throw error(place, "expected {table, match, take}");
      }
      allowOnly(node, place, "table", "match", "take");
      return lookup(node, place, earlier, false);
    }

    /**
     * @param alternative a later alternative of a list, which may match a column other than a
     *     planned table's natural key
     */
    private Lookup lookup(
        JsonNode node, String place, List<TableMapping> earlier, boolean alternative)
        throws TargetMappingException {
      String table = table(node, place);
      String match = identifier(node, "match", place);
      String take = identifier(node, "take", place);
      String softDelete = null;
      for (TableMapping parent : earlier) {
        if (parent.table().equals(table)) {
          // the parent's soft-deleted rows are hidden from the lookup as from the application
          softDelete = parent.softDelete();
        }
        if (parent.table().equals(table) && parent.compositeNaturalKey()) {
          throw error(
              place + ".match",
              "rows of "
                  + table
                  + " are found by their natural key of several columns ("
                  + String.join(", ", parent.naturalKeys())
                  + "), and a lookup matches one column: a lookup of such a table is not supported"
                  + " yet (docs/import.md, \"A natural key of several columns\")");
        }
        if (parent.table().equals(table) && !parent.naturalKey().equals(match) && !alternative) {
          throw error(
              place + ".match",
              "rows of "
                  + table
                  + " planned in this import are found by their natural key "
                  + parent.naturalKey()
                  + ", not by "
                  + match);
        }
      }
      return new Lookup(table, match, take, softDelete);
    }

    /**
     * The natural key's columns: one name ({@code natural_key: email}), or a list of the columns
     * that identify a row only together ({@code natural_key: [branch_code, booking_no]}, booking
     * numbers restarting per branch). A list of one is that one column.
     */
    List<String> naturalKeys(JsonNode node, String place) throws TargetMappingException {
      JsonNode value = node.get("natural_key");
      if (value == null || !value.isArray()) {
        return List.of(identifier(node, "natural_key", place));
      }
      String keyPlace = place + ".natural_key";
      if (value.isEmpty()) {
        throw error(
            keyPlace,
            "an empty list names no column: give the column, or the columns that identify a row"
                + " together ([branch_code, booking_no])");
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        String itemPlace = keyPlace + "[" + i + "]";
        if (!item.isTextual() || item.asText().isBlank()) {
          throw error(itemPlace, "expected a column name, got " + item);
        }
        String problem = unquotable(item.asText());
        if (problem != null) {
          throw error(itemPlace, "the column name " + problem);
        }
        if (names.contains(item.asText())) {
          // a repeated column adds nothing to tell rows apart and hides what was meant
          throw error(itemPlace, "'" + item.asText() + "' is named twice in the natural key");
        }
        names.add(item.asText());
      }
      return List.copyOf(names);
    }

    /**
     * A column name as the catalog spells it: {@code createdAt} is not {@code createdat}. Any name
     * the SQL can quote is taken; Dialect quotes it wherever it is sent.
     */
    String identifier(JsonNode node, String key, String place) throws TargetMappingException {
      String value = text(node, key, place);
      String problem = unquotable(value);
      if (problem != null) {
        throw error(place + "." + key, "the column name " + problem);
      }
      return value;
    }

    /**
     * A table name, {@code [schema.]table}, each part as the catalog spells it ({@code User},
     * {@code public.Booking}). The first dot separates the schema, so a name holding a dot cannot
     * be mapped.
     */
    String table(JsonNode node, String place) throws TargetMappingException {
      String value = text(node, "table", place);
      String[] parts = value.split("\\.", -1);
      if (parts.length > 2) {
        throw error(
            place + ".table",
            "'"
                + value
                + "' has more than one dot: a table is [schema.]table, and a name holding a dot"
                + " cannot be told from one");
      }
      for (String part : parts) {
        String problem = unquotable(part);
        if (problem != null) {
          throw error(place + ".table", "the table name " + problem);
        }
      }
      return value;
    }

    String text(JsonNode node, String key, String place) throws TargetMappingException {
      JsonNode value = node.get(key);
      if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
        throw error(place + "." + key, "missing");
      }
      return value.asText();
    }

    void allowOnly(JsonNode node, String place, String... keys) throws TargetMappingException {
      Set<String> allowed = Set.of(keys);
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw error(
              place + "." + name, "unknown key (expected one of " + String.join(", ", keys) + ")");
        }
      }
    }
  }
}
