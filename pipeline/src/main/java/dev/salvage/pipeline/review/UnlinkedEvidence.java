package dev.salvage.pipeline.review;

import dev.salvage.pipeline.bundle.JsonlFile;
import dev.salvage.pipeline.bundle.ReconstructedRecord;
import java.io.Closeable;
import java.io.IOException;
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
  private final JsonlFile.LineReader<ReconstructedRecord> reader;

  private UnlinkedEvidence(
      List<QueueEntry> entries, JsonlFile.LineReader<ReconstructedRecord> reader) {
    this.entries = List.copyOf(entries);
    entries.forEach(entry -> byId.put(entry.id(), entry));
    this.reader = reader;
  }

  static UnlinkedEvidence open(JsonlFile<ReconstructedRecord> file, RunModel model)
      throws IOException {
    List<QueueEntry> entries = new ArrayList<>();
    JsonlFile.LineReader<ReconstructedRecord> reader =
        file.open((line, record) -> entries.add(QueueEntry.of(record, line, model)));
    entries.sort(QueueEntry.BY_NEED);
    return new UnlinkedEvidence(entries, reader);
  }

  List<QueueEntry> entries() {
    return entries;
  }

  /** The unlinked cluster named id, or null when there is none. */
  ReconstructedRecord read(String id) throws IOException {
    QueueEntry entry = id == null ? null : byId.get(id);
    return entry == null ? null : reader.read(entry.line());
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
