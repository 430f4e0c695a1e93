package dev.salvage.connectors.io;

import java.util.Locale;

/**
 * Case folding for keys and for comparisons that ignore case, the same whatever the JVM's locale.
 * Java lower-cases the Turkish dotted capital {@code İ} (U+0130) to {@code i} and a combining dot
 * above (U+0307), so {@code İREM@GMAIL.COM} became an address that looks like {@code
 * irem@gmail.com} and compares as another; a Turkish keyboard types {@code İ} for every capital
 * {@code i}. Here {@code İ} lower-cases to a plain {@code i}, and a comparison that ignores case
 * also takes the dotless {@code ı} for {@code i}, as a Turkish reader does.
 */
public final class CaseFolding {
  private static final char COMBINING_DOT_ABOVE = '\u0307';
  private static final char DOTLESS_I = '\u0131';

  private CaseFolding() {}

  /**
   * {@code text} in lower case as {@link Locale#ROOT} writes it, except that {@code İ} (and an
   * {@code I} or {@code i} followed by a combining dot above, as decomposed text writes {@code İ})
   * becomes a plain {@code i}. Other letters, the dotless {@code ı} among them, are kept.
   */
  public static String lower(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.indexOf(COMBINING_DOT_ABOVE) < 0) {
      return lower; // no İ in the text: nearly every text
    }
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      // Locale.ROOT writes İ as i + U+0307; a dot above on another letter is kept
      if (c != COMBINING_DOT_ABOVE || i == 0 || lower.charAt(i - 1) != 'i') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code text} folded for a comparison that ignores case: {@link #lower}, and the dotless {@code
   * ı} as {@code i}, so that {@code İ}, {@code I}, {@code ı} and {@code i} compare equal.
   */
  public static String caseless(String text) {
    return lower(text).replace(DOTLESS_I, 'i');
  }
}
