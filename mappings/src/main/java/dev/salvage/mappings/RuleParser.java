package dev.salvage.mappings;

import dev.salvage.mappings.Yaml.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates the rules of a source mapping file. */
final class RuleParser {
  private static final Set<String> RULE_KEYS =
      Set.of("name", "kind", "when", "observed_at", "emit", "locale", "current");
  private static final Set<String> EMIT_KEYS = Set.of("entity", "when", "observed_at", "fields");

  /** The compiled rules and what they need from the run. */
  record Parsed(
      List<Rule> rules,
      Set<LookupSpec> lookups,
      Set<String> anchors,
      MappingException backupNeeded,
      MappingException unknownKind,
      boolean zoneDeclared) {}

  private final EntityModel model;
  private final Business business;
  private final Set<String> extractorKeys;
  private final RecordOperands operands;
  private final Set<LookupSpec> lookups = new LinkedHashSet<>();
  private final Set<String> anchors = new HashSet<>();
  private MappingException backupNeeded;
  private MappingException unknownKind;

  private RuleParser(EntityModel model, Business business) {
    this.model = model;
    this.business = business;
    this.extractorKeys = new HashSet<>(Extractor.keys());
    extractorKeys.addAll(ValueTypes.optionKeys());
    this.operands = new RecordOperands(business);
  }

