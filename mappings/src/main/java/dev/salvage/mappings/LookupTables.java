package dev.salvage.mappings;

import dev.salvage.connectors.RawRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backup's tables as the mappings' lookups see them: index key ({@link LookupSpec#key}) to the
 * distinct {@code take} values of the rows it matches. Built by the pipeline from the backup's own
 * rows at run time, so a lookup never goes stale.
 */
public interface LookupTables {
  /** No tables: every lookup reports that the backup was not read. */
  LookupTables NONE =
      new LookupTables() {
        @Override
        public Iterable<String> values(String key) {
          return List.of();
        }

        @Override
        public boolean loaded() {
          return false;
        }
      };

  /** The distinct {@code take} values of the rows indexed under {@code key}; empty when none. */
  Iterable<String> values(String key);

  /** Whether the backup's tables were read at all (false outside a run with a backup). */
  default boolean loaded() {
    return true;
  }

  /** Tables over an index already built, such as a Beam multimap side input. */
  static LookupTables of(Map<String, ? extends Iterable<String>> index) {
    return key -> {
      Iterable<String> values = index.get(key);
      return values == null ? List.of() : values;
    };
  }

  /** Tables built from backup rows, for the lookups in {@code specs}. */
  static LookupTables build(Collection<LookupSpec> specs, Iterable<RawRecord> backupRows) {
    Map<String, Set<String>> index = new HashMap<>();
    for (RawRecord row : backupRows) {
      for (var entry : LookupSpec.entries(row, specs)) {
        index
            .computeIfAbsent(entry.getValue().getKey(), k -> new LinkedHashSet<>())
            .add(entry.getValue().getValue());
      }
    }
    return of(index);
  }
}
