package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A source of files read by one {@link SourceReader}: one partition per file the selection chooses.
 *
 * @param encoding the name of the encoding declared for a reader of exports ({@link
 *     ExportFileReader}), or empty
 * @param zone the zone of the local times a {@link ZonedFileReader}'s files name none for, or null
 * @param dateOrder the order of slashed dates declared for a reader of exports, or null
 */
record FileSource(
    String sourceName,
    String type,
    String path,
    FileSelection selection,
    String encoding,
    ZoneId zone,
    DateOrder dateOrder)
    implements PartitionedSource {
  FileSource {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(type, "type");
    requireNonNull(path, "path");
    requireNonNull(selection, "selection");
    requireNonNull(encoding, "encoding");
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
    return SourceReaders.choose(Path.of(path), selection);
  }

  @Override
  public List<Path> filesLeftOut() throws IOException {
    return chosen().left();
  }

  @Override
  public void read(String partition, RecordSink sink) throws IOException {
    SourceReader reader = SourceReaders.forType(type);
    if (reader instanceof ExportFileReader export) {
      export.read(
          Path.of(partition), sourceName, sink, ExportEncodings.declared(encoding), dateOrder);
    } else if (reader instanceof ZonedFileReader zoned) {
      zoned.read(Path.of(partition), sourceName, sink, zone);
    } else {
      reader.read(Path.of(partition), sourceName, sink);
    }
  }

  @Override
  public List<DecodingNote> checkEncodings(List<String> partitions)
      throws IOException, InvalidSourceException {
    SourceReader reader = SourceReaders.forType(type);
    if (!(reader instanceof ExportFileReader)) {
      List<DecodingNote> notes = new ArrayList<>();
      for (String partition : partitions) {
        if (Files.isRegularFile(Path.of(partition))) {
          notes.addAll(reader.readingNotes(Path.of(partition), sourceName));
        }
      }
      return notes;
    }
    return ExportEncodings.check(type, sourceName, partitions, ExportEncodings.declared(encoding));
  }
}
