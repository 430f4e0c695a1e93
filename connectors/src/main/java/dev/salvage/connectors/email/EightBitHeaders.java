package dev.salvage.connectors.email;

import dev.salvage.connectors.io.TextDecoding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Headers holding raw 8-bit bytes that are not UTF-8 and name no charset (no encoded word), as
 * sloppy mailers and old clients re-exporting mail write them, read as mail clients read them: in
 * the charset the mail's text part declares (and its bytes confirm) when the header's bytes are
 * valid in it and give no C1 control character; else in the single-byte charset the letters of all
 * such headers of the mail point to ({@link TextDecoding#undeclaredSingleByte}), on the same terms;
 * else ISO-8859-1, which reads any byte. Until 2026-12-06 every such header was read as ISO-8859-1:
 * a Czech sender's name in windows-1250 became {@code Jiøí Dvoøák}, a Russian one {@code Èâàí}.
 * Each reading is still a guess, said in a note that {@link MailNotes#isReadInAnotherCharset}
 * recognises, so a used mail so read is counted and a name resting on it alone that other evidence
 * contradicts is flagged.
 */
final class EightBitHeaders {
  private EightBitHeaders() {}

  /**
   * Whether a header value read as ISO-8859-1 (one character a byte) holds characters of 8-bit
   * bytes.
   */
  static boolean eightBitBytes(String value) {
    return value.chars().anyMatch(c -> c >= 0x80) && value.chars().allMatch(c -> c <= 0xff);
  }

  /**
   * Reads again each header of {@code headers} named in {@code names} whose value still holds 8-bit
   * bytes read as ISO-8859-1, noting for each the charset it was read in and why.
   */
  static void read(
      Map<String, String> headers,
      Set<String> names,
      Optional<MimeBody.TextCharset> textCharset,
      List<String> notes) {
    List<String> eightBit = new ArrayList<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String name : headers.keySet()) {
      String value = headers.get(name);
      if (names.contains(name) && eightBitBytes(value)) {
        eightBit.add(name);
        all.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        all.write('\n');
      }
    }
    if (eightBit.isEmpty()) {
      return;
    }
    // one mailer wrote the mail's headers, in one charset: a short name alone holds too few
    // letters to tell a script by, the name and the subject together often do
    byte[] joined = all.toByteArray();
    Charset guessed = TextDecoding.undeclaredSingleByte(joined, 0, joined.length);
    for (String name : eightBit) {
      byte[] bytes = headers.get(name).getBytes(StandardCharsets.ISO_8859_1);
      Optional<String> declared = textCharset.flatMap(text -> asText(bytes, text.charset()));
      Optional<String> byLetters = asText(bytes, guessed);
      String readAs;
      if (declared.isPresent()) {
        headers.put(name, declared.get());
        readAs =
            textCharset.get().charset().name()
                + ", the charset "
                + textCharset.get().part()
                + " declares";
      } else if (byLetters.isPresent()) {
        headers.put(name, byLetters.get());
        readAs =
            guessed.name()
                + ", guessed by its letters"
                + textCharset
                    .map(text -> " (" + declares(text) + ", in which they are not text)")
                    .orElse("");
      } else {
        readAs =
            textCharset
                .map(
                    text ->
                        "ISO-8859-1, as neither "
                            + text.charset().name()
                            + ", which "
                            + text.part()
                            + " declares, nor "
                            + guessed.name()
                            + ", which its letters point to, reads them as text")
                .orElse(
                    "ISO-8859-1, as "
                        + guessed.name()
                        + ", which its letters point to, does not read them as text");
      }
      notes.add("header " + name + MailNotes.HEADER_CHARSET_GUESSED + readAs);
    }
  }

  /** {@code bytes} read in {@code charset} when they are valid in it and hold no C1 control. */
  private static Optional<String> asText(byte[] bytes, Charset charset) {
    TextDecoding.Decoded decoded =
        TextDecoding.decodeNamingCharset(bytes, 0, bytes.length, charset);
    return decoded.charset().equals(charset) && !TextDecoding.hasC1Controls(decoded.text())
        ? Optional.of(decoded.text())
        : Optional.empty();
  }

  private static String declares(MimeBody.TextCharset text) {
    return text.part() + " declares " + text.charset().name();
  }
}
