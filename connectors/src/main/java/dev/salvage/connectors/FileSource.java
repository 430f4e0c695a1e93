package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A source of files read by one {@link SourceReader}: one partition per file the selection chooses.
 */
record FileSource(String sourceName, String type, String path, FileSelection selection)
    implements PartitionedSource {
  FileSource {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(type, "type");
    requireNonNull(path, "path");
    requireNonNull(selection, "selection");
  }

  @Override
  public List<String> partitions() throws IOException {
    List<String> partitions = new ArrayList<>();
    for (Path file : chosen().read()) {
      partitions.add(file.toAbsolutePath().normalize().toString());
    }
    if (SourceReaders.forType(type).emptyDirectoryIsMissingInput()) {
      for (Path directory : SourceReaders.emptyDirectories(Path.of(path))) {
        partitions.add(directory.toAbsolutePath().normalize().toString());
      }
    }
    return List.copyOf(partitions);
  }

  /** The files of the path the selection reads, and those it leaves out. */
  FileSelection.Chosen chosen() throws IOException {
    Path root = Path.of(path);
    List<Path> files = SourceReaders.inputFiles(root);
    return Files.isDirectory(root)
        ? selection.choose(root, files)
        : new FileSelection.Chosen(files, List.of());
  }

  @Override
  public void read(String partition, RecordSink sink) throws IOException {
    SourceReaders.forType(type).read(Path.of(partition), sourceName, sink);
  }
}
