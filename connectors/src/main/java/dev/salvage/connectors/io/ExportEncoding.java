package dev.salvage.connectors.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The text encoding of an exported file (a spreadsheet's CSV, an exporter's JSON), decided once per
 * file: UTF-8 when the file starts with the UTF-8 byte order mark or all its bytes are valid UTF-8
 * (an export directory may mix UTF-8 files with files saved again by Excel); else the encoding
 * declared for the source; else, none being declared, windows-1250 or windows-1252 (what Excel on
 * Windows saves CSV files in), an assumption the run states at its end. Unless the bytes are text
 * in a double-byte encoding that exports are commonly written in (Shift_JIS, GBK, Big5, EUC-KR):
 * read as windows-1252 such a file is mojibake in every value, so it is refused, with what each of
 * those encodings reads in it, instead of guessed.
 *
 * <p>The familiar names of those encodings are read as the Windows encodings Excel writes, which
 * extend them ({@code Shift_JIS} as {@code windows-31j}, also called cp932; {@code EUC-KR} as
 * {@code x-windows-949}; {@code Big5} as {@code x-windows-950}; {@code GB2312} as {@code GBK}):
 * Java's own {@code Shift_JIS} has no ① or ㈱ and its {@code cp932} is IBM's, not Microsoft's.
 */
public final class ExportEncoding {
  /** How a file's encoding was chosen. */
  public enum Basis {
    /** A UTF-8 byte order mark, or bytes all valid UTF-8. */
    UTF8,
    /** The encoding the source declares. */
    DECLARED,
    /** None declared and the file is not UTF-8: what Excel saves CSV files in, assumed. */
    ASSUMED
  }

  /**
   * The encoding a file is read in.
   *
   * @param malformed the byte sequences not valid in it, each read as U+FFFD
   */
  public record Decision(Charset charset, Basis basis, long malformed) {
    public Decision {
      requireNonNull(charset, "charset");
      requireNonNull(basis, "basis");
    }

    /** The encoding's name as people know it ({@code Shift_JIS (windows-31j)}). */
    public String label() {
      return ExportEncoding.label(charset);
    }

    /**
     * What the run must say of how {@code file} is read, or empty when it is read as it declares or
     * proves: a file read in an encoding assumed, or holding bytes not valid in its encoding.
     */
    public Optional<String> note(String file) {
      String bad =
          malformed == 0
              ? ""
              : "; "
                  + malformed
                  + " byte sequence(s) in it are not valid "
                  + label()
                  + " and each became the replacement character U+FFFD";
      return switch (basis) {
        case ASSUMED ->
            Optional.of(
                file
                    + " is not UTF-8 and no encoding is declared: read as "
                    + label()
                    + " (what Excel on Windows saves CSV files in), an assumption"
                    + bad
                    + ". If it was written in another encoding, set the option encoding"
                    + " (docs/backup.md)");
        case DECLARED ->
            malformed == 0
                ? Optional.empty()
                : Optional.of(
                    file
                        + " is read as "
                        + label()
                        + ", the declared encoding"
                        + bad
                        + ": check that it is the encoding the file was written in");
        case UTF8 ->
            malformed == 0
                ? Optional.empty()
                : Optional.of(file + " starts with the UTF-8 byte order mark" + bad);
      };
    }
  }

  /** Thrown when a file must not be read before its encoding is declared. */
  public static final class UndeclaredEncodingException extends Exception {
    private static final long serialVersionUID = 1L;

    UndeclaredEncodingException(String message) {
      super(message);
    }
  }

  // familiar names, lower case, of the encodings read as the Windows encoding that extends them
  private static final Map<String, String> WINDOWS_SUPERSETS =
      Map.ofEntries(
          Map.entry("shift_jis", "windows-31j"),
          Map.entry("shift-jis", "windows-31j"),
          Map.entry("sjis", "windows-31j"),
          Map.entry("x-sjis", "windows-31j"),
          Map.entry("ms_kanji", "windows-31j"),
          Map.entry("cp932", "windows-31j"),
          Map.entry("euc-kr", "x-windows-949"),
          Map.entry("euckr", "x-windows-949"),
          Map.entry("cp949", "x-windows-949"),
          Map.entry("uhc", "x-windows-949"),
          Map.entry("ks_c_5601-1987", "x-windows-949"),
          Map.entry("big5", "x-windows-950"),
          Map.entry("cp950", "x-windows-950"),
          Map.entry("gb2312", "GBK"),
          Map.entry("euc-cn", "GBK"));

