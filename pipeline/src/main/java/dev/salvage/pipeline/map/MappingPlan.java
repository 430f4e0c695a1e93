package dev.salvage.pipeline.map;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.Business;
import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.LookupSpec;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.SourceMapping;
import dev.salvage.mappings.TimeAnchors;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The mapping files of a run as text, so that workers can rebuild the engines in {@code @Setup}
 * without a shared file system, with the moments their rules compare times with.
 *
 * @param business business-wide defaults (time zone, phone region)
 * @param entityModelYaml the entity model's YAML
 * @param entityModelLabel the entity model's file, for messages
 * @param mappingYamlBySource source name to the text of its mapping
 * @param anchors {@code backup_time} and {@code as_of}
 */
public record MappingPlan(
    Business business,
    String entityModelYaml,
    String entityModelLabel,
    Map<String, MappingText> mappingYamlBySource,
    TimeAnchors anchors)
    implements Serializable {
  public MappingPlan {
    requireNonNull(business, "business");
    requireNonNull(entityModelYaml, "entityModelYaml");
    requireNonNull(entityModelLabel, "entityModelLabel");
    mappingYamlBySource = Map.copyOf(mappingYamlBySource);
    requireNonNull(anchors, "anchors");
  }

  /** A plan whose rules compare with no moment. */
  public MappingPlan(
      Business business,
      String entityModelYaml,
      String entityModelLabel,
      Map<String, MappingText> mappingYamlBySource) {
    this(business, entityModelYaml, entityModelLabel, mappingYamlBySource, TimeAnchors.NONE);
  }

  /** A mapping file's label (its path, for messages) and its YAML. */
  public record MappingText(String label, String yaml) implements Serializable {
    public MappingText {
      requireNonNull(label, "label");
      requireNonNull(yaml, "yaml");
    }
  }

  /** Every source's mapping, compiled (the text was validated when the run config loaded). */
  public Map<String, SourceMapping> compile() throws MappingException {
    EntityModel model = EntityModel.parse(entityModelYaml, entityModelLabel);
    Map<String, SourceMapping> mappings = new LinkedHashMap<>();
    for (Map.Entry<String, MappingText> source : mappingYamlBySource.entrySet()) {
      MappingText file = source.getValue();
      mappings.put(
          source.getKey(), SourceMapping.parse(file.yaml(), file.label(), model, business));
    }
    return mappings;
  }

  /** The lookups in backup tables that some source's rules make. */
  public Set<LookupSpec> lookups() {
    Set<LookupSpec> lookups = new LinkedHashSet<>();
    try {
      compile().values().forEach(mapping -> lookups.addAll(mapping.lookups()));
    } catch (MappingException e) {
      throw new IllegalStateException(
          "A mapping that loaded no longer parses: " + e.getMessage(), e);
    }
    return lookups;
  }

  /**
   * {@code source/rule} of every rule marked {@code current: true}: its claims hold as read (see
   * {@code reconcile.MergeSettings}).
   */
  public Set<String> currentRules() {
    Set<String> rules = new java.util.TreeSet<>();
    try {
      compile()
          .forEach(
              (source, mapping) ->
                  mapping.currentRules().forEach(rule -> rules.add(source + "/" + rule)));
    } catch (MappingException e) {
      throw new IllegalStateException(
          "A mapping that loaded no longer parses: " + e.getMessage(), e);
    }
    return rules;
  }
}
