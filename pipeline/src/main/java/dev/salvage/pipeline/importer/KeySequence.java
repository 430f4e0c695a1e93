package dev.salvage.pipeline.importer;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The PostgreSQL sequence a key column takes its default from (a serial's or an identity's), for a
 * mapping that writes keys from a record field ({@code key.field}). Rows inserted with their own
 * key leave the sequence behind: the application's next row would get one of those keys and fail on
 * the primary key, so apply moves the sequence past the largest key it writes.
 *
 * @param name the sequence as {@code pg_get_serial_sequence} names it ({@code
 *     public.rentals_id_seq}), or null when the column has none
 * @param generatedAlways the column is {@code GENERATED ALWAYS AS IDENTITY}: an INSERT that writes
 *     it needs {@code OVERRIDING SYSTEM VALUE}
 */
record KeySequence(String name, boolean generatedAlways) {
  /**
   * The key column's sequence and identity kind; null on MariaDB, whose AUTO_INCREMENT follows
   * explicit keys by itself.
   */
  static KeySequence of(Connection connection, Dialect dialect, String table, String column)
      throws SQLException {
    if (dialect != Dialect.POSTGRESQL) {
      return null;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT pg_get_serial_sequence(?, a.attname), a.attidentity = 'a' FROM pg_attribute a"
                + " WHERE a.attrelid = ?::regclass AND a.attname = ? AND NOT a.attisdropped")) {
      // regclass and pg_get_serial_sequence's table fold what is not quoted; the column is taken
      // as it is spelt
      statement.setString(1, dialect.table(table));
      statement.setString(2, dialect.table(table));
      statement.setString(3, column);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return new KeySequence(null, false);
        }
        return new KeySequence(rows.getString(1), rows.getBoolean(2));
      }
    }
  }

  /**
   * The last value the sequence handed out, or the one before its start when it handed out none
   * yet: the value a move must exceed. Needs USAGE or SELECT on the sequence.
   */
  BigInteger lastValue(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT coalesce(pg_sequence_last_value(q.seqrelid), q.seqstart - q.seqincrement)"
                + " FROM pg_sequence q WHERE q.seqrelid = ?::regclass")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getBigDecimal(1).toBigIntegerExact();
      }
    }
  }

  /**
   * Moves the sequence to {@code to} unless it is there or past it already: never backwards, so a
   * key the application took since the plan is not handed out again. Not rolled back with the
   * transaction (PostgreSQL's sequences are not transactional): a failed apply leaves numbers
   * unused, never reused.
   *
   * @return whether it moved
   */
  static boolean moveTo(Connection connection, String sequence, String to) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT setval(q.seqrelid, ?::bigint) FROM pg_sequence q WHERE q.seqrelid = ?::regclass"
                + " AND coalesce(pg_sequence_last_value(q.seqrelid), q.seqstart - q.seqincrement)"
                + " < ?::bigint")) {
      statement.setString(1, to);
      statement.setString(2, sequence);
      statement.setString(3, to);
      try (ResultSet rows = statement.executeQuery()) {
        // the row is setval's result; there is none when the sequence was past it already
        return rows.next();
      }
    }
  }
}
