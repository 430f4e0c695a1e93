package dev.salvage.pipeline.importer;

import static dev.salvage.pipeline.importer.KeptOut.clipped;

import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.importer.TargetMapping.TableMapping;
import dev.salvage.pipeline.importer.TargetMapping.When;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a table's mapping against the rows the target holds from the backup: the run's records
 * read from those rows say what each held, so a column the plan would write in other units, at
 * another wall time or in other words than the restored rows hold the same values in is found
 * before any new row is written so.
 */
final class RestoredRowsCheck {
  private final Connection connection;
  private final Dialect dialect;
  private final TableMapping table;
  private final Map<ColumnMapping, PhoneFormat> phones;
  private final ColumnValues columnValues;

  RestoredRowsCheck(
      Connection connection,
      Dialect dialect,
      TableMapping table,
      Map<ColumnMapping, PhoneFormat> phones,
      ColumnValues columnValues) {
    this.connection = connection;
    this.dialect = dialect;
    this.table = table;
    this.phones = phones;
    this.columnValues = columnValues;
  }

  /** How many rows restored from the backup a table's amounts and times are checked against. */
  static final int RESTORED_ROWS_COMPARED = 1000;

  /** How many words a column may hold and still be taken for a vocabulary of labels. */
  static final int VOCABULARY_MAX = 20;

