package dev.salvage.mappings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and validates the {@code linking:} section of an entity type. */
final class LinkingParser {
  private LinkingParser() {}

  static LinkingSettings parse(EntityType type, Section entity) throws MappingException {
    Section spec = entity.section("linking", entity.where() + " linking");
    spec.allowOnly(
        Set.of("link", "review", "ambiguity", "max_block", "compare", "block", "new_entity"));
    double link = number(spec, "link", 8);
    double review = number(spec, "review", link);
    if (review > link) {
      throw spec.error("review", "must not be above link (" + link + ")");
    }
    double ambiguity = number(spec, "ambiguity", 2);
    if (ambiguity < 0) {
      throw spec.error("ambiguity", "must not be negative");
    }
    double maxBlock = number(spec, "max_block", 500);
    if (maxBlock < 2 || maxBlock != Math.rint(maxBlock)) {
      throw spec.error("max_block", "must be a whole number of at least 2");
    }
    Set<String> known = new HashSet<>(type.fields().keySet());
    known.add(LinkingSettings.FIRST_SEEN);
    List<String> compare = new ArrayList<>();
    if (spec.has("compare")) {
      for (String field : spec.texts("compare")) {
        compare.add(known(spec, "compare", field, known));
      }
    } else {
      for (String field : type.fields().keySet()) {
        if (!type.isKey(field) && !field.endsWith("_id")) {
          compare.add(field);
        }
      }
      compare.add(LinkingSettings.FIRST_SEEN);
    }
    List<List<String>> block = new ArrayList<>();
    if (spec.has("block")) {
      for (String rule : spec.texts("block")) {
        List<String> fields = new ArrayList<>();
        for (String field : rule.split("\\+")) {
          fields.add(known(spec, "block", field.trim(), known));
        }
        block.add(fields);
      }
    }
    if (block.isEmpty()) {
      throw spec.error(
          "block", "declares no blocking rule (e.g. [customer_email, total_cents+first_seen])");
    }
    List<String> newEntity = new ArrayList<>();
    if (spec.has("new_entity")) {
      for (String field : spec.texts("new_entity")) {
        if (!type.fields().containsKey(field)) {
          throw spec.error("new_entity", "\"" + field + "\" is not a field of the entity");
        }
        newEntity.add(field);
      }
    }
    return new LinkingSettings(link, review, ambiguity, (int) maxBlock, compare, block, newEntity);
  }

  private static String known(Section spec, String key, String field, Set<String> known)
      throws MappingException {
    if (!known.contains(field)) {
      throw spec.error(key, "\"" + field + "\" is not a field of the entity nor first_seen");
    }
    return field;
  }

  private static double number(Section spec, String key, double fallback) throws MappingException {
    String text = spec.optionalText(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw spec.error(key, "\"" + text + "\" is not a number", e);
    }
  }
}