  static Parsed parse(String yamlText, String fileLabel, EntityModel model, Business business)
      throws MappingException {
    Section root = Section.root(fileLabel, Yaml.parse(yamlText, fileLabel));
    root.allowOnly(Set.of("rules", "locale", "zone"));
    Locale fileLocale = ValueTypes.locale(root, null);
    // the file's zone stands in for the business's in every extractor and condition of the file
    boolean zoneDeclared = root.has("zone");
    Business defaults =
        zoneDeclared
            ? new Business(
                business.name(),
                ValueTypes.zoneId(root, root.optionalText("zone")),
                business.phoneRegion(),
                business.currency())
            : business;
    List<Node> nodes = root.list("rules");
    if (nodes.isEmpty()) {
      throw root.error(null, "no rules: expected \"rules:\" with a list of rules");
    }
    RuleParser parser = new RuleParser(model, defaults);
    List<Rule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      String name = root.child("rules[" + i + "]", nodes.get(i)).text("name");
      Section spec = root.child("rule " + name, nodes.get(i));
      if (!names.add(name)) {
        throw spec.error("name", "a rule named \"" + name + "\" already exists in this file");
      }
      rules.add(parser.rule(name, spec, fileLocale));
    }
    return new Parsed(
        List.copyOf(rules),
        Collections.unmodifiableSet(parser.lookups),
        Set.copyOf(parser.anchors),
        parser.backupNeeded,
        parser.unknownKind,
        zoneDeclared);
  }

  private Rule rule(String name, Section spec, Locale fileLocale) throws MappingException {
    spec.allowOnly(RULE_KEYS);
    String kind = spec.text("kind");
    Optional<String> kindProblem = RecordKinds.problem(kind);
    if (kindProblem.isPresent() && unknownKind == null) {
      unknownKind =
          spec.error(
              "kind",
              kindProblem.get()
                  + "; its rules would match nothing and every record meant for them would be"
                  + " ignored");
    }
    Locale locale = ValueTypes.locale(spec, fileLocale);
    List<Condition<RecordContext>> when =
        Condition.parseAll(spec, "when", spec.where(), operands.forKind(kind));
    noteAnchors(spec, Condition.anchorsOf(when));
    List<Node> emitNodes = spec.list("emit");
    Extractor observedAt = null;
    if (spec.has("observed_at") || !emitNodes.isEmpty()) {
      Section observedSpec = spec.section("observed_at", spec.where() + ", field observed_at");
      refusePathsNoRecordHas(observedSpec, kind);
      observedAt = extractor(observedSpec, FieldType.DATETIME, locale);
      if (observedAt.transforms()) {
        throw observedSpec.error(
            null, "lookup, name, negate and plus apply to emitted fields, not to observed_at");
      }
    }
    List<Rule.Emit> emits = new ArrayList<>();
    for (int i = 0; i < emitNodes.size(); i++) {
      emits.add(
          emit(
              spec.child(spec.where() + ", emit[" + i + "]", emitNodes.get(i)),
              spec.where(),
              kind,
              locale));
    }
    return new Rule(name, kind, when, observedAt, List.copyOf(emits), spec.flag("current", false));
  }

  /** One emit entry; its fields' errors are placed at {@code rulePlace, field name}. */
  private Rule.Emit emit(Section spec, String rulePlace, String kind, Locale locale)
      throws MappingException {
    spec.allowOnly(EMIT_KEYS);
    String entityName = spec.text("entity");
    EntityType entity = model.types().get(entityName);
    if (entity == null) {
      String near = Section.didYouMean(entityName, model.types().keySet());
      throw spec.error(
          "entity",
          "unknown entity \""
              + entityName
              + "\""
              + (near.isEmpty() ? "; the entity model (" : near + " The entity model (")
              + model.fileLabel()
              + ") declares: "
              + String.join(", ", model.types().keySet()));
    }
    List<Condition<RecordContext>> when =
        Condition.parseAll(spec, "when", spec.where(), operands.forKind(kind));
    noteAnchors(spec, Condition.anchorsOf(when));
    // a record may hold several moments: a charge row of a CSV export holds its refund, made
    // weeks later, and a refund after the backup must count as one
    Extractor observedAt = null;
    if (spec.has("observed_at")) {
      Section observedSpec = spec.section("observed_at", spec.where() + ", field observed_at");
      observedAt = extractor(observedSpec, FieldType.DATETIME, locale);
      if (observedAt.transforms()) {
        throw observedSpec.error(
            null, "lookup, name, negate and plus apply to emitted fields, not to observed_at");
      }
    }
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
      Section fieldSpec = fieldsSpec.section(field, rulePlace + ", field " + field);
      refuseStripeAmountAsMoney(fieldSpec, kind, declared);
      refusePathsNoRecordHas(fieldSpec, kind);
      Extractor extractor = extractor(fieldSpec, declared, locale);
      readsRecord |= extractor.readsRecord();
      if (extractor.lookup() != null) {
        lookups.add(extractor.lookup());
        needsBackup(
            fieldsSpec.section(field, rulePlace + ", field " + field),
            "lookup",
            "reads a table of the backup, and the run config names no backup");
      }
      fields.put(field, extractor);
    }
    if (!readsRecord) {
      throw spec.error(
          "fields", "need at least one field read from the record (not only const values)");
    }
    return new Rule.Emit(entity, when, observedAt, Collections.unmodifiableMap(fields));
  }

  /**
   * A Stripe object's amount member: {@code amount}, {@code amount_refunded}, {@code unit_amount}.
   */
  private static final Pattern STRIPE_AMOUNT =
      Pattern.compile("(?:^|\\.)(?:amount|amount_[a-z_]+|[a-z_]+_amount)$");

  /**
   * Refuses {@code type: money} on a Stripe object's amount: money reads major units, and Stripe's
   * amounts (the API's, and the CSV exports' as this reader gives them) are already in minor units,
   * so a one-word slip made every price a hundred times too high, unflagged. Text read from a
   * description, the business's own metadata, or an export's column as written under {@code _csv}
   * is in major units and stays money; so is every amount of a business whose currency has no minor
   * unit (yen), where the two readings agree. Each place of a {@code first_of} is checked.
   */
  private void refuseStripeAmountAsMoney(Section fieldSpec, String kind, FieldType declared)
      throws MappingException {
    String type =
        fieldSpec.node("type") instanceof Yaml.Scalar written
            ? written.text()
            : declared.name().toLowerCase(Locale.ROOT);
    if (kind == null
        || !kind.startsWith("stripe.")
        || !"money".equals(type)
        || fieldSpec.has("regex")
        || noMinorUnit(business.currency())) {
      return;
    }
    List<Yaml.Node> places = new ArrayList<>();
    places.add(fieldSpec.node("path"));
    if (fieldSpec.node("first_of") instanceof Yaml.ListNode list) {
      for (Yaml.Node item : list.items()) {
        if (item instanceof Yaml.MapNode place && !place.entries().containsKey("regex")) {
          places.add(place.entries().get("path"));
        }
      }
    }
    for (Yaml.Node place : places) {
      if (!(place instanceof Yaml.Scalar located) || located.text() == null) {
        continue;
      }
      String path = located.text();
      if (path.startsWith("_csv.")
          || path.startsWith("metadata.")
          || !STRIPE_AMOUNT.matcher(path).find()) {
        continue;
      }
      throw fieldSpec.error(
          fieldSpec.has("type") ? "type" : fieldSpec.has("path") ? "path" : "first_of",
          "money reads an amount in major units, and Stripe's "
              + path
              + " is already in the currency's minor units (2200 is 22.00): read as money it would"
              + " be a hundred times too high; read it with type: integer into a field the entity"
              + " model declares integer, and the mails' amounts into that field with type: money"
              + " (mappings/README.md, Which type fills which field)");
    }
  }

  /**
   * Refuses a field's path (or a path of its {@code first_of}) that no record of {@code kind} has,
   * as a condition's is refused: a misspelt member gives no value in any record.
   */
  private static void refusePathsNoRecordHas(Section fieldSpec, String kind)
      throws MappingException {
    if (fieldSpec.node("path") instanceof Yaml.Scalar located) {
      java.util.Optional<String> problem = RecordShapes.problem(kind, located.text());
      if (problem.isPresent()) {
        throw fieldSpec.error("path", problem.get());
      }
    }
    if (fieldSpec.node("first_of") instanceof Yaml.ListNode list) {
      for (Yaml.Node item : list.items()) {
        if (item instanceof Yaml.MapNode place
            && place.entries().get("path") instanceof Yaml.Scalar located) {
          java.util.Optional<String> problem = RecordShapes.problem(kind, located.text());
          if (problem.isPresent()) {
            throw fieldSpec.error("first_of", problem.get());
          }
        }
      }
    }
  }

  /** Whether {@code currency} (an ISO code, or null) has no minor unit, as the yen. */
  private static boolean noMinorUnit(String currency) {
    if (currency == null) {
      return false;
    }
    try {
      return java.util.Currency.getInstance(currency).getDefaultFractionDigits() == 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void noteAnchors(Section spec, Set<String> used) {
    anchors.addAll(used);
    if (used.contains(TimeExpression.BACKUP_TIME)) {
      needsBackup(spec, "when", "compares with backup_time, and the run config names no backup");
    }
  }

  /** Keeps the first place that needs a backup, reported if the run config has none. */
  private void needsBackup(Section spec, String key, String message) {
    if (backupNeeded == null) {
      backupNeeded = spec.error(key, message);
    }
  }

  private Extractor extractor(Section spec, FieldType declared, Locale locale)
      throws MappingException {
    spec.allowOnly(extractorKeys);
    return Extractor.typed(
        spec, ValueTypes.read(spec, declared, business, locale), business, locale);
  }
}
