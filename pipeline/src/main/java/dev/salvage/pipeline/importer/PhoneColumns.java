package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.KeptOut.clipped;

import dev.salvage.pipeline.importer.ImportPlan.PhoneColumn;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The style each phone column is written in: the mapping's {@code format}, or for {@code
 * like_existing} the one most of the column's newest rows hold; and a column without format whose
 * rows hold another style than the plan would write is refused, not mixed.
 */
final class PhoneColumns {
  private final Connection connection;
  private final Dialect dialect;
  private final TargetMapping mapping;
  private final String phoneRegion;

  /**
   * @param phoneRegion the run config's {@code business.phone_region}, or null
   */
  PhoneColumns(Connection connection, Dialect dialect, TargetMapping mapping, String phoneRegion) {
    this.connection = connection;
    this.dialect = dialect;
    this.mapping = mapping;
    this.phoneRegion = phoneRegion;
  }

  /** How many of a column's rows {@code format: like_existing} looks at: the newest, by key. */
  static final int PHONE_ROWS_READ = 10_000;

  /** How many rows with a value a phone column without format needs for its style to count. */
  static final int PHONE_ROWS_NEEDED = 3;

  /**
   * The style each phone column with a format is written in, in the mapping's order, each put in
   * {@code phones}.
   */
  List<PhoneColumn> formats(Map<ColumnMapping, PhoneFormat> phones)
      throws SQLException, ImportRefusedException {
    List<ImportPlan.PhoneColumn> phoneColumns = new ArrayList<>();
    for (TableMapping table : mapping.tables()) {
      for (ColumnMapping column : table.columns()) {
        if (column.phone() != null) {
          phoneColumns.add(phoneFormat(connection, dialect, table, column, phones));
        }
      }
    }
    return phoneColumns;
  }

  /** Refuses the plan when a phone column without format holds numbers in another style. */
  void refuseStylesUnsaid() throws SQLException, TargetMappingException {
    List<String> unsaid = new ArrayList<>();
    for (TableMapping table : mapping.tables()) {
      for (ColumnMapping column : table.columns()) {
        String problem = phoneStyleUnsaid(connection, dialect, table, column);
        if (problem != null) {
          unsaid.add(mapping.file() + ": " + problem);
        }
      }
    }
    if (!unsaid.isEmpty()) {
      throw new TargetMappingException(
          String.join("\n", unsaid)
              + "\nNo plan was written: "
              + unsaid.size()
              + " phone column(s) without format hold numbers in another style than the plan"
              + " would write (docs/import.md, Phone numbers).");
    }
  }

