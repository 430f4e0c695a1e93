package dev.salvage.mappings;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.RawRecord;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The compiled rules of one source mapping file: turns raw records of that source into
 * Observations. Everything (paths, regexes, selectors, formats) is compiled by {@link #parse}, so
 * {@link #apply} does no YAML work. Immutable and safe to share between threads; serializable as
 * its text, which is parsed again on the other side.
 */
public final class SourceMapping implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String yamlText;
  private final String fileLabel;
  private final EntityModel model;
  private final Business business;
  private final transient List<Rule> rules;
  private final transient Map<String, List<Rule>> rulesByKind;
  private final transient Set<LookupSpec> lookups;
  private final transient Set<String> anchors;
  private final transient MappingException backupNeeded;
  private final transient MappingException unknownKind;
  private final transient boolean zoneDeclared;

  private SourceMapping(
      String yamlText,
      String fileLabel,
      EntityModel model,
      Business business,
      RuleParser.Parsed parsed) {
    this.yamlText = yamlText;
    this.fileLabel = fileLabel;
    this.model = model;
    this.business = business;
    this.rules = parsed.rules();
    this.lookups = parsed.lookups();
    this.anchors = parsed.anchors();
    this.backupNeeded = parsed.backupNeeded();
    this.unknownKind = parsed.unknownKind();
    this.zoneDeclared = parsed.zoneDeclared();
    Map<String, List<Rule>> byKind = new LinkedHashMap<>();
    for (Rule rule : rules) {
      byKind.computeIfAbsent(rule.kind(), kind -> new ArrayList<>()).add(rule);
    }
    byKind.replaceAll((kind, list) -> List.copyOf(list));
    this.rulesByKind = Collections.unmodifiableMap(byKind);
  }

  /**
   * Parses and validates a mapping file.
   *
   * @param yamlText the file's content
   * @param fileLabel the file's name, used in error messages
   * @param model the entity model whose entities and fields the rules fill
   * @param business the defaults for zones and phone regions
   * @throws MappingException naming the file, rule, field and line of the first mistake
   */
  public static SourceMapping parse(
      String yamlText, String fileLabel, EntityModel model, Business business)
      throws MappingException {
    requireNonNull(yamlText, "yamlText");
    requireNonNull(fileLabel, "fileLabel");
    requireNonNull(model, "model");
    requireNonNull(business, "business");
    return new SourceMapping(
        yamlText,
        fileLabel,
        model,
        business,
        RuleParser.parse(yamlText, fileLabel, model, business));
  }

  /**
   * Maps one record outside a run: no backup tables, no moments (a lookup reports that the backup
   * was not read; a condition on backup_time or as_of rejects the record).
   *
   * @see #apply(RawRecord, RunContext)
   */
  public MappingResult apply(RawRecord record) throws RecordRejectedException {
    return apply(record, RunContext.NONE);
  }

  /**
   * Maps one record: the first rule of the record's kind whose conditions hold emits its
   * observations.
   *
   * @param run the run's moments and the backup's tables
   * @return the rule and its observations, or {@link MappingResult#ignored()} when no rule matched
   * @throws RecordRejectedException when the record is not valid JSON, or the matching rule finds
   *     an unparseable value or misses a required one; the message is the quarantine reason
   */
  public MappingResult apply(RawRecord record, RunContext run) throws RecordRejectedException {
    return apply(record, run, rule -> false);
  }

  /**
   * Maps one record as {@link #apply(RawRecord, RunContext)} does, and names in the result's {@code
   * alsoMatched} the later rules of its kind that {@code ask} accepts and whose conditions hold for
   * it too: a rule that matched nothing may have lost every record to an earlier one. A later rule
   * whose condition cannot be tested on the record (a value that is not a time) did not match.
   */
  public MappingResult apply(RawRecord record, RunContext run, Predicate<String> ask)
      throws RecordRejectedException {
    List<Rule> candidates = rulesByKind.get(record.kind());
    if (candidates == null) {
      return MappingResult.ignored();
    }
    RecordContext context = RecordContext.of(record, run);
    for (int i = 0; i < candidates.size(); i++) {
      Rule rule = candidates.get(i);
      if (rule.matches(context)) {
        MappingResult result = rule.apply(context);
        if (!context.zonesRead().isEmpty()) {
          result = result.withZonesRead(context.zonesRead());
        }
        // a zone the file declares is the operator's word, not an assumption
        Set<String> zoneAssumed =
            zoneDeclared ? Set.of() : Set.copyOf(context.businessZoneAssumed());
        List<String> also = alsoMatched(candidates.subList(i + 1, candidates.size()), context, ask);
        if (zoneAssumed.isEmpty() && also.isEmpty()) {
          return result;
        }
        return new MappingResult(
            result.rule(),
            result.observations(),
            zoneAssumed.isEmpty() ? result.businessZoneAssumed() : zoneAssumed,
            result.valuesLeftOut(),
            result.emitsDropped(),
            also,
            result.foundOnlyInQuote(),
            result.zonesRead());
      }
    }
    return MappingResult.ignored();
  }

  private static List<String> alsoMatched(
      List<Rule> later, RecordContext context, Predicate<String> ask) {
    List<String> also = new ArrayList<>();
    for (Rule rule : later) {
      try {
        if (ask.test(rule.name()) && rule.matches(context)) {
          also.add(rule.name());
        }
      } catch (RecordRejectedException notTestable) {
        // the record is the earlier rule's; that this one cannot test it changes nothing
      }
    }
    return also;
  }

  /** The rule names, in file order. */
  public List<String> ruleNames() {
    return rules.stream().map(Rule::name).toList();
  }

  /** The rules without {@code emit}: the records they match are ignored on purpose. */
  public Set<String> ignoringRules() {
    Set<String> names = new java.util.TreeSet<>();
    rules.stream().filter(rule -> rule.emits().isEmpty()).forEach(rule -> names.add(rule.name()));
    return Collections.unmodifiableSet(names);
  }

  /**
   * One emit of a rule, as {@code salvage mappings test} names it.
   *
   * @param entity the entity type it emits
   * @param name {@code hire}, or {@code hire[1]} when the rule emits that type more than once
   * @param ordinal how many emits of its type came before it in the rule (its observations'
   *     ordinal)
   * @param fields the fields it declares, in file order
   * @param conditions how many conditions its own {@code when} holds (0: none)
   */
  public record EmitFields(
      String entity, String name, int ordinal, List<String> fields, int conditions) {
    public EmitFields {
      fields = List.copyOf(fields);
    }
  }

  /** Per rule, its emits, in file order. */
  public Map<String, List<EmitFields>> emitsByRule() {
    Map<String, List<EmitFields>> byRule = new java.util.LinkedHashMap<>();
    for (Rule rule : rules) {
      List<EmitFields> emits = new java.util.ArrayList<>();
      Map<String, Integer> ofType = new java.util.HashMap<>();
      for (Rule.Emit emit : rule.emits()) {
        ofType.merge(emit.entity().name(), 1, Integer::sum);
      }
      Map<String, Integer> before = new java.util.HashMap<>();
      for (Rule.Emit emit : rule.emits()) {
        String entity = emit.entity().name();
        int ordinal = before.merge(entity, 1, Integer::sum) - 1;
        emits.add(
            new EmitFields(
                entity,
                ofType.get(entity) == 1 ? entity : entity + "[" + ordinal + "]",
                ordinal,
                List.copyOf(emit.fields().keySet()),
                emit.when().size()));
      }
      byRule.put(rule.name(), List.copyOf(emits));
    }
    return Collections.unmodifiableMap(byRule);
  }

  /** Per rule, per entity type it emits, the fields it declares, in file order. */
  public Map<String, Map<String, List<String>>> fieldsByRule() {
    Map<String, Map<String, List<String>>> byRule = new java.util.LinkedHashMap<>();
    for (Rule rule : rules) {
      Map<String, java.util.LinkedHashSet<String>> byEntity = new java.util.LinkedHashMap<>();
      for (Rule.Emit emit : rule.emits()) {
        byEntity
            .computeIfAbsent(emit.entity().name(), name -> new java.util.LinkedHashSet<>())
            .addAll(emit.fields().keySet());
      }
      Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
      byEntity.forEach((entity, names) -> fields.put(entity, List.copyOf(names)));
      byRule.put(rule.name(), Collections.unmodifiableMap(fields));
    }
    return Collections.unmodifiableMap(byRule);
  }

  /**
   * Per entity type, the fields some rule of this file can fill, sorted. Reconciliation compares
   * with the backup only the fields the backup mapping can produce.
   */
  public Map<String, List<String>> emittedFields() {
    Map<String, java.util.SortedSet<String>> fields = new java.util.TreeMap<>();
    for (Rule rule : rules) {
      for (Rule.Emit emit : rule.emits()) {
        fields
            .computeIfAbsent(emit.entity().name(), name -> new java.util.TreeSet<>())
            .addAll(emit.fields().keySet());
      }
    }
    Map<String, List<String>> result = new java.util.TreeMap<>();
    fields.forEach((entity, names) -> result.put(entity, List.copyOf(names)));
    return Collections.unmodifiableMap(result);
  }

  /**
   * Per entity type and field, the rules that claim the field negated ({@code negate: true}): a
   * refund's amount, which only a {@code sum} adds to what was paid.
   */
  Map<String, Map<String, Set<String>>> negatedFields() {
    Map<String, Map<String, Set<String>>> fields = new java.util.TreeMap<>();
    for (Rule rule : rules) {
      for (Rule.Emit emit : rule.emits()) {
        emit.fields()
            .forEach(
                (field, extractor) -> {
                  if (extractor.negates()) {
                    fields
                        .computeIfAbsent(emit.entity().name(), e -> new java.util.TreeMap<>())
                        .computeIfAbsent(field, f -> new java.util.TreeSet<>())
                        .add(rule.name());
                  }
                });
      }
    }
    return fields;
  }

  /**
   * Per entity type, the fields some rule reads as money (an {@code integer} field may be filled
   * from {@code type: money}), each with the currency its rules fix, or "" where one fixes none.
   */
  Map<String, Map<String, Set<String>>> moneyFields() {
    Map<String, Map<String, Set<String>>> fields = new java.util.TreeMap<>();
    for (Rule rule : rules) {
      for (Rule.Emit emit : rule.emits()) {
        emit.fields()
            .forEach(
                (field, extractor) -> {
                  if (extractor.type() instanceof MoneyValue money) {
                    java.util.Currency fixed = money.fixedCurrency();
                    fields
                        .computeIfAbsent(emit.entity().name(), name -> new java.util.TreeMap<>())
                        .computeIfAbsent(field, name -> new java.util.TreeSet<>())
                        .add(fixed == null ? "" : fixed.getCurrencyCode());
                  }
                });
      }
    }
    return fields;
  }

  /**
   * The rules marked {@code current: true}: their claims describe their object as it is when read,
   * so merging counts them as the newest evidence whatever their {@code observed_at}.
   */
  public Set<String> currentRules() {
    Set<String> names = new java.util.TreeSet<>();
    rules.stream().filter(Rule::current).forEach(rule -> names.add(rule.name()));
    return Collections.unmodifiableSet(names);
  }

  /**
   * The rules some of whose fields read a path under the record's {@code name} ({@code
   * invitations[0].start.dateTime} for {@code invitations}): what of the record such a rule's
   * observations rest on.
   */
  public Set<String> rulesReadingUnder(String name) {
    Set<String> names = new java.util.TreeSet<>();
    for (Rule rule : rules) {
      boolean reads =
          rule.emits().stream()
              .flatMap(emit -> emit.fields().values().stream())
              .flatMap(field -> field.paths().stream())
              .anyMatch(
                  path ->
                      path.equals(name)
                          || path.startsWith(name + "[")
                          || path.startsWith(name + "."));
      if (reads) {
        names.add(rule.name());
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /** The lookups in backup tables that some rule makes. */
  public Set<LookupSpec> lookups() {
    return lookups;
  }

  /** The moments ({@code backup_time}, {@code as_of}) some rule compares times with. */
  public Set<String> anchors() {
    return anchors;
  }

  /**
   * The error for the first place in this file that needs a backup (a lookup, a condition on
   * backup_time), naming file, rule, field and line; null when nothing does. The run config throws
   * it when it names no backup.
   */
  public MappingException backupNeeded() {
    return backupNeeded;
  }

  /**
   * The first rule whose kind no reader makes, as an error naming the file, the rule, the nearest
   * kind and the line, or null when every rule's kind is one some reader makes.
   */
  public MappingException ruleOfAnUnknownKind() {
    return unknownKind;
  }

  /** The record kinds some rule applies to. */
  public Set<String> kinds() {
    return rulesByKind.keySet();
  }

  public String yamlText() {
    return yamlText;
  }

  public String fileLabel() {
    return fileLabel;
  }

  private Object writeReplace() {
    return new SerializedForm(yamlText, fileLabel, model, business);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a SourceMapping is serialized as its text");
  }

  private record SerializedForm(
      String yamlText, String fileLabel, EntityModel model, Business business)
      implements Serializable {
    private Object readResolve() throws InvalidObjectException {
      try {
        return parse(yamlText, fileLabel, model, business);
      } catch (MappingException e) {
        throw new InvalidObjectException(e.getMessage());
      }
    }
  }
}
