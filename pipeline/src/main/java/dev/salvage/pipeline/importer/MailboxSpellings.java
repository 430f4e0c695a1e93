package dev.salvage.pipeline.importer;

import dev.salvage.connectors.io.CaseFolding;
import dev.salvage.mappings.FieldType;
import dev.salvage.pipeline.importer.TargetMapping.ColumnMapping;
import dev.salvage.pipeline.values.LinkKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a table whose email column holds a record's address spelt otherwise than the record
 * has it, by more than case: the same mailbox as {@link LinkKeys} tells it ({@code
 * annamueller@googlemail.com} for {@code anna.mueller@gmail.com}, {@code anna@gmx.de} for {@code
 * anna+ski@gmx.de}). The pipeline links such spellings as one customer; the application may hold
 * the customer under the other one (re-created after the restore), so an insert or a lookup that
 * compares the spelling alone would put a second customer beside it unsaid.
 */
final class MailboxSpellings {
  /** Rows read per round trip: the scan streams, holding only the rows that match. */
  private static final int FETCH = 5000;

  /** A row holding the mailbox under another spelling: its key and the value as stored. */
  record Held(String key, String stored) {}

  private final Map<String, List<Held>> byMailbox;

  private MailboxSpellings(Map<String, List<Held>> byMailbox) {
    this.byMailbox = byMailbox;
  }

  /** Whether a column mapped from {@code column}'s field compares its values by mailbox. */
  static boolean byMailbox(ColumnMapping column) {
    return column.fieldType() == FieldType.EMAIL;
  }

  /** No rows: a column that does not hold emails, or no value to look for. */
  static MailboxSpellings none() {
    return new MailboxSpellings(Map.of());
  }

  /**
   * The rows of {@code table} whose {@code column} holds the mailbox of one of {@code values}, each
   * with its {@code keyColumn}; rows {@code softDelete} marks are left out (the application hides
   * them). One read of the column: a spelling has no prefix or form an index could find it by (the
   * dots of a Gmail address may stand anywhere), and the case-insensitive natural key match reads
   * the table likewise; only the rows whose mailbox is wanted are kept.
   */
  static MailboxSpellings read(
      Connection connection,
      Dialect dialect,
      String table,
      String column,
      String keyColumn,
      ColumnType keyType,
      String softDelete,
      Collection<String> values)
      throws SQLException {
    Set<String> wanted = new HashSet<>();
    for (String value : values) {
      wanted.add(mailbox(value));
    }
    if (wanted.isEmpty()) {
      return none();
    }
    String sql =
        "SELECT t."
            + dialect.identifier(keyColumn)
            + ", t."
            + dialect.identifier(column)
            + " FROM "
            + dialect.table(table)
            + " t WHERE t."
            + dialect.identifier(column)
            + " LIKE '%@%'"
            + (softDelete == null ? "" : " AND t." + dialect.identifier(softDelete) + " IS NULL");
    Map<String, List<Held>> found = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setFetchSize(FETCH);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String stored = rows.getString(2);
          String mailbox = mailbox(stored);
          if (wanted.contains(mailbox)) {
            found
                .computeIfAbsent(mailbox, m -> new ArrayList<>())
                .add(new Held(keyType.read(rows, 1, dialect), stored));
          }
        }
      }
    }
    return new MailboxSpellings(found);
  }

  /**
   * The rows holding {@code value}'s mailbox spelt otherwise than {@code value} by more than case,
   * sorted by their value as stored; empty when none does.
   */
  List<Held> otherSpellings(String value) {
    String lowered = CaseFolding.lower(value);
    List<Held> others = new ArrayList<>();
    for (Held row : byMailbox.getOrDefault(mailbox(value), List.of())) {
      if (!CaseFolding.lower(row.stored()).equals(lowered)) {
        others.add(row);
      }
    }
    others.sort(Comparator.comparing(Held::stored).thenComparing(Held::key));
    return others;
  }

  /**
   * The rows {@link #otherSpellings} finds for {@code value}, said as {@code public.customers.id =
   * 12 has email = 'annamueller@googlemail.com'}, at most three named.
   */
  static String named(String table, String keyColumn, String column, List<Held> rows) {
    List<String> said = new ArrayList<>();
    for (Held row : rows.subList(0, Math.min(3, rows.size()))) {
      said.add(
          table
              + "."
              + keyColumn
              + " = "
              + row.key()
              + " has "
              + column
              + " = "
              + KeptOut.quoted(row.stored()));
    }
    return String.join(" and ", said)
        + (rows.size() > 3 ? " (and " + (rows.size() - 3) + " more rows)" : "");
  }

  private static String mailbox(String value) {
    return LinkKeys.of(FieldType.EMAIL, CaseFolding.lower(value.strip()));
  }

  /** The mailbox {@code value} delivers to, as messages name it. */
  static String mailboxOf(String value) {
    return mailbox(value);
  }
}
