package dev.salvage.connectors.io;

import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns bytes of uncertain encoding into text without ever failing: the declared charset when the
 * bytes are valid in it, else UTF-8 when they are valid UTF-8, else windows-1252 (what writers that
 * say nothing mostly mean: its bytes 0x80-0x9F are € ‚ „ … where ISO-8859-1 has invisible control
 * characters; browsers read ISO-8859-1 labels so too), else ISO-8859-1 (which accepts any byte).
 */
public final class TextDecoding {
  private static final Logger LOG = LoggerFactory.getLogger(TextDecoding.class);
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  public static final Charset WINDOWS_1250 = Charset.forName("windows-1250");
  public static final Charset WINDOWS_1254 = Charset.forName("windows-1254");
  public static final Charset WINDOWS_1256 = Charset.forName("windows-1256");
  public static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
  public static final Charset ISO_8859_2 = Charset.forName("ISO-8859-2");
  public static final Charset WINDOWS_1253 = Charset.forName("windows-1253");
  public static final Charset ISO_8859_7 = Charset.forName("ISO-8859-7");

  private TextDecoding() {}

  /** Text read from bytes, and the charset that read them. */
  public record Decoded(String text, Charset charset) {
    public Decoded {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(charset, "charset");
    }
  }

  /**
   * Decodes {@code bytes}, trying {@code declared} (may be null), then UTF-8, then windows-1252,
   * then ISO-8859-1.
   */
  public static String decode(byte[] bytes, int offset, int length, Charset declared) {
    return decodeNamingCharset(bytes, offset, length, declared).text();
  }

  /**
   * As {@link #decode(byte[], int, int, Charset)}, saying which charset read the bytes: a caller
   * that must say when the declared one was not it (a mail part that declares us-ascii and holds
   * UTF-8) compares it with the declared one.
   */
  public static Decoded decodeNamingCharset(
      byte[] bytes, int offset, int length, Charset declared) {
    // fast path: a lenient decode that needed no replacement character is what strict gives
    Charset first = declared == null ? StandardCharsets.UTF_8 : declared;
    String lenient = new String(bytes, offset, length, first);
    if (lenient.indexOf('\uFFFD') < 0) {
      return new Decoded(lenient, first);
    }
    if (declared != null) {
      Optional<String> text = strictly(bytes, offset, length, declared);
      if (text.isPresent()) {
        return new Decoded(text.get(), declared);
      }
    }
    return strictly(bytes, offset, length, StandardCharsets.UTF_8)
        .map(text -> new Decoded(text, StandardCharsets.UTF_8))
        .or(
            () ->
                strictly(bytes, offset, length, WINDOWS_1252)
                    .map(text -> new Decoded(text, WINDOWS_1252)))
        .orElseGet(
            () ->
                new Decoded(
                    new String(bytes, offset, length, StandardCharsets.ISO_8859_1),
                    StandardCharsets.ISO_8859_1));
  }

  /**
   * Decodes bytes that declare no charset (or one unknown here): as {@link #decodeGuessing} does
   * with nothing declared.
   */
  public static Decoded decodeUndeclared(byte[] bytes, int offset, int length) {
    return decodeGuessing(bytes, offset, length, null);
  }

  /**
   * Decodes bytes in {@code declared} (may be null) when they are valid in it, else as UTF-8 when
   * they are valid UTF-8, else in the single-byte charset their letters point to ({@link
   * #undeclaredSingleByte}), else as {@link #decodeNamingCharset} falls back; saying which charset
   * read them. A reading holding C1 control characters (U+0080 to U+009F) is a wrong guess: no
   * person types them, and ISO-8859-1 or ISO-8859-2 give them for the bytes that windows-125x read
   * as letters (Czech ž, 0x9E in windows-1250, was U+009E in a name). When every charset refuses a
   * byte, the guessed one reads the bytes, each it cannot read as U+FFFD.
   */
  public static Decoded decodeGuessing(byte[] bytes, int offset, int length, Charset declared) {
    Decoded decoded = decodeNamingCharset(bytes, offset, length, declared);
    if (decoded.charset().equals(StandardCharsets.UTF_8)
        || (declared != null && decoded.charset().equals(declared))) {
      return decoded;
    }
    Charset singleByte = undeclaredSingleByte(bytes, offset, length);
    if (!singleByte.equals(decoded.charset())) {
      Optional<String> guessed =
          strictly(bytes, offset, length, singleByte).filter(text -> !hasC1Controls(text));
      if (guessed.isPresent()) {
        return new Decoded(guessed.get(), singleByte);
      }
    }
    if (!hasC1Controls(decoded.text())) {
      return decoded;
    }
    return new Decoded(new String(bytes, offset, length, singleByte), singleByte);
  }

