package dev.salvage.pipeline.values;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a key value written with Greek or Cyrillic letters reads in Latin ones. A Greek business's
 * mails wrote a booking reference {@code ΑΣ-1043} (Greek Alpha and Sigma) where Stripe and the
 * calendar wrote {@code AS-1043}; keys compare exactly, so an outside trial got 55 duplicate
 * bookings and no word. Keys are not folded: a real key may be Greek. These readings only find the
 * values that are likely one key written two ways, for a person to decide.
 *
 * <p>A value has up to two readings: by look ({@code Ρ} as {@code P}, {@code Н} as {@code H}: the
 * letter a typist took for Latin) and by sound ({@code Σ} as {@code S}, {@code Ρ} as {@code R}: a
 * Latin code spelt in the other script). A reading still holding a Greek or Cyrillic letter is no
 * Latin reading and is not given.
 */
public final class LookAlikes {
  private LookAlikes() {}

  /** Greek and Cyrillic letters that look like a Latin one, upper and lower case. */
  private static final Map<Integer, String> BY_LOOK =
      table(
          "ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX οo νv ιi κk υu"
              + " АA ВB ЕE КK МM НH ОO РP СC ТT ХX УY ІI ЈJ ЅS"
              + " аa еe оo рp сc хx уy іi јj ѕs");

  /**
   * Greek and Cyrillic letters by the Latin letters they are spelt with (ELOT 743 for Greek, ISO 9
   * without diacritics for Cyrillic), upper and lower case; the lower case is the upper's, lowered.
   */
  private static final Map<Integer, String> BY_SOUND =
      table(
          "ΑA ΒV ΓG ΔD ΕE ΖZ ΗI ΘTH ΙI ΚK ΛL ΜM ΝN ΞX ΟO ΠP ΡR ΣS ΤT ΥY ΦF ΧCH ΨPS ΩO"
              + " ΆA ΈE ΉI ΊI ΌO ΎY ΏO"
              + " АA БB ВV ГG ДD ЕE ЁE ЖZH ЗZ ИI ЙJ КK ЛL МM НN ОO ПP РR СS ТT УU ФF ХH ЦC"
              + " ЧCH ШSH ЩSHCH ЪY ЫY ЬY ЭE ЮYU ЯYA ІI ЇI ЄE ЈJ ЅS");

  private static Map<Integer, String> table(String pairs) {
    Map<Integer, String> table = new java.util.HashMap<>();
    for (String pair : pairs.split(" ")) {
      int letter = pair.codePointAt(0);
      String latin = pair.substring(Character.charCount(letter));
      table.put(letter, latin);
      int lower = Character.toLowerCase(letter);
      if (lower != letter) {
        table.putIfAbsent(lower, latin.toLowerCase(java.util.Locale.ROOT));
      }
    }
    return Map.copyOf(table);
  }

  /** Whether {@code cp} is a Greek or Cyrillic letter. */
  private static boolean greekOrCyrillic(int cp) {
    return switch (Character.UnicodeScript.of(cp)) {
      case GREEK, CYRILLIC -> Character.isLetter(cp);
      default -> false;
    };
  }

  /**
   * The Latin readings of {@code value} (by look, then by sound, without repeats), or none when it
   * holds no Greek or Cyrillic letter.
   */
  public static List<String> readings(String value) {
    if (value.codePoints().noneMatch(LookAlikes::greekOrCyrillic)) {
      return List.of();
    }
    Set<String> readings = new LinkedHashSet<>();
    for (Map<Integer, String> table : List.of(BY_LOOK, BY_SOUND)) {
      String reading = read(value, table);
      if (reading != null) {
        readings.add(reading);
      }
    }
    return List.copyOf(readings);
  }

  /** {@code value} read through {@code table}, or null when a letter has no Latin reading there. */
  private static String read(String value, Map<Integer, String> table) {
    StringBuilder read = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (!greekOrCyrillic(cp)) {
        read.appendCodePoint(cp);
        continue;
      }
      String latin = table.get(cp);
      if (latin == null) {
        return null;
      }
      read.append(latin);
    }
    return read.toString();
  }

  /**
   * The Greek and Cyrillic letters of {@code value}, by script, for a message: {@code Greek Α, Σ}.
   * Empty when it holds none.
   */
  public static String describe(String value) {
    Map<String, Set<String>> byScript = new java.util.TreeMap<>();
    value
        .codePoints()
        .filter(LookAlikes::greekOrCyrillic)
        .forEach(
            cp ->
                byScript
                    .computeIfAbsent(
                        Character.UnicodeScript.of(cp) == Character.UnicodeScript.GREEK
                            ? "Greek"
                            : "Cyrillic",
                        s -> new LinkedHashSet<>())
                    .add(new String(Character.toChars(cp))));
    List<String> parts = new java.util.ArrayList<>();
    byScript.forEach((script, letters) -> parts.add(script + " " + String.join(", ", letters)));
    return String.join("; ", parts);
  }
}
