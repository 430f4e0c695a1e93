package dev.salvage.pipeline.reconcile;

import dev.salvage.pipeline.values.LinkKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Strong keys of records being put together: one rule for when evidence names another entity than
 * the one it would join (a key the entity has, with none of the entity's values).
 */
public final class Keys {
  private Keys() {}

  /** A mutable copy of {@code keys}, each key's values as a set. */
  public static Map<String, Set<String>> sets(Map<String, List<String>> keys) {
    Map<String, Set<String>> sets = new TreeMap<>();
    keys.forEach((name, values) -> sets.put(name, new TreeSet<>(values)));
    return sets;
  }

  /** Adds {@code more}'s values to {@code keys}. */
  public static void addAll(Map<String, Set<String>> keys, Map<String, List<String>> more) {
    more.forEach((name, values) -> keys.computeIfAbsent(name, k -> new TreeSet<>()).addAll(values));
  }

  /**
   * The first key of {@code offered} that {@code keys} (of an entity of {@code entityType}) has
   * with none of the offered values as they link ({@link LinkKeys}: another spelling of one mailbox
   * is the same address), or null when the offered keys contradict none.
   */
  public static String contradicting(
      LinkKeys linkKeys,
      String entityType,
      Map<String, Set<String>> keys,
      Map<String, List<String>> offered) {
    for (Map.Entry<String, List<String>> key : offered.entrySet()) {
      Set<String> have = keys.get(key.getKey());
      if (have == null || have.isEmpty()) {
        continue;
      }
      Set<String> linking = new HashSet<>();
      have.forEach(value -> linking.add(linkKeys.value(entityType, key.getKey(), value)));
      if (key.getValue().stream()
          .noneMatch(value -> linking.contains(linkKeys.value(entityType, key.getKey(), value)))) {
        return key.getKey();
      }
    }
    return null;
  }
}