  /**
   * The amount and time columns this table's mapping would write otherwise than the rows the target
   * holds from the backup: for the records read from the backup (their {@code backup} values are
   * what those rows held), each column's planned value against the row's, and a column is named
   * when most of them differ by one power of ten (cents into a column of whole euros) or by one
   * offset (wall time of another zone). Such a mapping fits every value and writes each new row
   * wrong, unsaid: the restored rows are the one place that shows it.
   */
  List<String> unlikeRestoredRows(List<ReconstructedRecord> records) throws SQLException {
    List<ColumnMapping> compared = new ArrayList<>();
    List<Rows.Column> read = new ArrayList<>();
    for (ColumnMapping column : table.columns()) {
      ColumnType type = columnValues.planType(column);
      if (column.field() != null
          && column.lookup() == null
          && column.when() != When.TOUCH
          && (type == ColumnType.INTEGER
              || type == ColumnType.NUMERIC
              // an instant with its zone is what the backup said; a wall time is the mapping's
              || type == ColumnType.WALL_TIME
              // words: the backup mapping may have translated the column's own (réservé)
              || (type == ColumnType.TEXT && !phones.containsKey(column)))) {
        compared.add(column);
        read.add(new Rows.Column(column.column(), type, null));
      }
    }
    if (compared.isEmpty() || records.isEmpty()) {
      return List.of();
    }
    String prefix = table.entity() + ":";
    Map<String, ReconstructedRecord> byKey = new TreeMap<>();
    for (ReconstructedRecord record : records) {
      if (!record.id().startsWith(prefix)) {
        continue;
      }
      try {
        byKey.put(table.keyType().canonical(record.id().substring(prefix.length())), record);
      } catch (IllegalArgumentException e) {
        // not a key of this table: the plan says so for an approved record
      }
      if (byKey.size() == RESTORED_ROWS_COMPARED) {
        break;
      }
    }
    Map<String, List<String>> rows =
        Rows.read(
            connection,
            dialect,
            table.table(),
            table.keyColumn(),
            table.keyType(),
            read,
            byKey.keySet(),
            false);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < compared.size(); i++) {
      ColumnMapping column = compared.get(i);
      ColumnType type = columnValues.planType(column);
      if (type == ColumnType.TEXT) {
        String problem = otherWords(column, i, byKey, rows);
        if (problem != null) {
          problems.add(problem);
        }
        continue;
      }
      int comparedRows = 0;
      int same = 0;
      Map<String, Integer> relations = new LinkedHashMap<>();
      Map<String, String> examples = new HashMap<>();
      for (Map.Entry<String, List<String>> row : rows.entrySet()) {
        ReconstructedRecord record = byKey.get(row.getKey());
        String held = row.getValue().get(i);
        String backup = record.backup().get(column.field());
        if (held == null || backup == null) {
          continue;
        }
        String planned =
            columnValues.quietlyFitted(
                new Approved(record, record.backup(), Set.of()), column, backup);
        if (planned == null) {
          continue;
        }
        String now = plannedFromRecord(record, column);
        if (now != null && type.same(now, held) && !type.same(planned, held)) {
          continue; // written since the backup, as the record says: no unit of the mapping's
        }
        comparedRows++;
        if (type.same(planned, held)) {
          same++;
          continue;
        }
        String relation = relation(type, planned, held);
        if (relation != null) {
          relations.merge(relation, 1, Integer::sum);
          examples.putIfAbsent(
              relation,
              record.id()
                  + ": the backup's "
                  + column.field()
                  + " "
                  + backup
                  + " is planned as "
                  + planned
                  + ", the row holds "
                  + held);
        }
      }
      if (comparedRows < 3 || same * 5 >= comparedRows) {
        continue;
      }
      for (Map.Entry<String, Integer> relation : relations.entrySet()) {
        if (relation.getValue() * 5 >= comparedRows * 4) {
          problems.add(
              "entities."
                  + table.entity()
                  + ".columns."
                  + column.column()
                  + ": the plan would write "
                  + relation.getKey()
                  + " than the rows of "
                  + table.table()
                  + " restored from the backup hold: "
                  + relation.getValue()
                  + " of the "
                  + comparedRows
                  + " compared ("
                  + examples.get(relation.getKey())
                  + "). "
                  + remedy(column, relation.getKey()));
          break;
        }
      }
    }
    return problems;
  }

  /**
   * What the plan would write into {@code column} from the record's own value (not its backup's),
   * or null. A restored row holding it was written since the backup, by an earlier apply of this
   * run or by the application (a booking since completed): it shows what was written, not how the
   * column holds the backup's values, and is left out of the comparison.
   */
  private String plannedFromRecord(ReconstructedRecord record, ColumnMapping column) {
    ReconstructedRecord.FieldValue value = record.fields().get(column.field());
    if (value == null || value.value() == null) {
      return null;
    }
    Map<String, String> values = new TreeMap<>();
    record.fields().forEach((name, field) -> values.put(name, field.value()));
    return columnValues.quietlyFitted(
        new Approved(record, values, Set.of()), column, value.value());
  }

  /**
   * Why a text column would be written in other words than its restored rows hold for the same
   * values, or null. The backup mapping may translate a column's labels into the entity model's
   * ({@code réservé} read as {@code booked}); written back as they are, the column would hold two
   * vocabularies. Named when at least three rows could be compared, fewer than a fifth hold the
   * planned value, and four fifths or more hold, for each planned value, one same other word that
   * no other planned value is held as (one-to-one), and when the compared rows hold a vocabulary:
   * at most {@link #VOCABULARY_MAX} words, each on two rows or more on average. Names, notes and
   * addresses repeat too rarely to be one, so they are never refused. A label held in another case
   * ({@code BOOKED}) is another word here: written as it is, the column would hold both.
   *
   * @param index the column's place in {@code rows}' values
   */
  private String otherWords(
      ColumnMapping column,
      int index,
      Map<String, ReconstructedRecord> byKey,
      Map<String, List<String>> rows) {
    int comparedRows = 0;
    int same = 0;
    Set<String> words = new HashSet<>();
    // planned value -> word the row holds -> rows; and the first row of each pair, as example
    Map<String, Map<String, Integer>> heldFor = new TreeMap<>();
    Map<String, String> examples = new HashMap<>();
    // the record's value each planned one came from: the key a values map takes
    Map<String, String> recordValue = new HashMap<>();
    // in the records' key order, so the example named is the same from one plan to the next
    for (Map.Entry<String, ReconstructedRecord> keyed : byKey.entrySet()) {
      ReconstructedRecord record = keyed.getValue();
      List<String> row = rows.get(keyed.getKey());
      String held = row == null ? null : row.get(index);
      String backup = record.backup().get(column.field());
      if (held == null || backup == null) {
        continue;
      }
      String planned =
          columnValues.quietlyFitted(
              new Approved(record, record.backup(), Set.of()), column, backup);
      if (planned == null) {
        continue;
      }
      // a char(n) column gives its words back padded with blanks, which are no other word
      held = held.stripTrailing();
      planned = planned.stripTrailing();
      String now = plannedFromRecord(record, column);
      if (now != null && now.stripTrailing().equals(held) && !held.equals(planned)) {
        continue; // written since the backup, as the record says: no word of the mapping's
      }
      comparedRows++;
      words.add(held);
      if (planned.equals(held)) {
        same++;
        continue;
      }
      heldFor.computeIfAbsent(planned, p -> new TreeMap<>()).merge(held, 1, Integer::sum);
      recordValue.putIfAbsent(planned, backup);
      examples.putIfAbsent(
          planned + "\n" + held,
          record.id()
              + ": the backup's "
              + column.field()
              + " '"
              + clipped(backup, 40)
              + "' is planned as '"
              + clipped(planned, 40)
              + "', the row holds '"
              + clipped(held, 40)
              + "'");
    }
    if (comparedRows < 3
        || same * 5 >= comparedRows
        || words.size() > VOCABULARY_MAX
        || words.size() * 2 > comparedRows) {
      return null;
    }
    // for each planned value the word most of its rows hold; a translation gives each its own
    Map<String, String> pairs = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    int consistent = 0;
    for (Map.Entry<String, Map<String, Integer>> planned : heldFor.entrySet()) {
      Map.Entry<String, Integer> most =
          planned.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
      if (!taken.add(most.getKey())) {
        return null;
      }
      pairs.put(planned.getKey(), most.getKey());
      consistent += most.getValue();
    }
    if (consistent * 5 < comparedRows * 4) {
      return null;
    }
    Map.Entry<String, String> first = pairs.entrySet().iterator().next();
    List<String> map = new ArrayList<>();
    pairs.forEach(
        (planned, held) -> map.add(yamlWord(recordValue.get(planned)) + ": " + yamlWord(held)));
    return "entities."
        + table.entity()
        + ".columns."
        + column.column()
        + ": the plan would write other words than the rows of "
        + table.table()
        + " restored from the backup hold for the same values: "
        + consistent
        + " of the "
        + comparedRows
        + " compared hold, for each planned value, one other word ("
        + pairs.size()
        + " pair(s): "
        + pairs.entrySet().stream()
            .map(pair -> "'" + pair.getKey() + "' held as '" + pair.getValue() + "'")
            .collect(java.util.stream.Collectors.joining(", "))
        + "; "
        + examples.get(first.getKey() + "\n" + first.getValue())
        + "). "
        + (column.values() == null
            ? "The column holds its own words for the values (the backup mapping translated"
                + " them): map each value to the column's word with values on the column"
                + " (values: {"
                + String.join(", ", map)
                + "}; a value the map lacks is then refused, not written as it is)"
            : "The column's values map gives other words than the rows hold for the same"
                + " values: correct it (values: {"
                + String.join(", ", map)
                + "})");
  }

  /** A word as YAML takes it in a flow map: in quotes when it holds more than letters. */
  private static String yamlWord(String word) {
    // yes, no, on, off, true, false and null are no text to YAML
    return word.matches("[\\p{L}][\\p{L}\\p{N}_-]*")
            && !word.toLowerCase(Locale.ROOT).matches("y|n|yes|no|on|off|true|false|null")
        ? word
        : "'" + word.replace("'", "''") + "'";
  }

  /**
   * How a planned value differs from the one a restored row holds when it differs as a mapping
   * error makes it ({@code amounts 100 times larger}, {@code wall times 2 hours later}), else null.
   */
  private static String relation(ColumnType type, String planned, String held) {
    try {
      if (type == ColumnType.INTEGER || type == ColumnType.NUMERIC) {
        BigDecimal wrote = new BigDecimal(planned.strip());
        BigDecimal holds = new BigDecimal(held.strip());
        if (wrote.signum() == 0 || holds.signum() == 0) {
          return null;
        }
        for (int k = 1; k <= 3; k++) {
          if (wrote.compareTo(holds.movePointRight(k)) == 0) {
            return "amounts " + BigDecimal.ONE.movePointRight(k).toPlainString() + " times larger";
          }
          if (holds.compareTo(wrote.movePointRight(k)) == 0) {
            return "amounts " + BigDecimal.ONE.movePointRight(k).toPlainString() + " times smaller";
          }
        }
        return null;
      }
      if (type != ColumnType.WALL_TIME) {
        return null;
      }
      long seconds =
          java.time.Duration.between(
                  java.time.LocalDateTime.parse(held), java.time.LocalDateTime.parse(planned))
              .getSeconds();
      if (seconds == 0 || seconds % 900 != 0 || Math.abs(seconds) > 14 * 3600) {
        return null;
      }
      long minutes = Math.abs(seconds) / 60;
      String amount =
          minutes % 60 == 0
              ? (minutes / 60) + (minutes == 60 ? " hour" : " hours")
              : minutes + " minutes";
      return "wall times " + amount + (seconds > 0 ? " later" : " earlier");
    } catch (RuntimeException e) {
      return null; // a value in another form: no relation a mapping error makes
    }
  }

  /** What to change in the target mapping for a column that writes {@code relation}. */
  private static String remedy(ColumnMapping column, String relation) {
    if (relation.startsWith("wall times ")) {
      return "The column holds wall time in another zone than the mapping's time_zone ("
          + column.zone().zone().getId()
          + "): set time_zone on the column, its entity or the mapping to the zone the"
          + " application writes in";
    }
    if (relation.endsWith("larger")) {
      return column.currency() == null
          ? "The column holds amounts in larger units than the field (whole euros, not cents):"
              + " set currency on it with units: major (currency: EUR, units: major; 12000 ->"
              + " 120)"
          : "The column holds amounts in larger units than the plan writes: if it holds whole"
              + " major units, add units: major";
    }
    return "The column holds amounts in smaller units than the plan writes (cents, not whole"
        + " euros): on an integer column, currency alone declares minor units; units: major"
        + " and units: as_is do not";
  }
}