  /** The double-byte encodings a file not UTF-8 is tried in, under their familiar names. */
  private static final List<String> DOUBLE_BYTE = List.of("Shift_JIS", "EUC-KR", "GBK", "Big5");

  private static final Map<String, String> FAMILIAR =
      Map.of(
          "windows-31j", "Shift_JIS",
          "x-windows-949", "EUC-KR",
          "x-windows-950", "Big5");

  /** Bytes looked through for words to show in a refusal. */
  private static final int SAMPLE_BYTES = 1 << 20;

  private ExportEncoding() {}

  /**
   * The encoding called {@code name}: a name or alias the JVM knows, the familiar names of the
   * double-byte encodings meaning the Windows encodings that extend them.
   *
   * @throws IllegalArgumentException saying what the value must be
   */
  public static Charset named(String name) {
    String trimmed = name.strip();
    String superset = WINDOWS_SUPERSETS.get(trimmed.toLowerCase(Locale.ROOT));
    try {
      return Charset.forName(superset != null ? superset : trimmed);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
      throw new IllegalArgumentException(
          "must name a character encoding, such as UTF-8, windows-1252, ISO-8859-2, Shift_JIS,"
              + " GBK, Big5 or EUC-KR");
    }
  }

  /** {@code charset}'s name, with its familiar one first where that differs. */
  static String label(Charset charset) {
    String familiar = FAMILIAR.get(charset.name());
    return familiar == null ? charset.name() : familiar + " (" + charset.name() + ")";
  }

  /**
   * Decides the encoding of {@code file}, reading it through once when it is UTF-8 (a few times
   * when it is not).
   *
   * @param declared the encoding the source declares, or null
   * @throws UndeclaredEncodingException when no encoding is declared and the file is not UTF-8 but
   *     text in a double-byte encoding: the message names the file, what each such encoding reads
   *     and the option to set
   */
  public static Decision decide(Path file, Charset declared)
      throws IOException, UndeclaredEncodingException {
    boolean bom;
    try (InputStream in = InputFiles.open(file)) {
      byte[] head = in.readNBytes(3);
      bom =
          head.length == 3
              && (head[0] & 0xFF) == 0xEF
              && (head[1] & 0xFF) == 0xBB
              && (head[2] & 0xFF) == 0xBF;
    }
    long notUtf8 = scan(file, StandardCharsets.UTF_8, c -> {});
    if (notUtf8 == 0 || bom) {
      return new Decision(StandardCharsets.UTF_8, Basis.UTF8, notUtf8);
    }
    if (declared != null) {
      return new Decision(declared, Basis.DECLARED, scan(file, declared, c -> {}));
    }
    refuseDoubleByte(file);
    Charset western = TextDecoding.excelCharset(file);
    return new Decision(western, Basis.ASSUMED, scan(file, western, c -> {}));
  }

  /**
   * How the characters of a decoding lie: its wide ones (read from two bytes: at or above U+0100,
   * but half-width katakana, which Shift_JIS reads from one) in words or alone among ASCII.
   */
  private static final class Shape implements IntConsumer {
    long nonAscii;
    long implausible;
    long wide;
    long inWords;
    long inLongWords;
    long han;
    long kana;
    long hangul;
    private int run;

    @Override
    public void accept(int c) {
      boolean isWide = c >= 0x100 && (c < 0xFF61 || c > 0xFF9F);
      if (isWide) {
        wide++;
        run++;
      } else {
        endRun();
      }
      if (c < 0x80) {
        return;
      }
      nonAscii++;
      int type = Character.getType(c);
      if (type == Character.PRIVATE_USE
          || type == Character.UNASSIGNED
          || type == Character.CONTROL
          || type == Character.SURROGATE) {
        implausible++;
      }
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      if (script == Character.UnicodeScript.HAN) {
        han++;
      } else if (script == Character.UnicodeScript.HANGUL) {
        hangul++;
      } else if (c >= 0x3040 && c <= 0x30FF) {
        kana++; // full-width kana: half-width ones are what Chinese bytes read as in Shift_JIS
      }
    }

