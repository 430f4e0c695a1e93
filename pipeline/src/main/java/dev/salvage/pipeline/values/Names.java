package dev.salvage.pipeline.values;

import static java.util.Objects.requireNonNull;

import dev.salvage.connectors.io.CaseFolding;
import dev.salvage.mappings.Accents;
import dev.salvage.mappings.FieldType;
import dev.salvage.mappings.Widths;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How alike two hand-typed names are, by tokens with case, accents and widths folded (card holders
 * and calendar titles are often typed without accents, old forms and mailers write half-width
 * katakana), hiragana read as katakana and variant kanji as their common form ({@link
 * KanjiVariants}). One definition for matching, which weighs the level, and for merging, which
 * treats a typo of a name as the same name.
 */
public final class Names {
  /** Equal, up to case, accents, punctuation and the spaces between CJK characters. */
  public static final int EXACT = 0;

  /**
   * The same tokens in another order, or a typo of at most two edits (a letter added, dropped or
   * changed, or two neighbouring letters swapped).
   */
  public static final int REORDERED_OR_TYPO = 1;

  /**
   * Every token of the shorter (two or more tokens) in the longer, as a name with and without its
   * second surname, or a partial name whose initials stand for the other's words.
   */
  public static final int CONTAINED = 2;

  /** Anything else, including sharing only a first name. */
  public static final int DIFFERENT = 3;

  /**
   * Written in different scripts ({@code 近藤 葵}, {@code コンドウ アオイ}, {@code Aoi Kondo}): one person's
   * name in kanji, kana and Latin letters shares no character, so comparing characters says nothing
   * either way. Neither the same name nor another one.
   */
  public static final int NOT_COMPARABLE = 4;

  /**
   * Edits up to this many are a typo, not another name. An edit of a kana or Hangul syllable counts
   * two (it writes what two or three Latin letters do: タロウ and ジロウ are as far apart as Taro and
   * Jiro), and an edit of a kanji more than this: each kanji is a word of the name, 一郎 and 二郎 are
   * brothers.
   */
  private static final int TYPO_EDITS = 2;

  /**
   * Names shorter than this (spaces between words counted) have no typo: "Li Na" is not "Li Ma".
   */
  private static final int TYPO_MIN_LENGTH = 6;

  private static final Set<UnicodeScript> LATIN = Set.of(UnicodeScript.LATIN);

  // compiled once: String.split compiles a class like this on every call, and names are split
  // for every candidate pair
  private static final Pattern NOT_LETTERS_OR_DIGITS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Names() {}

  /**
   * Whether a field holds a person's hand-typed name: one of type {@code name}, or a text field
   * whose English name says so ({@code full_name}, {@code given_name}, {@code name}). Such a field
   * is blocked on by token pairs and its spellings a typo apart are one value when merging.
   */
  public static boolean isPersonName(FieldType type, String field) {
    return type == FieldType.NAME
        || (type == FieldType.TEXT && field.toLowerCase(Locale.ROOT).contains("name"));
  }

  /**
   * The level of {@code a} against {@code b}, from {@link #EXACT} to {@link #DIFFERENT}, or {@link
   * #NOT_COMPARABLE}.
   */
  public static int level(String a, String b) {
    if (a.equals(b)) {
      return EXACT;
    }
    return level(Tokenized.of(a), Tokenized.of(b));
  }

  /**
   * A name split into its tokens once, for comparing it with many others: the u estimate compares
   * every pair of a sample of 1,500 profiles, and splitting both names anew for each of the ~1.1
   * million pairs was most of its cost.
   *
   * @param text the name as compared
   * @param tokens its {@link #tokens}
   * @param joined the tokens joined by single spaces
   * @param sorted the tokens in order
   * @param scripts the {@link #scripts} its letters are written in
   */
  public record Tokenized(
      String text,
      List<String> tokens,
      String joined,
      List<String> sorted,
      Set<UnicodeScript> scripts) {
    public Tokenized {
      requireNonNull(text, "text");
      tokens = List.copyOf(tokens);
      requireNonNull(joined, "joined");
      sorted = List.copyOf(sorted);
      scripts = Set.copyOf(scripts);
    }

    public static Tokenized of(String text) {
      List<String> tokens = Names.tokens(text);
      return new Tokenized(
          text, tokens, String.join(" ", tokens), Names.sorted(tokens), Names.scripts(text));
    }
  }

