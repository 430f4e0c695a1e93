package dev.salvage.samples;

import java.text.Normalizer;

/** The slips people make typing a name: swapped, dropped or doubled letters, lost accents. */
final class Typos {
  private Typos() {}

  static String misspell(String name, Rng rng) {
    for (int attempt = 0; attempt < 10; attempt++) {
      String typed =
          switch (rng.nextInt(4)) {
            case 0 -> swapAdjacent(name, rng);
            case 1 -> dropLetter(name, rng);
            case 2 -> doubleLetter(name, rng);
            default -> stripAccents(name);
          };
      if (!typed.equals(name)) {
        return typed;
      }
    }
    return doubleLetter(name, rng);
  }

  private static String swapAdjacent(String name, Rng rng) {
    int i = letterIndex(name, rng, true);
    if (i < 0) {
      return name;
    }
    char[] chars = name.toCharArray();
    char c = chars[i];
    chars[i] = chars[i + 1];
    chars[i + 1] = c;
    return new String(chars);
  }

  private static String dropLetter(String name, Rng rng) {
    int i = letterIndex(name, rng, false);
    return i < 1 ? name : name.substring(0, i) + name.substring(i + 1);
  }

  private static String doubleLetter(String name, Rng rng) {
    int i = letterIndex(name, rng, false);
    return i < 0 ? name : name.substring(0, i + 1) + name.substring(i);
  }

  static String stripAccents(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }

  /** A random index of a lower-case letter (followed by another one when {@code pair}). */
  private static int letterIndex(String name, Rng rng, boolean pair) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int i = rng.nextInt(name.length() - (pair ? 1 : 0));
      boolean ok =
          Character.isLowerCase(name.charAt(i))
              && (!pair || Character.isLowerCase(name.charAt(i + 1)))
              && (!pair || name.charAt(i) != name.charAt(i + 1));
      if (ok) {
        return i;
      }
    }
    return -1;
  }
}
