package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.Observation;
import dev.salvage.pipeline.values.LinkKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A cluster whose evidence names two or more values of an identity of its entity, taken apart into
 * the entities a key they share joined: a family's email that two owners receive their mail at, a
 * couple's landline. The observations are joined again by their keys, leaving out each key value
 * that observations of two different identities share; what then names one value of each identity
 * is one entity, what names no identity is evidence that named only shared values (whose it is, no
 * key tells), and what still names two stays together (a CONFLICT, as one observation naming both
 * makes it).
 *
 * @param parts the observations of each part, in the order of their first observation
 * @param shared the key values left out, key name to values
 */
record IdentitySplit(List<List<Observation>> parts, Map<String, Set<String>> shared) {

  /**
   * The parts of {@code cluster}, or null when it names at most one value of each of {@code
   * identities} or no key value is shared across identities (nothing to take apart).
   */
  static IdentitySplit of(
      Collection<Observation> cluster, Set<String> identities, LinkKeys linkKeys) {
    if (!namesTwo(cluster, identities, linkKeys)) {
      return null;
    }
    List<Observation> observations = new ArrayList<>(cluster);
    // the identities: observations joined by identity key values alone
    Forest byIdentity = new Forest(observations.size());
    joinBy(observations, byIdentity, linkKeys, (key, value) -> identities.contains(key));
    // key -> the value it links by -> identities holding it, and the spellings they hold it in
    Map<String, Map<String, Set<Integer>>> holders = new TreeMap<>();
    Map<String, Map<String, Set<String>>> spellings = new TreeMap<>();
    for (int i = 0; i < observations.size(); i++) {
      Observation observation = observations.get(i);
      if (!namesIdentity(observation, identities)) {
        // evidence without an identity value is nobody's yet: it makes no key value shared
        continue;
      }
      int identity = byIdentity.root(i);
      String type = observation.entityType();
      observation
          .keys()
          .forEach(
              (key, value) -> {
                if (!identities.contains(key)) {
                  String linking = linkKeys.value(type, key, value);
                  holders
                      .computeIfAbsent(key, k -> new TreeMap<>())
                      .computeIfAbsent(linking, v -> new TreeSet<>())
                      .add(identity);
                  spellings
                      .computeIfAbsent(key, k -> new TreeMap<>())
                      .computeIfAbsent(linking, v -> new TreeSet<>())
                      .add(value);
                }
              });
    }
    Map<String, Set<String>> sharedLinking = new TreeMap<>();
    Map<String, Set<String>> shared = new TreeMap<>();
    holders.forEach(
        (key, values) ->
            values.forEach(
                (value, ids) -> {
                  if (ids.size() > 1) {
                    sharedLinking.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
                    shared
                        .computeIfAbsent(key, k -> new TreeSet<>())
                        .addAll(spellings.get(key).get(value));
                  }
                }));
    if (shared.isEmpty()) {
      return null;
    }
    Forest byKeys = new Forest(observations.size());
    joinBy(
        observations,
        byKeys,
        linkKeys,
        (key, value) -> !sharedLinking.getOrDefault(key, Set.of()).contains(value));
    Map<Integer, List<Observation>> parts = new LinkedHashMap<>();
    for (int i = 0; i < observations.size(); i++) {
      parts.computeIfAbsent(byKeys.root(i), root -> new ArrayList<>()).add(observations.get(i));
    }
    // shared holds every spelling of a shared value: sharedIn finds the one a part wrote
    return new IdentitySplit(List.copyOf(parts.values()), shared);
  }

  /** Whether {@code observation} names a value of one of {@code identities}. */
  static boolean namesIdentity(Observation observation, Set<String> identities) {
    for (String key : observation.keys().keySet()) {
      if (identities.contains(key)) {
        return true;
      }
    }
    return false;
  }

  /** The shared key values {@code part} names, key name to values. */
  Map<String, Set<String>> sharedIn(List<Observation> part) {
    Map<String, Set<String>> named = new TreeMap<>();
    for (Observation observation : part) {
      observation
          .keys()
          .forEach(
              (key, value) -> {
                if (shared.getOrDefault(key, Set.of()).contains(value)) {
                  named.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
                }
              });
    }
    return named;
  }

  // most clusters name one value of each identity: this look decides them without a forest
  private static boolean namesTwo(
      Collection<Observation> cluster, Set<String> identities, LinkKeys linkKeys) {
    Map<String, String> first = new HashMap<>();
    for (Observation observation : cluster) {
      for (Map.Entry<String, String> key : observation.keys().entrySet()) {
        if (identities.contains(key.getKey())) {
          String value = linkKeys.value(observation.entityType(), key.getKey(), key.getValue());
          String seen = first.putIfAbsent(key.getKey(), value);
          if (seen != null && !seen.equals(value)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void joinBy(
      List<Observation> observations, Forest forest, LinkKeys linkKeys, KeyFilter joins) {
    Map<String, Integer> firstHolder = new HashMap<>();
    for (int i = 0; i < observations.size(); i++) {
      Observation observation = observations.get(i);
      for (Map.Entry<String, String> key : observation.keys().entrySet()) {
        String value = linkKeys.value(observation.entityType(), key.getKey(), key.getValue());
        if (joins.test(key.getKey(), value)) {
          Integer other = firstHolder.putIfAbsent(key.getKey() + "\u001f" + value, i);
          if (other != null) {
            forest.union(other, i);
          }
        }
      }
    }
  }

  /** Which key values (as they link, {@link LinkKeys}) join observations. */
  @FunctionalInterface
  private interface KeyFilter {
    boolean test(String key, String value);
  }

  /** A union-find forest over the indexes of a cluster's observations, each root the smallest. */
  private static final class Forest {
    private final int[] parents;

    Forest(int size) {
      parents = new int[size];
      for (int i = 0; i < size; i++) {
        parents[i] = i;
      }
    }

    int root(int node) {
      int at = node;
      while (parents[at] != at) {
        parents[at] = parents[parents[at]];
        at = parents[at];
      }
      return at;
    }

    void union(int a, int b) {
      int rootA = root(a);
      int rootB = root(b);
      if (rootA != rootB) {
        parents[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
      }
    }
  }
}