  /**
   * The scripts the letters of {@code name} are written in, hiragana counted as katakana (one
   * reading in either); digits and signs are in none. Two names whose scripts differ, both with
   * letters, are {@link #NOT_COMPARABLE}.
   */
  public static Set<UnicodeScript> scripts(String name) {
    if (isAscii(name)) {
      for (int i = 0; i < name.length(); i++) {
        if (Character.isLetter(name.charAt(i))) {
          return LATIN;
        }
      }
      return Set.of();
    }
    String narrow = Widths.fold(name);
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    for (int i = 0; i < narrow.length(); ) {
      int cp = narrow.codePointAt(i);
      if (Character.isLetter(cp)) {
        UnicodeScript script = UnicodeScript.of(cp);
        switch (script) {
          case COMMON, INHERITED, UNKNOWN -> {}
          case HIRAGANA -> scripts.add(UnicodeScript.KATAKANA);
          default -> scripts.add(script);
        }
      }
      i += Character.charCount(cp);
    }
    return scripts;
  }

  /**
   * Whether names written in {@code a} and {@code b} (each a {@link #scripts} set) are in different
   * scripts, the {@link #NOT_COMPARABLE} of {@link #level}: both have letters, in other scripts.
   */
  public static boolean otherScripts(Set<UnicodeScript> a, Set<UnicodeScript> b) {
    return !a.isEmpty() && !b.isEmpty() && !a.equals(b);
  }