  /** Whether {@code text} holds a C1 control character (U+0080 to U+009F). */
  public static boolean hasC1Controls(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && c <= 0x9F) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code text} holds a character its writer's charset could not write: U+FFFD, or a
   * {@code ?} inside a word ({@code Brouwer-?zerman}, where Excel saved {@code Ĳ} in windows-1252):
   * a letter follows it, and a letter comes before it or it starts the word. A {@code ?} ending a
   * word, after a digit or a bracket, or in a word holding a URL or a query ({@code /}, {@code =},
   * {@code &}) is punctuation and is not counted. This is the rule for a name-like value; for free
   * text see {@link #hasLostCharactersInProse(String)}.
   */
  public static boolean hasLostCharacters(String text) {
    return !lostCharacterRuns(text).isEmpty();
  }

  /**
   * {@link #hasLostCharacters(String)} for free text: only U+FFFD. A person writing prose puts a
   * {@code ?} before a letter ({@code Why?Because}), so there only the replacement character is
   * certain to be a lost one.
   */
  public static boolean hasLostCharactersInProse(String text) {
    return text.indexOf('\uFFFD') >= 0;
  }

  /**
   * Whether {@code whole} is {@code damaged} with a letter in each place {@code damaged} lost one
   * ({@link #hasLostCharacters}) and otherwise the same: a run of k lost characters stands for one
   * to k letters, since a charset may write one {@code ?} per byte of the letter it lacks.
   */
  public static boolean restores(String whole, String damaged) {
    List<int[]> runs = lostCharacterRuns(damaged);
    if (runs.isEmpty() || hasLostCharacters(whole)) {
      return false;
    }
    StringBuilder regex = new StringBuilder();
    int at = 0;
    for (int[] run : runs) {
      regex.append(Pattern.quote(damaged.substring(at, run[0])));
      regex.append("[\\p{L}\\p{M}]{1,").append(run[1] - run[0]).append('}');
      at = run[1];
    }
    regex.append(Pattern.quote(damaged.substring(at)));
    return Pattern.compile(regex.toString()).matcher(whole).matches();
  }

  /** The [start, end) of each run of lost characters in {@code text}, in order. */
  private static List<int[]> lostCharacterRuns(String text) {
    List<int[]> runs = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int end = i;
      while (end < text.length() && lostAt(text, end)) {
        end++;
      }
      if (end > i) {
        runs.add(new int[] {i, end});
        i = end;
      } else {
        i++;
      }
    }
    return runs;
  }

  private static boolean lostAt(String text, int i) {
    char c = text.charAt(i);
    if (c == '\uFFFD') {
      return true;
    }
    if (c != '?') {
      return false;
    }
    int next = i + 1;
    while (next < text.length() && text.charAt(next) == '?') {
      next++;
    }
    if (next >= text.length() || !Character.isLetter(text.codePointAt(next))) {
      return false;
    }
    int before = i;
    while (before > 0 && text.charAt(before - 1) == '?') {
      before--;
    }
    boolean insideWord =
        before == 0
            || Character.isLetter(text.codePointBefore(before))
            || Character.isWhitespace(text.charAt(before - 1))
            || text.charAt(before - 1) == '-'
            || text.charAt(before - 1) == '\''
            || text.charAt(before - 1) == '\uFFFD';
    return insideWord && !inUrlOrQuery(text, i);
  }

  /**
   * Whether the word (between white space) around {@code i} is a URL or a query ({@code
   * book?ref=AB12}): its {@code ?} starts the query, as written, and no letter was lost there.
   */
  private static boolean inUrlOrQuery(String text, int i) {
    int start = i;
    while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
      start--;
    }
    int end = i;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    for (int at = start; at < end; at++) {
      char c = text.charAt(at);
      if (c == '/' || c == '=' || c == '&') {
        return true;
      }
    }
    return false;
  }

  /**
   * What {@code bytes}, valid in {@code declared}, a single-byte charset, give read in it when they
   * are also valid UTF-8 holding a letter beyond ASCII: the first multi-byte sequence so read
   * ({@code Ă©} for {@code é} under windows-1250). Empty otherwise. Text really written in a
   * single-byte charset is valid UTF-8 only when each of its accented letters is followed by one or
   * two bytes of 0x80 to 0xBF, which no language writes in every word; a UTF-8 body under such a
   * label read as declared was mojibake ({@code EliĹˇka}) without a note, and no rule's label with
   * a diacritic matched it.
   */
  public static Optional<String> utf8UnderSingleByte(byte[] bytes, Charset declared) {
    if (declared.equals(StandardCharsets.US_ASCII)
        || !declared.canEncode()
        || declared.newEncoder().maxBytesPerChar() != 1.0f) {
      return Optional.empty();
    }
    int first = 0;
    while (first < bytes.length && bytes[first] >= 0) {
      first++;
    }
    if (first == bytes.length) {
      return Optional.empty();
    }
    Optional<String> utf8 = strictly(bytes, 0, bytes.length, StandardCharsets.UTF_8);
    if (utf8.isEmpty() || utf8.get().chars().noneMatch(c -> c >= 0x80 && Character.isLetter(c))) {
      return Optional.empty();
    }
    int lead = bytes[first] & 0xff;
    int sequence = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    return Optional.of(new String(bytes, first, sequence, declared));
  }

  /**
   * windows-1256 (Arabic), windows-1251 (Cyrillic), ISO-8859-7 or windows-1253 (Greek),
   * windows-1250 or ISO-8859-2 (Central European: Polish, Czech, Hungarian...), windows-1254
   * (Turkish) or windows-1252 (Western) for 8-bit text with no charset declared, by its letters.
   * Arabic, Cyrillic or Greek when the text read in that charset is words of that script ({@link
   * #writtenIn}). A Central European charset is taken when it reads the text with fewer symbols
   * inside words than windows-1252 does (an outside trial's Polish Outlook mails read {@code
   * Brzêczyszczykiewicz} and {@code œroda}, and a rule's date was quarantined for a reason that
   * never named the charset). Between Turkish and Western: The two differ in six bytes only, which
   * windows-1254 reads as ğ ı ş Ğ İ Ş and windows-1252 as ð ý þ Ð Ý Þ: letters Turkish writes in
   * nearly every sentence and the Western languages do not, but for Icelandic (and ý in Czech),
   * which also write á é í ó ú æ, letters Turkish does not write. So the text is Turkish when it
   * holds more of the six than of those. French, German, Spanish or Italian text holds none of the
   * six and is read as windows-1252, as before; read so, Turkish gave "Deniz Kýzý" for "Deniz Kızı"
   * with only a note.
   */
  public static Charset undeclaredSingleByte(byte[] bytes, int offset, int length) {
    // Arabic first, then Cyrillic: their 8-bit bytes are whole words, which the Latin charsets
    // read as runs of accented letters and symbols (an Arabic mail read as windows-1250 was
    // mojibake, and ignored)
    if (writtenIn(
        new String(bytes, offset, length, WINDOWS_1256), Character.UnicodeScript.ARABIC)) {
      return WINDOWS_1256;
    }
    if (writtenIn(
        new String(bytes, offset, length, WINDOWS_1251), Character.UnicodeScript.CYRILLIC)) {
      return WINDOWS_1251;
    }
    // Greek after Cyrillic: Cyrillic read as Greek gives lower-case Greek words, Greek read as
    // Cyrillic puts the capitals of its accented vowels (ά έ ή ί) inside words. ISO-8859-7 and
    // windows-1253 differ in a few bytes (Ά, and the quotes and dashes windows-1253 has at
    // 0x80-0x9F where ISO-8859-7 has control characters): the one reading fewer of them as symbols
    // beside letters, ties ISO-8859-7
    Charset greek = null;
    int greekSymbols = Integer.MAX_VALUE;
    for (Charset candidate : List.of(ISO_8859_7, WINDOWS_1253)) {
      String read = new String(bytes, offset, length, candidate);
      int symbols = symbolsBesideLetters(read);
      if (symbols < greekSymbols && writtenIn(read, Character.UnicodeScript.GREEK)) {
        greek = candidate;
        greekSymbols = symbols;
      }
    }
    if (greek != null) {
      return greek;
    }
    // Central European: Polish, Czech or Hungarian read as windows-1252 puts symbols in
    // words (¹ ³ £ for ą ł Ł), which Western text read as windows-1250 or ISO-8859-2 does not
    // (its é ü ä stay, è à ñ become other letters); ties stay windows-1252
    int fewest = symbolsBesideLetters(new String(bytes, offset, length, WINDOWS_1252));
    Charset central = null;
    boolean centralInOneAlphabet = false;
    for (Charset candidate : List.of(WINDOWS_1250, ISO_8859_2)) {
      String read = new String(bytes, offset, length, candidate);
      int symbols = symbolsBesideLetters(read);
      // the two read most letters alike: where both read the text as letters (ž, 0xBE in
      // ISO-8859-2, is ľ in windows-1250), the one reading a language's alphabet wins
      boolean inOneAlphabet = inOneAlphabet(read, CENTRAL_ALPHABETS);
      if (symbols < fewest
          || (central != null && symbols == fewest && inOneAlphabet && !centralInOneAlphabet)) {
        fewest = symbols;
        central = candidate;
        centralInOneAlphabet = inOneAlphabet;
      }
    }
    if (central != null) {
      return central;
    }
    // Czech or Slovak without the few letters windows-1252 lacks (ť, ů as ù is a letter) reads as
    // windows-1252 letters too: ř as ø, č as è, ě as ì. But no Western language writes ø beside
    // á or ì beside ý, where Czech writes ř beside á: the letters are weighed against the
    // alphabets of the languages each charset is written in, the text's whole, then word by word
    // (a German mail naming a Czech customer is two languages, each word of one)
    String westernRead = new String(bytes, offset, length, WINDOWS_1252);
    if (!inOneAlphabet(westernRead, WESTERN_ALPHABETS)) {
      for (Charset candidate : List.of(WINDOWS_1250, ISO_8859_2)) {
        if (inOneAlphabet(new String(bytes, offset, length, candidate), CENTRAL_ALPHABETS)) {
          return candidate;
        }
      }
    }
    int misfits = wordsInNoAlphabet(westernRead, WESTERN_ALPHABETS);
    Charset fewerMisfits = null;
    for (Charset candidate : List.of(WINDOWS_1250, ISO_8859_2)) {
      int candidateMisfits =
          wordsInNoAlphabet(new String(bytes, offset, length, candidate), CENTRAL_ALPHABETS);
      if (candidateMisfits < misfits) {
        misfits = candidateMisfits;
        fewerMisfits = candidate;
      }
    }
    if (fewerMisfits != null) {
      return fewerMisfits;
    }
    int turkish = 0;
    int western = 0;
    for (int i = offset; i < offset + length; i++) {
      switch (bytes[i] & 0xff) {
        case 0xD0, 0xDD, 0xDE, 0xF0, 0xFD, 0xFE -> turkish++;
        case 0xC1, 0xC6, 0xC9, 0xCD, 0xD3, 0xDA, 0xE1, 0xE6, 0xE9, 0xED, 0xF3, 0xFA -> western++;
        default -> {}
      }
    }
    // a text windows-1254 cannot read (Czech ž, 0x9E, beside ý) is no Turkish
    return turkish > western && strictly(bytes, offset, length, WINDOWS_1254).isPresent()
        ? WINDOWS_1254
        : WINDOWS_1252;
  }

  /**
   * The letters beyond ASCII (lower case) of the languages written in windows-1252: French, German,
   * Spanish, Portuguese, Italian, Catalan, Dutch, Danish, Norwegian, Swedish, Finnish, Icelandic,
   * Irish. Faroese, which writes ø beside á í ú ý, is left out: with it no Czech ř beside a long
   * vowel would be told from it, and a Faroese word holding ø and those letters but no ð or æ reads
   * as Czech.
   */
  private static final List<String> WESTERN_ALPHABETS =
      List.of(
          "àâæçéèêëîïôœùûüÿ",
          "äöüß",
          "áéíñóúü",
          "áâãàçéêíóôõúü",
          "àèéìíîòóùú",
          "àçèéíïòóúü",
          "áàâäéèêëíîïóôöúûüç",
          "æøåé",
          "æøåéèêóòô",
          "åäöé",
          "åäöšž",
          "áðéíóúýþæö",
          "áéíóú");

  /**
   * The letters beyond ASCII (lower case) of the languages written in windows-1250 and ISO-8859-2:
   * Czech, Slovak, Polish, Hungarian, Slovene, Croatian, Romanian, German, Albanian.
   */
  private static final List<String> CENTRAL_ALPHABETS =
      List.of(
          "áčďéěíňóřšťúůýž",
          "áäčďéíĺľňóôŕšťúýž",
          "ąćęłńóśźż",
          "áéíóöőúüű",
          "čšž",
          "čćđšž",
          "ăâîșțşţ",
          "äöüß",
          "çë");

  /**
   * Whether every letter beyond ASCII of {@code text} is in one of {@code alphabets}: the text
   * could be written in that one language. A text without such letters is.
   */
  private static boolean inOneAlphabet(String text, List<String> alphabets) {
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toLowerCase(text.charAt(i));
      if (c >= 0x80 && Character.isLetter(c) && letters.indexOf(String.valueOf(c)) < 0) {
        letters.append(c);
      }
    }
    return alphabets.stream()
        .anyMatch(alphabet -> letters.chars().allMatch(c -> alphabet.indexOf(c) >= 0));
  }

  /**
   * How many words (runs of letters) of {@code text} hold letters beyond ASCII that are in none of
   * {@code alphabets} together: words no one of those languages writes.
   */
  private static int wordsInNoAlphabet(String text, List<String> alphabets) {
    int count = 0;
    int i = 0;
    while (i < text.length()) {
      if (!Character.isLetter(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && Character.isLetter(text.charAt(i))) {
        i++;
      }
      if (!inOneAlphabet(text.substring(start, i), alphabets)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Reads {@code bytes} as UTF-8 when they are valid UTF-8, else in {@code otherwise}, a byte
   * sequence not valid in it becoming U+FFFD: the lines of a file whose encoding was decided as a
   * whole ({@link ExportEncoding}), some of which another writer may have appended in UTF-8.
   */
  public static String decodeUtf8Else(byte[] bytes, int offset, int length, Charset otherwise) {
    String utf8 = new String(bytes, offset, length, StandardCharsets.UTF_8);
    if (otherwise.equals(StandardCharsets.UTF_8) || utf8.indexOf('\uFFFD') < 0) {
      return utf8;
    }
    return strictly(bytes, offset, length, StandardCharsets.UTF_8)
        .orElseGet(() -> new String(bytes, offset, length, otherwise));
  }

  public static String decode(byte[] bytes, Charset declared) {
    return decode(bytes, 0, bytes.length, declared);
  }

  /**
   * UTF-8 text with a few bytes that are not UTF-8 (a cut copy-paste, a stray byte), each replaced
   * by U+FFFD: when its valid characters beyond ASCII outnumber its malformed sequences. Empty when
   * the bytes are valid UTF-8, or look like another encoding: windows-1252 accents are single
   * bytes, malformed as UTF-8, and reading such a line as UTF-8 would lose all of them. Reading a
   * mostly-UTF-8 line whole as windows-1252 instead garbles every one of its valid accents.
   */
  public static Optional<String> utf8WithFewBadBytes(byte[] bytes, int offset, int length) {
    String lenient = new String(bytes, offset, length, StandardCharsets.UTF_8);
    if (lenient.indexOf('\uFFFD') < 0
        || strictly(bytes, offset, length, StandardCharsets.UTF_8).isPresent()) {
      return Optional.empty();
    }
    int malformed = 0;
    int valid = 0;
    for (int i = 0; i < lenient.length(); i++) {
      char c = lenient.charAt(i);
      if (c == '\uFFFD') {
        malformed++;
      } else if (c >= 0x80 && !Character.isLowSurrogate(c)) {
        valid++;
      }
    }
    return valid > malformed ? Optional.of(lenient) : Optional.empty();
  }

  /** Text read in a charset with the bytes it could not read replaced by U+FFFD, and how many. */
  public record Replaced(String text, int bytes) {
    public Replaced {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * How many characters beyond ASCII a text read in a CJK charset must hold for each byte it could
   * not read, for it to be read so rather than fall back: a stray byte in a Japanese mail (a
   * character cut by a mailer) is one unreadable character, where a part in another charset
   * altogether fails on most of its characters.
   */
  public static final int READ_PER_BAD_BYTE = 10;

  /**
   * The charsets ({@link #mailCharset}'s) whose text holds few bad bytes among many good ones:
   * Japanese, Chinese and Korean multi-byte charsets, which no single-byte fallback reads.
   */
  private static final Set<String> CJK_MULTI_BYTE =
      Set.of(
          "Shift_JIS",
          "windows-31j",
          "EUC-JP",
          "x-eucJP-Open",
          "ISO-2022-JP",
          "x-windows-50221",
          "ISO-2022-JP-2",
          "EUC-KR",
          "x-windows-949",
          "ISO-2022-KR",
          "GB2312",
          "GBK",
          "GB18030",
          "ISO-2022-CN",
          "Big5",
          "x-windows-950",
          "Big5-HKSCS");

  /**
   * {@code bytes} read in {@code charset}, a Japanese, Chinese or Korean multi-byte charset, each
   * byte it cannot read replaced by U+FFFD: when they hold at least {@link #READ_PER_BAD_BYTE}
   * characters beyond ASCII for each such byte. Empty for another charset, or more bad bytes.
   */
  public static Optional<Replaced> withFewBadBytes(byte[] bytes, Charset charset) {
    if (!CJK_MULTI_BYTE.contains(charset.name())) {
      return Optional.empty();
    }
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 16);
    int bad = 0;
    for (CoderResult result = decoder.decode(in, out, true);
        !result.isUnderflow();
        result = decoder.decode(in, out, true)) {
      if (result.isOverflow()) {
        out = grown(out);
      } else {
        // one replacement per unreadable sequence, its bytes counted
        bad += result.length();
        in.position(in.position() + result.length());
        if (!out.hasRemaining()) {
          out = grown(out);
        }
        out.put('\uFFFD');
      }
    }
    while (decoder.flush(out).isOverflow()) {
      out = grown(out);
    }
    out.flip();
    String text = out.toString();
    int read = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && c != '\uFFFD' && !Character.isLowSurrogate(c)) {
        read++;
      }
    }
    return bad > 0 && read >= READ_PER_BAD_BYTE * bad
        ? Optional.of(new Replaced(text, bad))
        : Optional.empty();
  }

  private static CharBuffer grown(CharBuffer out) {
    out.flip();
    return CharBuffer.allocate(out.capacity() * 2 + 16).put(out);
  }

  /**
   * What Excel on Windows saves CSV files in, windows-1250 or windows-1252, whichever reads {@code
   * file} with fewer symbols inside words (ties go to windows-1252).
   */
  static Charset excelCharset(Path file) throws IOException {
    // both are one byte a character: the file is read once, in chunks, for both
    long central = 0;
    long western = 0;
    try (InputStream in = InputFiles.open(file)) {
      byte[] chunk = new byte[1 << 16];
      for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
        central += symbolsInsideWords(new String(chunk, 0, read, WINDOWS_1250));
        western += symbolsInsideWords(new String(chunk, 0, read, WINDOWS_1252));
      }
    }
    return central < western ? WINDOWS_1250 : WINDOWS_1252;
  }

  /**
   * Whether {@code text}, 8-bit bytes read in a single-byte charset, is written in {@code script}:
   * at least four fifths of its characters above ASCII (and at least eight) are letters of words
   * written in that script alone, each cased as words are ({@code Москва}, {@code МОСКВА}, not
   * {@code МоСКва}). Latin text read in the Arabic or Cyrillic charset gives words that mix the
   * scripts ({@code Brzкczyszczykiewicz}); Arabic read in the Cyrillic one, words of mixed case;
   * Cyrillic read in the Arabic one, words mixing Arabic and accented Latin letters.
   */
  static boolean writtenIn(String text, Character.UnicodeScript script) {
    int high = 0;
    int inWords = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (!Character.isLetter(c)) {
        high += c >= 0x80 ? 1 : 0;
        i++;
        continue;
      }
      int start = i;
      while (i < text.length()
          && (Character.isLetter(text.charAt(i))
              || Character.getType(text.charAt(i)) == Character.NON_SPACING_MARK)) {
        i++;
      }
      String word = text.substring(start, i);
      int above = (int) word.chars().filter(ch -> ch >= 0x80).count();
      high += above;
      boolean inScript =
          word.chars()
              .allMatch(
                  ch ->
                      Character.getType(ch) == Character.NON_SPACING_MARK
                          || Character.UnicodeScript.of(ch) == script
                          // the tatweel ـ stretching Arabic words is of no script
                          || Character.UnicodeScript.of(ch) == Character.UnicodeScript.COMMON);
      if (inScript && casedAsAWord(word)) {
        inWords += above;
      }
    }
    return high >= 8 && inWords * 5 >= high * 4;
  }

  /** Lower case, upper case, or one capital then lower case; any word of a script without case. */
  private static boolean casedAsAWord(String word) {
    String rest = word.substring(1);
    return rest.equals(rest.toLowerCase(Locale.ROOT)) || word.equals(word.toUpperCase(Locale.ROOT));
  }

  /**
   * The characters above ASCII that are no letters but touch one: {@code ¶roda} for ISO-8859-2's
   * {@code środa} read as windows-1250, where a symbol starting the word is beside a letter only
   * after it.
   */
  private static int symbolsBesideLetters(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80
          && !Character.isLetter(c)
          && ((i > 0 && Character.isLetter(text.charAt(i - 1)))
              || (i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))))) {
        count++;
      }
    }
    return count;
  }

  private static int symbolsInsideWords(String text) {
    int count = 0;
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && !Character.isLetter(c) && Character.isLetter(text.charAt(i - 1))) {
        count++;
      }
    }
    return count;
  }

  // What mail clients and browsers (the WHATWG Encoding Standard) decode these charsets as, by the
  // JVM's name for them. Outlook writes windows-1254's “ ” ş under an ISO-8859-9 label and
  // windows-1252's € “ ” under ISO-8859-1, which read as invisible C1 controls; Outlook and
  // Japanese mobile mailers write ①, 髙 or ㈱ under a Shift_JIS or ISO-2022-JP label, which Java's
  // strict charsets refuse, and the whole part then fell back to another charset's mojibake.
  private static final Map<String, String> MAIL_SUPERSETS =
      Map.ofEntries(
          Map.entry("ISO-8859-1", "windows-1252"),
          Map.entry("ISO-8859-9", "windows-1254"),
          Map.entry("x-iso-8859-11", "x-windows-874"),
          Map.entry("TIS-620", "x-windows-874"),
          Map.entry("Shift_JIS", "windows-31j"),
          Map.entry("ISO-2022-JP", "x-windows-50221"),
          // the Solaris EUC-JP: JIS X 0208 and 0212 plus NEC row 13 (①, ㈱) and the NEC-selected
          // IBM kanji that Windows-made EUC-JP mail holds
          Map.entry("EUC-JP", "x-eucJP-Open"),
          Map.entry("EUC-KR", "x-windows-949"),
          Map.entry("Big5", "x-windows-950"),
          Map.entry("GB2312", "GBK"));

  // WHATWG labels the JVM does not know (or, for gb2312, that Jakarta Mail maps to GB18030), as
  // the charset WHATWG reads them in; the JVM's own names and aliases go through MAIL_SUPERSETS
  private static final Map<String, String> WHATWG_LABELS =
      Map.ofEntries(
          Map.entry("x-cp1250", "windows-1250"),
          Map.entry("x-cp1251", "windows-1251"),
          Map.entry("x-cp1252", "windows-1252"),
          Map.entry("x-cp1253", "windows-1253"),
          Map.entry("x-cp1254", "windows-1254"),
          Map.entry("x-cp1255", "windows-1255"),
          Map.entry("x-cp1256", "windows-1256"),
          Map.entry("x-cp1257", "windows-1257"),
          Map.entry("x-cp1258", "windows-1258"),
          Map.entry("dos-874", "x-windows-874"),
          Map.entry("iso8859-11", "x-windows-874"),
          Map.entry("iso885911", "x-windows-874"),
          Map.entry("iso88599", "windows-1254"),
          Map.entry("iso88591", "windows-1252"),
          Map.entry("csiso88596e", "ISO-8859-6"),
          Map.entry("csiso88596i", "ISO-8859-6"),
          Map.entry("iso-8859-6-e", "ISO-8859-6"),
          Map.entry("iso-8859-6-i", "ISO-8859-6"),
          Map.entry("csiso88598e", "ISO-8859-8"),
          Map.entry("csiso88598i", "ISO-8859-8"),
          Map.entry("iso-8859-8-e", "ISO-8859-8"),
          Map.entry("iso-8859-8-i", "ISO-8859-8"),
          Map.entry("logical", "ISO-8859-8"),
          Map.entry("visual", "ISO-8859-8"),
          Map.entry("koi", "KOI8-R"),
          Map.entry("koi8", "KOI8-R"),
          Map.entry("koi8_r", "KOI8-R"),
          Map.entry("koi8-ru", "KOI8-U"),
          Map.entry("csmacintosh", "x-MacRoman"),
          Map.entry("mac", "x-MacRoman"),
          Map.entry("macintosh", "x-MacRoman"),
          Map.entry("x-mac-roman", "x-MacRoman"),
          Map.entry("x-mac-cyrillic", "x-MacCyrillic"),
          Map.entry("x-mac-ukrainian", "x-MacCyrillic"),
          Map.entry("chinese", "GBK"),
          Map.entry("csgb2312", "GBK"),
          Map.entry("csiso58gb231280", "GBK"),
          Map.entry("gb2312", "GBK"),
          Map.entry("gb_2312", "GBK"),
          Map.entry("gb_2312-80", "GBK"),
          Map.entry("iso-ir-58", "GBK"),
          Map.entry("x-gbk", "GBK"),
          Map.entry("cn-big5", "x-windows-950"),
          Map.entry("x-x-big5", "x-windows-950"),
          Map.entry("csksc56011987", "x-windows-949"),
          Map.entry("iso-ir-149", "x-windows-949"),
          Map.entry("korean", "x-windows-949"),
          Map.entry("ks_c_5601-1989", "x-windows-949"),
          Map.entry("unicode11utf8", "UTF-8"),
          Map.entry("unicode20utf8", "UTF-8"),
          Map.entry("x-unicode20utf8", "UTF-8"));

  /**
   * The charset a mail part or encoded word labelled {@code label} is decoded in, as the WHATWG
   * Encoding Standard (and so mail clients) reads the label: ISO-8859-1 as windows-1252, ISO-8859-9
   * as windows-1254, ISO-8859-11 and TIS-620 as windows-874, the Japanese, Korean and Chinese
   * charsets as their Windows supersets; each reads every byte the label's charset reads the same
   * way and the others as the sender's client wrote them. US-ASCII stays strict, so that 8-bit
   * bytes under it fall back to UTF-8 as {@link #decodeNamingCharset} does. Null when the label
   * names no charset known here.
   */
  public static Charset mailCharset(String label) {
    if (label == null || label.isBlank()) {
      return null;
    }
    String name = label.strip().replace("\"", "");
    if (Utf7.LABELS.contains(name.toLowerCase(Locale.ROOT))) {
      return Utf7.INSTANCE; // the JVM has no UTF-7: read as ASCII, its "+AOM-" stayed as written
    }
    String whatwg = WHATWG_LABELS.get(name.toLowerCase(Locale.ROOT));
    if (whatwg != null) {
      return charset(whatwg).orElse(null);
    }
    // Jakarta Mail maps us-ascii to ISO-8859-1, which accepts any byte: a part that declares
    // us-ascii and holds UTF-8 read "Brontë" as "BrontÃ«" without a word
    Optional<Charset> named = charset(name);
    if (named.filter(StandardCharsets.US_ASCII::equals).isPresent()
        || name.equalsIgnoreCase("x-us-ascii")) {
      return StandardCharsets.US_ASCII;
    }
    Charset declared = charset(MimeUtility.javaCharset(name)).orElse(null);
    if (declared == null) {
      return null;
    }
    String superset = MAIL_SUPERSETS.get(declared.name());
    return superset == null ? declared : charset(superset).orElse(declared);
  }

  /** The charset called {@code name}, if the JVM knows it. */
  public static Optional<Charset> charset(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Charset.forName(name.trim().replace("\"", "")));
    } catch (IllegalArgumentException unknownOrIllegal) {
      return Optional.empty();
    }
  }

  /**
   * Re-reads text whose characters are really raw bytes (as when a header was read as ISO-8859-1):
   * 8-bit sequences that form valid UTF-8 become the characters they encode, anything else is left
   * as ISO-8859-1.
   */
  public static String repairEightBit(String latin1) {
    boolean eightBit = false;
    for (int i = 0; i < latin1.length(); i++) {
      char c = latin1.charAt(i);
      if (c > 0xff) {
        return latin1;
      }
      eightBit |= c >= 0x80;
    }
    if (!eightBit) {
      return latin1;
    }
    byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
    return strictly(bytes, 0, bytes.length, StandardCharsets.UTF_8).orElse(latin1);
  }

  private static Optional<String> strictly(byte[] bytes, int offset, int length, Charset charset) {
    try {
      return Optional.of(
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, offset, length))
              .toString());
    } catch (CharacterCodingException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
