package dev.salvage.pipeline.values;

import static java.util.Objects.requireNonNull;

import dev.salvage.mappings.Accents;
import dev.salvage.mappings.FieldType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * How alike two hand-typed names are, by tokens with case and accents folded (card holders and
 * calendar titles are often typed without them). One definition for matching, which weighs the
 * level, and for merging, which treats a typo of a name as the same name.
 */
public final class Names {
  /** Equal, up to case, accents and punctuation. */
  public static final int EXACT = 0;

  /** The same tokens in another order, or a typo of at most two characters. */
  public static final int REORDERED_OR_TYPO = 1;

  /**
   * Every token of the shorter (two or more tokens) in the longer, as a name with and without its
   * second surname, or a partial name whose initials stand for the other's words.
   */
  public static final int CONTAINED = 2;

  /** Anything else, including sharing only a first name. */
  public static final int DIFFERENT = 3;

  /** Edit distance up to 2 (else -1): a typo, not another name. */
  private static final LevenshteinDistance TYPO = new LevenshteinDistance(2);

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

  /** The level of {@code a} against {@code b}, from {@link #EXACT} to {@link #DIFFERENT}. */
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
   */
  public record Tokenized(String text, List<String> tokens, String joined, List<String> sorted) {
    public Tokenized {
      requireNonNull(text, "text");
      tokens = List.copyOf(tokens);
      requireNonNull(joined, "joined");
      sorted = List.copyOf(sorted);
    }

    public static Tokenized of(String text) {
      List<String> tokens = Names.tokens(text);
      return new Tokenized(text, tokens, String.join(" ", tokens), Names.sorted(tokens));
    }
  }

  /** As {@link #level(String, String)}, of names split already. */
  public static int level(Tokenized a, Tokenized b) {
    if (a.text().equals(b.text())) {
      return EXACT;
    }
    List<String> x = a.tokens();
    List<String> y = b.tokens();
    if (x.equals(y)) {
      return EXACT;
    }
    if (x.size() == y.size()
        && (a.sorted().equals(b.sorted())
            || (a.joined().length() >= 6 && TYPO.apply(a.joined(), b.joined()) >= 0))) {
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
      if (word.length() == 1 && full.get(i).length() > 1 && full.get(i).startsWith(word)) {
        initial = true;
      } else if (word.equals(full.get(i)) && word.length() > 1) {
        whole = true;
      } else {
        return false;
      }
    }
    return initial && whole;
  }

  /** Lower-case tokens of letters and digits, accents removed. */
  public static List<String> tokens(String value) {
    String folded = Accents.fold(value.toLowerCase(Locale.ROOT));
    List<String> tokens = new ArrayList<>();
    for (String token : NOT_LETTERS_OR_DIGITS.split(folded)) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  private static List<String> sorted(List<String> tokens) {
    List<String> copy = new ArrayList<>(tokens);
    Collections.sort(copy);
    return copy;
  }
}
