package dev.salvage.pipeline.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salvage.pipeline.bundle.Json;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Action;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Change;
import dev.salvage.pipeline.bundle.ReconstructedRecord.Evidence;
import dev.salvage.pipeline.bundle.ReconstructedRecord.FieldValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds run directories (records.jsonl, decisions.jsonl) the way salvage run and review write
 * them.
 */
final class Fixtures {
  private static final ObjectMapper JSON = Json.MAPPER;

  private Fixtures() {}

  static Map<String, String> fields(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  static ReconstructedRecord fresh(
      String id, String entity, double confidence, boolean flagged, Map<String, String> fields) {
    return record(id, entity, Action.NEW, confidence, flagged, fields, null);
  }

  /** An UPDATED record of backup row {@code key}: backup values, then the changed ones. */
  static ReconstructedRecord updated(
      String entity, long key, Map<String, String> backup, Map<String, String> changed) {
    Map<String, String> all = new LinkedHashMap<>(backup);
    all.putAll(changed);
    return record(entity + ":" + key, entity, Action.UPDATED, 1.0, false, all, backup);
  }

  static ReconstructedRecord record(
      String id,
      String entity,
      Action action,
      double confidence,
      boolean flagged,
      Map<String, String> values,
      Map<String, String> backup) {
    String ref = "email:<" + id + "@mail.rentwise.example>";
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    values.forEach((name, value) -> fields.put(name, new FieldValue(value, List.of(ref), 1.0)));
    List<Change> changes = new ArrayList<>();
    if (backup != null) {
      values.forEach(
          (name, value) -> {
            if (!value.equals(backup.get(name))) {
              changes.add(new Change(name, backup.get(name), value, List.of(ref)));
            }
          });
    }
    return new ReconstructedRecord(
        id,
        entity,
        action,
        confidence,
        flagged,
        List.of(),
        fields,
        backup,
        backup == null ? null : "backup:" + entity + "s#" + id.substring(id.indexOf(':') + 1),
        changes,
        Map.of(),
        List.of(new Evidence(ref, "mail", "test", "2026-03-01T10:00:00Z")),
        List.of());
  }

  static Path writeRun(Path dir, List<ReconstructedRecord> records) throws IOException {
    Files.createDirectories(dir.resolve("review"));
    StringBuilder out = new StringBuilder();
    for (ReconstructedRecord record : records) {
      out.append(JSON.writeValueAsString(record)).append('\n');
    }
    Files.writeString(dir.resolve("review/records.jsonl"), out.toString(), StandardCharsets.UTF_8);
    return dir;
  }

  static void decide(
      Path run,
      String id,
      String recordId,
      String decision,
      Map<String, String> edits,
      String undoes)
      throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", id);
    line.put("at", "2026-04-01T12:00:00Z");
    line.put("who", "operator");
    line.put("record_id", recordId);
    line.put("decision", decision);
    if (edits != null) {
      line.put("edits", edits);
    }
    line.put("reason", "checked by hand");
    if (undoes != null) {
      line.put("undoes", undoes);
    }
    Files.writeString(
        run.resolve("review/decisions.jsonl"),
        JSON.writeValueAsString(line) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * A run config in {@code dir} (salvage.yaml with {@code business}, its entity model {@code
   * entities}) named by the run's summary.json as the config the run was made with: import reads
   * the business and entity model from it.
   *
   * @return the salvage.yaml
   */
  static Path runConfig(Path run, Path dir, String business, String entities) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("entities.yaml"), entities);
    Path salvageYaml =
        Files.writeString(
            dir.resolve("salvage.yaml"), "business: " + business + "\nentities: entities.yaml\n");
    Files.writeString(
        run.resolve("summary.json"),
        JSON.writeValueAsString(Map.of("run", Map.of("config", salvageYaml.toString()))));
    return salvageYaml;
  }

  /** The Rentwise target mapping from the samples module, as a file. */
  static Path rentwiseMapping(Path dir) throws IOException {
    Path file = dir.resolve("target.yaml");
    try (InputStream in =
        Fixtures.class.getResourceAsStream("/dev/salvage/samples/rentwise/target.yaml")) {
      Files.copy(in, file);
    }
    return file;
  }

  static Path smallBackup(Path dir) throws IOException {
    Path file = dir.resolve("rentwise-small.sql");
    try (InputStream in = Fixtures.class.getResourceAsStream("rentwise-small.sql")) {
      Files.copy(in, file);
    }
    return file;
  }
}
