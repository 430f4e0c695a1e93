package dev.salvage.connectors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

  /**
   * Whether an empty directory below the source's path is input that is missing rather than nothing
   * to read (a calendar folder a failed fetch left empty). When it is, each such directory (one
   * that holds no file and no directory that is not hidden) is a partition of its own, given to
   * {@link #read}, which then fails naming it, so the run lists it as not read instead of reading
   * less without a word. Include and exclude globs do not leave such directories out.
   */
  default boolean emptyDirectoryIsMissingInput() {
    return false;
  }

  /**
   * What the run says at its end of how {@code file} was read, beyond its records: values read
   * otherwise than written (a dump's zero dates as NULL). Called once per file when the run starts,
   * before the file is read; most readers have nothing to say.
   */
  default List<DecodingNote> readingNotes(Path file, String sourceName) throws IOException {
    return List.of();
  }
}
