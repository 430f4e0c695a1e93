package dev.salvage.mappings;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Text with its width variants folded, as NFKC folds them and nothing else: full-width Latin
 * letters, digits and signs ({@code ＡＢＣ１２３}) as ASCII, the ideographic space as a space, and
 * half-width katakana and Hangul ({@code ﾔﾏﾀﾞ ﾀﾛｳ}, as old Japanese forms, card terminals and some
 * mailers still write them) as their ordinary full-width forms ({@code ヤマダ タロウ}). They are the same
 * text typed in another input mode. Ideographs are left as written: NFKC would also turn
 * compatibility ideographs into their unified forms, which a name registered in one must keep.
 */
public final class Widths {
  // a half-width kana's sound mark is a character of its own (ﾀﾞ), which NFKC joins to the kana
  // before it: a run is folded whole, with a full-width kana it may follow
  private static final Pattern HALF_WIDTH_RUN =
      Pattern.compile("[\\u3041-\\u3096\\u30A1-\\u30FA]?[\\uFF61-\\uFFDC\\uFFE8-\\uFFEE]+");

  private Widths() {}

  /** {@code text} with width variants folded: {@code ﾔﾏﾀﾞ ＴＡＲＯ} gives {@code ヤマダ TARO}. */
  public static String fold(String text) {
    String narrow = Texts.halfWidth(text);
    for (int i = 0; i < narrow.length(); i++) {
      if (narrow.charAt(i) >= '\uFF61') {
        return HALF_WIDTH_RUN
            .matcher(narrow)
            .replaceAll(run -> Normalizer.normalize(run.group(), Normalizer.Form.NFKC));
      }
    }
    return narrow; // no half-width kana or Hangul: most text, and every ASCII text
  }
}
