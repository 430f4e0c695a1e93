package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A source of files read by one {@link SourceReader}: one partition per file. */
record FileSource(String sourceName, String type, String path) implements PartitionedSource {
  FileSource {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(type, "type");
    requireNonNull(path, "path");
  }

  @Override
  public List<String> partitions() throws IOException {
    return SourceReaders.filePartitions(Path.of(path));
  }

  @Override
  public void read(String partition, RecordSink sink) throws IOException {
    SourceReaders.forType(type).read(Path.of(partition), sourceName, sink);
  }
}
