package dev.salvage.connectors;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * What a run says at its end of how one file of a source was read as text: in an encoding assumed
 * (none declared, the file not UTF-8), or with bytes not valid in its encoding. Read so without a
 * word, a file in another encoding than the one assumed gave mojibake in every value with exit 0.
 *
 * @param file the file, as the source's partition names it
 * @param encoding the encoding it was read in
 * @param note the sentence to say, naming the file
 */
public record DecodingNote(String source, String file, String encoding, String note)
    implements Serializable {
  public DecodingNote {
    requireNonNull(source, "source");
    requireNonNull(file, "file");
    requireNonNull(encoding, "encoding");
    requireNonNull(note, "note");
  }
}
