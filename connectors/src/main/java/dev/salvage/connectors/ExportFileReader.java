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
   */
  void read(Path file, String sourceName, RecordSink sink, Charset declared) throws IOException;

  @Override
  default void read(Path file, String sourceName, RecordSink sink) throws IOException {
    read(file, sourceName, sink, null);
  }
}