    private void endRun() {
      if (run >= 2) {
        inWords += run;
      }
      if (run >= 3) {
        inLongWords += run;
      }
      run = 0;
    }

    /**
     * Whether this decoding is text in a double-byte encoding: several wide characters, nearly all
     * assigned, most of them in words of two or more; and either a good part in words of three or
     * more, or bytes that are no windows-1252 text. windows-1252 text read in a double-byte
     * encoding has each accented letter read together with the letter after it, as one wide
     * character among ASCII ones, seldom two in a row ({@code Hélène}) and almost never three.
     */
    boolean looksDoubleByte(Western western) {
      endRun();
      return wide >= 2
          && implausible * 20 <= nonAscii
          && inWords * 10 >= wide * 6
          && (inLongWords * 4 >= wide || !western.plausible());
    }

    /** How well the characters fit the script the encoding is for. */
    double fit(String encoding) {
      double n = Math.max(1, nonAscii);
      return switch (encoding) {
        case "Shift_JIS" -> (han + kana) / n + (kana * 10 >= nonAscii ? 1 : 0);
        case "EUC-KR" -> hangul / n;
        default -> han / n;
      };
    }
  }

  /**
   * How the bytes above ASCII of a file lie as windows-1252 text: letters mostly, alone between
   * ASCII letters ({@code Müller}, {@code Hélène}); where Shift_JIS's first bytes 0x81-0x9F are
   * mostly symbols ({@code “}, {@code ‘}, {@code ‰}) or no character at all, and GBK's and EUC-KR's
   * come in pairs.
   */
  private record Western(long high, long letters, long adjacent, long undefined) {
    private static final boolean[] LETTER = new boolean[128];
    private static final boolean[] UNDEFINED = new boolean[128];

    static {
      for (int b = 0x80; b <= 0xFF; b++) {
        String text = new String(new byte[] {(byte) b}, TextDecoding.WINDOWS_1252);
        LETTER[b - 0x80] = Character.isLetter(text.charAt(0));
        UNDEFINED[b - 0x80] = text.charAt(0) == '\uFFFD';
      }
    }

    static Western of(Path file) throws IOException {
      long high = 0;
      long letters = 0;
      long adjacent = 0;
      long undefined = 0;
      boolean previousHigh = false;
      boolean previousCounted = false;
      try (InputStream in = InputFiles.open(file)) {
        byte[] chunk = new byte[1 << 16];
        for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
          for (int i = 0; i < read; i++) {
            int b = chunk[i] & 0xFF;
            boolean isHigh = b >= 0x80;
            if (isHigh) {
              high++;
              letters += LETTER[b - 0x80] ? 1 : 0;
              undefined += UNDEFINED[b - 0x80] ? 1 : 0;
              if (previousHigh) {
                adjacent += previousCounted ? 1 : 2;
              }
              previousCounted = previousHigh;
            }
            previousHigh = isHigh;
          }
        }
      }
      return new Western(high, letters, adjacent, undefined);
    }

