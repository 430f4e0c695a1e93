package dev.salvage.mappings;

import dev.salvage.mappings.Yaml.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and validates the rules of a source mapping file. */
final class RuleParser {
  private static final Set<String> RULE_KEYS =
      Set.of("name", "kind", "when", "observed_at", "emit");
  private static final Set<String> EMIT_KEYS = Set.of("entity", "when", "fields");

  private final EntityModel model;
  private final Business business;
  private final Set<String> extractorKeys;

  private RuleParser(EntityModel model, Business business) {
    this.model = model;
    this.business = business;
    this.extractorKeys = new HashSet<>(Extractor.keys());
    extractorKeys.addAll(ValueTypes.optionKeys());
  }

  static List<Rule> parse(String yamlText, String fileLabel, EntityModel model, Business business)
      throws MappingException {
    Section root = Section.root(fileLabel, Yaml.parse(yamlText, fileLabel));
    root.allowOnly(Set.of("rules"));
    List<Node> nodes = root.list("rules");
    if (nodes.isEmpty()) {
      throw root.error(null, "no rules: expected \"rules:\" with a list of rules");
    }
    RuleParser parser = new RuleParser(model, business);
    List<Rule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      String name = root.child("rules[" + i + "]", nodes.get(i)).text("name");
      Section spec = root.child("rule " + name, nodes.get(i));
      if (!names.add(name)) {
        throw spec.error("name", "a rule named \"" + name + "\" already exists in this file");
      }
      rules.add(parser.rule(name, spec));
    }
    return List.copyOf(rules);
  }

  private Rule rule(String name, Section spec) throws MappingException {
    spec.allowOnly(RULE_KEYS);
    String kind = spec.text("kind");
    List<Condition> when = Condition.parseAll(spec, "when", spec.where());
    List<Node> emitNodes = spec.list("emit");
    Extractor observedAt = null;
    if (spec.has("observed_at") || !emitNodes.isEmpty()) {
      observedAt =
          extractor(
              spec.section("observed_at", spec.where() + ", field observed_at"),
              FieldType.DATETIME);
    }
    List<Rule.Emit> emits = new ArrayList<>();
    for (int i = 0; i < emitNodes.size(); i++) {
      emits.add(
          emit(spec.child(spec.where() + ", emit[" + i + "]", emitNodes.get(i)), spec.where()));
    }
    return new Rule(name, kind, when, observedAt, List.copyOf(emits));
  }

  /** One emit entry; its fields' errors are placed at {@code rulePlace, field name}. */
  private Rule.Emit emit(Section spec, String rulePlace) throws MappingException {
    spec.allowOnly(EMIT_KEYS);
    String entityName = spec.text("entity");
    EntityType entity = model.types().get(entityName);
    if (entity == null) {
      throw spec.error(
          "entity",
          "unknown entity \""
              + entityName
              + "\"; the entity model ("
              + model.fileLabel()
              + ") declares: "
              + String.join(", ", model.types().keySet()));
    }
    List<Condition> when = Condition.parseAll(spec, "when", spec.where());
    Section fieldsSpec = spec.section("fields", spec.where());
    Map<String, Extractor> fields = new LinkedHashMap<>();
    boolean readsRecord = false;
    for (String field : fieldsSpec.keys()) {
      FieldType declared = entity.fields().get(field);
      if (declared == null) {
        throw fieldsSpec.error(
            field,
            "entity "
                + entityName
                + " has no field \""
                + field
                + "\" in the entity model ("
                + model.fileLabel()
                + "); its fields: "
                + String.join(", ", entity.fields().keySet()));
      }
      Extractor extractor =
          extractor(fieldsSpec.section(field, rulePlace + ", field " + field), declared);
      readsRecord |= extractor.readsRecord();
      fields.put(field, extractor);
    }
    if (!readsRecord) {
      throw spec.error(
          "fields", "need at least one field read from the record (not only const values)");
    }
    return new Rule.Emit(entity, when, Collections.unmodifiableMap(fields));
  }

  private Extractor extractor(Section spec, FieldType declared) throws MappingException {
    spec.allowOnly(extractorKeys);
    return Extractor.typed(spec, ValueTypes.read(spec, declared, business));
  }
}
