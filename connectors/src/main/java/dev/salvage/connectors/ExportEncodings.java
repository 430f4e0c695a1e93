package dev.salvage.connectors;

import dev.salvage.connectors.io.ExportEncoding;
import dev.salvage.connectors.io.InputFiles;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The option {@code encoding} of the source types that read files saved by a spreadsheet or an
 * exporter (backup CSV and JSON exports, Stripe Dashboard CSV exports), and the check of their
 * files' encodings before a run reads them (see {@link ExportEncoding}).
 */
public final class ExportEncodings {
  // Excel on Japanese Windows saves CSV in Shift_JIS, on Chinese in GBK or Big5, on Korean in
  // EUC-KR: read as windows-1252 without a word, every value of such a file was mojibake
  public static final Option<Charset> ENCODING =
      Option.of("encoding", "encoding name", ExportEncoding::named)
          .withDefaultDescribed("UTF-8, else windows-1252 or -1250, assumed and said")
          .withDescription(
              "the encoding of the files that are not UTF-8 (`Shift_JIS`, `GBK`, `Big5`, `EUC-KR`,"
                  + " `windows-1252`, `ISO-8859-2`, any name Java knows); a file that starts with"
                  + " the UTF-8 byte order mark or is all valid UTF-8 is read as UTF-8 whatever"
                  + " this says. Unset, a file not UTF-8 is read as windows-1252 or -1250 (what"
                  + " Excel on Windows saves CSV files in) and the run names it at its end, unless"
                  + " its bytes are text in a double-byte encoding: then nothing is read (exit 2)"
                  + " and the message says what each one reads. `Shift_JIS`, `EUC-KR`, `Big5` and"
                  + " `GB2312` are read as the Windows encodings extending them (cp932, cp949,"
                  + " cp950, GBK), what Excel writes");

  private ExportEncodings() {}

  /** The name a source keeps of its declared encoding (sources are serialised): empty for none. */
  public static String name(Charset declared) {
    return declared == null ? "" : declared.name();
  }

  /** The encoding a source kept the name of, or null for none declared. */
  public static Charset declared(String name) {
    return name.isEmpty() ? null : Charset.forName(name);
  }

  /**
   * Decides the encoding of each file among {@code partitions}: a note for each one read in an
   * encoding assumed or with bytes not valid in its encoding. A partition that is no regular file,
   * or that cannot be opened (an archive), is left to its reader, which says why it cannot read it.
   *
   * @throws InvalidSourceException when a file must not be read before its encoding is declared
   */
  public static List<DecodingNote> check(
      String type, String sourceName, List<String> partitions, Charset declared)
      throws IOException, InvalidSourceException {
    List<DecodingNote> notes = new ArrayList<>();
    for (String partition : partitions) {
      Path file = Paths.get(partition);
      if (!Files.isRegularFile(file) || InputFiles.isArchive(file)) {
        continue;
      }
      ExportEncoding.Decision decision;
      try {
        decision = ExportEncoding.decide(file, declared);
      } catch (ExportEncoding.UndeclaredEncodingException e) {
        throw InvalidSourceException.of(type, sourceName, e.getMessage());
      } catch (IOException unreadable) {
        continue; // its read fails too, and the run lists it as not read with the reason
      }
      decision
          .note(partition)
          .ifPresent(
              note ->
                  notes.add(
                      new DecodingNote(sourceName, partition, decision.charset().name(), note)));
    }
    return notes;
  }

  /**
   * The encoding of {@code file} for its reader.
   *
   * @throws IOException naming the file when it must not be read before its encoding is declared (a
   *     run refuses it before this; a reader called on its own, as by mappings test, here)
   */
  public static Charset of(Path file, Charset declared) throws IOException {
    try {
      return ExportEncoding.decide(file, declared).charset();
    } catch (ExportEncoding.UndeclaredEncodingException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
