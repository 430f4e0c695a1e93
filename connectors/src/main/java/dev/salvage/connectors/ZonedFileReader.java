package dev.salvage.connectors;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * A reader of files that may write local times without saying their zone (an iCalendar event's
 * floating time, or a TZID naming no zone), read in the zone of the source's option {@code
 * timezone}, which a run sets to the business's.
 */
public interface ZonedFileReader extends SourceReader {
  /**
   * Streams {@code file} into {@code sink}.
   *
   * @param zone the zone of the local times the file names none for, or null for UTC
   */
  void read(Path file, String sourceName, RecordSink sink, ZoneId zone) throws IOException;

  @Override
  default void read(Path file, String sourceName, RecordSink sink) throws IOException {
    read(file, sourceName, sink, null);
  }
}
