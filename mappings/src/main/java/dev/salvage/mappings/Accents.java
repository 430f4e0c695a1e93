package dev.salvage.mappings;

import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text with its accents taken off, for comparing what people type with and without them ({@code
 * Łoś} and {@code Los}, {@code Dévoilage} and {@code Devoilage}). Decomposing (NFD) and dropping
 * the combining marks handles most accented letters; the letters whose stroke or ligature is part
 * of the letter itself have no decomposition, so they are spelt out as keyboards without them write
 * them.
 */
public final class Accents {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private static final Map<Character, String> UNDECOMPOSABLE =
      Map.ofEntries(
          Map.entry('ł', "l"),
          Map.entry('Ł', "L"),
          Map.entry('ø', "o"),
          Map.entry('Ø', "O"),
          Map.entry('đ', "d"),
          Map.entry('Đ', "D"),
          Map.entry('ħ', "h"),
          Map.entry('Ħ', "H"),
          Map.entry('ı', "i"),
          Map.entry('ŧ', "t"),
          Map.entry('Ŧ', "T"),
          Map.entry('ß', "ss"),
          Map.entry('ẞ', "SS"),
          Map.entry('æ', "ae"),
          Map.entry('Æ', "AE"),
          Map.entry('œ', "oe"),
          Map.entry('Œ', "OE"),
          Map.entry('þ', "th"),
          Map.entry('Þ', "TH"),
          Map.entry('ð', "d"),
          Map.entry('Ð', "D"));

  private Accents() {}

  /** {@code text} without accents: {@code Władysław Łoś} gives {@code Wladyslaw Los}. */
  // a loop, not chars().allMatch: names are folded for every compared pair, and the stream's
  // set-up cost more than the test
  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  public static String fold(String text) {
    if (isAscii(text)) {
      return text; // nothing to fold, and most names and keys are plain ASCII
    }
    String bare = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    StringBuilder out = null;
    for (int i = 0; i < bare.length(); i++) {
      char c = bare.charAt(i);
      // ASCII is most of every name: no map lookup (and no boxing) for it
      String spelt = c < 0x80 ? null : UNDECOMPOSABLE.get(c);
      if (spelt != null && out == null) {
        out = new StringBuilder(bare.length() + 4).append(bare, 0, i);
      }
      if (out != null) {
        if (spelt != null) {
          out.append(spelt);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? bare : out.toString();
  }
}
