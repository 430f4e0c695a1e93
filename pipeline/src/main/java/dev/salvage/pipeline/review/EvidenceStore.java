package dev.salvage.pipeline.review;

import dev.salvage.pipeline.bundle.EvidenceEntry;
import dev.salvage.pipeline.bundle.JsonlFile;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw records behind a run's observations ({@code review/evidence.jsonl}), found by evidence
 * ref ({@code email:<Message-ID>}, {@code stripe:ch_1}, ...). Only line places stay in memory.
 */
final class EvidenceStore implements Closeable {
  private final Map<String, List<JsonlFile.Line>> lines;
  private final JsonlFile.LineReader<EvidenceEntry> reader;

  private EvidenceStore(
      Map<String, List<JsonlFile.Line>> lines, JsonlFile.LineReader<EvidenceEntry> reader) {
    this.lines = lines;
    this.reader = reader;
  }

  /**
   * The one key of an evidence line the index needs. The run writes it first: the rest of the line
   * (the raw record, most of 275 MB at 22k records) is not read at all then, and taking whole
   * entries took half the review server's start-up (trial 89). A broken line is found when it is
   * opened.
   */
  @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = RefReader.class)
  private record Ref(String ref) {}

  /** Reads fields up to {@code ref}, skipping those before it, and stops. */
  static final class RefReader extends com.fasterxml.jackson.databind.JsonDeserializer<Ref> {
    @Override
    public Ref deserialize(
        com.fasterxml.jackson.core.JsonParser parser,
        com.fasterxml.jackson.databind.DeserializationContext context)
        throws IOException {
      if (!parser.isExpectedStartObjectToken()) {
        return (Ref) context.handleUnexpectedToken(Ref.class, parser);
      }
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        parser.nextToken();
        if (name.equals("ref")) {
          return new Ref(parser.getValueAsString());
        }
        parser.skipChildren();
      }
      return new Ref(null);
    }
  }

  static EvidenceStore open(JsonlFile<EvidenceEntry> file) throws IOException {
    Map<String, List<JsonlFile.Line>> lines = new HashMap<>();
    JsonlFile.LineReader<EvidenceEntry> reader =
        file.open(
            Ref.class,
            (line, entry) -> lines.computeIfAbsent(entry.ref(), r -> new ArrayList<>(1)).add(line));
    return new EvidenceStore(lines, reader);
  }

  int size() {
    return lines.size();
  }

  /** Every raw record with this ref (one per source that read it); empty when unknown. */
  List<EvidenceEntry> find(String ref) throws IOException {
    List<EvidenceEntry> found = new ArrayList<>();
    for (JsonlFile.Line line : lines.getOrDefault(ref, List.of())) {
      found.add(reader.read(line));
    }
    return found;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
