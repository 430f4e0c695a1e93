package dev.salvage.pipeline.values;

import java.util.Map;

/**
 * Variant forms of kanji (異体字, 旧字体) that Japanese names are registered in, each with the common
 * form it is compared as. A mail in ISO-2022-JP or plain Shift_JIS (JIS X 0208) cannot write 髙, 﨑,
 * 德, 濵, 曻, 桒 or 𠮷 (the first six only Windows' CP932 has, 𠮷 not even that), so its mailer writes
 * 高, 崎, 徳, 浜, 昇, 桑 or 吉 instead; the old forms the Jōyō kanji table prints beside their new ones
 * (國, 澤, 廣, 邊, 齋, 櫻, 濱, 眞, 惠, 榮) are written in the new form by whoever types them quickly. Either
 * way one name comes out in two spellings.
 *
 * <p>The table is kept small on purpose: a variant and its one common form, common in names. Kanji
 * that are distinct characters of their own stay apart even where names mix them up: 齊 is the old
 * form of 斉, not of 斎 (齊藤, 斉藤 and 斎藤 are registered as different names), and 龍 and 竜 are both given
 * names. Compatibility ideographs with a canonical decomposition (塚 U+FA10, 神 U+FA19) need no
 * entry: the accent fold's NFD gives their unified form; 﨑 (U+FA11) has none, so it is listed.
 */
final class KanjiVariants {
  private static final Map<Integer, Integer> COMMON_FORM =
      Map.ofEntries(
          Map.entry(0x9AD9, (int) '高'), // 髙
          Map.entry(0xFA11, (int) '崎'), // 﨑
          Map.entry(0x5D5C, (int) '崎'), // 嵜
          Map.entry(0x5FB7, (int) '徳'), // 德
          Map.entry(0x6FF5, (int) '浜'), // 濵
          Map.entry(0x6FF1, (int) '浜'), // 濱
          Map.entry(0x908A, (int) '辺'), // 邊
          Map.entry(0x9089, (int) '辺'), // 邉
          Map.entry(0x9F4B, (int) '斎'), // 齋
          Map.entry(0x9F4A, (int) '斉'), // 齊
          Map.entry(0x6FA4, (int) '沢'), // 澤
          Map.entry(0x6AFB, (int) '桜'), // 櫻
          Map.entry(0x570B, (int) '国'), // 國
          Map.entry(0x5EE3, (int) '広'), // 廣
          Map.entry(0x90A8, (int) '村'), // 邨
          Map.entry(0x66FB, (int) '昇'), // 曻
          Map.entry(0x20BB7, (int) '吉'), // 𠮷
          Map.entry(0x771E, (int) '真'), // 眞
          Map.entry(0x60E0, (int) '恵'), // 惠
          Map.entry(0x69AE, (int) '栄'), // 榮
          Map.entry(0x6852, (int) '桑')); // 桒

  private KanjiVariants() {}

  /** The common form of {@code codePoint}, or {@code codePoint} itself when it is not a variant. */
  static int common(int codePoint) {
    return COMMON_FORM.getOrDefault(codePoint, codePoint);
  }

  /** How many variant forms {@code text} writes. */
  static int count(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp >= 0x4E00 && COMMON_FORM.containsKey(cp)) {
        count++;
      }
      i += Character.charCount(cp);
    }
    return count;
  }
}
