package dev.salvage.connectors;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one input file of a source into raw records. A reader quarantines bad records and carries
 * on; it throws only when the file as a whole cannot be read (missing, unreadable).
 */
public interface SourceReader {
  /**
   * Streams {@code file} into {@code sink}.
   *
   * @param sourceName the configured source name, copied into every record
   */
  void read(Path file, String sourceName, RecordSink sink) throws IOException;
}
