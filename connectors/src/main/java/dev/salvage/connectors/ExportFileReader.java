package dev.salvage.connectors;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * A reader of files saved by a spreadsheet (a Stripe Dashboard export opened and saved again in
 * Excel), whose encoding is decided per file and may be declared with the option {@code encoding}
 * ({@link ExportEncodings}).
 */
public interface ExportFileReader extends SourceReader {
  /**
   * Streams {@code file} into {@code sink}.
   *
   * @param declared the encoding declared for the files that are not UTF-8, or null
   * @param dateOrder the order declared for slashed dates ({@code 05/01/2026}), or null to tell it
   *     from the file's own dates
   */
  void read(Path file, String sourceName, RecordSink sink, Charset declared, DateOrder dateOrder)
      throws IOException;

  @Override
  default void read(Path file, String sourceName, RecordSink sink) throws IOException {
    read(file, sourceName, sink, null, null);
  }
}
