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
 * The run's unlinked evidence ({@code review/unlinked.jsonl}): observations Salvage could not tie
 * to an identifiable record. Listed for the reviewer to read, never decided on or imported.
 */
final class UnlinkedEvidence implements Closeable {
  private final List<QueueEntry> entries;
  private final Map<String, QueueEntry> byId = new HashMap<>();
  private final JsonlFile file;

  private UnlinkedEvidence(List<QueueEntry> entries, JsonlFile file) {
    this.entries = List.copyOf(entries);
    entries.forEach(entry -> byId.put(entry.id(), entry));
    this.file = file;
  }

  static UnlinkedEvidence open(Path unlinkedJsonl) throws IOException {
    List<QueueEntry> entries = new ArrayList<>();
    JsonlFile file =
        JsonlFile.open(unlinkedJsonl, (span, json) -> entries.add(QueueEntry.of(json, span)));
    entries.sort(QueueEntry.BY_NEED);
    return new UnlinkedEvidence(entries, file);
  }

  List<QueueEntry> entries() {
    return entries;
  }

  /** The unlinked cluster named id, or null when there is none. */
  JsonNode read(String id) throws IOException {
    QueueEntry entry = id == null ? null : byId.get(id);
    return entry == null ? null : file.readJson(entry.span());
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
