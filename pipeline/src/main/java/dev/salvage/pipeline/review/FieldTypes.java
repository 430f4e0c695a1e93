package dev.salvage.pipeline.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.mappings.EntityType;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.MappingException;
import dev.salvage.mappings.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The canonical type of every entity field, from the entity model of the run's config, so an edit
 * that the import could not use is refused when it is made rather than at plan time.
 */
final class FieldTypes {
  private final Map<String, Map<String, FieldType>> byEntity;
  private final String unavailable;

  private FieldTypes(Map<String, Map<String, FieldType>> byEntity, String unavailable) {
    this.byEntity = byEntity;
    this.unavailable = unavailable;
  }

  /**
   * The types of the entity model named by the run config in summary.json; when that cannot be
   * loaded (the run was moved to another machine), no types, and {@link #unavailable()} says why.
   */
  static FieldTypes of(RunFiles run) {
    String config = null;
    try {
      if (Files.exists(run.summaryJson())) {
        JsonNode summary = ReviewJson.MAPPER.readTree(run.summaryJson().toFile());
        config = summary.path("run").path("config").asText(null);
      }
      if (config == null) {
        return new FieldTypes(Map.of(), run.summaryJson() + " names no run config");
      }
      Map<String, Map<String, FieldType>> byEntity = new HashMap<>();
      for (EntityType type : RunConfig.load(Path.of(config)).entities().types().values()) {
        byEntity.put(type.name(), type.fields());
      }
      return new FieldTypes(Map.copyOf(byEntity), null);
    } catch (IOException | MappingException | RuntimeException e) {
      return new FieldTypes(
          Map.of(), "cannot load the run config " + config + ": " + e.getMessage());
    }
  }

  /** Why edits are not type-checked, or null when they are. */
  String unavailable() {
    return unavailable;
  }

  /** What is wrong with {@code value} as the canonical form of the field, or null if nothing. */
  String problem(String entity, String field, String value) {
    if (value == null || value.isBlank()) {
      return "field " + field + " cannot be empty (an import never clears a value)";
    }
    FieldType type = byEntity.getOrDefault(entity, Map.of()).get(field);
    if (type == null) {
      return null;
    }
    String expected = type.expectedForm(value);
    return expected == null
        ? null
        : "field "
            + field
            + " is "
            + type.yamlName()
            + ": expected "
            + expected
            + ", not \""
            + value
            + "\"";
  }
}
