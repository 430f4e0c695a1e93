package dev.salvage.pipeline.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.salvage.connectors.io.JsonInput;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one configured Jackson mapper of the pipeline module, and the writers derived from it: every
 * file the pipeline reads or writes as JSON (or YAML) goes through {@link #MAPPER}, so they all
 * agree on what an unknown property or a number looks like.
 */
public final class Json {
  /** Compact output; unknown properties are ignored, so newer files still load. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(JsonInput.factory())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  // Properties and map entries sorted, for digests. Sorting properties is a mapper feature in
  // Jackson 2 (a writer cannot set it), hence a second instance built from the first's settings.
  private static final ObjectWriter CANONICAL =
      ((JsonMapper) MAPPER)
          .rebuild()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build()
          .writer();

  private static final YAMLFactory YAML = new YAMLFactory();

  private Json() {}

  /** {@code value} as one line of JSON (no line break). */
  public static String line(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value + " as JSON", e);
    }
  }

  /** {@code value} as indented JSON ending with a line break, for files people read. */
  public static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value + " as JSON", e);
    }
  }

  /** {@code value} with sorted properties and map keys: equal content gives equal bytes. */
  public static byte[] canonical(Object value) {
    try {
      return CANONICAL.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value + " as canonical JSON", e);
    }
  }

  /** Reads a YAML file as a tree; a YAML document is read with the same mapper as JSON. */
  public static JsonNode readYaml(Path file) throws IOException {
    try (JsonParser parser = YAML.createParser(file.toFile())) {
      return MAPPER.readTree(parser);
    }
  }
}
