package dev.salvage.connectors.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * What the writer of a mail wrote, without the older mail a reply or forward quotes below it. A
 * reply's {@code Fee: 12,500} is above the quoted {@code Fee: 11,500} of the mail it answers, and a
 * rule reading {@code ^Fee:} anywhere in the text may find either: in an outside trial it read the
 * old one, dated as the reply. The text is cut at the first line that opens the quoted history, in
 * the forms Gmail, Outlook and Apple Mail write it in English, German, French, Spanish, Portuguese,
 * Italian and Dutch:
 *
 * <ul>
 *   <li>an attribution line, {@code On Mon, 2 Mar 2026 at 10:00, Asha <asha@example.in> wrote:},
 *       {@code Am ... schrieb ...:}, {@code Le ... a écrit :}, {@code El ... escribió:}, {@code Em
 *       ... escreveu:}, {@code Il ... ha scritto:}, {@code Op ... schreef ...:}, also wrapped onto
 *       two lines; it must hold a digit or an {@code @} (a date, a time, an address), so that
 *       {@code On Monday she wrote:} in a sentence is not one;
 *   <li>Outlook's {@code -----Original Message-----} and its translations ({@code
 *       -----Ursprüngliche Nachricht-----}, {@code -----Message d'origine-----}, ...);
 *   <li>Outlook's header block without it: a {@code From:} line ({@code Von:}, {@code De :}, ...)
 *       followed within {@value #HEADER_BLOCK_LINES} lines by a {@code Sent:} or {@code Date:} line
 *       and a {@code Subject:} line, in any of those languages and the Nordic, Finnish, Polish,
 *       Czech, Turkish, Russian, Greek, Hungarian, Japanese, Chinese and Arabic labels, with the
 *       line of underscores above it if there is one; and in any other language by its shape (see
 *       {@link #headerBlockByShape});
 *   <li>an attribution in any language by its shape: a line ending with a colon, holding an
 *       address, a year or a time, with quoted lines after it;
 *   <li>forward markers: Apple Mail's {@code Begin forwarded message:}, Gmail's {@code ----------
 *       Forwarded message ---------} and their translations.
 * </ul>
 *
 * Lines quoted with {@code >} are left out wherever they are. An HTML-only mail is first stripped
 * of the elements mail clients put the quoted mail in: {@code blockquote}, Gmail's {@code
 * div.gmail_quote}, Thunderbird's {@code div.moz-cite-prefix}, Yahoo's {@code div.yahoo_quoted},
 * and everything from Outlook's {@code #divRplyFwdMsg} or {@code #appendonsend} on.
 */
final class QuotedText {
  /**
   * Lines after a {@code From:} line in which Outlook's header block names the date and subject.
   */
  static final int HEADER_BLOCK_LINES = 6;

  /** An attribution is one sentence; a longer line is text, and is not given to the patterns. */
  private static final int LONGEST_HEADER_LINE = 400;

  private static final int FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

  // French puts a (no-break) space before the colon: "a écrit :", "De :"
  private static final String COLON = "[\\s\\u00a0\\u202f]*[:：]";

  private static final Pattern ATTRIBUTION =
      Pattern.compile(
          "^(?:On|Am|Le|El|Em|Il|Op)\\s.*(?:wrote|schrieb|a\\s+écrit|escribió|escreveu"
              + "|ha\\s+scritto|schreef)"
              + COLON
              + "\\s*$",
          FLAGS);

  // German and Dutch put the verb before the writer: "Am 2. März 2026 schrieb Asha <a@b.de>:"
  private static final Pattern ATTRIBUTION_VERB_INSIDE =
      Pattern.compile("^(?:Am|Op)\\s.+\\s(?:schrieb|schreef)\\s.+" + COLON + "\\s*$", FLAGS);

  private static final Pattern ENDS_WITH_COLON = Pattern.compile(COLON + "\\s*$");

  private static final Pattern DATE_OR_ADDRESS = Pattern.compile("[0-9]|@");

  private static final Pattern ORIGINAL_MESSAGE =
      Pattern.compile(
          "^-{2,}\\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original"
              + "|Mensagem original|Messaggio originale|Oorspronkelijk bericht"
              + "|Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado"
              + "|Mensagem encaminhada|Messaggio inoltrato|Doorgestuurd bericht)\\s*-{2,}\\s*$",
          FLAGS);

  private static final Pattern FORWARDED =
      Pattern.compile(
          "^(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht"
              + "|Début du message réexpédié|Inicio del mensaje reenviado"
              + "|Início da mensagem reencaminhada|Início da mensagem encaminhada"
              + "|Inizio messaggio inoltrato|Begin doorgestuurd bericht)"
              + COLON
              + "\\s*$",
          FLAGS);

  // Outlook's labels, bold ("*From:*") when the text was made from its HTML
  private static final String FROM_LABELS =
      "From|Von|De|Da|Van|Fra|Från|Lähettäjä|Od|Kimden|От|Από|Feladó|差出人|发件人|寄件者|من";
  private static final Pattern FROM_LINE =
      Pattern.compile("^\\*?(?:" + FROM_LABELS + ")\\*?" + COLON + "\\*?\\s*\\S", FLAGS);
  private static final Pattern DATE_LINE =
      Pattern.compile(
          "^\\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Date d'envoi|Enviado|Enviado el|Fecha|Inviato"
              + "|Data|Verzonden|Sendt|Dato|Skickat|Lähetetty|Päivämäärä|Wysłano|Wysłane"
              + "|Odesláno|Gönderildi|Gönderilme Tarihi|Tarih|Отправлено|Дата|Απεσταλμένα"
              + "|Ημερομηνία|Elküldve|Küldve|Dátum|送信日時|日付|发送时间|日期|寄件日期"
              + "|تاريخ الإرسال|التاريخ|أُرسل|أرسل)\\*?"
              + COLON,
          FLAGS);
  private static final Pattern SUBJECT_LINE =
      Pattern.compile(
          "^\\*?(?:Subject|Betreff|Objet|Asunto|Assunto|Oggetto|Onderwerp|Emne|Ämne|Aihe|Temat"
              + "|Předmět|Konu|Тема|Θέμα|Tárgy|件名|主题|主旨|الموضوع)\\*?"
              + COLON,
          FLAGS);

  /**
   * A line that may start a quote or a quote header (a superset of the patterns above): a text
   * without one quotes nothing, and is not split into lines. Leading white space as {@code strip}
   * removes it.
   */
  private static final Pattern MAY_QUOTE =
      Pattern.compile(
          "^[\\s\\u00a0]*(?:>|--|\\*|__|(?:On|Am|Le|El|Em|Il|Op)\\s|(?:"
              + FROM_LABELS
              + ")\\W|Begin|Anfang|Début|Inicio|Início|Inizio)",
          FLAGS | Pattern.MULTILINE);

  /** What the quote elements {@link #ofHtml} removes are named by in the html. */
  private static final List<String> QUOTE_ELEMENTS =
      List.of(
          "blockquote",
          "BLOCKQUOTE",
          "gmail_quote",
          "moz-cite-prefix",
          "yahoo_quoted",
          "appendonsend",
          "divRplyFwdMsg");

  private static final Pattern SEPARATOR = Pattern.compile("^[_\\-=—]{8,}\\s*$");

  // "-----Original Message-----", "-------- Videresendt melding --------": words between dashes
  private static final Pattern WORDS_BETWEEN_DASHES =
      Pattern.compile("^-{2,}[\\s\\u00a0]*[^\\s\\-][^\\-]{1,60}?[\\s\\u00a0]*-{2,}$", FLAGS);

  // "Label: value", the label one to three words of letters in any script, bold when made from HTML
  private static final Pattern LABEL_LINE =
      Pattern.compile(
          "^\\*?\\p{L}[\\p{L}\\p{M}'’.\\-]*(?:[ \\u00a0]+[\\p{L}\\p{M}'’.\\-]+){0,2}\\*?"
              + COLON
              + "\\*?(?:[\\s\\u00a0](.*))?$",
          FLAGS);

  private static final Pattern ADDRESS =
      Pattern.compile("[^\\s@<>()\\[\\]]+@[^\\s@<>()\\[\\]]+\\.\\w");

  // a date as a header writes it has a year and a time of day: "søndag 20. september 2026 18:02"
  private static final Pattern YEAR = Pattern.compile("(?<!\\d)\\d{4}(?!\\d)", FLAGS);
  private static final Pattern TIME_OF_DAY =
      Pattern.compile("(?<![\\d:])\\d{1,2}:\\d{2}(?!\\d)", FLAGS);

  /** Lines of a quote header block recognised by its shape, at least and at most. */
  static final int SHAPE_BLOCK_MIN = 3;

  static final int SHAPE_BLOCK_MAX = 5;

  private static final Pattern QUOTED = Pattern.compile("^[\\s\\u00a0]*>");

  private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n");

  private QuotedText() {}

  /**
   * {@code text} without the quoted history and the blank lines above it; {@code text} itself when
   * it quotes nothing, null when it is null.
   */
  static String of(String text) {
    return of(text, null);
  }

  /**
   * {@code text} without the quoted history, where {@code subject}, the mail's own subject or null,
   * lets a header block whose labels are in no listed language be told by its shape.
   */
  static String of(String text, String subject) {
    if (text == null) {
      return null;
    }
    if (!MAY_QUOTE.matcher(text).find() && text.indexOf('@') < 0) {
      // most mail: no line starts as a quote or a quote header could, and no sender's address
      return text;
    }
    String[] lines = LINE_BREAK.split(text, -1);
    int end = lines.length;
    String topic = topic(subject);
    for (int i = 0; i < lines.length; i++) {
      if (!QUOTED.matcher(lines[i]).find() && opensHistory(lines, i, topic)) {
        end = i;
        break;
      }
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      if (!QUOTED.matcher(lines[i]).find()) {
        kept.add(lines[i]);
      }
    }
    if (kept.size() == lines.length) {
      return text; // nothing quoted: the text as it is, to the last line break
    }
    // the blank lines and the rule of underscores Outlook writes above its header block
    while (!kept.isEmpty()
        && (kept.get(kept.size() - 1).isBlank()
            || SEPARATOR.matcher(kept.get(kept.size() - 1).strip()).matches())) {
      kept.remove(kept.size() - 1);
    }
    return String.join("\n", kept);
  }

  /**
   * The text of an HTML body without the elements that hold the quoted mail, and then without the
   * quoted history its text still shows (an attribution line outside the {@code blockquote}).
   */
  static String ofHtml(String html, String text) {
    return ofHtml(html, text, null);
  }

  /**
   * {@link #ofHtml(String, String)}, with the mail's own subject as {@link #of(String, String)}.
   */
  static String ofHtml(String html, String text, String subject) {
    if (QUOTE_ELEMENTS.stream().noneMatch(html::contains)) {
      return of(text, subject); // no element of a quote: the body's text, parsed once, will do
    }
    Element body;
    try {
      body = Jsoup.parse(html).body();
    } catch (StackOverflowError tooDeep) {
      return of(text, subject); // the reader says the html is too deeply nested
    }
    // Outlook puts the old mail after these markers as siblings, not inside them
    Element outlook = body.selectFirst("#appendonsend, #divRplyFwdMsg");
    if (outlook != null) {
      removeFrom(outlook, body);
    }
    body.select("blockquote, div.gmail_quote, div.moz-cite-prefix, div.yahoo_quoted").remove();
    return of(HtmlText.of(body), subject);
  }

  /** Removes {@code start} and everything after it in the document, up to {@code body}. */
  private static void removeFrom(Node start, Element body) {
    Node node = start;
    int from = start.siblingIndex();
    while (node != body && node.parent() != null) {
      Node parent = node.parent();
      List<Node> after = new ArrayList<>(parent.childNodes().subList(from, parent.childNodeSize()));
      after.forEach(Node::remove);
      from = parent.siblingIndex() + 1;
      node = parent;
    }
  }

  /**
   * The words of a forward marker between dashes ({@code ---------- Forwarded message ---------}).
   */
  private static final Pattern FORWARD_WORDS =
      Pattern.compile(
          "Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado"
              + "|Mensagem encaminhada|Messaggio inoltrato|Doorgestuurd bericht",
          FLAGS);

  /** A forward's subject prefix, in the languages of the reply prefixes mappings/README lists. */
  private static final Pattern FORWARD_SUBJECT =
      Pattern.compile("^\\s*(?:Fwd?|WG|TR|RV|VS|Doorst|Enc|İLT|Пересл|转发|轉寄|転送)" + COLON, FLAGS);

  /**
   * Whether a mail forwards another inline, in its text: a forward marker line ({@code Begin
   * forwarded message:}, {@code ---------- Forwarded message ---------}, in the languages above),
   * or a forward's subject ({@code Fwd:}, {@code FW:}, {@code WG:} ...) over quoted history (an
   * Outlook {@code -----Original Message-----} or header block). The forwarded mail is then text of
   * this one, not a mail of its own as an attached one is.
   */
  static boolean forwardsInline(String text, String subject) {
    if (text == null) {
      return false;
    }
    for (String line : LINE_BREAK.split(text)) {
      String stripped = line.strip();
      if (stripped.length() <= LONGEST_HEADER_LINE
          && (FORWARDED.matcher(stripped).matches()
              || (ORIGINAL_MESSAGE.matcher(stripped).matches()
                  && FORWARD_WORDS.matcher(stripped).find()))) {
        return true;
      }
    }
    return subject != null
        && FORWARD_SUBJECT.matcher(subject).find()
        && !text.equals(of(text, subject));
  }

  private static boolean opensHistory(String[] lines, int i, String topic) {
    String line = lines[i].strip();
    if (line.isEmpty() || line.length() > LONGEST_HEADER_LINE) {
      return false;
    }
    if (ORIGINAL_MESSAGE.matcher(line).matches() || FORWARDED.matcher(line).matches()) {
      return true;
    }
    if (isAttribution(line) || isAttributionByShape(line, lines, i + 1)) {
      return true;
    }
    // mail clients wrap a long attribution: "On Mon, 2 Mar 2026 at 10:00, Asha Rao" / "<a@b>
    // wrote:"
    if (i + 1 < lines.length && !QUOTED.matcher(lines[i + 1]).find()) {
      String joined = line + " " + lines[i + 1].strip();
      if (joined.length() <= LONGEST_HEADER_LINE
          && (isAttribution(joined) || isAttributionByShape(joined, lines, i + 2))) {
        return true;
      }
    }
    if (FROM_LINE.matcher(line).find() && headerBlockFollows(lines, i)) {
      return true;
    }
    return topic != null && headerBlockByShape(lines, i, topic);
  }

  /**
   * An attribution in a language whose words are not listed: a line ending with a colon that holds
   * an address, a year or a time of day, with quoted lines right after it ({@code 2026年3月2日(月)
   * 10:15 Office <office@example.jp>:}, {@code pon., 2 mar 2026 o 10:15 Biuro <b@example.pl>
   * napisał(a):}). The quoted lines are what tells it from the writer's own sentence.
   */
  private static boolean isAttributionByShape(String line, String[] lines, int next) {
    if (!ENDS_WITH_COLON.matcher(line).find()
        || !(ADDRESS.matcher(line).find()
            || YEAR.matcher(line).find()
            || TIME_OF_DAY.matcher(line).find())) {
      return false;
    }
    int j = next;
    while (j < lines.length && j < next + 2 && lines[j].isBlank()) {
      j++;
    }
    return j < lines.length && QUOTED.matcher(lines[j]).find();
  }

  /**
   * A quote header block in a language whose labels are not listed, told by its shape: {@value
   * #SHAPE_BLOCK_MIN} or more consecutive {@code Label: value} lines of which, among the first
   * {@value #SHAPE_BLOCK_MAX}, one value holds an address and another a date with a year and a time
   * of day. Either a separator line is above it (a rule of underscores, or words between dashes as
   * in {@code -----Original Message-----}), or its first value holds the address (the sender's line
   * opens every client's block). And one of its values is the mail's own subject, reply and forward
   * prefixes aside ({@link #topic}): a mail's own details ({@code Email: anna@example.com}, {@code
   * Arrival: 2026-11-20 15:00}, under a rule of dashes or none) have the address and the time too,
   * and were cut with everything after them until 2026-12-05, when a shape alone was enough.
   */
  private static boolean headerBlockByShape(String[] lines, int i, String topic) {
    String line = lines[i].strip();
    if (SEPARATOR.matcher(line).matches() || WORDS_BETWEEN_DASHES.matcher(line).matches()) {
      int j = i + 1 < lines.length && lines[i + 1].isBlank() ? i + 2 : i + 1;
      return shapedBlockAt(lines, j, false, topic);
    }
    return shapedBlockAt(lines, i, true, topic);
  }

  // "SV:", "RE:", "Fwd:", "回复：": a short word and a colon leading a subject
  private static final Pattern SUBJECT_PREFIX =
      Pattern.compile("^[\\s\\u00a0]*[\\p{L}]{1,6}[\\s\\u00a0]*" + COLON + "[\\s\\u00a0]*");

  /**
   * A subject as a quote header repeats it: without leading reply and forward prefixes, in lower
   * case, spaces collapsed; null when nothing of at least four characters is left.
   */
  static String topic(String subject) {
    if (subject == null) {
      return null;
    }
    String topic = subject.replace("*", "");
    for (Matcher prefix = SUBJECT_PREFIX.matcher(topic);
        prefix.lookingAt();
        prefix = SUBJECT_PREFIX.matcher(topic)) {
      topic = topic.substring(prefix.end());
    }
    topic = topic.strip().replaceAll("[\\s\\u00a0]+", " ").toLowerCase(java.util.Locale.ROOT);
    return topic.length() < 4 ? null : topic;
  }

  private static boolean shapedBlockAt(
      String[] lines, int from, boolean senderFirst, String topic) {
    boolean sameTopic = false;
    int address = -1;
    int date = -1;
    int count = 0;
    for (int i = from; i < lines.length; i++) {
      Matcher label = LABEL_LINE.matcher(lines[i].strip());
      if (QUOTED.matcher(lines[i]).find() || !label.matches()) {
        break;
      }
      count++;
      if (count > SHAPE_BLOCK_MAX) {
        break; // a longer run is the block and the quoted mail's own details below it
      }
      String value = label.group(1) == null ? "" : label.group(1);
      String valueTopic = topic(value);
      // the quoted subject holds the reply's: a value merely inside the subject (a year, a
      // reference) says nothing of a header block
      sameTopic |= valueTopic != null && valueTopic.contains(topic);
      if (address < 0 && ADDRESS.matcher(value).find()) {
        address = i;
      } else if (date < 0 && YEAR.matcher(value).find() && TIME_OF_DAY.matcher(value).find()) {
        date = i;
      }
      if (count == 1 && senderFirst && address != from) {
        return false;
      }
    }
    return count >= SHAPE_BLOCK_MIN && address >= 0 && date >= 0 && sameTopic;
  }

  private static boolean isAttribution(String line) {
    return (ATTRIBUTION.matcher(line).matches() || ATTRIBUTION_VERB_INSIDE.matcher(line).matches())
        && DATE_OR_ADDRESS.matcher(line).find();
  }

  private static boolean headerBlockFollows(String[] lines, int from) {
    boolean date = false;
    boolean subject = false;
    for (int i = from + 1; i < Math.min(lines.length, from + 1 + HEADER_BLOCK_LINES); i++) {
      String line = lines[i].strip();
      date |= DATE_LINE.matcher(line).find();
      subject |= SUBJECT_LINE.matcher(line).find();
    }
    return date && subject;
  }
}