  /**
   * Whether {@code name} is written in capitals only: at least two cased letters, none in lower
   * case. A card embossing or an upper-case mail subject writes a name so; the application that
   * wrote the mail stored it in mixed case.
   */
  public static boolean inCapitals(String name) {
    int upper = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (Character.isLowerCase(cp)) {
        return false;
      }
      if (Character.isUpperCase(cp)) {
        upper++;
      }
      i += Character.charCount(cp);
    }
    return upper >= 2;
  }

  /**
   * Whether {@code a} and {@code b} write the same letters, told apart only by case and by what
   * upper case drops: accents ({@code ΓΙΑΝΝΗΣ} for {@code Γιάννης}) and the final sigma.
   */
  public static boolean caseApartOnly(String a, String b) {
    return !a.equals(b) && sigmaAsOne(fold(a)).equals(sigmaAsOne(fold(b)));
  }

  private static String sigmaAsOne(String folded) {
    return folded.replace('\u03C2', '\u03C3');
  }

  /** {@code scripts} as a record says them: "Latin", "Devanagari", "Han and kana". */
  public static String describe(Set<UnicodeScript> scripts) {
    List<String> names = new ArrayList<>();
    Set<UnicodeScript> ordered = EnumSet.noneOf(UnicodeScript.class);
    ordered.addAll(scripts);
    for (UnicodeScript script : ordered) {
      // hiragana and katakana are one reading (scripts folds both into KATAKANA)
      names.add(script == UnicodeScript.KATAKANA ? "kana" : title(script.name()));
    }
    return names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " and "
            + names.get(names.size() - 1);
  }

  private static String title(String enumName) {
    String words = enumName.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** As {@link #level(String, String)}, of names split already. */
  public static int level(Tokenized a, Tokenized b) {
    if (a.text().equals(b.text())) {
      return EXACT;
    }
    if (otherScripts(a.scripts(), b.scripts())) {
      return NOT_COMPARABLE;
    }
    List<String> x = a.tokens();
    List<String> y = b.tokens();
    if (x.equals(y) || spacedApartInCjk(x, y)) {
      return EXACT;
    }
    if (x.size() == y.size()
        && (a.sorted().equals(b.sorted())
            || (a.joined().length() >= TYPO_MIN_LENGTH
                && (typoDistance(a.joined(), b.joined(), TYPO_EDITS) >= 0
                    || reorderedWithTypos(x, y)
                    || typoOfALetterSpeltWithTwo(a.text(), b.text()))))) {
      return REORDERED_OR_TYPO;
    }
    List<String> shorter = x.size() <= y.size() ? x : y;
    List<String> longer = x.size() <= y.size() ? y : x;
    if (shorter.size() >= 2 && shorter.size() < longer.size() && longer.containsAll(shorter)) {
      return CONTAINED;
    }
    if (initialsOf(x, y) || initialsOf(y, x)) {
      return CONTAINED;
    }
    return DIFFERENT;
  }

  /**
   * Letters the accent fold spells with two ({@code ß} as {@code ss}, {@code æ}, {@code œ}, {@code
   * þ}), each with a stand-in of one letter that the fold keeps (IPA letters, which no name holds;
   * a stand-in must be a letter, or the names split there).
   */
  private static final String SPELT_WITH_TWO = "ßæœþ";

  private static final String ONE_CHARACTER_EACH = "\u0250\u0251\u0252\u0253";

  /**
   * Whether the names are a typo apart counting a letter the fold spells with two as one letter, as
   * it was typed. Folded, a letter dropped or changed there costs two edits: the calendar's {@code
   * Käthe Wieß} (two letters swapped) and the card's {@code Käthe Wei} ({@code ß} dropped), each
   * misspelt once, were {@code wiess} against {@code wei}, three edits and another name, and the
   * booking's payment and event never met. Only tried when one of them holds such a letter; the
   * folded comparison still takes {@code Weiss} for {@code Weiß}.
   */
  private static boolean typoOfALetterSpeltWithTwo(String a, String b) {
    String x = CaseFolding.lower(a);
    String y = CaseFolding.lower(b);
    if (!holdsAny(x, SPELT_WITH_TWO) && !holdsAny(y, SPELT_WITH_TWO)) {
      return false;
    }
    String xs = String.join(" ", tokens(oneCharacterEach(x)));
    String ys = String.join(" ", tokens(oneCharacterEach(y)));
    return typoDistance(xs, ys, TYPO_EDITS) >= 0;
  }

  private static boolean holdsAny(String text, String letters) {
    for (int i = 0; i < text.length(); i++) {
      if (letters.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static String oneCharacterEach(String lower) {
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int at = SPELT_WITH_TWO.indexOf(c);
      out.append(at >= 0 ? ONE_CHARACTER_EACH.charAt(at) : c);
    }
    return out.toString();
  }

  /**
   * Whether two names differ only by where spaces stand between CJK characters: {@code 佐藤 花子} and
   * {@code 佐藤花子}, as Japanese, Chinese and Korean names are written with and without one. A newer
   * mail writing the name unspaced made the backup's client UPDATED, unflagged (trial 27).
   */
  public static boolean spacedApartInCjk(String a, String b) {
    List<String> x = tokens(a);
    List<String> y = tokens(b);
    return !x.equals(y) && spacedApartInCjk(x, y);
  }

  private static boolean spacedApartInCjk(List<String> x, List<String> y) {
    return String.join("", x).equals(String.join("", y))
        && splitBetweenCjk(x)
        && splitBetweenCjk(y);
  }

  /** Whether every split between two tokens stands between two CJK characters. */
  private static boolean splitBetweenCjk(List<String> tokens) {
    for (int i = 1; i < tokens.size(); i++) {
      String before = tokens.get(i - 1);
      if (!isCjk(before.codePointBefore(before.length())) || !isCjk(tokens.get(i).codePointAt(0))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCjk(int cp) {
    return switch (UnicodeScript.of(cp)) {
      case HAN, HIRAGANA, KATAKANA, HANGUL -> true;
      default -> false;
    };
  }

  /** How many words a name may have for its words to be paired in every order. */
  private static final int REORDER_MAX_WORDS = 4;

  /**
   * Whether the words of {@code x} and {@code y} (as many each) pair up in some order with at most
   * {@link #TYPO_EDITS} edits in all: the calendar's {@code Mayer Andraes} for {@code Andreas
   * Mayer}, family name first and misspelt. Either alone was one name; both together made the front
   * desk's every such entry a new owner (an outside trial, 14 duplicates). Each word of {@code x}
   * must have a partner within the limit before any order is tried, which ends the search at the
   * first word for nearly every pair of different names.
   */
  private static boolean reorderedWithTypos(List<String> x, List<String> y) {
    int n = x.size();
    if (n < 2 || n > REORDER_MAX_WORDS) {
      return false;
    }
    int[][] edits = new int[n][n];
    for (int i = 0; i < n; i++) {
      boolean partner = false;
      for (int j = 0; j < n; j++) {
        edits[i][j] = typoDistance(x.get(i), y.get(j), TYPO_EDITS);
        partner |= edits[i][j] >= 0;
      }
      if (!partner) {
        return false;
      }
    }
    return pairs(edits, 0, 0, TYPO_EDITS);
  }

  /** Whether words {@code i}.. of x pair with unused words of y within {@code budget} edits. */
  private static boolean pairs(int[][] edits, int i, int used, int budget) {
    if (i == edits.length) {
      return true;
    }
    for (int j = 0; j < edits.length; j++) {
      int cost = edits[i][j];
      if ((used & (1 << j)) == 0
          && cost >= 0
          && cost <= budget
          && pairs(edits, i + 1, used | (1 << j), budget - cost)) {
        return true;
      }
    }
    return false;
  }

  /** How many letters initials run together may have ({@code PJ}, {@code JFK}). */
  private static final int INITIALS_RUN_MAX = 3;

  /**
   * Whether {@code partial} is {@code full} written short: fewer letters, and each of its words, in
   * order, a word of {@code full}, an initial of one, or initials run together in capitals whose
   * first starts one ({@code PJ Doyle}, {@code P. Doyle}, {@code D.Q.} and {@code Grace} against
   * {@code Patrick Doyle}, {@code Declan Quinn}, {@code Grace Hennessy}). This is no test of
   * identity: a first name or initials fit many people, so {@link #level} calls most of them {@link
   * #DIFFERENT}. It is for names that other evidence already ties to one entity, where the short
   * form says nothing the full one does not.
   */
  public static boolean shortFormOf(String partial, String full) {
    if (otherScripts(scripts(partial), scripts(full))) {
      return false;
    }
    List<String> p = tokens(partial);
    List<String> f = tokens(full);
    if (p.isEmpty() || p.size() > f.size() || letters(p) >= letters(f)) {
      return false;
    }
    Set<String> runs = initialsRuns(partial);
    int j = 0;
    for (String word : p) {
      while (j < f.size() && !standsFor(word, f.get(j), runs.contains(word))) {
        j++;
      }
      if (j == f.size()) {
        return false;
      }
      j++;
    }
    return true;
  }

  /**
   * Whether {@code shorter} is {@code full} with words left out and nothing else written short: at
   * least two words (a given and a family name), each a whole word of {@code full}, in order
   * ({@code Thomas Müller} of {@code Thomas Theresia Müller}, a middle name a card adds). Such a
   * name says all a person is called by, unlike initials or a first name alone ({@link
   * #shortFormOf}).
   */
  public static boolean omitsWordsOf(String shorter, String full) {
    if (!shortFormOf(shorter, full) || !initialsRuns(shorter).isEmpty()) {
      return false;
    }
    List<String> words = tokens(shorter);
    return words.size() >= 2 && words.stream().allMatch(word -> word.length() > 1);
  }

  /**
   * Whether {@code folded} writes {@code name} with fewer of its letters beyond ASCII and is
   * otherwise the same: its diacritics dropped ({@code Florian Durr}, {@code Dabrowski}) or written
   * as German writes them without umlauts ({@code Florian Duerr}, {@code Gross} for {@code Groß}),
   * in any case. A card, a calendar typed on another keyboard or an old system writes a name so;
   * nobody corrects a name by dropping its accents.
   */
  public static boolean foldedOf(String folded, String name) {
    if (folded.equals(name) || beyondAscii(folded) >= beyondAscii(name)) {
      return false;
    }
    String plain = fold(folded);
    return plain.equals(fold(name)) || plain.equals(fold(umlautsSpelt(name)));
  }

  private static int beyondAscii(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80 && Character.isLetter(text.charAt(i))) {
        count++;
      }
    }
    return count;
  }

  /** {@code name} with ä, ö, ü written ae, oe, ue, as German writes them without umlauts. */
  private static String umlautsSpelt(String name) {
    String composed = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(composed.length() + 4);
    for (int i = 0; i < composed.length(); i++) {
      char c = composed.charAt(i);
      switch (c) {
        case 'ä' -> out.append("ae");
        case 'ö' -> out.append("oe");
        case 'ü' -> out.append("ue");
        case 'Ä' -> out.append("Ae");
        case 'Ö' -> out.append("Oe");
        case 'Ü' -> out.append("Ue");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether {@code word} writes {@code fullWord}, whole or as its initial (or initials). */
  private static boolean standsFor(String word, String fullWord, boolean initialsRun) {
    if (word.equals(fullWord)) {
      return true;
    }
    return fullWord.length() > word.length()
        && (word.length() == 1 || initialsRun)
        && fullWord.charAt(0) == word.charAt(0);
  }

  /** The tokens of {@code name} written as two or three capitals ({@code PJ}), as compared. */
  private static Set<String> initialsRuns(String name) {
    Set<String> runs = new HashSet<>();
    for (String word : NOT_LETTERS_OR_DIGITS.split(Widths.fold(name))) {
      if (word.length() >= 2 && word.length() <= INITIALS_RUN_MAX && inCapitals(word)) {
        runs.addAll(tokens(word));
      }
    }
    return runs;
  }

  private static int letters(List<String> tokens) {
    int letters = 0;
    for (String token : tokens) {
      letters += token.length();
    }
    return letters;
  }

  /**
   * Whether {@code partial}, a name with at least one initial and one whole word, names {@code
   * full} word by word: each word equal, or an initial that starts the other's word.
   */
  private static boolean initialsOf(List<String> partial, List<String> full) {
    if (partial.size() != full.size() || partial.size() < 2) {
      return false;
    }
    boolean initial = false;
    boolean whole = false;
    for (int i = 0; i < partial.size(); i++) {
      String word = partial.get(i);
      if (word.length() == 1 && full.get(i).length() > 1 && standsFor(word, full.get(i), false)) {
        initial = true;
      } else if (word.equals(full.get(i))) {
        // a one-letter word both write (the Ó of Ó Briain, the O of O Neill) is neither an
        // initial nor the whole word that shows the rest is the same name: it just agrees
        whole |= word.length() > 1;
      } else {
        return false;
      }
    }
    return initial && whole;
  }

  /**
   * The edits that make {@code a} into {@code b}, a swap of two neighbouring characters counting as
   * one (optimal string alignment), or -1 when more than {@code limit}. Plain edit distance counts
   * a swap as two, so a name with a swap on one side and a dropped letter on the other ({@code
   * Nruia Castaño} for {@code Nuria Castño}: each source misspelt it once) came out a different
   * name. An edit costs as {@link #editCost} says: one for a letter, more for a syllable or a
   * kanji.
   */
  static int typoDistance(String a, String b, int limit) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > limit) {
      return -1;
    }
    int[] before = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    int[] costB = new int[m + 1];
    for (int j = 1; j <= m; j++) {
      costB[j] = editCost(b.charAt(j - 1), limit);
      previous[j] = previous[j - 1] + costB[j];
    }
    for (int i = 1; i <= n; i++) {
      int costA = editCost(a.charAt(i - 1), limit);
      current[0] = previous[0] + costA;
      int rowMin = current[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : Math.max(costA, costB[j]);
        int d =
            Math.min(
                Math.min(previous[j] + costA, current[j - 1] + costB[j]), previous[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, before[j - 2] + Math.max(costA, costB[j]));
        }
        current[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > limit) {
        return -1;
      }
      int[] recycled = before;
      before = previous;
      previous = current;
      current = recycled;
    }
    return previous[m] <= limit ? previous[m] : -1;
  }

  /**
   * What an edit of {@code c} costs against {@code limit}: a kanji (or a character outside the
   * Basic Multilingual Plane, which names hold only for rare kanji) more than any typo, a kana or
   * Hangul syllable two, anything else one.
   */
  private static int editCost(char c, int limit) {
    if (c < '\u3040') {
      return 1; // Latin, Greek, Cyrillic, Arabic...: the letters of most names, and no look-up
    }
    if (Character.isSurrogate(c)) {
      return limit + 1;
    }
    return switch (UnicodeScript.of(c)) {
      case HAN -> limit + 1;
      case HIRAGANA, KATAKANA, HANGUL -> 2;
      default -> 1;
    };
  }

  /** How many variant forms of kanji {@code name} writes (髙 of 高): see {@link KanjiVariants}. */
  public static int variantForms(String name) {
    return isAscii(name) ? 0 : KanjiVariants.count(name);
  }

  /**
   * Lower-case tokens of letters and digits, accents and widths folded, hiragana as katakana and
   * variant kanji as their common form.
   */
  public static List<String> tokens(String value) {
    String folded = fold(value);
    List<String> tokens = new ArrayList<>();
    for (String token : NOT_LETTERS_OR_DIGITS.split(folded)) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  /**
   * {@code value} as compared: lower case, widths and accents folded. Kana and Hangul syllables are
   * kept whole, not decomposed as accents are (ダ is not タ with an accent: the sound mark makes
   * another syllable), hiragana as katakana, a variant kanji as its common form.
   */
  private static String fold(String value) {
    if (isAscii(value)) {
      return value.toLowerCase(Locale.ROOT);
    }
    String narrow = CaseFolding.lower(Widths.fold(value));
    StringBuilder out = new StringBuilder(narrow.length());
    int run = 0; // start of the text the accent fold is still to see
    for (int i = 0; i < narrow.length(); ) {
      int cp = narrow.codePointAt(i);
      int next = i + Character.charCount(cp);
      int kept = keptWhole(cp);
      if (kept >= 0) {
        out.append(Accents.fold(narrow.substring(run, i))).appendCodePoint(kept);
        run = next;
      }
      i = next;
    }
    return out.append(Accents.fold(narrow.substring(run))).toString();
  }

  /** What {@code cp} is compared as when the accent fold must not decompose it; else -1. */
  private static int keptWhole(int cp) {
    if (cp >= 0x3041 && cp <= 0x3096) {
      return cp + 0x60; // hiragana: the katakana of the same sound
    }
    if ((cp >= 0x30A1 && cp <= 0x30FA) || (cp >= 0xAC00 && cp <= 0xD7A3)) {
      return cp;
    }
    int common = KanjiVariants.common(cp);
    return common != cp ? common : -1;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static List<String> sorted(List<String> tokens) {
    List<String> copy = new ArrayList<>(tokens);
    Collections.sort(copy);
    return copy;
  }
}
