package dev.salvage.pipeline.values;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which value a strong key links by: the one rule every place that joins one piece of evidence to
 * another by a key follows (exact-key linking, taking a cluster apart by its identities, the keys a
 * piece would contradict, matching's blocks and comparisons, a reference resolved to the entity it
 * names). A key declared as an {@code email} field links by its {@link Mailboxes mailbox}, so
 * {@code anna.mueller@gmail.com} in Stripe and {@code annamueller@googlemail.com} in the mails name
 * one customer; every other key (a reference, a phone, an id) links by its value as mapped. Only
 * ever compared: values and keys are written as sources wrote them.
 *
 * @param mailboxKeys per entity type, its keys declared as {@code email} fields
 */
public record LinkKeys(Map<String, Set<String>> mailboxKeys) implements Serializable {
  private static final long serialVersionUID = 1L;

  public LinkKeys {
    Map<String, Set<String>> copy = new TreeMap<>();
    requireNonNull(mailboxKeys, "mailboxKeys")
        .forEach((type, keys) -> copy.put(type, Collections.unmodifiableSet(new TreeSet<>(keys))));
    mailboxKeys = Collections.unmodifiableMap(copy);
  }

  /** The keys of {@code model}'s types: its {@code email} keys link by mailbox. */
  public static LinkKeys of(EntityModel model) {
    Map<String, Set<String>> mailboxKeys = new TreeMap<>();
    for (EntityType type : model.types().values()) {
      Set<String> keys = new TreeSet<>();
      for (String key : type.keys()) {
        if (byMailbox(type.fields().get(key))) {
          keys.add(key);
        }
      }
      if (!keys.isEmpty()) {
        mailboxKeys.put(type.name(), keys);
      }
    }
    return new LinkKeys(mailboxKeys);
  }

  /** Keys that all link by their value as mapped (tests of other rules). */
  public static LinkKeys exact() {
    return new LinkKeys(Map.of());
  }

  /** The value {@code entityType}'s key {@code key} holding {@code value} links by. */
  public String value(String entityType, String key, String value) {
    Set<String> keys = mailboxKeys.get(entityType);
    return keys != null && keys.contains(key) ? Mailboxes.of(value) : value;
  }

  /**
   * The values {@code entityType}'s keys {@code keys} link by, key name to values (a set each: two
   * spellings of one mailbox are one value).
   */
  public Map<String, Set<String>> values(String entityType, Map<String, List<String>> keys) {
    Map<String, Set<String>> linking = new TreeMap<>();
    keys.forEach(
        (key, values) -> {
          Set<String> set = linking.computeIfAbsent(key, k -> new TreeSet<>());
          for (String value : values) {
            set.add(value(entityType, key, value));
          }
        });
    return linking;
  }

  /**
   * The value a field of {@code type} holding {@code value} is blocked and compared by in matching,
   * key or not (a booking's {@code customer_email}): the same rule as {@link #value}.
   */
  public static String of(FieldType type, String value) {
    return byMailbox(type) ? Mailboxes.of(value) : value;
  }

  private static boolean byMailbox(FieldType type) {
    return type == FieldType.EMAIL;
  }
}
