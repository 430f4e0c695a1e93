package dev.salvage.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvage.pipeline.bundle.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads what a test's run wrote to review/records.jsonl. */
final class RunRecords {
  private RunRecords() {}

  /** The run's records keyed by their {@code code} field's value. */
  static Map<String, JsonNode> byCode(Path out) throws IOException {
    Map<String, JsonNode> byCode = new HashMap<>();
    for (String line :
        Files.readAllLines(out.resolve("review/records.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode record = Json.MAPPER.readTree(line);
      byCode.put(record.at("/fields/code/value").asText(), record);
    }
    return byCode;
  }

  /** The refs of a record's evidence, in its order. */
  static List<String> evidenceRefs(JsonNode record) {
    List<String> refs = new ArrayList<>();
    record.path("evidence").forEach(e -> refs.add(e.path("ref").asText()));
    return refs;
  }
}
