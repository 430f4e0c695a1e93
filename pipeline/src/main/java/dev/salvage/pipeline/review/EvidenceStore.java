package dev.salvage.pipeline.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw records behind a run's observations ({@code review/evidence.jsonl}), found by evidence
 * ref ({@code email:<Message-ID>}, {@code stripe:ch_1}, ...). Only byte offsets stay in memory.
 */
final class EvidenceStore implements Closeable {
  private final Map<String, List<JsonlFile.Span>> spans;
  private final JsonlFile file;

  private EvidenceStore(Map<String, List<JsonlFile.Span>> spans, JsonlFile file) {
    this.spans = spans;
    this.file = file;
  }

  static EvidenceStore open(Path evidenceJsonl) throws IOException {
    Map<String, List<JsonlFile.Span>> spans = new HashMap<>();
    JsonlFile file =
        JsonlFile.open(
            evidenceJsonl,
            (span, json) -> {
              String ref = json.path("ref").asText(null);
              if (ref != null) {
                spans.computeIfAbsent(ref, r -> new ArrayList<>(1)).add(span);
              }
            });
    return new EvidenceStore(spans, file);
  }

  int size() {
    return spans.size();
  }

  /** Every raw record with this ref (one per source that read it); empty when unknown. */
  List<JsonNode> find(String ref) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    for (JsonlFile.Span span : spans.getOrDefault(ref, List.of())) {
      found.add(file.readJson(span));
    }
    return found;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
