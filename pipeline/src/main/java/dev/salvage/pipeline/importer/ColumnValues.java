package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.KeptOut.clipped;
import static dev.salvage.pipeline.importer.KeptOut.quoted;

import dev.salvage.connectors.io.CaseFolding;
import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table's values as the plan writes them into its columns (money in the column's units, the
 * canonical form of the column's type, a word of its vocabulary, a phone in its style, a wall time
 * in its zone), and compared as the column holds them. A value that does not fit is said once, in
 * the plan's refusal, unless it is only being compared with a row.
 */
final class ColumnValues {
  private final TargetSchema schema;
  private final Dialect dialect;
  private final TableMapping table;
  private final Map<ColumnMapping, PhoneFormat> phones;
  private final List<String> unfit;
  private final Map<String, List<String>> decimalsInIntegers;

  ColumnValues(
      TargetSchema schema,
      Dialect dialect,
      TableMapping table,
      Map<ColumnMapping, PhoneFormat> phones,
      List<String> unfit,
      Map<String, List<String>> decimalsInIntegers) {
    this.schema = schema;
    this.dialect = dialect;
    this.table = table;
    this.phones = phones;
    this.unfit = unfit;
    this.decimalsInIntegers = decimalsInIntegers;
  }

  /** A decimal number with a point, as a text field holds an amount in major units. */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("-?[0-9]*\\.[0-9]+");

  // set while a present row's values are compared: what does not fit is then no refusal
  private boolean quiet;

  /**
   * The column value of a record's (or the mapping's constant) value: money in minor units becomes
   * major units, then the canonical form of the column's type, checked against what the column
   * holds. Null, with the reason added to {@code unfit}, when it does not fit.
   */
  String fitted(Approved record, ColumnMapping column, String raw) {
    TargetSchema.Column described = schema.column(table.table(), column.column());
    String place =
        "column " + table.table() + "." + column.column() + " is " + described.declared();
    String value = raw;
    if (column.currency() != null) {
      String code =
          column.currency().code() != null
              ? column.currency().code()
              : record.values().get(column.currency().field());
      int exponent =
          TargetMapping.exponent(code == null ? null : code.strip().toUpperCase(Locale.ROOT));
      if (exponent < 0) {
        unfit(
            record,
            place
                + ", value "
                + raw
                + " (minor units) has no currency: "
                + (code == null
                    ? "the record has no " + column.currency().field()
                    : "'" + code + "' is not an ISO 4217 currency with minor units"));
        return null;
      }
      try {
        if (column.units() == TargetMapping.Units.MAJOR) {
          // a column of whole euros: 12000 cents is 120, and 12050 has cents it cannot hold
          BigDecimal major =
              column.mayHoldMinorUnits()
                  ? new BigDecimal(new BigInteger(raw.strip()), exponent)
                  : new BigDecimal(raw.strip());
          if (major.stripTrailingZeros().scale() > 0) {
            unfit(
                record,
                place
                    + " of whole "
                    + code.strip().toUpperCase(Locale.ROOT)
                    + " (units: major), value "
                    + raw.strip()
                    + " of field "
                    + column.field()
                    + " is "
                    + major.toPlainString()
                    + ", which has a fraction the column cannot hold");
            return null;
          }
          value = major.setScale(0).toPlainString();
        } else if (column.type() == ColumnType.INTEGER && !column.mayHoldMinorUnits()) {
          // an amount in major units (a text field's 450.00) into a column of minor units
          BigDecimal minor = new BigDecimal(raw.strip()).movePointRight(exponent);
          if (minor.stripTrailingZeros().scale() > 0) {
            unfit(
                record,
                place
                    + ", value "
                    + raw.strip()
                    + " of field "
                    + column.field()
                    + " has more decimals than "
                    + code.strip().toUpperCase(Locale.ROOT)
                    + "'s "
                    + exponent);
            return null;
          }
          value = minor.setScale(0).toPlainString();
        } else if (column.type() == ColumnType.INTEGER) {
          // minor units into a column of minor units: the currency only had to be known
          value = new BigInteger(raw.strip()).toString();
        } else {
          value = new BigDecimal(new BigInteger(raw.strip()), exponent).toPlainString();
        }
      } catch (NumberFormatException | ArithmeticException e) {
        unfit(
            record,
            place
                + ", value '"
                + raw
                + "' of field "
                + column.field()
                + " is not an amount in minor units");
        return null;
      }
    }
    if (column.type() == ColumnType.INTEGER
        && column.currency() == null
        && column.field() != null
        && DECIMAL.matcher(value.strip()).matches()) {
      if (quiet) {
        return null;
      }
      // not one record's bad value but the mapping's: the field holds decimal amounts
      decimalsInIntegers
          .computeIfAbsent(
              "entities."
                  + table.entity()
                  + ".columns."
                  + column.column()
                  + ": column "
                  + table.table()
                  + "."
                  + column.column()
                  + " is "
                  + described.declared()
                  + " and field "
                  + column.field()
                  + " holds decimal numbers",
              key -> new ArrayList<>())
          .add(record.record().id() + ": " + value.strip());
      return null;
    }
    try {
      value = column.type().canonical(value);
    } catch (IllegalArgumentException e) {
      unfit(record, place + ", value " + e.getMessage());
      return null;
    }
    if (column.values() != null) {
      String word = column.values().get(value);
      if (word == null) {
        // written as it is, it would be a second vocabulary in the column: the map's reason
        unfit(
            record,
            place
                + ", value '"
                + clipped(value, 60)
                + "' of field "
                + column.field()
                + " is not in the column's values ("
                + String.join(", ", column.values().keySet())
                + "): add it to entities."
                + table.entity()
                + ".columns."
                + column.column()
                + ".values with the word the column holds for it");
        return null;
      }
      value = word;
    }
    PhoneFormat phone = phones.get(column);
    if (phone != null) {
      // the plan holds the value as it will be written, so plan.sql shows what the table gets
      try {
        value = phone.format(value);
      } catch (IllegalArgumentException e) {
        unfit(
            record,
            place + " holding phone numbers " + phone.describe() + ", value " + e.getMessage());
        return null;
      }
    }
    String zone = wallTimeZone(column);
    if (zone != null) {
      // written as the wall time of the instant in the column's zone; read back the same way,
      // so comparing wall times finds what was written unchanged
      value = ColumnType.wallTime(value, java.time.ZoneId.of(zone));
    }
    String why = described.unfit(column.type(), value);
    if (why != null) {
      unfit(
          record,
          place + ", value " + clipped(planType(column).literal(value, dialect), 80) + " " + why);
      return null;
    }
    return value;
  }

