package dev.salvage.pipeline.map;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.Business;
import java.io.Serializable;
import java.util.Map;

/**
 * The mapping files of a run as text, so that workers can rebuild the engines in {@code @Setup}
 * without a shared file system.
 *
 * @param business business-wide defaults (time zone, phone region)
 * @param entityModelYaml the entity model's YAML
 * @param entityModelLabel the entity model's file, for messages
 * @param mappingYamlBySource source name to the text of its mapping
 */
public record MappingPlan(
    Business business,
    String entityModelYaml,
    String entityModelLabel,
    Map<String, MappingText> mappingYamlBySource)
    implements Serializable {
  public MappingPlan {
    requireNonNull(business, "business");
    requireNonNull(entityModelYaml, "entityModelYaml");
    requireNonNull(entityModelLabel, "entityModelLabel");
    mappingYamlBySource = Map.copyOf(mappingYamlBySource);
  }

  /** A mapping file's label (its path, for messages) and its YAML. */
  public record MappingText(String label, String yaml) implements Serializable {
    public MappingText {
      requireNonNull(label, "label");
      requireNonNull(yaml, "yaml");
    }
  }
}
