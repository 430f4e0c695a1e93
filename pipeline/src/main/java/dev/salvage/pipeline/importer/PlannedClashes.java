package dev.salvage.pipeline.importer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the rows of one plan that a unique index or an exclusion constraint refuses together, in
 * one pass over all of a table's planned rows: two approved records claiming one email, two lost
 * bookings of one room at overlapping times. Each row's index keys come computed by the database
 * ({@link UniqueIndexes} reads them with the check against the table's rows), so the index's own
 * expressions, predicate and prefixes have been applied; what is left is to compare them.
 *
 * <p>PostgreSQL compares them itself, in one query whatever the number of rows: the keys are bound
 * once as arrays (no limit on bind parameters), cast back to their types, and grouped (a unique
 * index: equal as the type's equality says, {@code citext} ignoring case) or joined under the
 * constraint's operators (an exclusion constraint; its {@code =} keys let the database hash the
 * join, and a range compared with {@code &&} is swept in the order the ranges start, so only rows
 * that may overlap are joined). MariaDB has no arrays: its keys come as the collation's weight
 * strings, equal exactly when the collation takes the values for equal, and are grouped here.
 */
final class PlannedClashes {
  private PlannedClashes() {}

  /**
   * For each row of {@code keys} (by index) that the index refuses together with earlier rows,
   * those earlier rows, in ascending order.
   *
   * @param keys each row's index keys as text (PostgreSQL) or weight strings (MariaDB); NULL keys
   *     are the caller's to leave out where they never clash
   * @param types PostgreSQL: each key's type, to cast the text back to; MariaDB: unused
   */
  static Map<Integer, List<Integer>> earlierPartners(
      Connection connection,
      Dialect dialect,
      UniqueIndexes.Index index,
      List<List<String>> keys,
      List<String> types)
      throws SQLException {
    if (keys.size() < 2) {
      return Map.of();
    }
    if (dialect != Dialect.POSTGRESQL) {
      return equalKeys(keys);
    }
    int width = index.keys().size();
    StringBuilder unnest = new StringBuilder("unnest(CAST(? AS int[])");
    StringBuilder names = new StringBuilder("ord");
    StringBuilder typed = new StringBuilder("SELECT ord");
    for (int k = 0; k < width; k++) {
      unnest.append(", CAST(? AS text[])");
      names.append(", k").append(k);
      typed
          .append(", CAST(k")
          .append(k)
          .append(" AS ")
          .append(types.get(k))
          .append(") AS k")
          .append(k);
    }
    String planned = "WITH p AS (" + typed + " FROM " + unnest + ") AS u(" + names + ")) ";
    String sql;
    if (index.exclusion()) {
      int range = sweptRange(connection, index, types);
      StringBuilder same = new StringBuilder();
      for (int k = 0; k < width; k++) {
        same.append(" AND a.k")
            .append(k)
            .append(' ')
            .append(index.operators().get(k))
            .append(" b.k")
            .append(k);
      }
      if (range < 0) {
        sql = planned + "SELECT b.ord, a.ord FROM p a JOIN p b ON a.ord < b.ord" + same;
      } else {
        // rows of one room sorted by where their range starts: a row overlaps one sorted before it
        // only if the furthest end before it reaches its start (>=, as bounds may be inclusive).
        // Only such rows are joined, so one room's 10,000 bookings are not compared pairwise
        String r = "k" + range;
        StringBuilder partition = new StringBuilder();
        for (int k = 0; k < width; k++) {
          if (k != range) {
            partition.append(partition.length() == 0 ? "PARTITION BY k" : ", k").append(k);
          }
        }
        sql =
            planned
                + ", s AS (SELECT ord, "
                + r
                + ", bool_or(upper_inf("
                + r
                + ")) OVER w AS open_before, max(upper("
                + r
                + ")) OVER w AS reach_before, count(*) OVER w AS before FROM p WHERE NOT isempty("
                + r
                + ") WINDOW w AS ("
                + partition
                + " ORDER BY lower("
                + r
                + ") NULLS FIRST, ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))"
                + ", f AS (SELECT ord FROM s WHERE open_before OR coalesce(reach_before >= lower("
                + r
                + "), lower_inf("
                + r
                + ") AND before > 0))"
                + " SELECT DISTINCT greatest(a.ord, b.ord), least(a.ord, b.ord)"
                + " FROM f JOIN p b ON b.ord = f.ord JOIN p a ON a.ord <> b.ord"
                + same;
      }
    } else {
      StringBuilder partition = new StringBuilder();
      for (int k = 0; k < width; k++) {
        partition.append(k > 0 ? ", k" : "k").append(k);
      }
      // rows the index takes for equal (NULLs too, where the caller kept them: NULLS NOT DISTINCT)
      // fall in one partition, the first of them by row the one each other row clashes with
      sql =
          planned
              + "SELECT ord, first FROM (SELECT ord, min(ord) OVER (PARTITION BY "
              + partition
              + ") AS first FROM p) x WHERE ord <> first";
    }
    Integer[] rows = new Integer[keys.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    Map<Integer, List<Integer>> partners = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      List<Array> arrays = new ArrayList<>();
      arrays.add(connection.createArrayOf("int4", rows));
      for (int k = 0; k < width; k++) {
        String[] column = new String[keys.size()];
        for (int i = 0; i < column.length; i++) {
          column[i] = keys.get(i).get(k);
        }
        arrays.add(connection.createArrayOf("text", column));
      }
      for (int i = 0; i < arrays.size(); i++) {
        statement.setArray(i + 1, arrays.get(i));
      }
      try (ResultSet answers = statement.executeQuery()) {
        while (answers.next()) {
          partners
              .computeIfAbsent(answers.getInt(1), later -> new ArrayList<>())
              .add(answers.getInt(2));
        }
      }
      for (Array array : arrays) {
        array.free();
      }
    }
    partners.values().forEach(earlier -> earlier.sort(null));
    return partners;
  }

  /**
   * The key an exclusion constraint compares with {@code &&} on a range (or multirange) type when
   * every other key is compared with {@code =} (a room and its booked time), so the rows can be
   * swept in the order their ranges start; -1 for any other constraint, whose rows are joined
   * pairwise by the database (hashed on its {@code =} keys where it has them).
   */
  private static int sweptRange(
      Connection connection, UniqueIndexes.Index index, List<String> types) throws SQLException {
    int range = -1;
    for (int k = 0; k < index.operators().size(); k++) {
      String operator = index.operators().get(k);
      if (operator.equals("OPERATOR(pg_catalog.&&)") && range < 0) {
        range = k;
      } else if (!operator.equals("OPERATOR(pg_catalog.=)")) {
        return -1;
      }
    }
    if (range < 0) {
      return -1;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT typtype IN ('r', 'm') FROM pg_type WHERE oid = CAST(? AS regtype)")) {
      statement.setString(1, types.get(range));
      try (ResultSet answer = statement.executeQuery()) {
        return answer.next() && answer.getBoolean(1) ? range : -1;
      }
    }
  }

  /** Rows whose keys are equal strings, each later one naming the first. */
  private static Map<Integer, List<Integer>> equalKeys(List<List<String>> keys) {
    Map<List<String>, Integer> first = new HashMap<>();
    Map<Integer, List<Integer>> partners = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Integer earlier = first.putIfAbsent(keys.get(i), i);
      if (earlier != null) {
        partners.put(i, List.of(earlier));
      }
    }
    return partners;
  }
}
