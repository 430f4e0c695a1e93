package dev.salvage.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A sink that keeps everything, for assertions. */
public final class CollectingSink implements RecordSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final List<RawRecord> records = new ArrayList<>();
  public final List<Quarantined> quarantined = new ArrayList<>();

  /** Records read fine and left out for another copy of the same record. */
  public final List<Quarantined> superseded = new ArrayList<>();

  public final java.util.Map<String, Long> tallies = new java.util.TreeMap<>();

  /** What the reader said of partitions it read to their end. */
  public final List<String> notes = new ArrayList<>();

  /** Each copy passed on, as {@code location of the copy -> location of the record kept}. */
  public final java.util.Map<String, String> copies = new java.util.LinkedHashMap<>();

  /** Reads {@code file} with {@code reader} as source {@code test}. */
  public static CollectingSink read(SourceReader reader, Path file) throws IOException {
    CollectingSink sink = new CollectingSink();
    reader.read(file, "test", sink);
    return sink;
  }

  /** Reads every partition of {@code source}. */
  public static CollectingSink readAll(PartitionedSource source)
      throws IOException, InvalidSourceException {
    CollectingSink sink = new CollectingSink();
    for (String partition : source.partitions()) {
      source.read(partition, sink);
    }
    return sink;
  }

  @Override
  public void accept(RawRecord record) {
    records.add(record);
  }

  @Override
  public void quarantine(Quarantined bad) {
    quarantined.add(bad);
  }

  @Override
  public void superseded(Quarantined older) {
    superseded.add(older);
  }

  @Override
  public void note(String note) {
    notes.add(note);
  }

  @Override
  public void copy(RawRecord copy, String keptAt) {
    copies.put(copy.location(), keptAt);
  }

  @Override
  public void tally(String what, long count) {
    tallies.merge(what, count, Long::sum);
  }

  public Optional<RawRecord> byRef(String ref) {
    return records.stream().filter(r -> r.ref().equals(ref)).findFirst();
  }

  public RawRecord record(String ref) {
    return byRef(ref)
        .orElseThrow(() -> new AssertionError("no record " + ref + " among " + refs()));
  }

  public JsonNode json(String ref) {
    return json(record(ref));
  }

  public List<String> refs() {
    return records.stream().map(RawRecord::ref).toList();
  }

  public static JsonNode json(RawRecord record) {
    try {
      return JSON.readTree(record.json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
