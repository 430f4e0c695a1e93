package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills a field from the linked entity of another type, e.g. a reservation's {@code customer_email}
 * from the customer it belongs to.
 *
 * @param entity the other entity type
 * @param by this entity's field name to the other entity's key it holds the value of
 * @param take the field of the other entity to copy
 */
public record ResolveRule(String entity, Map<String, String> by, String take)
    implements Serializable {
  public ResolveRule {
    requireNonNull(entity, "entity");
    by = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(by, "by")));
    requireNonNull(take, "take");
  }
}