  /** The column's values in the newest {@link #PHONE_ROWS_READ} rows (by key) that hold one. */
  private static List<String> newestPhones(
      Connection connection, Dialect dialect, TableMapping table, ColumnMapping column)
      throws SQLException {
    String name = dialect.identifier(column.column());
    String sql =
        "SELECT "
            + name
            + " FROM "
            + dialect.table(table.table())
            + " WHERE "
            + name
            + " IS NOT NULL ORDER BY "
            + dialect.identifier(table.keyColumn())
            + " DESC LIMIT "
            + PHONE_ROWS_READ;
    List<String> stored = new ArrayList<>();
    try (java.sql.Statement statement = connection.createStatement();
        java.sql.ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        stored.add(rows.getString(1));
      }
    }
    return stored;
  }

  /**
   * The style a phone column is written in, put in {@code phones}: the mapping's, or for {@code
   * like_existing} the one most of the column's rows hold (of the {@link #PHONE_ROWS_READ} of
   * highest key, which show how the application writes them now).
   *
   * @throws ImportRefusedException when like_existing finds no style most rows hold: guessing would
   *     write a third style into the column
   */
  private PhoneColumn phoneFormat(
      Connection connection,
      Dialect dialect,
      TableMapping table,
      ColumnMapping column,
      Map<ColumnMapping, PhoneFormat> phones)
      throws SQLException, ImportRefusedException {
    PhoneFormat format = column.phone();
    String chosenFrom = null;
    if (format.style() == PhoneFormat.Style.LIKE_EXISTING) {
      List<String> stored = newestPhones(connection, dialect, table, column);
      PhoneFormat.Census census = format.census(stored);
      if (census.dominant().isEmpty()) {
        throw new ImportRefusedException(
            "Cannot plan: "
                + mapping.file()
                + ": entities."
                + table.entity()
                + ".columns."
                + column.column()
                + ".format: like_existing cannot tell the style of "
                + table.table()
                + "."
                + column.column()
                + ": of "
                + readFrom(connection, dialect, table, column, stored.size())
                + ", "
                + census.describe()
                + census.tie().map(tie -> " (" + tie + ")").orElse("")
                + (format.region() == null
                    ? " (national numbers are recognised only with phone_region)"
                    : "")
                + "; set format to e164, international or national: the style the application"
                + " writes new numbers in");
      }
      PhoneFormat.Style chosen = census.dominant().get();
      String grouped = census.describeGroupings(chosen);
      chosenFrom =
          census.describe()
              + (grouped.isEmpty()
                  ? ""
                  : "; digits grouped as most of the rows of each kind group them: " + grouped);
      format = format.withStyle(chosen, census.groupingsOf(chosen));
    }
    phones.put(column, format);
    return new PhoneColumn(
        table.table(),
        column.column(),
        format.style().yamlName(),
        format.region(),
        format.regionFrom(),
        chosenFrom);
  }

  /**
   * Why a column mapped from a phone field without {@code format} would get numbers in another
   * style than its rows hold, or null. Without a format the plan writes the records' numbers as
   * they hold them, in E.164 ({@code +33611223344}); when more of the column's newest {@link
   * #PHONE_ROWS_READ} rows are in another style (or in none plan recognises) than in E.164, it
   * would mix two styles in the column, unsaid. Refused rather than made like_existing by default,
   * as the amounts check refuses: the style is the operator's word, made once in the mapping, and a
   * mapping that plans differently by what the rows hold that day would be a guess.
   *
   * <p>Only a column whose field is {@code phone} in the entity model, and not the natural key (it
   * is matched as text and cannot take a format), is checked.
   */
  private String phoneStyleUnsaid(
      Connection connection, Dialect dialect, TableMapping table, ColumnMapping column)
      throws SQLException {
    if (column.phone() != null
        || column.fieldType() != dev.salvage.mappings.FieldType.PHONE
        || column.type() != ColumnType.TEXT
        || column.lookup() != null
        || column.values() != null
        || table.inNaturalKey(column.column())) {
      return null;
    }
    PhoneFormat reader = new PhoneFormat(PhoneFormat.Style.E164, phoneRegion);
    List<String> stored = new ArrayList<>();
    for (String value : newestPhones(connection, dialect, table, column)) {
      if (!value.isBlank()) {
        stored.add(value);
      }
    }
    if (stored.size() < PHONE_ROWS_NEEDED) {
      return null; // too few rows to say how the application writes numbers
    }
    PhoneFormat.Census census = reader.census(stored);
    long e164 = census.styles().getOrDefault(PhoneFormat.Style.E164, 0L);
    PhoneFormat.Style most =
        PhoneFormat.Style.written().stream()
            .filter(style -> style != PhoneFormat.Style.E164)
            .max(
                java.util.Comparator.comparingLong(
                    style -> census.styles().getOrDefault(style, 0L)))
            .orElseThrow();
    long other = census.styles().getOrDefault(most, 0L);
    if (other <= e164 && census.other() <= e164) {
      return null;
    }
    String example = null;
    for (String value : stored) {
      java.util.Optional<PhoneFormat.Style> style = reader.styleOf(value);
      if (other > e164 ? style.equals(java.util.Optional.of(most)) : style.isEmpty()) {
        example = value.strip();
        break;
      }
    }
    String target = table.table() + "." + column.column();
    return "entities."
        + table.entity()
        + ".columns."
        + column.column()
        + ": column "
        + target
        + " sets no format, so the plan would write phone numbers as the records hold them, in"
        + " e164 (+33611223344), but of "
        + readFrom(connection, dialect, table, column, stored.size())
        + ", "
        + census.describe()
        + " (the newest "
        + (other > e164 ? most.yamlName() : "in no style")
        + ": '"
        + clipped(example, 40)
        + "')"
        + (other > e164
            ? ": set format: like_existing to write them as most rows hold them ("
                + most.yamlName()
                + "), or format: "
                + most.yamlName()
                + "; format: e164 if the application writes e164 now"
            : (phoneRegion == null
                    ? " (national numbers are recognised only with phone_region, which neither the"
                        + " column nor the run config's business sets)"
                    : "")
                + ": set format to the style the application writes (national with"
                + " phone_region, international, e164), or like_existing");
  }

  /**
   * The rows like_existing counted, for its refusal: {@code its 3 row(s) with a value}, or when it
   * read only the newest {@link #PHONE_ROWS_READ}, that and how many the column holds, so nobody
   * takes a tie among the newest for the whole column's.
   */
  private static String readFrom(
      Connection connection, Dialect dialect, TableMapping table, ColumnMapping column, int read)
      throws SQLException {
    if (read < PHONE_ROWS_READ) {
      return "its " + read + " row(s) with a value";
    }
    String name = dialect.identifier(column.column());
    long all;
    try (java.sql.Statement statement = connection.createStatement();
        java.sql.ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM "
                    + dialect.table(table.table())
                    + " WHERE "
                    + name
                    + " IS NOT NULL")) {
      rows.next();
      all = rows.getLong(1);
    }
    return "the "
        + read
        + " row(s) of highest "
        + table.keyColumn()
        + " it reads (the application's newest; "
        + all
        + " hold a value)";
  }
}
