package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One canonical entity type of the entity model (customer, reservation, ...): its fields, which of
 * them are strong keys, and how they are merged and resolved.
 *
 * @param name the type name observations carry
 * @param keys the fields that are strong keys: equal value means same entity
 * @param requireKeys keys of which an entity must have at least one to be emitted (none: any key)
 * @param identityKeys further keys of which one entity has at most one value (see {@link
 *     #identities()})
 * @param fields field name to type, in declaration order
 * @param merge merge rules of the fields that have one (see {@link #mergeRule(String)})
 * @param resolve fields filled from a linked entity of another type
 * @param derive values fields take from the other merged fields, in order
 * @param ties how ties between equally new claims are broken, in order
 * @param severalKeys keys of which one entity may hold several values (a booking paid as a deposit
 *     and a balance holds two PaymentIntents): linking by them as by any key, without the flag two
 *     values of a key otherwise raise
 * @param checks plausibility rules on values (a bound, an ordering with another field), in file
 *     order
 */
public record EntityType(
    String name,
    List<String> keys,
    List<String> requireKeys,
    List<String> identityKeys,
    Map<String, FieldType> fields,
    Map<String, MergeRule> merge,
    Map<String, ResolveRule> resolve,
    List<DeriveRule> derive,
    List<TieRule> ties,
    List<String> severalKeys,
    List<ValueCheck> checks) {
  public EntityType {
    requireNonNull(name, "name");
    keys = List.copyOf(keys);
    requireKeys = List.copyOf(requireKeys);
    identityKeys = List.copyOf(identityKeys);
    fields = ordered(fields);
    merge = ordered(merge);
    resolve = ordered(resolve);
    derive = List.copyOf(derive);
    ties = List.copyOf(ties);
    severalKeys = severalKeys == null ? List.of() : List.copyOf(severalKeys);
    checks = checks == null ? List.of() : List.copyOf(checks);
  }

  /** A type whose values have no plausibility checks. */
  public EntityType(
      String name,
      List<String> keys,
      List<String> requireKeys,
      List<String> identityKeys,
      Map<String, FieldType> fields,
      Map<String, MergeRule> merge,
      Map<String, ResolveRule> resolve,
      List<DeriveRule> derive,
      List<TieRule> ties,
      List<String> severalKeys) {
    this(
        name,
        keys,
        requireKeys,
        identityKeys,
        fields,
        merge,
        resolve,
        derive,
        ties,
        severalKeys,
        List.of());
  }

  /** A type of which every key holds one value per entity. */
  public EntityType(
      String name,
      List<String> keys,
      List<String> requireKeys,
      List<String> identityKeys,
      Map<String, FieldType> fields,
      Map<String, MergeRule> merge,
      Map<String, ResolveRule> resolve,
      List<DeriveRule> derive,
      List<TieRule> ties) {
    this(name, keys, requireKeys, identityKeys, fields, merge, resolve, derive, ties, List.of());
  }

  /** A type without derived values or tie rules. */
  public EntityType(
      String name,
      List<String> keys,
      List<String> requireKeys,
      Map<String, FieldType> fields,
      Map<String, MergeRule> merge,
      Map<String, ResolveRule> resolve) {
    this(name, keys, requireKeys, List.of(), fields, merge, resolve, List.of(), List.of());
  }

  /**
   * The keys of which one entity has one value: the required keys and the declared identity keys.
   * Evidence linked into one entity that names two values of one of them describes two entities
   * that another key (a phone two people share) joined.
   */
  public List<String> identities() {
    List<String> identities = new java.util.ArrayList<>(requireKeys);
    identityKeys.stream().filter(key -> !identities.contains(key)).forEach(identities::add);
    return identities;
  }

  /** The merge rule of {@code field}: the configured one, else {@link MergeRule#DEFAULT}. */
  public MergeRule mergeRule(String field) {
    return merge.getOrDefault(field, MergeRule.DEFAULT);
  }

  /** The checks declared on {@code field}, in file order. */
  public List<ValueCheck> checksOf(String field) {
    return checks.stream().filter(check -> check.field().equals(field)).toList();
  }

  /** Whether {@code field} is a strong key of this type. */
  public boolean isKey(String field) {
    return keys.contains(field);
  }

  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