    /** Whether the bytes could be windows-1252 text. */
    boolean plausible() {
      return undefined == 0 && letters * 2 >= high && adjacent * 10 < high * 8;
    }
  }

  private static void refuseDoubleByte(Path file) throws IOException, UndeclaredEncodingException {
    record Candidate(String name, Charset charset, double fit) {}
    Western western = null;
    List<Candidate> readers = new ArrayList<>();
    for (String name : DOUBLE_BYTE) {
      Charset charset = named(name);
      Shape shape = new Shape();
      // most windows-1252 files are not valid in one within their first lines: read no further
      if (scan(file, charset, shape, true) > 0) {
        continue;
      }
      if (western == null) {
        western = Western.of(file);
      }
      if (shape.looksDoubleByte(western)) {
        readers.add(new Candidate(name, charset, shape.fit(name)));
      }
    }
    if (readers.isEmpty()) {
      return;
    }
    // stable: equal fits keep the order of DOUBLE_BYTE
    readers.sort(Comparator.comparingDouble(Candidate::fit).reversed());
    List<byte[]> words = sampleWords(file);
    StringBuilder message =
        new StringBuilder("Cannot read ")
            .append(file)
            .append(
                ": it is not UTF-8 and no encoding is declared, and it is not windows-1252 text"
                    + " either (what such a file is otherwise read as): its bytes are text in a"
                    + " double-byte encoding. ");
    for (int i = 0; i < readers.size(); i++) {
      Candidate candidate = readers.get(i);
      message
          .append(i == 0 ? "As " : "; as ")
          .append(candidate.name())
          .append(" it reads ")
          .append(rendered(words, candidate.charset()));
    }
    message
        .append("; as windows-1252 it would read ")
        .append(rendered(words, TextDecoding.WINDOWS_1252))
        .append(". Set the option encoding: ")
        .append(readers.get(0).name())
        .append(" (in the run config, options: {encoding: ")
        .append(readers.get(0).name())
        .append("}; salvage backup inspect takes --option encoding=")
        .append(readers.get(0).name())
        .append("; docs/backup.md)")
        .append(readers.size() > 1 ? ", or the one above whose words read right" : "");
    throw new UndeclaredEncodingException(message.toString());
  }

  /**
   * Up to three different words of the file's start that hold bytes above ASCII: runs of bytes of
   * at least 0x40 (no double-byte encoding here has a second byte below it, so no run cuts a
   * character in two), each rendered in every encoding to compare.
   */
  private static List<byte[]> sampleWords(Path file) throws IOException {
    byte[] head;
    try (InputStream in = InputFiles.open(file)) {
      head = in.readNBytes(SAMPLE_BYTES);
    }
    Set<String> seen = new LinkedHashSet<>();
    List<byte[]> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= head.length && words.size() < 3; i++) {
      if (i == head.length || (head[i] & 0xFF) < 0x40) {
        int high = 0;
        for (int j = start; j < i; j++) {
          high += (head[j] & 0xFF) >= 0x80 ? 1 : 0;
        }
        if (high >= 2 && i - start <= 40) {
          byte[] word = java.util.Arrays.copyOfRange(head, start, i);
          if (seen.add(new String(word, StandardCharsets.ISO_8859_1))) {
            words.add(word);
          }
        }
        start = i + 1;
      }
    }
    return words;
  }

  private static String rendered(List<byte[]> words, Charset charset) {
    List<String> texts = new ArrayList<>();
    for (byte[] word : words) {
      texts.add("'" + new String(word, charset) + "'");
    }
    return String.join(", ", texts);
  }

  /**
   * Decodes the whole file in {@code charset}, giving every character to {@code chars}, and counts
   * the byte sequences not valid in it (each skipped).
   */
  private static long scan(Path file, Charset charset, IntConsumer chars) throws IOException {
    return scan(file, charset, chars, false);
  }

  /**
   * As {@link #scan(Path, Charset, IntConsumer)}, stopping at the first byte sequence not valid.
   */
  private static long scan(Path file, Charset charset, IntConsumer chars, boolean firstOnly)
      throws IOException {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    long bad = 0;
    try (InputStream stream = InputFiles.open(file)) {
      boolean end = false;
      while (true) {
        int read = stream.read(in.array(), in.position(), in.remaining());
        if (read < 0) {
          end = true;
        } else {
          in.position(in.position() + read);
        }
        in.flip();
        while (true) {
          CoderResult result = decoder.decode(in, out, end);
          drain(out, chars);
          if (result.isError()) {
            bad++;
            if (firstOnly) {
              return bad;
            }
            in.position(in.position() + result.length());
          } else if (!result.isOverflow()) {
            break;
          }
        }
        in.compact();
        if (end) {
          decoder.flush(out);
          drain(out, chars);
          return bad;
        }
      }
    }
  }

  private static void drain(CharBuffer out, IntConsumer chars) {
    out.flip();
    while (out.hasRemaining()) {
      chars.accept(out.get());
    }
    out.clear();
  }
}