  /**
   * {@link #fitted} without reporting a value that does not fit: for comparisons with rows, where
   * such a value is only not comparable.
   */
  String quietlyFitted(Approved record, ColumnMapping column, String raw) {
    quiet = true;
    try {
      return fitted(record, column, raw);
    } finally {
      quiet = false;
    }
  }

  private void unfit(Approved record, String problem) {
    if (quiet) {
      return;
    }
    String id = record.record().id();
    String prefix = table.entity() + ":";
    String named =
        table.entity() + " " + (id.startsWith(prefix) ? id.substring(prefix.length()) : id);
    unfit.add("Cannot plan " + named + ": " + problem);
  }

  /**
   * The zone of a column's wall times when the target holds it without a zone (a timestamptz field
   * in a timestamp without time zone or datetime column), or with one and the column's own
   * time_zone says the application writes wall times in it; else null.
   */
  String wallTimeZone(ColumnMapping column) {
    return schema.column(table.table(), column.column()).holdsWallTime(column)
        ? column.zone().zone().getId()
        : null;
  }

  /** The type of a column's values in the plan: its mapping's, or WALL_TIME where it has one. */
  ColumnType planType(ColumnMapping column) {
    return wallTimeZone(column) == null ? column.type() : ColumnType.WALL_TIME;
  }

  /** The columns to read for these mappings, each as the plan holds its values. */
  List<Rows.Column> readable(List<ColumnMapping> columns) {
    List<Rows.Column> read = new ArrayList<>();
    for (ColumnMapping column : columns) {
      read.add(new Rows.Column(column.column(), planType(column), column.lookup()));
    }
    return read;
  }

  /**
   * Whether a value is what a column holds: a foreign key reads back as its parent's match value as
   * stored (Noel@Example.com), which the lookup finds ignoring case, and a phone stored in another
   * style (+39 349 618 7766 for +393496187766) is the same number.
   */
  boolean sameValue(ColumnMapping column, String value, String stored) {
    if (value == null || stored == null) {
      return value == stored;
    }
    if (column.fieldType() == FieldType.EMAIL && column.lookup() == null) {
      // a record's email is in lower case (the email type's canonical form), also the backup's
      // value a change starts from; the row holds it as the application stored it
      // (Maria.Silva@Example.PT): the same address, so neither a change from the backup nor an
      // UPDATE of its case. Until 2026-12-07 an outside trial's real email changes of customers
      // stored with capitals were kept out as "the application changed it since"
      return CaseFolding.lower(value).equals(CaseFolding.lower(stored));
    }
    return phones.containsKey(column)
        ? phones.get(column).sameNumber(value, stored)
        : column.lookup() == null
            ? planType(column).same(value, stored)
            : value.toLowerCase(Locale.ROOT).equals(stored.toLowerCase(Locale.ROOT));
  }

  /**
   * A record's value of {@code column} quoted as the column holds it: for a column holding wall
   * times, the instant's wall time in the column's zone, beside the row's wall time in one sentence
   * (an outside trial read "holds '2026-11-29T14:00', not the backup's '2026-11-15T01:30:00Z'", a
   * wall time beside a UTC instant).
   */
  String shown(ColumnMapping column, String value) {
    String zone = wallTimeZone(column);
    if (zone != null && value != null) {
      try {
        return quoted(ColumnType.wallTime(value, java.time.ZoneId.of(zone)));
      } catch (java.time.DateTimeException e) {
        return quoted(value); // not an instant: said as it is
      }
    }
    return quoted(value);
  }

  /**
   * {@code " (wall time in Asia/Tokyo)"} for a column holding wall times, else "": said once beside
   * the column, so that the values a message compares read the same way.
   */
  String wallTimeNote(ColumnMapping column) {
    String zone = wallTimeZone(column);
    return zone == null ? "" : " (wall time in " + zone + ")";
  }
}
