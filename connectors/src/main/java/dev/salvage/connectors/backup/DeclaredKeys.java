package dev.salvage.connectors.backup;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a backup declares for its tables, from which each table's rows take their refs: the
 * primary key, else a unique index or constraint over columns that are all NOT NULL. An ORM's link
 * table often has no primary key but such an index: Prisma before 6 makes {@code
 * "_StudentToTeacher"("A", "B")} with the unique index {@code _StudentToTeacher_AB_unique}, Rails
 * makes {@code has_and_belongs_to_many} tables the same way. Keyed by their first column, which
 * repeats, all but one row of each student were quarantined as indistinguishable though the
 * database itself guarantees they are distinct.
 */
final class DeclaredKeys {
  /**
   * One key: a unique index or constraint (or a primary key) of a table.
   *
   * @param name the index's or constraint's name; how keys of equal size are told apart
   */
  record Key(String table, String name, List<String> columns, boolean primary) {
    Key {
      requireNonNull(table, "table");
      requireNonNull(name, "name");
      columns = List.copyOf(columns);
    }
  }

  /** The unique key that names rows when there is no primary key: the fewest columns, then name. */
  static final Comparator<Key> PREFERRED =
      Comparator.comparingInt((Key key) -> key.columns().size()).thenComparing(Key::name);

  private final Map<String, List<String>> primary = new HashMap<>();
  private final Map<String, List<Key>> unique = new HashMap<>();
  private final Map<String, Set<String>> notNull = new HashMap<>();

  void add(Key key) {
    if (key.primary()) {
      primary.put(key.table(), key.columns());
    } else {
      unique.computeIfAbsent(key.table(), t -> new ArrayList<>()).add(key);
    }
  }

  /** Columns of {@code table} declared NOT NULL (a primary key's are, whether written or not). */
  void notNull(String table, List<String> columns) {
    notNull.computeIfAbsent(table, t -> new HashSet<>()).addAll(columns);
  }

  /** Per table, the columns naming its rows: its primary key, else its preferred unique key. */
  Map<String, List<String>> keys() {
    Map<String, List<String>> keys = new HashMap<>(primary);
    unique.forEach(
        (table, candidates) -> {
          if (!keys.containsKey(table)) {
            List<String> chosen = preferred(candidates, notNull.getOrDefault(table, Set.of()));
            if (!chosen.isEmpty()) {
              keys.put(table, chosen);
            }
          }
        });
    return keys;
  }

  /**
   * The columns of the preferred key among {@code candidates} whose columns are all in {@code
   * notNull}; empty when none is. A column that may be NULL lets rows repeat (NULLs are distinct to
   * a unique index), so it cannot name them.
   */
  static List<String> preferred(List<Key> candidates, Set<String> notNull) {
    return preferredKey(candidates, notNull).map(Key::columns).orElse(List.of());
  }

  /** The preferred key among {@code candidates} whose columns are all in {@code notNull}. */
  static Optional<Key> preferredKey(List<Key> candidates, Set<String> notNull) {
    return candidates.stream().filter(key -> notNull.containsAll(key.columns())).min(PREFERRED);
  }
}
