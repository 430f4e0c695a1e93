package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.InvalidOptionException;
import dev.salvage.connectors.Option;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The canonical entity types of a business (from {@code entities.yaml}): their fields, strong keys
 * and merge rules. Serializable as its text, which is parsed again on the other side, so a Beam
 * DoFn can carry it.
 */
public final class EntityModel implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> TYPE_KEYS =
      Set.of(
          "keys",
          "require_keys",
          "identity_keys",
          "several_keys",
          "fields",
          "merge",
          "resolve",
          "linking",
          "derive",
          "ties",
          "checks");

  private final String yamlText;
  private final String fileLabel;
  private final transient Map<String, EntityType> types;
  private final transient Map<String, LinkingSettings> linking;
  private final transient Set<String> referredTypes;

  /** Each entity's merge rules as written, by field: their errors name the line. */
  private final transient Map<String, Map<String, Section>> mergeSpecs;

  private EntityModel(
      String yamlText,
      String fileLabel,
      Map<String, EntityType> types,
      Map<String, LinkingSettings> linking,
      Map<String, Map<String, Section>> mergeSpecs) {
    this.yamlText = yamlText;
    this.fileLabel = fileLabel;
    this.types = types;
    this.linking = linking;
    this.mergeSpecs = mergeSpecs;
    Set<String> referred = new TreeSet<>();
    for (EntityType type : types.values()) {
      for (ResolveRule rule : type.resolve().values()) {
        referred.add(rule.entity());
      }
    }
    this.referredTypes = Collections.unmodifiableSet(referred);
  }

  /**
   * Parses and validates an entity model.
   *
   * @throws MappingException naming the file, entity, field and line of the first mistake
   */
  public static EntityModel parse(String yamlText, String fileLabel) throws MappingException {
    requireNonNull(yamlText, "yamlText");
    requireNonNull(fileLabel, "fileLabel");
    Section root = Section.root(fileLabel, Yaml.parse(yamlText, fileLabel));
    root.allowOnly(Set.of("entities"));
    Section entities = root.section("entities", "");
    if (entities.keys().isEmpty()) {
      throw root.error("entities", "declares no entity type");
    }
    Map<String, Section> specs = new LinkedHashMap<>();
    Map<String, EntityType> types = new LinkedHashMap<>();
    for (String name : entities.keys()) {
      if (!NAME.matcher(name).matches()) {
        throw entities.error(name, "an entity name is letters, digits and _");
      }
      Section spec = entities.child("entity " + name, entities.node(name));
      specs.put(name, spec);
      types.put(name, withoutResolve(name, spec));
    }
    Map<String, LinkingSettings> linking = new LinkedHashMap<>();
    Map<String, Map<String, Section>> mergeSpecs = new LinkedHashMap<>();
    for (Map.Entry<String, Section> entry : specs.entrySet()) {
      EntityType type = types.get(entry.getKey());
      Section spec = entry.getValue();
      Map<String, Section> typeMerges = new LinkedHashMap<>();
      if (spec.has("merge")) {
        Section mergeSpec = spec.section("merge", spec.where());
        for (String field : mergeSpec.keys()) {
          typeMerges.put(
              field, mergeSpec.section(field, spec.where() + ", merge of field " + field));
        }
      }
      mergeSpecs.put(type.name(), typeMerges);
      if (entry.getValue().has("linking")) {
        linking.put(type.name(), LinkingParser.parse(type, entry.getValue()));
      }
      Map<String, ResolveRule> resolve = resolves(type, entry.getValue(), types);
      types.put(
          type.name(),
          new EntityType(
              type.name(),
              type.keys(),
              type.requireKeys(),
              type.identityKeys(),
              type.fields(),
              type.merge(),
              resolve,
              type.derive(),
              type.ties(),
              type.severalKeys(),
              type.checks()));
    }
    return new EntityModel(
        yamlText,
        fileLabel,
        Collections.unmodifiableMap(types),
        Collections.unmodifiableMap(linking),
        mergeSpecs);
  }

  /**
   * An error about {@code key} of the merge rule of {@code field} in entity {@code entity}, naming
   * the file, the entity, the field and the line, as a mistake found while parsing does: a check
   * that needs the run config (a merge order naming a source it does not configure) is made after.
   */
  public MappingException mergeError(String entity, String field, String key, String message) {
    Section spec = mergeSpecs.getOrDefault(entity, Map.of()).get(field);
    if (spec == null) {
      return new MappingException(
          fileLabel
              + ": entity "
              + entity
              + ", merge of field "
              + field
              + ": "
              + key
              + ": "
              + message);
    }
    return spec.error(key, message);
  }

  public String yamlText() {
    return yamlText;
  }

  public String fileLabel() {
    return fileLabel;
  }

  /** The entity types by name, in file order. */
  public Map<String, EntityType> types() {
    return types;
  }

  /** The probabilistic linking settings of entity type {@code name}, or null when it has none. */
  public LinkingSettings linking(String name) {
    return linking.get(name);
  }

  /**
   * The entity type called {@code name}.
   *
   * @throws IllegalArgumentException when the model has no such type
   */
  public EntityType type(String name) {
    EntityType type = types.get(name);
    if (type == null) {
      throw new IllegalArgumentException(
          "Unknown entity type " + name + " in " + fileLabel + "; known: " + types.keySet());
    }
    return type;
  }

  private static EntityType withoutResolve(String name, Section spec) throws MappingException {
    spec.allowOnly(TYPE_KEYS);
    Section fieldSpec = spec.section("fields", spec.where());
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (String field : fieldSpec.keys()) {
      if (!NAME.matcher(field).matches()) {
        throw fieldSpec.error(field, "a field name is letters, digits and _");
      }
      String typeName = fieldSpec.text(field);
      FieldType type = FieldType.read(fieldSpec, field, typeName);
      fields.put(field, type);
    }
    if (fields.isEmpty()) {
      throw spec.error("fields", "declares no field");
    }
    List<String> keys = names(spec, "keys", fields.keySet(), "a field of entity " + name);
    List<String> requireKeys = names(spec, "require_keys", Set.copyOf(keys), "one of its keys");
    List<String> identityKeys = names(spec, "identity_keys", Set.copyOf(keys), "one of its keys");
    List<String> severalKeys = names(spec, "several_keys", Set.copyOf(keys), "one of its keys");
    for (String key : severalKeys) {
      if (requireKeys.contains(key) || identityKeys.contains(key)) {
        throw spec.error(
            "several_keys",
            "\""
                + key
                + "\" is also in "
                + (requireKeys.contains(key) ? "require_keys" : "identity_keys")
                + ", of which an entity holds one value: list it in one of them");
      }
    }
    List<ValueCheck> checks = checks(spec, fields);
    return new EntityType(
        name,
        keys,
        requireKeys,
        identityKeys,
        fields,
        withEndsFollowingStarts(merges(spec, fields), spec, checks, fields),
        Map.of(),
        derives(spec, fields),
        ties(spec, fields),
        severalKeys,
        checks);
  }

  /**
   * {@code merges} with each date or datetime field a check orders after another ({@code after},
   * {@code not_before}: an end after its start) depending on that field, unless its merge rule
   * declares {@code depends_on} itself ({@code depends_on: []} to opt out). An end follows its
   * start: a mail giving a new start alone moved the start and left the backup's end, and an
   * outside trial's one-hour appointment came out UPDATED, unflagged, lasting 17 days (the check
   * held, since the old end was later). With the dependency the record is flagged as any stale
   * value is.
   */
  private static Map<String, MergeRule> withEndsFollowingStarts(
      Map<String, MergeRule> merges,
      Section spec,
      List<ValueCheck> checks,
      Map<String, FieldType> fields)
      throws MappingException {
    Map<String, MergeRule> result = new LinkedHashMap<>(merges);
    Section mergeSpec = spec.has("merge") ? spec.section("merge", spec.where()) : null;
    for (ValueCheck check : checks) {
      FieldType type = fields.get(check.field());
      boolean temporal = type == FieldType.DATE || type == FieldType.DATETIME;
      boolean follows =
          check.kind() == ValueCheck.Kind.AFTER || check.kind() == ValueCheck.Kind.NOT_BEFORE;
      if (!temporal || !follows || declaresDependsOn(mergeSpec, check.field(), spec)) {
        continue;
      }
      MergeRule rule = result.getOrDefault(check.field(), MergeRule.DEFAULT);
      if (rule.dependsOn().contains(check.operand())) {
        continue;
      }
      List<String> dependsOn = new ArrayList<>(rule.dependsOn());
      dependsOn.add(check.operand());
      result.put(
          check.field(),
          new MergeRule(
              rule.strategy(), rule.order(), dependsOn, rule.statedWithin(), rule.currency()));
    }
    return result;
  }

  private static boolean declaresDependsOn(Section mergeSpec, String field, Section spec)
      throws MappingException {
    return mergeSpec != null
        && mergeSpec.has(field)
        && mergeSpec.section(field, spec.where() + ", merge of field " + field).has("depends_on");
  }

  /**
   * The {@code checks} section: per field, bounds ({@code min}, {@code max}) on an integer or money
   * value, orderings ({@code after}, {@code not_before}) with another field of the same type, and
   * comparisons of two amounts or counts ({@code at_most}, {@code at_least}, {@code equals}). The
   * entity model could not say that a price is never negative or a departure never precedes the
   * arrival; an outside trial's run took both at confidence 1.0, and only the target's CHECK
   * constraints kept them out of the import.
   */
  private static List<ValueCheck> checks(Section spec, Map<String, FieldType> fields)
      throws MappingException {
    List<ValueCheck> checks = new ArrayList<>();
    if (!spec.has("checks")) {
      return checks;
    }
    Section checkSpec = spec.section("checks", spec.where() + ", checks");
    Set<String> kinds = new java.util.LinkedHashSet<>();
    for (ValueCheck.Kind kind : ValueCheck.Kind.values()) {
      kinds.add(kind.yamlName());
    }
    for (String field : checkSpec.keys()) {
      FieldType type = fields.get(field);
      if (type == null) {
        throw checkSpec.error(
            field,
            "\""
                + field
                + "\" is not a field of this entity"
                + Section.didYouMean(field, fields.keySet()));
      }
      Section rule = checkSpec.section(field, spec.where() + ", checks of field " + field);
      rule.allowOnly(kinds);
      if (rule.keys().isEmpty()) {
        throw checkSpec.error(field, "declares no check; checks: " + String.join(", ", kinds));
      }
      for (ValueCheck.Kind kind : ValueCheck.Kind.values()) {
        if (!rule.has(kind.yamlName())) {
          continue;
        }
        String key = kind.yamlName();
        String written = rule.text(key);
        if (kind.ordering()) {
          FieldType otherType = fields.get(written);
          if (otherType == null) {
            throw rule.error(
                key,
                "\""
                    + written
                    + "\" is not a field of this entity"
                    + Section.didYouMean(written, fields.keySet()));
          }
          if (written.equals(field)) {
            throw rule.error(key, "a field cannot be ordered against itself");
          }
          if (kind.amounts() && type != FieldType.INTEGER && type != FieldType.MONEY) {
            throw rule.error(
                key,
                key + " compares integer or money fields; " + field + " is " + type.yamlName());
          }
          if (!ValueCheck.ordered(type)) {
            throw rule.error(
                key,
                "orders integer, money, date or datetime fields; "
                    + field
                    + " is "
                    + type.yamlName());
          }
          if (otherType != type) {
            throw rule.error(
                key,
                field
                    + " is "
                    + type.yamlName()
                    + " and "
                    + written
                    + " is "
                    + otherType.yamlName()
                    + ": an ordering compares two fields of one type");
          }
          checks.add(new ValueCheck(field, kind, written, written));
        } else {
          if (type != FieldType.INTEGER && type != FieldType.MONEY) {
            throw rule.error(
                key,
                key + " bounds an integer or money field; " + field + " is " + type.yamlName());
          }
          checks.add(new ValueCheck(field, kind, plainValue(rule, key, written, type), written));
        }
      }
      List<ValueCheck> bounds = checks.stream().filter(c -> c.field().equals(field)).toList();
      String min = null;
      String max = null;
      for (ValueCheck check : bounds) {
        min = check.kind() == ValueCheck.Kind.MIN ? check.operand() : min;
        max = check.kind() == ValueCheck.Kind.MAX ? check.operand() : max;
      }
      Integer order = ValueCheck.compare(type, min, max);
      if (order != null && order > 0) {
        throw rule.error("max", "is below min: no value of " + field + " could keep both");
      }
    }
    return checks;
  }

  /** The {@code derive} list: values fields take from the other merged fields. */
  private static List<DeriveRule> derives(Section spec, Map<String, FieldType> fields)
      throws MappingException {
    List<DeriveRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Yaml.Node> nodes = spec.list("derive");
    for (int i = 0; i < nodes.size(); i++) {
      Section rule = spec.child(spec.where() + ", derive[" + i + "]", nodes.get(i));
      rule.allowOnly(Set.of("name", "field", "value", "when"));
      String field = rule.text("field");
      FieldType type = fields.get(field);
      if (type == null) {
        throw rule.error("field", "\"" + field + "\" is not a field of this entity");
      }
      rule.require("value");
      DeriveRule.Computed computed =
          rule.node("value") instanceof Yaml.MapNode
              ? computed(
                  rule.child(rule.where() + ", value", rule.node("value")), field, type, fields)
              : null;
      String name = rule.optionalText("name");
      name =
          name == null ? field + "=" + (computed == null ? rule.text("value") : "computed") : name;
      if (!names.add(name)) {
        throw rule.error("name", "a derive rule named \"" + name + "\" already exists");
      }
      String value = computed == null ? plainValue(rule, "value", rule.text("value"), type) : null;
      if (!rule.has("when") && computed == null) {
        throw rule.error(null, "missing \"when\": the conditions on the other fields");
      }
      FieldOperands operands = new FieldOperands(fields);
      List<Condition<EntityFields>> when =
          rule.has("when") ? Condition.parseAll(rule, "when", rule.where(), operands) : List.of();
      MappingException backupNeeded =
          Condition.anchorsOf(when).contains(TimeExpression.BACKUP_TIME)
              ? rule.error("when", "compares with backup_time, and the run config names no backup")
              : null;
      rules.add(new DeriveRule(name, field, value, computed, operands.read(), when, backupNeeded));
    }
    return rules;
  }

  /**
   * A derive rule's computed {@code value}: {@code {field: total_cents, minus: [refunded_cents]}},
   * every field named an integer or money field of the entity, as the one it sets.
   */
  private static DeriveRule.Computed computed(
      Section spec, String target, FieldType targetType, Map<String, FieldType> fields)
      throws MappingException {
    spec.allowOnly(Set.of("field", "plus", "minus"));
    if (targetType != FieldType.INTEGER && targetType != FieldType.MONEY) {
      throw spec.error(
          null,
          "a computed value needs an integer or money field; "
              + target
              + " is "
              + targetType.yamlName());
    }
    String from = spec.text("field");
    List<String> plus = spec.has("plus") ? spec.texts("plus") : List.of();
    List<String> minus = spec.has("minus") ? spec.texts("minus") : List.of();
    if (plus.isEmpty() && minus.isEmpty()) {
      throw spec.error(null, "expected plus or minus: the fields added to or taken from " + from);
    }
    List<String> named = new ArrayList<>(List.of(from));
    named.addAll(plus);
    named.addAll(minus);
    for (String name : named) {
      FieldType type = fields.get(name);
      if (type == null) {
        throw spec.error(
            null,
            "\""
                + name
                + "\" is not a field of this entity; its fields: "
                + String.join(", ", fields.keySet()));
      }
      if (type != targetType) {
        throw spec.error(
            null,
            name
                + " is "
                + type.yamlName()
                + ", not "
                + targetType.yamlName()
                + " as "
                + target
                + ": a computed value adds and subtracts fields of its own type");
      }
    }
    return new DeriveRule.Computed(from, plus, minus);
  }

  /** The {@code ties} list: how ties between equally new claims are broken. */
  private static List<TieRule> ties(Section spec, Map<String, FieldType> fields)
      throws MappingException {
    List<TieRule> rules = new ArrayList<>();
    List<Yaml.Node> nodes = spec.list("ties");
    for (int i = 0; i < nodes.size(); i++) {
      Section rule = spec.child(spec.where() + ", ties[" + i + "]", nodes.get(i));
      rule.allowOnly(Set.of("field", "prefer"));
      String field = rule.text("field");
      FieldType type = fields.get(field);
      if (type == null) {
        throw rule.error("field", "\"" + field + "\" is not a field of this entity");
      }
      rule.require("prefer");
      if (rule.node("prefer") instanceof Yaml.Scalar) {
        String order = rule.text("prefer");
        if (!order.equals("highest") && !order.equals("lowest")) {
          throw rule.error(
              "prefer", "expected highest, lowest or a list of values, most preferred first");
        }
        if (type != FieldType.INTEGER && type != FieldType.MONEY) {
          throw rule.error(
              "prefer",
              order + " needs an integer or money field; " + field + " is " + type.yamlName());
        }
        rules.add(new TieRule(field, List.of(), order.equals("highest")));
        continue;
      }
      List<String> prefer = new ArrayList<>();
      for (String value : rule.texts("prefer")) {
        String canonical = plainValue(rule, "prefer", value, type);
        if (prefer.contains(canonical)) {
          throw rule.error("prefer", "lists " + canonical + " twice");
        }
        prefer.add(canonical);
      }
      if (prefer.isEmpty()) {
        throw rule.error("prefer", "needs at least one value");
      }
      rules.add(new TieRule(field, prefer, false));
    }
    return rules;
  }

  /** A value written in the entity model, in the canonical form of {@code type}. */
  private static String plainValue(Section spec, String key, String value, FieldType type)
      throws MappingException {
    try {
      return ValueTypes.plain(type).canonical(value, null);
    } catch (ValueException e) {
      throw spec.error(key, e.getMessage() + " (a " + type.yamlName() + " value)");
    }
  }

  /**
   * The error for the first derive rule that compares with backup_time, naming file, entity and
   * line; null when none does. The run config throws it when it names no backup.
   */
  public MappingException backupNeeded() {
    for (EntityType type : types.values()) {
      for (DeriveRule rule : type.derive()) {
        if (rule.backupNeeded() != null) {
          return rule.backupNeeded();
        }
      }
    }
    return null;
  }

  /** The types some {@code resolve} rule looks up: their records answer other records' lookups. */
  public Set<String> referredTypes() {
    return referredTypes;
  }

  /** The moments ({@code backup_time}, {@code as_of}) some derive rule uses. */
  public Set<String> anchors() {
    Set<String> anchors = new HashSet<>();
    for (EntityType type : types.values()) {
      type.derive().forEach(rule -> anchors.addAll(rule.anchors()));
    }
    return anchors;
  }

  private static List<String> names(
      Section spec, String key, Set<String> allowed, String whatAllowed) throws MappingException {
    List<String> names = spec.texts(key);
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!allowed.contains(name)) {
        throw spec.error(key, "\"" + name + "\" is not " + whatAllowed);
      }
      if (!seen.add(name)) {
        throw spec.error(key, "\"" + name + "\" is listed twice");
      }
    }
    return names;
  }

  // durations as every run option writes them (1h, 30m, PT1H, P2D)
  private static final Option<Duration> STATED_WITHIN = Option.duration("stated_within");

  private static Map<String, MergeRule> merges(Section spec, Map<String, FieldType> fieldTypes)
      throws MappingException {
    Set<String> fields = fieldTypes.keySet();
    Map<String, MergeRule> merges = new LinkedHashMap<>();
    if (!spec.has("merge")) {
      return merges;
    }
    Section mergeSpec = spec.section("merge", spec.where());
    for (String field : mergeSpec.keys()) {
      if (!fields.contains(field)) {
        throw mergeSpec.error(field, "is not a field of this entity");
      }
      Section rule = mergeSpec.section(field, spec.where() + ", merge of field " + field);
      rule.allowOnly(Set.of("strategy", "order", "depends_on", "stated_within", "currency"));
      String strategyName = rule.has("strategy") ? rule.text("strategy") : "latest";
      MergeStrategy strategy =
          switch (strategyName) {
            case "latest" -> MergeStrategy.LATEST;
            case "precedence" -> MergeStrategy.PRECEDENCE;
            case "sum" -> MergeStrategy.SUM;
            case "earliest" -> MergeStrategy.EARLIEST;
            default ->
                throw rule.error(
                    "strategy",
                    "unknown strategy \""
                        + strategyName
                        + "\"; strategies: latest, precedence, sum, earliest");
          };
      FieldType type = fieldTypes.get(field);
      if (strategy == MergeStrategy.SUM && type != FieldType.INTEGER && type != FieldType.MONEY) {
        throw rule.error(
            "strategy", "sum adds integer or money values; " + field + " is " + type.yamlName());
      }
      if (strategy == MergeStrategy.SUM && rule.has("order")) {
        throw rule.error(
            "order", "a sum takes every source; order applies to latest and precedence");
      }
      if (strategy == MergeStrategy.EARLIEST && rule.has("order")) {
        throw rule.error(
            "order", "earliest takes every source; order applies to latest and precedence");
      }
      List<String> order = rule.texts("order");
      if (new HashSet<>(order).size() != order.size()) {
        throw rule.error("order", "lists a source twice");
      }
      if (strategy == MergeStrategy.PRECEDENCE && order.isEmpty()) {
        throw rule.error("order", "precedence needs the sources in order, most trusted first");
      }
      List<String> dependsOn = rule.texts("depends_on");
      for (String other : dependsOn) {
        if (!fields.contains(other)) {
          throw rule.error("depends_on", other + " is not a field of this entity");
        }
        if (other.equals(field)) {
          throw rule.error("depends_on", "a field cannot depend on itself");
        }
      }
      if (new HashSet<>(dependsOn).size() != dependsOn.size()) {
        throw rule.error("depends_on", "lists a field twice");
      }
      Duration statedWithin = MergeRule.DEFAULT_STATED_WITHIN;
      // also the span of one moment where agreement decides a field's value, so any field may
      // declare it (until 2026-12-06 it applied only with depends_on)
      if (rule.has("stated_within")) {
        try {
          statedWithin = STATED_WITHIN.parse(rule.text("stated_within"));
        } catch (InvalidOptionException e) {
          throw rule.error("stated_within", e.problem());
        }
      }
      String currency =
          rule.has("currency") ? currencyField(rule, field, strategy, fieldTypes) : null;
      merges.put(field, new MergeRule(strategy, order, dependsOn, statedWithin, currency));
    }
    return merges;
  }

  /**
   * The field a merge rule's {@code currency} names: the field of the entity holding the currency
   * of the field's amounts (a text field, {@code currency: upper}), which a sum adds or another
   * rule chooses among. Nothing else ties an amount to its currency: an integer read from Stripe's
   * {@code amount} says none, and a sum added a CHF deposit and an EUR balance into one number,
   * unflagged, until 2026-12-07.
   */
  private static String currencyField(
      Section rule, String field, MergeStrategy strategy, Map<String, FieldType> fieldTypes)
      throws MappingException {
    String named = rule.text("currency");
    FieldType amount = fieldTypes.get(field);
    if (amount != FieldType.INTEGER && amount != FieldType.MONEY) {
      throw rule.error(
          "currency",
          "ties an amount (an integer or money field) to the field naming its currency; "
              + field
              + " is "
              + amount.yamlName());
    }
    FieldType type = fieldTypes.get(named);
    if (type == null) {
      throw rule.error(
          "currency",
          "\""
              + named
              + "\" is not a field of this entity"
              + Section.didYouMean(named, fieldTypes.keySet()));
    }
    if (named.equals(field)) {
      throw rule.error(
          "currency", "names the field itself; name the field holding the currency code");
    }
    if (type != FieldType.UPPER && type != FieldType.TEXT && type != FieldType.LOWER) {
      throw rule.error(
          "currency",
          "names the field holding the amounts' currency code (an upper, text or lower field,"
              + " currency: upper); "
              + named
              + " is "
              + type.yamlName());
    }
    return named;
  }

  private static Map<String, ResolveRule> resolves(
      EntityType type, Section spec, Map<String, EntityType> types) throws MappingException {
    Map<String, ResolveRule> resolves = new LinkedHashMap<>();
    if (!spec.has("resolve")) {
      return resolves;
    }
    Section resolveSpec = spec.section("resolve", spec.where());
    for (String field : resolveSpec.keys()) {
      FieldType declared = type.fields().get(field);
      if (declared == null) {
        throw resolveSpec.error(field, "is not a field of this entity");
      }
      Section rule = resolveSpec.section(field, spec.where() + ", resolve of field " + field);
      rule.allowOnly(Set.of("entity", "by", "take"));
      String otherName = rule.text("entity");
      EntityType other = types.get(otherName);
      if (other == null || other.name().equals(type.name())) {
        throw rule.error(
            "entity", "\"" + otherName + "\" is not another entity type of this model");
      }
      Map<String, String> by = rule.textMap("by");
      if (by.isEmpty()) {
        throw rule.error(null, "missing \"by\": this entity's field -> the other entity's key");
      }
      for (Map.Entry<String, String> link : by.entrySet()) {
        if (!type.fields().containsKey(link.getKey())) {
          throw rule.error("by", "\"" + link.getKey() + "\" is not a field of this entity");
        }
        if (!other.isKey(link.getValue())) {
          throw rule.error("by", "\"" + link.getValue() + "\" is not a key of entity " + otherName);
        }
      }
      String take = rule.text("take");
      FieldType taken = other.fields().get(take);
      if (taken == null) {
        throw rule.error("take", "\"" + take + "\" is not a field of entity " + otherName);
      }
      if (!declared.accepts(taken)) {
        throw rule.error(
            "take",
            "a "
                + taken.yamlName()
                + " value cannot fill field "
                + field
                + " declared as "
                + declared.yamlName());
      }
      resolves.put(field, new ResolveRule(otherName, by, take));
    }
    return resolves;
  }

  private Object writeReplace() {
    return new SerializedForm(yamlText, fileLabel);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("an EntityModel is serialized as its text");
  }

  private record SerializedForm(String yamlText, String fileLabel) implements Serializable {
    private Object readResolve() throws InvalidObjectException {
      try {
        return parse(yamlText, fileLabel);
      } catch (MappingException e) {
        throw new InvalidObjectException(e.getMessage());
      }
    }
  }
}
